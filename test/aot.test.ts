// `extism-ts build --aot`: weval compiles the plug-in's functions from the
// engine's copy of the interpreter loop (test/.weval, installed by the test
// command: scripts/install-weval.mjs). A differential test: the same plug-in
// built with and without --aot answers generated inputs with the same bytes on
// every host of the conformance matrix.
import { statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, builtFixture } from "./support/cli.js";
import { goSdk, jsSdk2, pythonSdk, text } from "./support/hosts.js";
import { specifiedResults } from "./support/modern-language.js";
import { repoRoot } from "./support/paths.js";
import { recursion, recursionKinds } from "./support/recursion.js";

const weval = { EXTISM_TS_WEVAL: join(repoRoot, "test/.weval/bin/weval") };

// Loops, jumps of every width, switch, try/catch/finally (catch targets and
// gosub returns resumed at run time), exceptions thrown through calls,
// closures, classes, generators and async functions (left to the interpreter).
const workloads = `import { plugin } from "@extism-ts/pdk";
import { json, string } from "@extism-ts/convert";

function countVowels(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 97: case 101: case 105: case 111: case 117:
      case 65: case 69: case 73: case 79: case 85:
        count++;
    }
  }
  return count;
}

function parseNumbers(text: string): { sum: number; errors: string[]; finallies: number } {
  let sum = 0;
  let finallies = 0;
  const errors: string[] = [];
  for (const word of text.split(/\\s+/)) {
    try {
      if (word.length === 0) continue;
      try {
        const value = Number(word);
        if (Number.isNaN(value)) throw new SyntaxError("not a number: " + word.slice(0, 8));
        if (value > 1000) throw new RangeError("too big");
        sum += value;
      } finally {
        finallies++;
      }
    } catch (error) {
      if (error instanceof RangeError) { sum -= 1; continue; }
      errors.push((error as Error).message);
    }
  }
  return { sum, errors: errors.slice(0, 5), finallies };
}

class Histogram {
  private counts = new Map<string, number>();
  add(key: string): this { this.counts.set(key, (this.counts.get(key) ?? 0) + 1); return this; }
  top(n: number): Array<[string, number]> { return [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n); }
}

function* chunks(text: string, size: number): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

function deep(n: number): number {
  if (n === 0) throw new Error("bottom");
  try { return deep(n - 1); } finally { if (n % 7 === 0) void 0; }
}

export const run = plugin(string, json(), async (text) => {
  const histogram = new Histogram();
  outer: for (const chunk of chunks(text, 7)) {
    for (const char of chunk) {
      if (char === "#") continue outer;
      if (char === "!") break outer;
      histogram.add(char.toLowerCase());
    }
  }
  let caught = "";
  try { deep(20); } catch (error) { caught = (error as Error).message; }
  const words = await Promise.all(text.split(" ").slice(0, 20).map(async (word) => word.length));
  return {
    vowels: countVowels(text),
    numbers: parseNumbers(text),
    top: histogram.top(5),
    caught,
    words,
    mixed: Array.from({ length: 50 }, (_, i) => (i * 0.1 + text.length) % 7).reduce((a, b) => a + b, 0),
  };
});

export const count_vowels = plugin(string, json(), (text) => ({ count: countVowels(text) }));`;

/** Seeded inputs: ASCII words and numbers, punctuation that steers the loops, non-ASCII text. */
function generatedInputs(count: number): string[] {
  let seed = 0x2545f491;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pieces = ["aeiou", "xyz", "42", "1001", "3.5", "-7", "NaN", "#", "!", "héllo", "wörld", "日本", "🎉", "AEIOU", "  ", "\n", "abc123"];
  return Array.from({ length: count }, (_, index) => {
    const length = index === 0 ? 0 : Math.floor(next() * 400);
    let text = "";
    while (text.length < length) text += pieces[Math.floor(next() * pieces.length)] + (next() < 0.5 ? " " : "");
    return text;
  });
}

const built = (name: string, source: string, args: string[]): string => builtFixture(name, source, args, { env: weval });

describe("--aot", () => {
  let compiled: string;
  let interpreted: string;
  beforeAll(() => {
    compiled = built("aot-workloads", workloads, ["--aot"]);
    interpreted = built("aot-workloads-interpreted", workloads, []);
  });

  it("adds compiled functions to the plug-in", () => {
    const speed = built("aot-workloads-speed", workloads, ["--optimize", "speed"]);
    expect(statSync(compiled).size).toBeGreaterThan(statSync(speed).size);
  });

  for (const host of [jsSdk2, pythonSdk, goSdk]) {
    it(`answers generated inputs with the bytes the interpreter gives (${host.name})`, async () => {
      const calls = generatedInputs(40).flatMap((input) => [
        { function: "run", input },
        { function: "count_vowels", input },
      ]);
      const [fast, reference] = [await host.run(compiled, calls), await host.run(interpreted, calls)];
      expect(fast.map(text)).toEqual(reference.map(text));
      expect(reference.every((result) => result.ok)).toBe(true);
    });
  }

  it("runs ES2022-ES2025 built-ins and regex syntax as the default engine does", async () => {
    const wasm = built(
      "aot-language",
      `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";
import { languageChecks } from "../../support/modern-language.ts";
export const checks = plugin(null, json(), () => languageChecks());`,
      ["--aot"],
    );
    for (const host of [jsSdk2, pythonSdk]) expect(JSON.parse(text((await host.run(wasm, [{ function: "checks" }]))[0]))).toEqual(specifiedResults);
  });

  it("throws a catchable RangeError past its stack limit, for every kind of recursion, on every host", async () => {
    const wasm = built("aot-recursion", recursion, ["--aot"]);
    for (const host of [jsSdk2, pythonSdk, goSdk]) {
      const results = await host.run(wasm, recursionKinds.map((kind) => ({ function: "deepest", input: kind })));
      expect([host.name, results.map(text)]).toEqual([host.name, recursionKinds.map(() => "RangeError: Maximum call stack size exceeded")]);
    }
  });

  it("leaves to the interpreter a function compiled bigger than a wasm engine takes (msgpack's decoder), and says how many", async () => {
    const source = `import { plugin } from "@extism-ts/pdk";
import { msgpack } from "@extism-ts/convert";
export const roundtrip = plugin(msgpack<unknown>(), msgpack<unknown>(), (value) => value);`;
    const result = buildFixture("aot-big-function", source, ["--aot"], { env: weval });
    expect([result.status, result.stdout]).toEqual([0, expect.stringMatching(/\naot: +\d+ of \d+ functions that loop compiled by weval; [1-9]\d* left to the interpreter \(weval failed on (it|them), or compiled past what a wasm engine takes in one function: 7,654,321 bytes, 50,000 locals\)\n/)]);
    const { msgpack } = await import("@extism-ts/convert");
    const codec = msgpack<unknown>();
    const value = { list: [1, -2, 3.5, 4_000_000_000], text: "héllo", nested: { yes: true, no: null } };
    for (const host of [jsSdk2, pythonSdk]) {
      const [answer] = await host.run(result.wasm, [{ function: "roundtrip", input: codec.encode(value) }]);
      expect([host.name, answer?.ok ? codec.decode(answer.output) : answer]).toEqual([host.name, value]);
    }
  });

  // pako reaches engine functions the link step keeps only while it knows which functions hold
  // their table indices (weval drops its imports, which moves every function after them); pug's
  // snapshot has more runs of data than binaryen takes as segments in one call.
  for (const name of ["pako", "pug"]) {
    it(`runs the npm suite's ${name} case as the interpreter does`, async () => {
      const source = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import run from "../../npm/cases/${name}.js";
export const main = plugin(null, string, () => run());`;
      const [fast, reference] = [built(`aot-npm-${name}`, source, ["--aot"]), built(`aot-npm-${name}-interpreted`, source, [])];
      for (const host of [jsSdk2, pythonSdk]) {
        const [compiledAnswer, interpretedAnswer] = [await host.run(fast, [{ function: "main" }]), await host.run(reference, [{ function: "main" }])];
        expect([host.name, text(compiledAnswer[0])]).toEqual([host.name, text(interpretedAnswer[0])]);
      }
    });
  }

  it("says how to install weval when it is not there", () => {
    const result = buildFixture("aot-no-weval", workloads, ["--aot"], { env: { EXTISM_TS_WEVAL: join(repoRoot, "test/.weval/bin/no-such-weval") } });
    expect([result.status, result.stderr]).toEqual([
      1,
      expect.stringContaining("--aot needs weval 0.5.1, which is not installed (looked for '" + join(repoRoot, "test/.weval/bin/no-such-weval") + "'): install it with `cargo install weval --version 0.5.1 --locked`"),
    ]);
  });

  it("refuses --optimize size, which it does not build on", () => {
    const result = buildFixture("aot-size", workloads, ["--aot", "--optimize", "size"], { env: weval });
    expect([result.status, result.stderr]).toEqual([1, expect.stringContaining("--aot compiles against the engine built for speed: leave out --optimize size")]);
  });
});
