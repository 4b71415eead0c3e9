import { describe, expect, it } from "vitest";
import { mayCompileAtRunTime } from "./index.js";
import { namesIn } from "./names.js";

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

describe("mayCompileAtRunTime", () => {
  it("is true for code that names eval or Function", () => {
    expect(mayCompileAtRunTime(`new Function("return 1")`)).toBe(true);
    expect(mayCompileAtRunTime(`const F = Function; new F("")`)).toBe(true);
    expect(mayCompileAtRunTime(`globalThis["eval"]("1")`)).toBe(true);
  });
  it("is false for the words in messages", () => {
    expect(mayCompileAtRunTime("const shown = `[Function: ${name}]`; const text = 'no eval here';")).toBe(false);
  });
});
