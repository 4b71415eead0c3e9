// codecs: throughput of @extism-ts/convert inside a plug-in (apps/codecs), called
// through @extism/extism 2.0.0-rc13 in this Node process.
//
// Two figures per codec, in MB/s (10^6 bytes of payload per second):
// - "in plug-in": encode + decode of a ~1 MiB value, N rounds inside one call
//   (apps/codecs `bench_*`), with a 0-round call subtracted so that moving the
//   input in and setting up the value are not counted;
// - "whole call": one `roundtrip_*` call on the payload: the host writes it in,
//   the plug-in decodes and re-encodes it, the host reads it out.
// Run standalone with `node bench/suites/codecs.mjs` after `pnpm turbo run build`.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMain, runStandalone } from "../lib/markdown.mjs";

const repoDir = join(dirname(fileURLToPath(import.meta.url)), "../..");
const wasmPath = join(repoDir, "apps/codecs/dist/plugin.wasm");
const MiB = 1024 * 1024;
const RUNS = 5;

/** Deterministic pseudo-random bytes (xorshift32), so every run measures the same payload. */
function randomBytes(length, seed = 0x2545f491) {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** ~1 MiB of UTF-8 text, mostly ASCII with 2-, 3- and 4-byte characters mixed in. */
function textPayload() {
  const line = "The quick brown fox jumps over the lazy dog; Zoë déjà vu — 你好，世界 🌍🚀\n";
  return new TextEncoder().encode(line.repeat(Math.ceil(MiB / new TextEncoder().encode(line).length)));
}

/** A ~1 MiB JSON document shaped like an API response: an array of records. */
function jsonPayload() {
  const records = [];
  let size = 2;
  for (let i = 0; size < MiB; i++) {
    const record = {
      id: i,
      uuid: `${(i * 2654435761) >>> 0}-${i.toString(36)}`,
      name: `user ${i}`,
      email: `user${i}@example.com`,
      active: i % 3 !== 0,
      score: Math.round(((i * 7919) % 10007) * 1.37) / 100,
      tags: ["alpha", "beta", "gamma"].slice(0, 1 + (i % 3)),
      address: { street: `${i} Main St`, city: "Zürich", zip: String(10000 + i) },
      history: [i, i * 2, i * 3, null],
    };
    records.push(record);
    size += JSON.stringify(record).length + 1;
  }
  return new TextEncoder().encode(JSON.stringify(records));
}

function withRounds(rounds, payload) {
  const input = new Uint8Array(4 + payload.length);
  new DataView(input.buffer).setUint32(0, rounds, true);
  input.set(payload, 4);
  return input;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function timeCall(plugin, name, input) {
  const start = performance.now();
  const output = await plugin.call(name, input);
  const ms = performance.now() - start;
  return { ms, output };
}

/** Median ms of RUNS calls, after one warm-up call. */
async function medianCall(plugin, name, input) {
  await plugin.call(name, input);
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push((await timeCall(plugin, name, input)).ms);
  return median(times);
}

const mbps = (bytes, ms) => (ms > 0 ? Number(((bytes / 1e6) / (ms / 1000)).toFixed(1)) : "n/a");

export default async function run() {
  if (!existsSync(wasmPath)) throw new Error(`${wasmPath} is missing: run \`pnpm turbo run build\` first`);
  const { default: createPlugin } = await import("extism-js-2");
  const { msgpack, base64 } = await import("@extism-ts/convert");

  const text = textPayload();
  const data = randomBytes(MiB);
  const doc = jsonPayload();
  const cases = [
    { codec: "string", payload: text, rounds: 20, call: "roundtrip_string", callInput: text },
    { codec: "bytes", payload: data, rounds: 20, call: "roundtrip_bytes", callInput: data },
    { codec: "json", payload: doc, rounds: 3, call: "roundtrip_json", callInput: doc },
    { codec: "msgpack", payload: doc, rounds: 3, call: "roundtrip_msgpack", callInput: msgpack().encode(JSON.parse(new TextDecoder().decode(doc))) },
    { codec: "base64", payload: data, rounds: 5, call: "roundtrip_base64", callInput: base64().encode(data) },
  ];

  const plugin = await createPlugin({ wasm: [{ data: readFileSync(wasmPath) }] }, { useWasi: false, runInWorker: false });
  const rows = [];
  try {
    for (const c of cases) {
      const bench = `bench_${c.codec}`;
      const check = await plugin.call(bench, withRounds(1, c.payload));
      const encodedSize = new DataView(check.bytes().buffer).getUint32(0, true);
      const base = await medianCall(plugin, bench, withRounds(0, c.payload));
      const loaded = await medianCall(plugin, bench, withRounds(c.rounds, c.payload));
      const perRound = (loaded - base) / c.rounds;
      const whole = await medianCall(plugin, c.call, c.callInput);
      rows.push({
        codec: c.codec,
        payload: `${(c.payload.length / MiB).toFixed(2)} MiB`,
        encoded: `${(encodedSize / MiB).toFixed(2)} MiB`,
        "encode+decode in plug-in": `${perRound.toFixed(2)} ms`,
        "in plug-in MB/s": c.codec === "bytes" ? "pass-through" : mbps(c.payload.length, perRound),
        "whole call": `${whole.toFixed(1)} ms`,
        "whole call MB/s": mbps(c.callInput.length, whole),
      });
    }
  } finally {
    await plugin.close();
  }
  return {
    title: `codecs: @extism-ts/convert inside a plug-in (apps/codecs), @extism/extism 2.0.0-rc13, median of ${RUNS}`,
    rows,
  };
}

if (isMain(import.meta.url)) await runStandalone(run);
