// Popular npm packages, unchanged, in plug-ins: each case module under
// test/npm/cases does its package's main job on fixed inputs; the same module
// runs in Node and, bundled by the real CLI, in a plug-in on two hosts, and
// the outputs must be the same bytes. test/npm/package.json pins the versions.
// Sizes (what each package adds to a plug-in) go to test/artifacts/npm-packages.json.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildFixture } from "./support/cli.js";
import { currentHosts, text } from "./support/hosts.js";
import { testDir } from "./support/paths.js";

interface NpmCase {
  /** The module under test/npm/cases. */
  file: string;
  /** The npm package it exercises (null: Node's built-in modules). */
  package: string | null;
  /** It cannot pass yet: the plug-in builds and runs, and its output differs from Node's in these lines only. */
  missing?: KnownMismatch;
  /** It reads the clock (Date.now), which needs WASI. */
  wasi?: boolean;
  /** The project config's "resolve": which build of a package to take. */
  resolve?: Record<string, string>;
  /** Intl's locales besides English the plug-in is built with (--locales). */
  locales?: string[];
}

interface KnownMismatch {
  /** What plug-ins lack that the case needs. */
  why: string;
  /** Every output line that differs, as [Node's line, the plug-in's line] ("" where one output has fewer lines). */
  lines: Array<[node: string, plugin: string]>;
}

/** The lines of the plug-in's output that differ from Node's, position by position. */
function differingLines(node: string, plugin: string): Array<[string, string]> {
  const [ours, theirs] = [node.split("\n"), plugin.split("\n")];
  return Array.from({ length: Math.max(ours.length, theirs.length) }, (_, index): [string, string] => [ours[index] ?? "", theirs[index] ?? ""]).filter(
    ([line, other]) => line !== other,
  );
}

const cases: NpmCase[] = [
  { file: "node-builtins", package: null },
  { file: "node-async", package: null },
  { file: "node-random", package: null, wasi: true },
  { file: "node-crypto", package: null },
  // Hashes only, never naming Buffer: what a plug-in that hashes strings pays.
  { file: "node-hash", package: null },
  { file: "node-url-timers", package: null },
  { file: "node-base64url", package: null },
  // The engine's own Buffer against Node's: encodings, numbers, searching, copying and Node's errors.
  { file: "node-buffer", package: null },
  { file: "zod", package: "zod" },
  { file: "ajv", package: "ajv" },
  { file: "date-fns", package: "date-fns" },
  { file: "date-fns-tz", package: "date-fns-tz" },
  // luxon reads the clock (Settings.now) whenever it makes a DateTime.
  { file: "luxon", package: "luxon", wasi: true },
  // Intl's number and text formatting, called directly as libraries call it.
  { file: "intl-format", package: null },
  { file: "dayjs", package: "dayjs" },
  { file: "marked", package: "marked" },
  { file: "markdown-it", package: "markdown-it" },
  { file: "yaml", package: "yaml" },
  { file: "js-yaml", package: "js-yaml" },
  { file: "smol-toml", package: "smol-toml" },
  { file: "mustache", package: "mustache" },
  { file: "handlebars", package: "handlebars" },
  { file: "ejs", package: "ejs" },
  // Template engines whose entry imports fs for template files: the build stubs it.
  { file: "eta", package: "eta" },
  // Its browser build reads document: the build takes the Node entry.
  { file: "nunjucks", package: "nunjucks" },
  // Its browser build reads document: the Node build, its fs stubbed; it times renders (performance.now: --wasi).
  { file: "liquidjs", package: "liquidjs", wasi: true },
  // Its browser field disables fs for its own entry; its dependencies' fs imports are stubbed.
  { file: "pug", package: "pug" },
  { file: "htmlparser2", package: "htmlparser2" },
  { file: "fast-xml-parser", package: "fast-xml-parser" },
  { file: "xml2js", package: "xml2js" },
  { file: "papaparse", package: "papaparse" },
  { file: "csv-parse", package: "csv-parse" },
  { file: "crypto-js", package: "crypto-js" },
  { file: "pako", package: "pako" },
  { file: "iconv-lite", package: "iconv-lite" },
  { file: "uuid", package: "uuid" },
  { file: "diff", package: "diff", wasi: true },
  // Its scores come from Math.pow with fractional exponents: the engine computes it as V8 does (src/math).
  { file: "fuse", package: "fuse.js" },
  { file: "protobufjs", package: "protobufjs" },
  { file: "qs", package: "qs" },
  // Its browser build draws on a canvas: the build takes the Node build (text, SVG and PNG through zlib).
  { file: "qrcode", package: "qrcode" },
  // Its browser build is cut down ("Manifest functionality disabled"), which no build can see: the config names the Node build.
  { file: "joi", package: "joi", resolve: { joi: "node" } },
  { file: "semver", package: "semver" },
  { file: "decimal", package: "decimal.js" },
  { file: "lodash", package: "lodash-es" },
  // PS256 signing needs a random salt (WASI); the other signatures are deterministic.
  { file: "jsonwebtoken", package: "jsonwebtoken", wasi: true },
  { file: "jose", package: "jose" },
  // Generated keys need randomness (WASI); the other outputs are deterministic.
  { file: "web-crypto", package: null, wasi: true },
  // Its web build (crypto.subtle HMAC) in the plug-in, its node:crypto build in Node.
  { file: "octokit-webhooks", package: "@octokit/webhooks-methods" },
  // Loads a /^(-?\d*):(-?\d*):?(-?\d*)$/v pattern, which QuickJS-NG refused before a build-time patch.
  { file: "jsonpath-plus", package: "jsonpath-plus" },
  // Its error round trip sets error.stack to the serialized value (undefined), which QuickJS-NG refused.
  { file: "superjson", package: "superjson" },
  // Number.prototype.toLocaleString in German and French: the plug-in is built with those locales.
  { file: "pretty-bytes", package: "pretty-bytes", locales: ["de-DE", "fr-FR"] },
  // ICU messages (plurals, ordinals, numbers, currencies, dates) on Intl, in German, French and English.
  { file: "intl-messageformat", package: "intl-messageformat", locales: ["de-DE", "fr-FR"] },
  // Webhook signatures (HMAC-SHA256 in JavaScript); verification reads the clock.
  { file: "standardwebhooks", package: "standardwebhooks", wasi: true },
  // Its browser build parses HTML with the page's DOM: the build takes its Node build (domino).
  { file: "turndown", package: "turndown" },
];

const versions = (JSON.parse(readFileSync(join(testDir, "npm", "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies;

function build(name: string, importLine: string, call: string, args: string[] = [], resolve?: Record<string, string>): { wasm: string; bytes: number; error?: string } {
  const run = buildFixture(
    `npm-${name}`,
    `import { plugin } from "@extism-ts/pdk";\nimport { string } from "@extism-ts/convert";\n${importLine}\nexport const main = plugin(null, string, () => ${call});\n`,
    args,
    resolve ? { projectConfig: { resolve } } : {},
  );
  if (run.status !== 0) return { wasm: run.wasm, bytes: 0, error: run.stderr };
  return { wasm: run.wasm, bytes: statSync(run.wasm).size };
}

describe("npm packages run unchanged and match Node", () => {
  // Each case builds in its own test (within the test's timeout, and only the
  // cases a run picks: `vitest run test/npm.test.ts -t jose` builds one).
  const built = new Map<string, { wasm: string; bytes: number; error?: string }>();
  const buildCase = (entry: NpmCase) => {
    if (!built.has(entry.file)) built.set(entry.file, build(entry.file, `import run from "../../npm/cases/${entry.file}.js";`, "run()", [...(entry.wasi ? ["--wasi"] : []), ...(entry.locales ? ["--locales", entry.locales.join(",")] : [])], entry.resolve));
    return built.get(entry.file)!;
  };

  // The sizes, when the run built every case.
  afterAll(() => {
    if (built.size < cases.length) return;
    const baseline = build("baseline", "", `"null"`).bytes;
    const report = cases.map((entry) => ({
      package: entry.package ?? `node built-ins (${entry.file})`,
      version: entry.package ? versions[entry.package] : null,
      addedBytes: built.get(entry.file)!.error === undefined ? built.get(entry.file)!.bytes - baseline : null,
      builds: built.get(entry.file)!.error === undefined,
      expectedFailure: entry.missing?.why ?? null,
    }));
    mkdirSync(join(testDir, "artifacts"), { recursive: true });
    writeFileSync(join(testDir, "artifacts", "npm-packages.json"), `${JSON.stringify({ baselineBytes: baseline, packages: report }, null, 2)}\n`);
  });

  it("pins every package exactly", () => {
    for (const entry of cases) if (entry.package) expect(versions[entry.package], entry.package).toMatch(/^\d+\.\d+\.\d+$/);
  });

  for (const entry of cases) {
    const name = entry.package ?? `Node's built-in modules (${entry.file})`;
    it(entry.missing ? `${name} differs from Node's output only where known (${entry.missing.why})` : `${name} gives Node's output`, async () => {
      const expected = (await (await import(`./npm/cases/${entry.file}.js`)).default()) as string;
      if (entry.missing) expect(entry.missing.lines, "a known mismatch names the lines that differ").not.toEqual([]);
      const plugin = buildCase(entry);
      expect(plugin.error).toBeUndefined();
      for (const host of currentHosts) {
        const [result] = await host.run(plugin.wasm, [{ function: "main" }], { wasi: entry.wasi ?? false });
        // text() throws when the call failed: a known mismatch is a plug-in that runs.
        if (!entry.missing) expect([host.name, text(result)]).toEqual([host.name, expected]);
        else expect([host.name, differingLines(expected, text(result))]).toEqual([host.name, entry.missing.lines]);
      }
    });
  }
});
