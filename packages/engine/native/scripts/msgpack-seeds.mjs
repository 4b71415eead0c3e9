// Writes the msgpack target's seed corpus (corpus/msgpack/msgpackr-*) with
// msgpackr, the codec's JS implementation, configured as
// packages/convert/src/msgpack.ts configures it, plus msgpackr's defaults
// (records, an extension the engine refuses). Run once; the output is checked
// in: node packages/engine/native/scripts/msgpack-seeds.mjs
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(join(import.meta.dirname, "../../../convert/package.json"));
const { Packr } = require("msgpackr");

const convertOptions = { useRecords: false, mapsAsObjects: true, variableMapSize: true, encodeUndefinedAsNil: true, skipValues: [undefined], int64AsType: "auto", copyBuffers: true };
const packr = new Packr(convertOptions);
const defaults = new Packr();

const text = (n) => "é🙂a".repeat(n);
const values = {
  scalars: [null, true, false, 0, -0, 1, -1, 127, 128, -32, -33, 255, 256, 65535, 65536, -32768, -32769, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 53 - 1, -(2 ** 53) + 1, 0.5, -1.25e-300, 1e300, NaN, Infinity, -Infinity],
  bigints: [2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 64n - 1n, 5n],
  strings: ["", "a", "x".repeat(31), "x".repeat(32), "y".repeat(255), "y".repeat(256), "z".repeat(65536), text(3), "\u0000nul", "\ud800 lone"],
  bytes: [new Uint8Array(), new Uint8Array([0, 1, 2, 255]), new Uint8Array(300).fill(7), new Uint8Array(65536).fill(9)],
  arrays: [[], [1, [2, [3, [4]]]], Array.from({ length: 16 }, (_, i) => i), new Array(65536).fill(0), [undefined, null]],
  maps: [{}, { a: 1, b: { c: [1, "2"] } }, Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, i])), JSON.parse('{"__proto__": 1, "a": {"__proto__": []}}'), { 1: "one", "01": "zero one", b: undefined }, { "é": text(1) }],
  dates: [new Date(0), new Date(1_700_000_000_123), new Date(-1), new Date(2 ** 34 * 1000), new Date(-8.64e15)],
  nested: [Array.from({ length: 1 }).reduce((inner) => ({ deep: [inner, inner] }), { leaf: true }), JSON.parse("[".repeat(1023) + "]".repeat(1023))],
};

let count = 0;
const dir = join(import.meta.dirname, "../corpus/msgpack");
const write = (name, bytes) => {
  // The target's first byte: 0 decodes the bytes, encodes the value and decodes again.
  writeFileSync(join(dir, `msgpackr-${name}`), Buffer.concat([Buffer.from([0]), bytes]));
  count++;
};
for (const [group, list] of Object.entries(values)) {
  list.forEach((value, i) => write(`${group}-${i}`, packr.pack(value)));
  // The large members once each is enough.
  if (!["strings", "bytes", "arrays"].includes(group)) write(`${group}-all`, packr.pack(list));
}
// msgpackr's own defaults: records (extension 0x72), which the engine refuses with a reason.
write("defaults-records", defaults.pack([{ a: 1, b: 2 }, { a: 3, b: 4 }]));
write("defaults-map", defaults.pack(new Map([[1, "a"], [{}, "b"]])));
console.log(`${count} seeds in ${dir}`);
