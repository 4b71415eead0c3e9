// The bench workloads for extism-ts: one plug-in, several exports. The AssemblyScript
// counterpart is bench/peers/as-workloads/index.ts; both answer the same inputs with the
// same outputs (bench/suites/workloads.mjs checks that before timing anything).
import { plugin, vars } from "@extism-ts/pdk";
import { i64, json, msgpack, string } from "@extism-ts/convert";
import { hostFn } from "@extism-ts/host-fn";

/** Provided by the bench host in namespace extism:host/user: returns its argument. */
const ping = hostFn<(value: bigint) => bigint>("ping", { params: ["i64"], result: "i64" });

/** Call overhead: the smallest useful call. */
export const greet = plugin(string, string, (name) => `Hello, ${name}!`);

interface VowelReport {
  count: number;
  total: number;
  vowels: string;
}

const VOWELS = "aeiouAEIOU";

/** Compute: count the vowels of the input, code unit by code unit (the AS peer does the same). */
export const count_vowels = plugin(string, json<VowelReport>(), (text) => {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 97: case 101: case 105: case 111: case 117: // a e i o u
      case 65: case 69: case 73: case 79: case 85: // A E I O U
        count++;
    }
  }
  return { count, total: count, vowels: VOWELS };
});

const VOWEL_SET = new Set(VOWELS);

/** The same count written as TypeScript users write it: for..of over the string, a Set of vowels. */
export const count_vowels_idiomatic = plugin(string, json<VowelReport>(), (text) => {
  let count = 0;
  for (const char of text) if (VOWEL_SET.has(char)) count++;
  return { count, total: count, vowels: VOWELS };
});

interface Item {
  id: number;
  name: string;
  n: number;
  [key: string]: unknown;
}

/** JSON transform: parse an array of items, add 1 to each item's "n", stringify. */
export const transform = plugin(json<Item[]>(), json<Item[]>(), (items) => {
  for (const item of items) item.n = item.n + 1;
  return items;
});

/** Vars: add 1 to the i64 var "count" and answer the new value in decimal. */
export const counter = plugin(null, string, () => {
  const count = (vars.get("count", i64) ?? 0n) + 1n;
  vars.set("count", count, i64);
  return String(count);
});

/** Host functions: call ping(i) for i in 0..n (n: decimal input), answer the sum in decimal. */
export const ping_loop = plugin(string, string, (input) => {
  const n = Number(input);
  let sum = 0n;
  for (let i = 0; i < n; i++) sum += ping(BigInt(i));
  return String(sum);
});

/** msgpack round trip (no AS peer): decode the input, encode it back. */
export const roundtrip_msgpack = plugin(msgpack(), msgpack(), (value) => value);
