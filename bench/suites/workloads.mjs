// workloads: the same plug-in written twice, bench/workloads/ts (extism-ts, one module with
// every export) and bench/peers/as-workloads (AssemblyScript PDK, built with asc here),
// measured under @extism/extism 2.0.0-rc13 in this Node process and under the Python SDK
// (bench/python_bench.py, run once with test/.venv/bin/python); an EJS template workload
// (bench/workloads/ejs, no AS peer); a markdown-it page (bench/workloads/markdown, no AS
// peer); and the linear memory and instance count of greet. Every extism-ts module is built
// three times, with the default engine, with `--optimize speed` and with `--aot` (weval from
// test/.weval, installed by scripts/install-weval.mjs, or EXTISM_TS_WEVAL), and all run in the
// same process.
// Returns its table and its targets (bench/run.mjs makes the targets table and chart).
// Run standalone with `node bench/suites/workloads.mjs` after `pnpm turbo run build`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import ejs from "ejs";
import { isMain, runStandalone } from "../lib/markdown.mjs";
import { helpers, TEMPLATE } from "../workloads/ejs/template.js";
import MarkdownIt from "markdown-it";
import { OPTIONS as MARKDOWN_OPTIONS, PAGE as MARKDOWN_PAGE } from "../workloads/markdown/page.js";

const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = join(benchDir, "..");
const outDir = join(benchDir, ".out");
const venvDir = join(repoDir, "test/.venv");
const pythonBin = join(venvDir, "bin/python");
// The Python SDK, pinned as in test/support/global-setup.ts (PYTHON_EXTISM), which creates
// test/.venv the same way; on a fresh machine the bench creates it first.
const PYTHON_EXTISM = "extism==1.1.1";
const AS_RUNTIME = process.env.BENCH_AS_RUNTIME || "stub";
const KiB = 1024;
const MiB = 1024 * KiB;
const GREET_CALLS_FOR_MEMORY = 10_000;
/** Instances made (one greet call each) to measure the memory one takes in a Node process. */
const INSTANCES_FOR_MEMORY = 400;
/** Below this, what one instance adds to the process is lost in the process's own noise. */
const MEMORY_NOISE = 32 * KiB;
const GiB = 1024 * MiB;
const CREATE = { function: "greet", input: "greet", warmups: 2, runs: 7 };
const CREATE_EJS = { function: "render_page", input: "ejs", warmups: 2, runs: 7 };
const CREATE_MARKDOWN = { function: "render_markdown", input: "markdown", warmups: 2, runs: 7 };

// ---------------------------------------------------------------- inputs and checks

/** ASCII prose with a known share of vowels, `length` bytes. */
function prose(length) {
  const line = "The quick brown fox jumps over the lazy dog. AEIOU and sometimes Y!\n";
  return Buffer.from(line.repeat(Math.ceil(length / line.length)).slice(0, length));
}

function countVowels(text) {
  let n = 0;
  for (const c of text) if ("aeiouAEIOU".includes(c)) n++;
  return n;
}

/** ~100 KiB JSON array of items: integers, ASCII strings, booleans, arrays, a nested object. */
function items(size) {
  const list = [];
  let length = 2;
  for (let i = 0; length < size; i++) {
    const item = { id: i, name: `item ${i}`, n: (i * 7919) % 1000, active: i % 3 !== 0, tags: ["a", "b", "c"].slice(0, 1 + (i % 3)), owner: { login: `user${i % 97}`, level: i % 5 } };
    list.push(item);
    length += JSON.stringify(item).length + 1;
  }
  return list;
}

/** The EJS template's data: a shop, a customer, an order of a dozen items, recommendations (~3 KB of JSON). */
function orderPage() {
  const item = (i) => ({
    sku: `SKU-${1000 + i}/${i % 3 ? "blue" : "red & white"}`,
    name: `Product <${i}> "${["Mug", "T-shirt", "Poster", "Notebook"][i % 4]}"`,
    note: i % 4 === 0 ? "Gift wrapped" : null,
    options: i % 3 === 0 ? [] : [{ name: "Size", value: ["S", "M", "L"][i % 3] }, { name: "Colour", value: i % 2 ? "Blue" : "Red" }],
    quantity: 1 + (i % 3),
    price: 499 + i * 250,
  });
  return {
    locale: "en",
    shop: { name: "The Example Shop", tagline: "Things & more since 1999", url: "https://shop.example" },
    customer: {
      firstName: "Zoë",
      lastName: "O'Brien",
      vip: true,
      memberSince: "2019-04-01",
      address: { lines: ["12 Long Street", "Flat 3"], zip: "8001", city: "Zürich", country: "Switzerland" },
    },
    order: {
      id: "A-2026-000123",
      date: "2026-11-24",
      status: "shipped",
      discount: 500,
      shipping: { method: "Standard", cost: 0 },
      items: Array.from({ length: 12 }, (_, i) => item(i)),
    },
    recommendations: Array.from({ length: 7 }, (_, i) => ({ sku: `REC-${i}`, name: `Recommended <${i}>`, price: 999 + i * 100, rating: i % 2 ? 4.5 - i / 10 : null })),
    footerHtml: '<footer><p class="muted">Questions? <a href="mailto:help@shop.example">help@shop.example</a></p></footer>',
  };
}

function makeInputs(msgpack) {
  mkdirSync(join(outDir, "inputs"), { recursive: true });
  const list = items(100 * KiB);
  const page = orderPage();
  const inputs = {
    greet: Buffer.from("Benjamin"),
    cv_1k: prose(KiB),
    cv_1m: prose(MiB),
    transform: Buffer.from(JSON.stringify(list)),
    counter: Buffer.alloc(0),
    ping_0: Buffer.from("0"),
    ping_10k: Buffer.from("10000"),
    msgpack: Buffer.from(msgpack.encode(list)),
    ejs: Buffer.from(JSON.stringify(page)),
    markdown: Buffer.from(MARKDOWN_PAGE),
  };
  const paths = {};
  for (const [key, data] of Object.entries(inputs)) writeFileSync((paths[key] = join(outDir, "inputs", `${key}.bin`)), data);
  const vowelReport = (data) => JSON.stringify({ count: countVowels(data.toString()), total: countVowels(data.toString()), vowels: "aeiouAEIOU" });
  const transformed = JSON.stringify(list.map((item) => ({ ...item, n: item.n + 1 })));
  // Each check gets an output's text and throws when it is wrong.
  const equal = (expected) => (text) => {
    if (text !== expected) throw new Error(`expected ${expected.slice(0, 80)}, got ${text.slice(0, 80)}`);
  };
  const checks = {
    greet: equal("Hello, Benjamin!"),
    cv_1k: (t) => equal(vowelReport(inputs.cv_1k))(JSON.stringify(JSON.parse(t))),
    cv_1m: (t) => equal(vowelReport(inputs.cv_1m))(JSON.stringify(JSON.parse(t))),
    transform: (t) => equal(transformed)(JSON.stringify(JSON.parse(t))),
    counter: (t) => { if (!/^[1-9]\d*$/.test(t)) throw new Error(`counter answered ${t}`); },
    ping_0: equal("0"),
    ping_10k: equal(String((9999 * 10000) / 2)),
    msgpack: (t, bytes) => equal(JSON.stringify(list))(JSON.stringify(msgpack.decode(bytes))),
    ejs: equal(ejs.render(TEMPLATE, { ...page, ...helpers })),
    markdown: equal(new MarkdownIt(MARKDOWN_OPTIONS).render(MARKDOWN_PAGE)),
  };
  checks.cv_idiomatic_1m = checks.cv_1m;
  inputs.cv_idiomatic_1m = inputs.cv_1m;
  paths.cv_idiomatic_1m = paths.cv_1m;
  checks.ejs_compile = checks.ejs;
  inputs.ejs_compile = inputs.ejs;
  paths.ejs_compile = paths.ejs;
  return { inputs, paths, checks };
}

// Per-call figure of a case: median over `runs` batches of (batch time / batch).
// `module` is the target module: "workloads" (ours and AS) unless it says "ejs" (ours only).
const CASES = [
  { key: "greet", function: "greet", batch: 1000, runs: 5 },
  { key: "cv_1k", function: "count_vowels", batch: 200, runs: 5 },
  { key: "cv_1m", function: "count_vowels", batch: 1, runs: 5 },
  { key: "cv_idiomatic_1m", function: "count_vowels_idiomatic", batch: 1, runs: 5 },
  { key: "transform", function: "transform", batch: 1, runs: 7 },
  { key: "counter", function: "counter", batch: 500, runs: 5 },
  { key: "ping_0", function: "ping_loop", batch: 200, runs: 5 },
  { key: "ping_10k", function: "ping_loop", batch: 2, runs: 5 },
  { key: "msgpack", function: "roundtrip_msgpack", batch: 1, runs: 5, oursOnly: true },
  { key: "ejs", function: "render_page", batch: 50, runs: 5, module: "ejs" },
  { key: "ejs_compile", function: "compile_and_render", batch: 10, runs: 5, module: "ejs" },
  { key: "markdown", function: "render_markdown", batch: 10, runs: 5, module: "markdown" },
];

const casesOf = (target) => CASES.filter((c) => (c.module ?? "workloads") === target.module && !(c.oursOnly && target.peer));

// ---------------------------------------------------------------- build

const weval = process.env.EXTISM_TS_WEVAL ?? join(repoDir, "test/.weval/bin/weval");

function timed(command, args, cwd) {
  const start = performance.now();
  const child = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * MiB, env: { ...process.env, EXTISM_TS_WEVAL: weval } });
  const ms = performance.now() - start;
  if (child.error) throw child.error;
  if (child.status !== 0) throw new Error(`${[command, ...args].join(" ")} (in ${cwd}) exited with ${child.status}:\n${child.stdout}${child.stderr}`);
  return { ms, stdout: child.stdout };
}

function build() {
  mkdirSync(outDir, { recursive: true });
  const cli = join(benchDir, "node_modules/@extism-ts/cli/bin/extism-ts.js");
  if (!existsSync(join(dirname(cli), "../dist/cli.js"))) throw new Error("@extism-ts/cli is not built: run `pnpm turbo run build` (or `pnpm bench`) first");
  // Each of our modules with the default engine, the one compiled for speed and its functions compiled by weval.
  const variants = {
    size: { suffix: "", args: [], name: "extism-ts" },
    speed: { suffix: "-speed", args: ["--optimize", "speed"], name: "extism-ts --optimize speed" },
    aot: { suffix: "-aot", args: ["--aot"], name: "extism-ts --aot" },
  };
  const ours = (name, dir, entry, module, create) =>
    Object.fromEntries(
      Object.entries(variants).map(([variant, { suffix, args, name: label }]) => {
        const path = join(outDir, `${name}${suffix}.wasm`);
        const { ms } = timed(process.execPath, [cli, "build", entry, "-o", path, ...args], dir);
        return [variant, { name: label, module, path, bytes: readFileSync(path), create, buildMs: ms }];
      }),
    );
  const workloads = ours("workloads", join(benchDir, "workloads/ts"), "index.ts", "workloads", CREATE);
  const as = join(outDir, "as-workloads.wasm");
  const asc = join(benchDir, "node_modules/assemblyscript/bin/asc.js");
  const asBuild = timed(process.execPath, [asc, "index.ts", "-O3", "--runtime", AS_RUNTIME, "--use", "abort=index/myAbort", "--outFile", as], join(benchDir, "peers/as-workloads"));
  const ejsModules = ours("ejs", join(benchDir, "workloads/ejs"), "index.ts", "ejs", CREATE_EJS);
  const markdown = ours("markdown", join(benchDir, "workloads/markdown"), "index.ts", "markdown", CREATE_MARKDOWN);
  // apps/greet as well, for the size and memory targets (a one-export plug-in without JSON or host functions).
  const greet = ours("greet-size", join(repoDir, "apps/greet"), "src/index.ts", undefined, undefined);
  return {
    ours: workloads.size,
    oursSpeed: workloads.speed,
    oursAot: workloads.aot,
    as: { name: "AS PDK", peer: true, module: "workloads", path: as, bytes: readFileSync(as), create: CREATE, buildMs: asBuild.ms },
    ejs: ejsModules.size,
    ejsSpeed: ejsModules.speed,
    ejsAot: ejsModules.aot,
    markdown: markdown.size,
    markdownSpeed: markdown.speed,
    markdownAot: markdown.aot,
    greet: greet.size,
    greetSpeed: greet.speed,
    greetAot: greet.aot,
  };
}

// ---------------------------------------------------------------- Node host

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const hostFunctions = { "extism:host/user": { ping: (_context, value) => value } };

async function nodeHost(createPlugin, target, { inputs, checks }) {
  const create = () => createPlugin({ wasm: [{ data: target.bytes }] }, { useWasi: false, runInWorker: false, functions: hostFunctions });
  const result = { cases: {} };

  const times = [];
  const first = target.create;
  for (let i = 0; i < first.warmups + first.runs; i++) {
    const start = performance.now();
    const plugin = await create();
    const output = await plugin.call(first.function, inputs[first.input]);
    const ms = performance.now() - start;
    await plugin.close();
    checks[first.input](output.text());
    if (i >= first.warmups) times.push(ms);
  }
  result.create_first_call_ms = median(times);

  const plugin = await create();
  try {
    for (const c of casesOf(target)) {
      const input = inputs[c.key];
      let output;
      for (let i = 0; i < c.batch; i++) output = await plugin.call(c.function, input);
      const runs = [];
      for (let r = 0; r < c.runs; r++) {
        const start = performance.now();
        for (let i = 0; i < c.batch; i++) output = await plugin.call(c.function, input);
        runs.push((performance.now() - start) / c.batch);
      }
      const bytes = output ? output.bytes() : new Uint8Array();
      try {
        checks[c.key](new TextDecoder().decode(bytes), bytes);
      } catch (error) {
        throw new Error(`${target.name} ${c.key} under Node: ${error.message}`);
      }
      result.cases[c.key] = { ms: median(runs) };
    }
  } finally {
    await plugin.close();
  }
  return result;
}

/** Linear memory (bytes) of a fresh instance after its first greet call and after 10,000. */
async function greetMemory(createPlugin, bytes, input) {
  const plugin = await createPlugin({ wasm: [{ data: bytes }] }, { useWasi: false, runInWorker: false, functions: hostFunctions });
  try {
    const size = async () => (await plugin.getInstance()).exports.memory.buffer.byteLength;
    await plugin.call("greet", input);
    const afterFirst = await size();
    for (let i = 1; i < GREET_CALLS_FOR_MEMORY; i++) await plugin.call("greet", input);
    return { afterFirst, afterMany: await size() };
  } finally {
    await plugin.close();
  }
}

/** A full garbage collection, so that memory freed earlier in the run does not offset what instances take. */
const collectGarbage = (() => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc");
})();

/**
 * What one more greet instance (made with createPlugin, one call) costs this Node process:
 * resident memory grown over INSTANCES_FOR_MEMORY live instances, and how many fit in 1 GiB.
 */
async function greetInstances(createPlugin, bytes, input) {
  const plugins = [];
  collectGarbage();
  const before = process.memoryUsage().rss;
  try {
    for (let i = 0; i < INSTANCES_FOR_MEMORY; i++) {
      const plugin = await createPlugin({ wasm: [{ data: bytes }] }, { useWasi: false, runInWorker: false, functions: hostFunctions });
      plugins.push(plugin);
      await plugin.call("greet", input);
    }
    collectGarbage();
    const perInstance = (process.memoryUsage().rss - before) / INSTANCES_FOR_MEMORY;
    return perInstance < MEMORY_NOISE ? { perInstance: null, perGiB: null } : { perInstance, perGiB: Math.floor(GiB / perInstance) };
  } finally {
    for (const plugin of plugins) await plugin.close();
  }
}

// ---------------------------------------------------------------- Python host

/** Make sure test/.venv exists and has the extism SDK (as the test setup does). */
function ensurePython() {
  const run = (command, args) => {
    const child = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return child.status === 0 ? child : null;
  };
  if (!existsSync(pythonBin) && !run("python3", ["-m", "venv", venvDir])) throw new Error(`cannot create ${venvDir} with python3 -m venv`);
  if (run(pythonBin, ["-c", "import extism"])) return;
  if (!run(pythonBin, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", PYTHON_EXTISM])) throw new Error(`cannot pip install ${PYTHON_EXTISM} into ${venvDir}`);
}

function pythonHost(targets, { paths, checks }) {
  ensurePython();
  const { greet, greetSpeed, greetAot, ...python } = targets;
  const request = {
    targets: Object.fromEntries(Object.entries(python).map(([name, target]) => [name, target.path])),
    create: Object.fromEntries(Object.entries(python).map(([name, target]) => [name, { ...target.create, input: paths[target.create.input] }])),
    cases: CASES.filter((c) => !c.oursOnly).map((c) => ({
      ...c,
      input: paths[c.key],
      targets: Object.keys(python).filter((name) => (python[name].module === (c.module ?? "workloads"))),
    })),
  };
  const child = spawnSync(pythonBin, [join(benchDir, "python_bench.py")], { input: JSON.stringify(request), encoding: "utf8", maxBuffer: 64 * MiB });
  if (child.error) throw child.error;
  if (child.status !== 0) throw new Error(`python_bench.py exited with ${child.status}:\n${child.stderr}`);
  const response = JSON.parse(child.stdout);
  for (const [name, result] of Object.entries(response.results)) {
    for (const [key, { output }] of Object.entries(result.cases)) {
      try {
        checks[key](output, Buffer.from(output));
      } catch (error) {
        throw new Error(`${name} ${key} under Python: ${error.message}`);
      }
    }
  }
  return { version: response.extism, ...response.results };
}

// ---------------------------------------------------------------- report

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
const fmtMs = (n) => (n < 0.001 ? `${(n * 1e6).toFixed(0)} ns` : n < 0.1 ? `${(n * 1000).toFixed(2)} µs` : `${n.toFixed(n < 10 ? 2 : 1)} ms`);
const mbps = (bytes, ms) => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
const ratio = (a, b) => (typeof a === "number" && typeof b === "number" && b > 0 ? a / b : null);
const fmtRatio = (r) => (r === null ? "n/a" : r.toFixed(2));

export default async function run() {
  const targets = build();
  const { msgpack } = await import("@extism-ts/convert");
  const data = makeInputs(msgpack());
  const { inputs } = data;

  const { default: createPlugin } = await import("extism-js-2");
  const node = {};
  for (const name of ["ours", "oursSpeed", "oursAot", "as", "ejs", "ejsSpeed", "ejsAot", "markdown", "markdownSpeed", "markdownAot"]) node[name] = await nodeHost(createPlugin, targets[name], data);
  const memory = {
    ours: await greetMemory(createPlugin, targets.greet.bytes, inputs.greet),
    as: await greetMemory(createPlugin, targets.as.bytes, inputs.greet),
    // The module issue 18 measured (every workload, msgpackr included).
    workloads: await greetMemory(createPlugin, targets.ours.bytes, inputs.greet),
  };
  const instances = {
    ours: await greetInstances(createPlugin, targets.greet.bytes, inputs.greet),
    as: await greetInstances(createPlugin, targets.as.bytes, inputs.greet),
  };
  const python = pythonHost(targets, data);

  const hosts = [
    { label: "Node, @extism/extism 2.0.0-rc13", short: "Node", r: node },
    { label: `Python, extism ${python.version}`, short: "Python", r: python },
  ];
  const pingMs = (r) => (r.cases.ping_10k.ms - r.cases.ping_0.ms) / 10_000;

  const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
  const size = [
    ["wasm size (raw)", targets.ours.bytes.length, targets.as.bytes.length, targets.oursSpeed.bytes.length, targets.oursAot.bytes.length],
    ["wasm size (gzip -9)", gzipped(targets.ours.bytes), gzipped(targets.as.bytes), gzipped(targets.oursSpeed.bytes), gzipped(targets.oursAot.bytes)],
  ];
  const rows = [];
  const ratios = {};
  const shown = (value, format) => (value === null || value === undefined ? "n/a" : format(value));
  // `speed` and `aot`: the same figure for the module built with --optimize speed and with --aot, when it has them.
  const line = (metric, host, a, b, format = fmtMs, speed = null, aot = null) => {
    rows.push({
      metric,
      host: host.short,
      "extism-ts": shown(a, format),
      "--optimize speed": shown(speed, format),
      "--aot": shown(aot, format),
      "AS PDK": shown(b, format),
      "ours/AS": fmtRatio(ratio(a, b)),
      "speed/ours": fmtRatio(ratio(speed, a)),
      "aot/ours": fmtRatio(ratio(aot, a)),
      "aot/AS": fmtRatio(ratio(aot, b)),
    });
    return ratio(a, b);
  };
  const noHost = { short: "-" };
  for (const [metric, a, b, speed, aot] of size) line(metric, noHost, a, b, kb, speed, aot);
  const sizes = (key, label) => {
    const [base, speed, aot] = ["", "Speed", "Aot"].map((suffix) => targets[`${key}${suffix}`]);
    line(`wasm size (raw), ${label}`, noHost, base.bytes.length, null, kb, speed.bytes.length, aot.bytes.length);
    line(`wasm size (gzip -9), ${label}`, noHost, gzipped(base.bytes), null, kb, gzipped(speed.bytes), gzipped(aot.bytes));
    line(`build time (wall, one extism-ts build), ${label}`, noHost, base.buildMs, null, fmtMs, speed.buildMs, aot.buildMs);
  };
  sizes("greet", "apps/greet");
  sizes("markdown", "markdown-it page");
  sizes("ejs", "EJS page");
  line("build time (wall, one build; AS: one asc run), workloads module", noHost, targets.ours.buildMs, targets.as.buildMs, fmtMs, targets.oursSpeed.buildMs, targets.oursAot.buildMs);
  for (const host of hosts) {
    const { ours, oursSpeed, oursAot, as, ejs: ejsResult, ejsSpeed, ejsAot, markdown, markdownSpeed, markdownAot } = host.r;
    const h = host.short;
    const each = (key) => [ours.cases[key].ms, as.cases[key].ms, fmtMs, oursSpeed.cases[key].ms, oursAot.cases[key].ms];
    ratios[`create_${h}`] = line(`create + first call (greet), median of ${CREATE.runs}`, host, ours.create_first_call_ms, as.create_first_call_ms, fmtMs, oursSpeed.create_first_call_ms, oursAot.create_first_call_ms);
    ratios[`greet_${h}`] = line("per call: greet", host, ...each("greet"));
    ratios[`cv1k_${h}`] = line("per call: count_vowels 1 KiB (indexed loop, switch)", host, ...each("cv_1k"));
    ratios[`cv1m_${h}`] = line("per call: count_vowels 1 MiB (indexed loop, switch)", host, ...each("cv_1m"));
    ratios[`cv1mSpeed_${h}`] = ratio(oursSpeed.cases.cv_1m.ms, as.cases.cv_1m.ms);
    ratios[`cv1mAot_${h}`] = ratio(oursAot.cases.cv_1m.ms, as.cases.cv_1m.ms);
    ratios[`cv1mAotGain_${h}`] = ratio(ours.cases.cv_1m.ms, oursAot.cases.cv_1m.ms);
    line("count_vowels 1 MiB throughput (MB/s; ratio of times)", host, ours.cases.cv_1m.ms, as.cases.cv_1m.ms, (ms) => mbps(inputs.cv_1m.length, ms), oursSpeed.cases.cv_1m.ms, oursAot.cases.cv_1m.ms);
    ratios[`cvIdiomatic_${h}`] = line("per call: count_vowels 1 MiB (for..of, Set of vowels)", host, ...each("cv_idiomatic_1m"));
    ratios[`transform_${h}`] = line(`per call: JSON transform ${(inputs.transform.length / KiB).toFixed(0)} KiB`, host, ...each("transform"));
    line("JSON transform throughput (MB/s; ratio of times)", host, ours.cases.transform.ms, as.cases.transform.ms, (ms) => mbps(inputs.transform.length, ms), oursSpeed.cases.transform.ms, oursAot.cases.transform.ms);
    ratios[`counter_${h}`] = line("per call: var counter (get + set)", host, ...each("counter"));
    ratios[`ping_${h}`] = line("host function ping (per host call: loop of 10,000 minus loop of 0)", host, pingMs(ours), pingMs(as), fmtMs, pingMs(oursSpeed), pingMs(oursAot));
    ratios[`pingAbsolute_${h}`] = pingMs(ours);
    line(`EJS page (${(inputs.ejs.length / 1000).toFixed(1)} KB JSON, ${(TEMPLATE.length / 1000).toFixed(1)} KB template): create + first render, median of ${CREATE_EJS.runs} (no AS peer)`, host, ejsResult.create_first_call_ms, null, fmtMs, ejsSpeed.create_first_call_ms, ejsAot.create_first_call_ms);
    line("EJS page: per render, template compiled at build time (no AS peer)", host, ejsResult.cases.ejs.ms, null, fmtMs, ejsSpeed.cases.ejs.ms, ejsAot.cases.ejs.ms);
    line("EJS page: per render, compiled on each call (no AS peer)", host, ejsResult.cases.ejs_compile.ms, null, fmtMs, ejsSpeed.cases.ejs_compile.ms, ejsAot.cases.ejs_compile.ms);
    line(`markdown-it page (${(inputs.markdown.length / 1000).toFixed(1)} KB): create + first render, median of ${CREATE_MARKDOWN.runs} (no AS peer)`, host, markdown.create_first_call_ms, null, fmtMs, markdownSpeed.create_first_call_ms, markdownAot.create_first_call_ms);
    line("markdown-it page: per render (no AS peer)", host, markdown.cases.markdown.ms, null, fmtMs, markdownSpeed.cases.markdown.ms, markdownAot.cases.markdown.ms);
    ratios[`markdownAotGain_${h}`] = ratio(markdown.cases.markdown.ms, markdownAot.cases.markdown.ms);
  }
  const msgpackMs = node.ours.cases.msgpack.ms;
  const msgpackSpeedMs = node.oursSpeed.cases.msgpack.ms;
  line(`msgpack round trip ${(inputs.msgpack.length / KiB).toFixed(0)} KiB (no AS peer)`, hosts[0], msgpackMs, null, (ms) => `${fmtMs(ms)} (${mbps(inputs.msgpack.length, ms)})`, msgpackSpeedMs, node.oursAot.cases.msgpack.ms);
  const pages = (bytes) => `${bytes / 65536} pages (${mb(bytes)})`;
  const nodeHostLabel = hosts[0];
  ratios.memoryFirst = line("greet linear memory after the first call (apps/greet; AS: stub runtime)", nodeHostLabel, memory.ours.afterFirst, memory.as.afterFirst, pages);
  ratios.memoryMany = line(`greet linear memory after ${GREET_CALLS_FOR_MEMORY.toLocaleString("en")} calls (the AS stub runtime never frees)`, nodeHostLabel, memory.ours.afterMany, memory.as.afterMany, pages);
  rows.push({
    metric: `greet linear memory of the workloads module (msgpackr and all): after the first call / after ${GREET_CALLS_FOR_MEMORY.toLocaleString("en")}`,
    host: "Node",
    "extism-ts": `${pages(memory.workloads.afterFirst)} / ${pages(memory.workloads.afterMany)}`,
    "AS PDK": "n/a",
    "ours/AS": "n/a",
  });
  const belowNoise = `below ${MEMORY_NOISE / KiB} KiB (noise)`;
  rows.push({
    metric: `Node process memory per greet instance (resident memory grown over ${INSTANCES_FOR_MEMORY} live instances, after a full GC)`,
    host: "Node",
    "extism-ts": instances.ours.perInstance === null ? belowNoise : mb(instances.ours.perInstance),
    "AS PDK": instances.as.perInstance === null ? belowNoise : mb(instances.as.perInstance),
    "ours/AS": fmtRatio(ratio(instances.ours.perInstance, instances.as.perInstance)),
  });
  rows.push({
    metric: "greet instances in 1 GiB: of resident memory (line above) / of linear memory after the first call",
    host: "Node",
    "extism-ts": `${instances.ours.perGiB ?? "n/a"} / ${Math.floor(GiB / memory.ours.afterFirst)}`,
    "AS PDK": `${instances.as.perGiB ?? "n/a"} / ${Math.floor(GiB / memory.as.afterFirst)}`,
    "ours/AS": "n/a",
  });

  // Targets (issue 18 and before): absolute for size, ping in Node and memory, ratios to the AS PDK for the rest.
  const targetRows = [];
  const target = (metric, goal, measured, met, bar) => targetRows.push({ metric, target: goal, measured, met, bar });
  const [raw, gz] = [size[0][1], size[1][1]];
  const greetRaw = targets.greet.bytes.length;
  const greetGz = gzipSync(targets.greet.bytes, { level: 9 }).length;
  // Absolute size targets, drawn on the chart as the ratio they allow against the AS module.
  target("wasm size raw (apps/greet module)", "≤ 400 KB", kb(greetRaw), greetRaw <= 400_000, { label: "wasm size raw (greet)", ratio: ratio(greetRaw, size[0][2]), target: 400_000 / size[0][2] });
  target("wasm size gzip -9 (apps/greet module)", "≤ 180 KB", kb(greetGz), greetGz <= 180_000, { label: "wasm size gzip -9 (greet)", ratio: ratio(greetGz, size[1][2]), target: 180_000 / size[1][2] });
  target("wasm size raw (workloads module)", "≤ 450 KB", kb(raw), raw <= 450_000, { label: "wasm size raw (workloads)", ratio: ratio(raw, size[0][2]), target: 450_000 / size[0][2] });
  target("wasm size gzip -9 (workloads module)", "≤ 180 KB", kb(gz), gz <= 180_000, { label: "wasm size gzip -9 (workloads)", ratio: ratio(gz, size[1][2]), target: 180_000 / size[1][2] });
  for (const host of hosts) {
    const h = host.short;
    const goals = [
      ["create", "create + first call", h === "Node" ? 3 : 5],
      ["greet", "per call: greet", 1.2],
      ["cv1m", "count_vowels 1 MiB", 10],
    ];
    if (h === "Python") goals.push(["ping", "host function ping", 1.5]);
    if (h === "Node") goals.push(["cv1mAot", "count_vowels 1 MiB, --aot", 10]);
    for (const [key, label, goal] of goals) {
      const r = ratios[`${key}_${h}`];
      target(`${label} (${host.label})`, `≤ ${goal}x AS`, `${fmtRatio(r)}x`, r !== null && r <= goal, { label: `${label}, ${h}`, ratio: r, target: goal });
    }
    // --aot against the default engine in the same run (issue 31): a speed-up, drawn as its inverse (time with --aot / time without).
    for (const [key, label, goal] of [["cv1mAotGain", "count_vowels 1 MiB", 2.5], ["markdownAotGain", "markdown-it page render", 1.5]]) {
      const gain = ratios[`${key}_${h}`];
      target(`${label}: --aot faster than the default engine (${host.label})`, `≥ ${goal}x`, `${fmtRatio(gain)}x`, gain !== null && gain >= goal, { label: `${label}, --aot / default, ${h}`, ratio: gain ? 1 / gain : null, target: 1 / goal });
    }
  }
  const pingNode = ratios.pingAbsolute_Node;
  target("host function ping, per call (Node, @extism/extism 2.0.0-rc13)", "≤ 0.3 µs", fmtMs(pingNode), pingNode <= 0.0003, { label: "host function ping, Node", ratio: ratios.ping_Node, target: 0.0003 / pingMs(node.as) });
  target("greet linear memory after the first call (per instance)", "≤ 1.5 MB", mb(memory.ours.afterFirst), memory.ours.afterFirst <= 1_500_000, { label: "greet memory after 1st call", ratio: ratios.memoryFirst, target: 1_500_000 / memory.as.afterFirst });
  const bars = [];
  for (const host of hosts) {
    const h = host.short;
    for (const [key, label] of [["cv1k", "count_vowels 1 KiB"], ["cv1mSpeed", "count_vowels 1 MiB, --optimize speed"], ["cvIdiomatic", "count_vowels 1 MiB for..of + Set"], ["transform", "JSON transform"], ["counter", "var counter"]]) {
      bars.push({ label: `${label}, ${h}`, ratio: ratios[`${key}_${h}`] });
    }
  }
  bars.push({ label: `greet memory after ${GREET_CALLS_FOR_MEMORY / 1000}k calls, Node`, ratio: ratios.memoryMany });

  return {
    sections: [
      {
        title: `workloads: extism-ts vs AssemblyScript PDK (asc -O3 --runtime ${AS_RUNTIME}, assemblyscript-json; WASI off; per call: median of batch means)`,
        rows,
      },
    ],
    targets: targetRows,
    bars,
  };
}

if (isMain(import.meta.url)) {
  await runStandalone(async () => {
    const result = await run();
    return { title: result.sections[0].title, rows: [...result.sections[0].rows, ...result.targets.map((t) => ({ metric: t.metric, host: "target", "extism-ts": t.measured, "AS PDK": t.target, "ours/AS": t.met ? "yes" : "no" }))] };
  });
}
