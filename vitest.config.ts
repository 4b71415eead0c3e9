import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    // Plug-in projects that tests generate carry tests of their own, run by those tests.
    exclude: ["**/node_modules/**", "test/.fixtures/**"],
    globalSetup: ["test/support/global-setup.ts", "test/support/chromium-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ["default", "json"],
    outputFile: { json: "test/artifacts/vitest-results.json" },
  },
});
