// Reads a vitest JSON report and prints `N passed, N failed, N skipped` (with a
// label after it when given); exits non-zero when anything failed or nothing ran.
// `.ci/run` and scripts/test-aot.mjs end with it.
import { readFileSync } from "node:fs";

const [file, label] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, "utf8"));
const skipped = report.numPendingTests + report.numTodoTests;
// A suite that failed without a failed test (it did not load, or a hook failed and its tests
// were skipped) counts as a failure too.
const brokenSuites = report.testResults.filter((suite) => suite.status === "failed" && !suite.assertionResults.some((test) => test.status === "failed")).length;
const failed = report.numFailedTests + brokenSuites;
console.log(`${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped${label ? ` ${label}` : ""}`);
process.exit(failed > 0 || report.numTotalTests === 0 ? 1 : 0);
