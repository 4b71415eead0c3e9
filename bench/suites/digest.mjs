// digest: crypto.subtle.digest (the engine's native SHA-1/256/384/512) inside a
// plug-in, called through @extism/extism 2.0.0-rc13 in this Node process.
//
// One figure per algorithm, in MB/s (10^6 bytes hashed per second): a call that
// hashes a 4 MiB payload ROUNDS times, minus a call that hashes it 0 times (so
// moving the input in is not counted), over ROUNDS x 4 MiB; median of RUNS.
// Each digest is checked against Node's crypto first. Target: 100 MB/s or more.
// Run standalone with `node bench/suites/digest.mjs` after `pnpm turbo run build`.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMain, runStandalone } from "../lib/markdown.mjs";

const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const wasmPath = join(benchDir, ".out", "digest.wasm");
const MiB = 1024 * 1024;
const ROUNDS = 16;
const RUNS = 5;
const ALGORITHMS = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];

function build() {
  const cli = join(benchDir, "node_modules/@extism-ts/cli/bin/extism-ts.js");
  mkdirSync(dirname(wasmPath), { recursive: true });
  const child = spawnSync(process.execPath, [cli, "build", "index.ts", "-o", wasmPath], { cwd: join(benchDir, "workloads/digest"), encoding: "utf8" });
  if (child.status !== 0) throw new Error(`building the digest plug-in failed:\n${child.stderr}`);
}

function payload() {
  const out = new Uint8Array(4 * MiB);
  for (let i = 0, x = 0x9e3779b9; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function input(rounds, algorithm, data) {
  const bytes = new Uint8Array(5 + data.length);
  new DataView(bytes.buffer).setUint32(0, rounds, true);
  bytes[4] = algorithm;
  bytes.set(data, 5);
  return bytes;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

async function medianMs(plugin, bytes) {
  await plugin.call("digest_rounds", bytes);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await plugin.call("digest_rounds", bytes);
    times.push(performance.now() - start);
  }
  return median(times);
}

export default async function run() {
  build();
  if (!existsSync(wasmPath)) throw new Error(`${wasmPath} is missing`);
  const { default: createPlugin } = await import("extism-js-2");
  const data = payload();
  const plugin = await createPlugin({ wasm: [{ data: readFileSync(wasmPath) }] }, { useWasi: false, runInWorker: false });
  const rows = [];
  try {
    for (const [index, algorithm] of ALGORITHMS.entries()) {
      const answer = (await plugin.call("digest_rounds", input(1, index, data))).text();
      const expected = createHash(algorithm.replace("-", "").toLowerCase()).update(data).digest("hex");
      if (answer !== expected) throw new Error(`${algorithm}: the plug-in answered ${answer}, Node ${expected}`);
      const base = await medianMs(plugin, input(0, index, data));
      const loaded = await medianMs(plugin, input(ROUNDS, index, data));
      const perRound = (loaded - base) / ROUNDS;
      rows.push({
        algorithm,
        payload: `${data.length / MiB} MiB`,
        "per digest": `${perRound.toFixed(2)} ms`,
        "MB/s": Number((data.length / 1e6 / (perRound / 1000)).toFixed(1)),
        target: ">= 100 MB/s",
      });
    }
  } finally {
    await plugin.close();
  }
  return { title: `digest: crypto.subtle.digest inside a plug-in, @extism/extism 2.0.0-rc13, median of ${RUNS}`, rows };
}

if (isMain(import.meta.url)) await runStandalone(run);
