// greet: apps/greet (extism-ts) against bench/peers/as-greet (AssemblyScript PDK).
//
// Builds both plug-ins (timed), then measures them in this one Node process under
// @extism/extism 1.0.3 and 2.0.0-rc13: wasm size, create + first call, per-call time.
// Run standalone with `node bench/suites/greet.mjs` after `pnpm turbo run build`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { isMain, runStandalone } from "../lib/markdown.mjs";

const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = join(benchDir, "..");
const outDir = join(benchDir, ".out");

const INPUT = "Benjamin";
const EXPECTED = "Hello, Benjamin!";
const CREATE_WARMUPS = 2;
const CREATE_RUNS = 9;
const CALL_WARMUPS = 500;
const CALL_RUNS = 3000;
// AssemblyScript runtime for the peer: `stub` (bump allocator, no GC: the smallest and fastest
// AS setting). Set BENCH_AS_RUNTIME=incremental to measure asc's default GC runtime instead.
const AS_RUNTIME = process.env.BENCH_AS_RUNTIME || "stub";

const SDKS = [
  { label: "@extism/extism 1.0.3", module: "extism-js-1" },
  { label: "@extism/extism 2.0.0-rc13", module: "extism-js-2" },
];

/** Run a command, return its wall time in ms; throw with its output if it fails. */
function timed(command, args, cwd) {
  const start = performance.now();
  const child = spawnSync(command, args, { cwd, encoding: "utf8" });
  const ms = performance.now() - start;
  if (child.error) throw child.error;
  if (child.status !== 0) {
    throw new Error(`${[command, ...args].join(" ")} (in ${cwd}) exited with ${child.status}:\n${child.stdout}${child.stderr}`);
  }
  return ms;
}

function buildOurs() {
  const cli = join(benchDir, "node_modules/@extism-ts/cli/bin/extism-ts.js");
  if (!existsSync(join(dirname(cli), "../dist/cli.js"))) {
    throw new Error("@extism-ts/cli is not built: run `pnpm turbo run build` (or `pnpm bench`) first");
  }
  const out = join(outDir, "greet.wasm");
  const ms = timed(process.execPath, [cli, "build", "src/index.ts", "-o", out], join(repoDir, "apps/greet"));
  return { path: out, buildMs: ms, wasi: false };
}

function buildAs() {
  const asc = join(benchDir, "node_modules/assemblyscript/bin/asc.js");
  const out = join(outDir, "as-greet.wasm");
  // As the @extism/as-pdk README says: replace AS's `env.abort` import with our own function.
  const args = [asc, "index.ts", "-O3", "--runtime", AS_RUNTIME, "--use", "abort=index/myAbort", "--outFile", out];
  const ms = timed(process.execPath, args, join(benchDir, "peers/as-greet"));
  return { path: out, buildMs: ms, wasi: needsWasi(readFileSync(out)) };
}

/** A module needs WASI when it imports from wasi_snapshot_preview1 (AS does only with wasi-shim). */
function needsWasi(bytes) {
  return WebAssembly.Module.imports(new WebAssembly.Module(bytes)).some((i) => i.module.startsWith("wasi"));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function create(createPlugin, target) {
  return createPlugin({ wasm: [{ data: target.bytes }] }, { useWasi: target.wasi, runInWorker: false });
}

async function check(createPlugin, target, sdk) {
  const plugin = await create(createPlugin, target);
  try {
    const output = await plugin.call("greet", INPUT);
    const text = output ? output.text() : "<no output>";
    if (text !== EXPECTED) {
      throw new Error(`${target.name} under ${sdk.label}: greet(${JSON.stringify(INPUT)}) returned ${JSON.stringify(text)}, expected ${JSON.stringify(EXPECTED)}`);
    }
  } finally {
    await plugin.close();
  }
}

/** Median ms of createPlugin + first call, a fresh plug-in each time. */
async function createAndFirstCall(createPlugin, target) {
  for (let i = 0; i < CREATE_WARMUPS; i++) {
    const plugin = await create(createPlugin, target);
    await plugin.call("greet", INPUT);
    await plugin.close();
  }
  const times = [];
  for (let i = 0; i < CREATE_RUNS; i++) {
    const start = performance.now();
    const plugin = await create(createPlugin, target);
    await plugin.call("greet", INPUT);
    times.push(performance.now() - start);
    await plugin.close();
  }
  return median(times);
}

/** Mean µs per call over CALL_RUNS calls on one instance, after CALL_WARMUPS calls. */
async function perCall(createPlugin, target) {
  const plugin = await create(createPlugin, target);
  try {
    for (let i = 0; i < CALL_WARMUPS; i++) await plugin.call("greet", INPUT);
    const start = process.hrtime.bigint();
    for (let i = 0; i < CALL_RUNS; i++) await plugin.call("greet", INPUT);
    const ns = process.hrtime.bigint() - start;
    const last = await plugin.call("greet", INPUT);
    if (last?.text() !== EXPECTED) throw new Error(`${target.name}: wrong output after ${CALL_WARMUPS + CALL_RUNS} calls`);
    return Number(ns) / 1000 / CALL_RUNS;
  } finally {
    await plugin.close();
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const us = (n) => `${n.toFixed(2)} µs`;

function row(metric, ours, theirs, format) {
  return { metric, "extism-ts": format(ours), "AS PDK": format(theirs), ratio: (ours / theirs).toFixed(2) };
}

export default async function run() {
  mkdirSync(outDir, { recursive: true });
  const ours = { name: "extism-ts greet", ...buildOurs() };
  const as = { name: "AS PDK greet", ...buildAs() };
  for (const target of [ours, as]) target.bytes = readFileSync(target.path);

  const rows = [
    row("wasm size (raw)", ours.bytes.length, as.bytes.length, kb),
    row("wasm size (gzip -9)", gzipSync(ours.bytes, { level: 9 }).length, gzipSync(as.bytes, { level: 9 }).length, kb),
    row("build time (wall)", ours.buildMs, as.buildMs, ms),
  ];

  for (const sdk of SDKS) {
    const { default: createPlugin } = await import(sdk.module);
    for (const target of [ours, as]) await check(createPlugin, target, sdk);
    const create = [await createAndFirstCall(createPlugin, ours), await createAndFirstCall(createPlugin, as)];
    const call = [await perCall(createPlugin, ours), await perCall(createPlugin, as)];
    rows.push(row(`create + first call, ${sdk.label} (median of ${CREATE_RUNS})`, ...create, ms));
    rows.push(row(`per call, ${sdk.label} (mean of ${CALL_RUNS})`, ...call, us));
  }

  return {
    title: `greet: extism-ts vs AssemblyScript PDK (asc -O3 --runtime ${AS_RUNTIME}; WASI: ours ${ours.wasi ? "on" : "off"}, AS ${as.wasi ? "on" : "off"})`,
    rows,
  };
}

if (isMain(import.meta.url)) await runStandalone(run);
