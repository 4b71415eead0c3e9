import { describe, expect, it } from "vitest";
import { mayCompileAtRunTime } from "./index.js";
import { namesIn, typeofProbesIn } from "./names.js";
import { compilerUses } from "./compiler-uses.js";

describe("namesIn", () => {
  const wanted = new Set(["URL", "Headers", "fetch"]);
  it("finds identifiers, property names and whole string literals", () => {
    expect([...namesIn(`const u = new URL(x); globalThis.fetch(u); g["Headers"];`, wanted)].sort()).toEqual(["Headers", "URL", "fetch"]);
    expect([...namesIn(`const { URL: U } = globalThis; typeof fetch;`, wanted)].sort()).toEqual(["URL", "fetch"]);
  });
  it("leaves out words in comments, template literals and longer strings", () => {
    expect([...namesIn("// URL\n/* fetch */ const a = `Headers ${b}`; const c = 'fetch failed'; x / URLs / 2;", wanted)]).toEqual([]);
  });
});

describe("typeofProbesIn", () => {
  it("finds the words code tests with typeof, and only those", () => {
    const wanted = new Set(["Buffer", "URL"]);
    expect([...typeofProbesIn(`const hasNodeBuffer = typeof Buffer !== "undefined"; const B = hasNodeBuffer ? Buffer : Uint8Array; new URL(x);`, wanted)]).toEqual(["Buffer"]);
    expect([...typeofProbesIn(`Buffer.from(x); const t = "typeof Buffer";`, wanted)]).toEqual([]);
  });
});

describe("mayCompileAtRunTime", () => {
  it("is true for code that names eval or Function", () => {
    expect(mayCompileAtRunTime(`new Function("return 1")`)).toBe(true);
    expect(mayCompileAtRunTime(`const F = Function; new F("")`)).toBe(true);
    expect(mayCompileAtRunTime(`globalThis["eval"]("1")`)).toBe(true);
  });
  it("is false for the words in messages", () => {
    expect(mayCompileAtRunTime("const shown = `[Function: ${name}]`; const text = 'no eval here';")).toBe(false);
  });
  it("is true for every way to reach the compiler through the two names", () => {
    expect(mayCompileAtRunTime(`Function("return this")()`)).toBe(true);
    expect(mayCompileAtRunTime(`Function.apply(null, ["return 1"])`)).toBe(true);
    expect(mayCompileAtRunTime(`Function.prototype.constructor("return 1")`)).toBe(true);
    expect(mayCompileAtRunTime(`Function.prototype["constructor"]("return 1")`)).toBe(true);
    expect(mayCompileAtRunTime(`const run = x ? eval : null;`)).toBe(true);
    expect(mayCompileAtRunTime(`self.eval(code)`)).toBe(true);
    expect(mayCompileAtRunTime(`const g = { run: Function };`)).toBe(true);
  });
  it("is false for mentions that cannot reach the compiler (polyfills)", () => {
    expect(mayCompileAtRunTime(`var FunctionPrototype = Function.prototype; var call = Function.prototype.call;`)).toBe(false);
    expect(mayCompileAtRunTime(`return Function.prototype.apply.call(f, t, a); uncurryThis(Function.toString);`)).toBe(false);
    expect(mayCompileAtRunTime(`if (classofRaw(fn) === "Function") x(); switch (t) { case "Function": break; }`)).toBe(false);
    expect(mayCompileAtRunTime(`typeof eval === "function" && f instanceof Function; const o = { Function: 1, eval: 2 };`)).toBe(false);
  });
});

describe("compilerUses", () => {
  it("traces each use through the source map to its file and line", () => {
    // One generated line holding a use of Function from src/a.js line 3, column 5.
    const script = "x;\nnew Function(s);\n";
    const sourceMap = JSON.stringify({ version: 3, sources: ["src/a.js"], names: [], mappings: ";AAEI" });
    expect(compilerUses(script, sourceMap, "/p", "bundle.js")).toEqual([{ word: "Function", file: "/p/src/a.js", line: 3, column: 5 }]);
    expect(compilerUses("Function.prototype.call;", sourceMap, "/p", "bundle.js")).toEqual([]);
  });
});
