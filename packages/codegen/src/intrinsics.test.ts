import { describe, expect, it } from "vitest";
import { INTRINSICS } from "@extism-ts/engine/contract";
import { intrinsicsNamedIn } from "./intrinsics.js";

describe("intrinsicsNamedIn", () => {
  it("asks for each intrinsic the code names, in any form", () => {
    expect(intrinsicsNamedIn("const m = new Map();")).toBe(INTRINSICS.mapSet.bit);
    expect(intrinsicsNamedIn('globalThis["WeakRef"]; x instanceof Date')).toBe(INTRINSICS.weakRef.bit | INTRINSICS.date.bit);
    expect(intrinsicsNamedIn("async function f() { await g(); }")).toBe(INTRINSICS.promise.bit);
    expect(intrinsicsNamedIn('__extism_ts_native("input")')).toBe(INTRINSICS.typedArrays.bit);
  });

  it("asks for RegExp for a regular expression literal and for the String methods that build one", () => {
    expect(intrinsicsNamedIn("const ok = /a+/u.test(s);")).toBe(INTRINSICS.regExp.bit);
    expect(intrinsicsNamedIn('s.match("a")')).toBe(INTRINSICS.regExp.bit);
    expect(intrinsicsNamedIn('s.split("-").join(","); s.replaceAll("a", "b"); x / y / z')).toBe(0);
  });

  it("asks for RegExp where code may call match, matchAll or search, not where it reads a property of that name", () => {
    // A URL's search, and what code does with such a value, reach no String method.
    expect(intrinsicsNamedIn('url.search = "?q"; const q = url.search; log(url.search.slice(1), m.match === x); switch (n) { case "search": }')).toBe(0);
    const calls = ['"abc".search("b")', 's?.search?.("b")', "s.matchAll`a`", "s.search\n(x)", "s.search.call(t, x)", "f(String.prototype.search)", "const { search } = String.prototype;", 's["match"](x)', "s.match[k]"];
    for (const code of calls) expect(intrinsicsNamedIn(code), code).toBe(INTRINSICS.regExp.bit);
  });

  it("leaves out words in comments, template literals and longer strings", () => {
    expect(intrinsicsNamedIn("// a Map of names\nconst text = `Proxy ${a}`; const message = 'not a Date';")).toBe(0);
  });

  it("counts every occurrence in code it cannot read, where any slash may start a regular expression", () => {
    expect(intrinsicsNamedIn("const a = `unterminated Map / 2;")).toBe(INTRINSICS.mapSet.bit | INTRINSICS.regExp.bit);
  });
});
