// The AssemblyScript PDK counterpart of bench/workloads/ts/index.ts, compiled by
// bench/suites/workloads.mjs with asc (like bench/peers/as-greet). Same exports, same
// inputs and outputs; JSON through assemblyscript-json (pinned in bench/package.json).
import { Host, Var } from "@extism/as-pdk";
import { JSON } from "assemblyscript-json/assembly";

// Replaces AssemblyScript's default `env.abort` import (asc `--use abort=index/myAbort`).
function myAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {
  unreachable();
}

// Provided by the bench host: returns its argument.
@external("extism:host/user", "ping")
declare function ping(value: i64): i64;

function outputString(text: string): void {
  // Host.outputString sizes the output in UTF-16 code units: write UTF-8 bytes ourselves.
  Host.output(Uint8Array.wrap(String.UTF8.encode(text)));
}

export function greet(): i32 {
  outputString("Hello, " + Host.inputString() + "!");
  return 0;
}

export function count_vowels(): i32 {
  const text = Host.inputString();
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 97: case 101: case 105: case 111: case 117: // a e i o u
      case 65: case 69: case 73: case 79: case 85: // A E I O U
        count++;
    }
  }
  outputString('{"count":' + count.toString() + ',"total":' + count.toString() + ',"vowels":"aeiouAEIOU"}');
  return 0;
}

const VOWEL_SET = new Set<i32>();
const VOWEL_CODES = "aeiouAEIOU";
for (let i = 0; i < VOWEL_CODES.length; i++) VOWEL_SET.add(VOWEL_CODES.charCodeAt(i));

// count_vowels as AssemblyScript users write it with a Set (AS has no for..of over strings).
export function count_vowels_idiomatic(): i32 {
  const text = Host.inputString();
  let count = 0;
  for (let i = 0; i < text.length; i++) if (VOWEL_SET.has(text.charCodeAt(i))) count++;
  outputString('{"count":' + count.toString() + ',"total":' + count.toString() + ',"vowels":"aeiouAEIOU"}');
  return 0;
}

export function transform(): i32 {
  const items = <JSON.Arr>JSON.parse(Host.input());
  const list = items.valueOf();
  for (let i = 0; i < list.length; i++) {
    const item = <JSON.Obj>list[i];
    const n = item.getInteger("n");
    item.set<i64>("n", (n === null ? 0 : n.valueOf()) + 1);
  }
  outputString(items.stringify());
  return 0;
}

export function counter(): i32 {
  const stored = Var.get("count");
  let count: i64 = 0;
  if (stored !== null && stored.length == 8) count = load<i64>(stored.dataStart);
  count++;
  const bytes = new Uint8Array(8);
  store<i64>(bytes.dataStart, count);
  Var.set("count", bytes);
  outputString(count.toString());
  return 0;
}

export function ping_loop(): i32 {
  const n = I64.parseInt(Host.inputString());
  let sum: i64 = 0;
  for (let i: i64 = 0; i < n; i++) sum += ping(i);
  outputString(sum.toString());
  return 0;
}
