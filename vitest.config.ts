import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Plug-in projects that tests generate carry tests of their own, run by those tests.
    exclude: ["**/node_modules/**", "test/.fixtures/**"],
    pool: "forks",
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ["default", "json"],
    outputFile: { json: "test/artifacts/vitest-results.json" },
    projects: [
      {
        // `pnpm test:unit`: the code of each package on its own, in Node; no host, no browser.
        extends: true,
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "test/unit/**/*.test.ts"],
        },
      },
      {
        // Real plug-ins built with the real CLI and called from every host.
        extends: true,
        test: {
          name: "e2e",
          include: ["test/*.test.ts"],
          globalSetup: ["test/support/global-setup.ts", "test/support/chromium-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
