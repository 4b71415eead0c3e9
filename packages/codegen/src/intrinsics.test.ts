import { describe, expect, it } from "vitest";
import { INIT_OPTIONS } from "@extism-ts/engine/contract";
import { intrinsicsNamedIn } from "./intrinsics.js";

describe("intrinsicsNamedIn", () => {
  it("asks for each intrinsic the code names, in any form", () => {
    expect(intrinsicsNamedIn("const m = new Map();")).toBe(INIT_OPTIONS.mapSet);
    expect(intrinsicsNamedIn('globalThis["WeakRef"]; x instanceof Date')).toBe(INIT_OPTIONS.weakRef | INIT_OPTIONS.date);
    expect(intrinsicsNamedIn("async function f() { await g(); }")).toBe(INIT_OPTIONS.promise);
    expect(intrinsicsNamedIn('__extism_ts_native("input")')).toBe(INIT_OPTIONS.typedArrays);
  });

  it("asks for RegExp for a regular expression literal and for the String methods that build one", () => {
    expect(intrinsicsNamedIn("const ok = /a+/u.test(s);")).toBe(INIT_OPTIONS.regExp);
    expect(intrinsicsNamedIn('s.match("a")')).toBe(INIT_OPTIONS.regExp);
    expect(intrinsicsNamedIn('s.split("-").join(","); s.replaceAll("a", "b"); x / y / z')).toBe(0);
  });

  it("leaves out words in comments, template literals and longer strings", () => {
    expect(intrinsicsNamedIn("// a Map of names\nconst text = `Proxy ${a}`; const message = 'not a Date';")).toBe(0);
  });

  it("counts every occurrence in code it cannot read, where any slash may start a regular expression", () => {
    expect(intrinsicsNamedIn("const a = `unterminated Map / 2;")).toBe(INIT_OPTIONS.mapSet | INIT_OPTIONS.regExp);
  });
});
