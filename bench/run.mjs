// `pnpm bench` (after `turbo run build`): run every bench/suites/*.mjs in this process,
// print each result as a markdown table and write them, with machine info, to
// bench/results/latest.md.
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism, release, totalmem, type } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { markdownTable, quietWasiWarning } from "./lib/markdown.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const suitesDir = join(benchDir, "suites");
const resultsFile = join(benchDir, "results", "latest.md");

// Packages whose versions the figures depend on (resolved from bench/node_modules).
const PACKAGES = [
  "@extism-ts/cli",
  "@extism-ts/pdk",
  "@extism-ts/convert",
  "@extism-ts/engine",
  "@extism/as-pdk",
  "assemblyscript",
  "extism-js-1",
  "extism-js-2",
];

function cpuModel() {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => /^model name\s*:/.test(l));
    if (line) return line.split(":").slice(1).join(":").trim();
  } catch {}
  return "unknown";
}

function packageVersion(name) {
  const candidates = [join(benchDir, "node_modules", name, "package.json")];
  // The engine is a dependency of the CLI, not of bench.
  if (name === "@extism-ts/engine") candidates.unshift(join(benchDir, "node_modules/@extism-ts/cli/node_modules", name, "package.json"));
  for (const file of candidates) {
    try {
      const pkg = JSON.parse(readFileSync(file, "utf8"));
      return pkg.name === name ? pkg.version : `${pkg.name}@${pkg.version}`;
    } catch {}
  }
  return "not installed";
}

function machineInfo() {
  return [
    `- CPU: ${cpuModel()}, ${availableParallelism()} cores`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${type()} ${release()} (${process.arch})`,
    `- Node: ${process.version}`,
    ...PACKAGES.map((name) => `- ${name}: ${packageVersion(name)}`),
  ].join("\n");
}

quietWasiWarning();
const suites = readdirSync(suitesDir).filter((f) => f.endsWith(".mjs")).sort();
if (!suites.length) throw new Error(`no suites in ${suitesDir}`);

const started = performance.now();
const sections = [];
let failed = 0;
for (const file of suites) {
  const suiteStart = performance.now();
  try {
    const { default: run } = await import(pathToFileURL(join(suitesDir, file)).href);
    if (typeof run !== "function") throw new Error(`${file} has no default export function`);
    const result = await run();
    const table = markdownTable(result);
    console.log(table);
    console.log(`(${file}: ${((performance.now() - suiteStart) / 1000).toFixed(1)} s)\n`);
    sections.push(table);
  } catch (error) {
    failed++;
    console.error(`suite ${file} failed:`, error);
  }
}
if (failed) {
  // Fail loudly and keep the last good results file.
  console.error(`${failed} suite(s) failed; ${relative(process.cwd(), resultsFile)} not updated`);
  process.exit(1);
}

const report = [
  "# extism-ts benchmarks",
  "",
  `Run with \`pnpm bench\` on ${new Date().toISOString()} (${((performance.now() - started) / 1000).toFixed(1)} s). See bench/README.md for what each figure means.`,
  "",
  ...sections,
  "## Machine",
  "",
  machineInfo(),
  "",
].join("\n");

// Write atomically: a failed or interrupted run never leaves a half-written latest.md.
writeFileSync(`${resultsFile}.tmp`, report);
renameSync(`${resultsFile}.tmp`, resultsFile);
console.log(`wrote ${relative(process.cwd(), resultsFile)}`);
