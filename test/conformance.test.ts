// The conformance matrix: every export of every app in apps/, called with the
// same inputs on four hosts (two versions of the JS SDK on V8, the Python SDK
// on the reference Rust runtime, the Go SDK on wazero), WASI off. Every host
// must give the same output bytes and the same error behaviour (ok or failed,
// with the plug-in's own message in the host's error). A host that lacks an
// import the plug-in needs is recorded as "not supported", and only when its
// load error names that import.
//
// The cases are in support/conformance/cases.ts, the running and judging in
// support/conformance/runner.ts, the document in support/conformance/render.ts.
// The test writes the matrix to test/artifacts/conformance.md and checks that
// docs/conformance.md matches it; UPDATE_CONFORMANCE=1 rewrites the doc.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, testDir } from "./support/paths.js";
import { startHttpServer, type TestServer } from "./support/http.js";
import { apps, hosts } from "./support/conformance/cases.js";
import { envImports, http, logChecks, reports, runApp, runEveryApp, wasmExports, type CaseReport } from "./support/conformance/runner.js";
import { renderMatrix } from "./support/conformance/render.js";

// ---------------------------------------------------------------------------
// The HTTP server for http-get

let server: TestServer | undefined;

beforeAll(async () => {
  server = await startHttpServer();
  http.base = server.base;
});

afterAll(() => {
  server?.stop();
});

// ---------------------------------------------------------------------------
// The tests

describe("conformance matrix", () => {
  it("covers every plug-in app in apps/ and every export of each", () => {
    // Plug-in apps are the ones whose build is `extism-ts build` (apps/ also holds a web page).
    const isPlugin = (dir: string) => {
      const manifest = join(repoRoot, "apps", dir, "package.json");
      if (!existsSync(manifest)) return false;
      const build = (JSON.parse(readFileSync(manifest, "utf8")) as { scripts?: { build?: string } }).scripts?.build ?? "";
      return /\bextism-ts build\b/.test(build);
    };
    const dirs = readdirSync(join(repoRoot, "apps"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && isPlugin(entry.name))
      .map((entry) => entry.name)
      .sort();
    expect(apps.map((spec) => spec.app).sort()).toEqual(dirs);
    for (const spec of apps) {
      const covered = [...new Set(spec.instances.flatMap((instance) => instance.cases.map((entry) => entry.fn)))].sort();
      expect(covered, `exports of apps/${spec.app}`).toEqual(wasmExports(spec.app));
    }
  });

  for (const spec of apps) {
    describe(`apps/${spec.app}`, () => {
      let perExport = new Map<string, CaseReport[]>();

      beforeAll(async () => {
        perExport = await runApp(spec);
      });

      const exportNames = [...new Set(spec.instances.flatMap((instance) => instance.cases.map((entry) => entry.fn)))];
      for (const name of exportNames) {
        it(`${name}: the same on every host`, () => {
          const failures = (perExport.get(name) ?? []).flatMap(({ entry, verdicts }) =>
            verdicts.flatMap((verdict, hostIndex) => (verdict.status === "fail" ? [`${hosts[hostIndex]!.host.name}, ${entry.label}: ${verdict.reason}`] : [])),
          );
          expect(failures).toEqual([]);
        });
      }

      it(spec.needs ? `is not supported only where the host lacks ${spec.needs}` : "loads on every host", () => {
        const appReports = [...perExport.values()].flat();
        const unsupported = hosts.filter((_, hostIndex) => appReports.some((report) => report.verdicts[hostIndex]!.status === "unsupported"));
        const expected = spec.needs ? hosts.filter((matrixHost) => matrixHost.lacks.some((name) => envImports(spec.app).includes(name))) : [];
        expect(unsupported.map((matrixHost) => matrixHost.host.name)).toEqual(expected.map((matrixHost) => matrixHost.host.name));
        if (!spec.needs) expect(envImports(spec.app).filter((name) => hosts.some((matrixHost) => matrixHost.lacks.includes(name)))).toEqual([]);
      });
    });
  }

  it("passes the plug-ins' logs on at the host's level, the same on every host", async () => {
    await runEveryApp();
    expect(logChecks.length, "no app's instance checks its logs").toBeGreaterThan(0);
    for (const check of logChecks) {
      expect(check.actual, `${check.app} logs in ${hosts[check.hostIndex]!.host.name}`).toEqual(check.expected);
    }
  }, 1_200_000);

  it("is written down in docs/conformance.md", async () => {
    await runEveryApp();
    const markdown = renderMatrix(reports);
    mkdirSync(join(testDir, "artifacts"), { recursive: true });
    writeFileSync(join(testDir, "artifacts", "conformance.md"), markdown);
    const doc = join(repoRoot, "docs", "conformance.md");
    if (process.env.UPDATE_CONFORMANCE) writeFileSync(doc, markdown);
    const committed = existsSync(doc) ? readFileSync(doc, "utf8") : "";
    expect(committed, "docs/conformance.md is out of date: rerun with UPDATE_CONFORMANCE=1 (the new matrix is in test/artifacts/conformance.md)").toBe(markdown);
  }, 1_200_000);
});
