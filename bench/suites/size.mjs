// size: what a plug-in pays for each web global, each Node module and a few
// realistic jobs, in wasm bytes (raw and gzip -9) over apps/greet's source.
//
// Every plug-in is apps/greet's `greet` export plus one use of what the row
// measures, so that a row's "added" is that thing alone. The builds run one
// after the other in this process through @extism-ts/codegen's buildPlugin
// (the CLI's pipeline without a Node start-up per build); each plug-in is
// loaded and called once before its size counts. Issue 27's targets are in
// the target column; bench/results/size.json keeps the table. The npm suite's
// packages (test/npm.test.ts's cases) get a row each too, with their growth.
// Run standalone with `node bench/suites/size.mjs` after `pnpm turbo run build`.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { buildPlugin } from "@extism-ts/codegen";
import { nodeModules } from "@extism-ts/node-compat";
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { isMain, markdownTable, runStandalone } from "../lib/markdown.mjs";

const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(benchDir, ".out", "size");
const realisticDir = join(benchDir, "workloads", "size");
const npmDir = join(benchDir, "..", "test", "npm");
const KB = 1000;

/** apps/greet, with `use` (an expression) evaluated on an input no caller sends, so that it stays in the bundle. */
function greetWith(imports, use) {
  return [
    `import { plugin } from "@extism-ts/pdk";`,
    `import { string } from "@extism-ts/convert";`,
    ...imports,
    use === undefined
      ? "export const greet = plugin(string, string, (name) => `Hello, ${name}!`);"
      : `export const greet = plugin(string, string, (name) => (name === "\\0" ? String(${use}) : \`Hello, \${name}!\`));`,
    "",
  ].join("\n");
}

// One row per web global docs/web-apis.md lists (one of each group that comes from one module and costs the same).
const WEB_GLOBALS = [
  "TextEncoder",
  "atob",
  "console",
  "navigator",
  "queueMicrotask",
  "structuredClone",
  "reportError",
  "DOMException",
  "EventTarget",
  "AbortController",
  "setTimeout",
  "performance",
  "crypto",
  "CryptoKey",
  "URL",
  "URLSearchParams",
  "URLPattern",
  "ReadableStream",
  "WritableStream",
  "TransformStream",
  "TextDecoderStream",
  "Blob",
  "File",
  "FormData",
  "Headers",
  "Request",
  "Response",
  "fetch",
  "Buffer",
  "Intl",
];

/** Issue 27's targets: raw bytes added over greet. */
const TARGETS = {
  "global URL": 60 * KB,
  "global ReadableStream": 120 * KB,
  "global Blob": 40 * KB,
  "global Buffer": 90 * KB,
  "fetch + Response + Headers": 150 * KB,
  "node:crypto createHash": 40 * KB,
};

/** Growth of a realistic plug-in: wasm bytes added over greet against the JavaScript bytes its bundle adds. */
const GROWTH_TARGET = 2.5;
/** Issue 30's target: raw bytes one more Intl locale adds. */
const LOCALE_TARGET = 60 * KB;

const MARKDOWN = "# Title\n\n*hi* <script>x()</script> [a](javascript:x) <b onclick=\"y()\">b</b>\n";

const REALISTIC = [
  { name: "fetch + JSON", file: "fetch-json.ts" },
  { name: "marked + sanitize-html", file: "markdown.ts", call: ["render", MARKDOWN], expect: sanitizeHtml(marked.parse(MARKDOWN, { async: false })) },
  {
    name: "zod",
    file: "zod.ts",
    call: ["validate", JSON.stringify({ id: "3f1c0f6e-6b4d-4f8e-9a51-0c6f8b7f2a10", email: "a@example.com", items: [{ sku: "x", quantity: 2 }] })],
    expect: JSON.stringify({ ok: true, order: { id: "3f1c0f6e-6b4d-4f8e-9a51-0c6f8b7f2a10", email: "a@example.com", items: [{ sku: "x", quantity: 2 }] } }),
  },
  { name: "handlebars", file: "handlebars.ts", call: ["render", JSON.stringify({ title: "T", items: [{ name: "a", price: 1 }] })], expect: "<h1>T</h1><ul><li>a: 1</li></ul>" },
  // jwtVerify reads the clock.
  { name: "jose", file: "jose.ts", wasi: true, call: ["token", JSON.stringify({ sub: "ann" })], expect: "ann:reader" },
];

/**
 * The npm suite's cases, read from test/npm.test.ts's `cases` list (plain
 * object literals), so that a case added there is measured here too.
 */
function npmCases() {
  const test = readFileSync(join(npmDir, "..", "npm.test.ts"), "utf8");
  const list = /\nconst cases: NpmCase\[\] = (\[[\s\S]*?\n\]);\n/.exec(test);
  if (!list) throw new Error("test/npm.test.ts: no `const cases: NpmCase[] = [...]` list to read the npm suite's cases from");
  return runInNewContext(list[1]);
}

function plugins() {
  const list = [{ name: "greet", source: greetWith([]) }];
  for (const name of WEB_GLOBALS) list.push({ name: `global ${name}`, source: greetWith([], name) });
  list.push({ name: "fetch + Response + Headers", source: greetWith([], "[fetch, Response, Headers]") });
  list.push({ name: "Buffer, global and node:buffer", source: greetWith([`import { Buffer as imported } from "node:buffer";`], "[Buffer, imported]") });
  // msgpackr, behind msgpack(), probes `typeof Buffer`.
  list.push({ name: "msgpack codec", source: greetWith([`import { msgpack } from "@extism-ts/convert";`], "msgpack().encode(name)") });
  for (const module of Object.keys(nodeModules)) {
    list.push({ name: `node:${module}`, source: greetWith([`import * as module from "node:${module}";`], "Object.keys(module)") });
  }
  list.push({ name: "node:crypto createHash", source: greetWith([`import { createHash } from "node:crypto";`], `createHash("sha256").update(name).digest("hex")`) });
  // Intl with locales besides English (--locales): what each adds over Intl alone is issue 30's target.
  for (const locales of [["de-DE"], ["fr-FR"], ["ja"], ["de-DE", "fr-FR"]]) {
    list.push({ name: `Intl + ${locales.join(",")}`, source: greetWith([], "Intl"), locales, over: "global Intl" });
  }
  for (const entry of REALISTIC) list.push({ ...entry, entry: join(realisticDir, entry.file), realistic: true });
  for (const { file, wasi, resolve, locales, missing } of npmCases()) {
    const module = join(npmDir, "cases", `${file}.js`);
    list.push({
      name: `npm ${file}`,
      source: [`import { plugin } from "@extism-ts/pdk";`, `import { string } from "@extism-ts/convert";`, `import run from ${JSON.stringify(module)};`, "export const main = plugin(null, string, () => run());", ""].join("\n"),
      wasi,
      resolve,
      locales,
      npm: { module, compare: missing === undefined && !wasi },
    });
  }
  return list;
}

async function check(createPlugin, wasm, wasi, [fn, input], expected) {
  const plugin = await createPlugin({ wasm: [{ data: wasm }] }, { useWasi: wasi, runInWorker: false });
  try {
    if (fn === undefined) return;
    const answer = (await plugin.call(fn, input))?.text();
    // undefined: the call has only to succeed (a known mismatch, or output that depends on the clock or randomness).
    if (expected !== undefined && answer !== expected) throw new Error(`${fn}(${JSON.stringify(input)}) answered ${JSON.stringify(answer)}, expected ${JSON.stringify(expected)}`);
  } finally {
    await plugin.close();
  }
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

export default async function run() {
  const { default: createPlugin } = await import("extism-js-2");
  mkdirSync(outDir, { recursive: true });
  const built = [];
  // BENCH_SIZE_ROWS (a regular expression) builds only the rows it matches, and greet: for working on one row.
  const only = process.env.BENCH_SIZE_ROWS === undefined ? undefined : new RegExp(process.env.BENCH_SIZE_ROWS);
  for (const plugin of plugins().filter((p) => only === undefined || p.name === "greet" || only.test(p.name))) {
    const slug = plugin.name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
    const entry = plugin.entry ?? join(outDir, `${slug}.ts`);
    if (plugin.source !== undefined) writeFileSync(entry, plugin.source);
    const output = join(outDir, `${slug}.wasm`);
    let result;
    try {
      result = await buildPlugin({ entry, output, wasi: plugin.wasi ?? false, ...(plugin.locales ? { locales: plugin.locales } : {}), ...(plugin.resolve ? { resolve: plugin.resolve } : {}) });
    } catch (error) {
      throw new Error(`building ${plugin.name}: ${error.message}`);
    }
    const wasm = readFileSync(output);
    try {
      const expected = plugin.npm ? (plugin.npm.compare ? await (await import(plugin.npm.module)).default() : undefined) : (plugin.expect ?? "Hello, Benjamin!");
      await check(createPlugin, wasm, plugin.wasi ?? false, plugin.npm ? ["main", ""] : (plugin.call ?? (plugin.realistic ? [] : ["greet", "Benjamin"])), expected);
    } catch (error) {
      throw new Error(`${plugin.name}: ${error.message}`);
    }
    built.push({
      ...plugin,
      raw: wasm.length,
      gzip: gzipSync(wasm, { level: 9 }).length,
      javascript: result.modules.reduce((sum, module) => sum + module.bytes, 0),
      compiler: result.compiler,
    });
  }
  const greet = built[0];
  const rows = [];
  const targets = [];
  const growths = [];
  const npmGrowths = [];
  for (const plugin of built) {
    const added = plugin.raw - greet.raw;
    const addedJs = plugin.javascript - greet.javascript;
    const growth = (plugin.realistic || plugin.npm) && addedJs > 0 ? added / addedJs : undefined;
    if (growth !== undefined) (plugin.npm ? npmGrowths : growths).push(growth);
    const target = TARGETS[plugin.name];
    const met = target === undefined ? undefined : added <= target;
    const base = plugin.over === undefined ? undefined : built.find((other) => other.name === plugin.over);
    if (base !== undefined) {
      // Each locale's share: over Intl alone, or over the row with one locale fewer.
      const over = built.find((other) => other.over !== undefined && other.locales.length === plugin.locales.length - 1 && plugin.locales.includes(other.locales[0])) ?? base;
      const each = (plugin.raw - over.raw) / (plugin.locales.length - (over.locales?.length ?? 0));
      targets.push({ metric: `size: ${plugin.name} adds over ${over.name} (raw, per locale)`, target: `<= ${kb(LOCALE_TARGET)}`, measured: kb(each), met: each <= LOCALE_TARGET, bar: { label: `${plugin.name} per locale / target`, ratio: each / LOCALE_TARGET, target: 1 } });
    }
    if (target !== undefined) targets.push({ metric: `size: ${plugin.name} adds (raw)`, target: `<= ${kb(target)}`, measured: kb(added), met, bar: { label: `${plugin.name} added / target`, ratio: added / target, target: 1 } });
    rows.push({
      "plug-in": plugin.name,
      raw: plugin.raw,
      gzip: plugin.gzip,
      "added raw": added,
      "added gzip": plugin.gzip - greet.gzip,
      "JS added": addedJs,
      growth: growth === undefined ? "" : `${growth.toFixed(2)}x`,
      compiler: plugin.compiler ? "kept" : "",
      target: target === undefined ? "" : `<= ${kb(target)}`,
      status: met === undefined ? "" : met ? "met" : "missed",
    });
  }
  const medianOf = (values) => [...values].sort((a, b) => a - b)[(values.length - 1) >> 1];
  const medians = [
    { set: "realistic set", key: "realistic", median: medianOf(growths) },
    { set: "npm suite's packages", key: "npm", median: medianOf(npmGrowths) },
  ].filter(({ median }) => median !== undefined);
  for (const { set, key, median } of medians) {
    targets.push({ metric: `size: ${set}, median growth (wasm added / JS added)`, target: `<= ${GROWTH_TARGET}x`, measured: `${median.toFixed(2)}x`, met: median <= GROWTH_TARGET, bar: { label: `${key} growth median / target`, ratio: median / GROWTH_TARGET, target: 1 } });
  }
  const section = {
    title:
      `size: bytes a plug-in adds over apps/greet (${kb(greet.raw)} raw, ${kb(greet.gzip)} gzip -9; KB = 1000 bytes)` +
      medians.map(({ set, median }) => `; ${set}${set.endsWith("s") ? "'" : "'s"} median growth ${median.toFixed(2)}x (target <= ${GROWTH_TARGET}x: ${median <= GROWTH_TARGET ? "met" : "missed"})`).join(""),
    rows,
  };
  const json = { greet: { raw: greet.raw, gzip: greet.gzip }, rows: built.map(({ name, raw, gzip, javascript, compiler }) => ({ name, raw, gzip, javascript, compiler })), targets };
  return { ...section, files: { "size.json": `${JSON.stringify(json, null, 2)}\n`, "size.md": markdownTable(section) }, targets };
}

if (isMain(import.meta.url)) {
  // On its own, the suite writes its files too (bench/run.mjs does that for a whole run).
  await runStandalone(async () => {
    const result = await run();
    for (const [name, content] of Object.entries(result.files)) {
      const path = join(benchDir, "results", name);
      writeFileSync(`${path}.tmp`, content);
      renameSync(`${path}.tmp`, path);
    }
    return result;
  });
}
