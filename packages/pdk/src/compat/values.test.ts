import { describe, expect, it } from "vitest";
import { fromI64, toArrayBuffer, toBytes, toI64 } from "./values.js";

describe("extism-js numbers", () => {
  it("gives i64 values as numbers while a double holds them exactly", () => {
    expect(fromI64(0n)).toBe(0);
    expect(fromI64(65536n)).toBe(65536);
    expect(fromI64(-1n)).toBe(-1);
    expect(fromI64(9007199254740991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(fromI64(-9007199254740991n)).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it("keeps i64 values past 2^53 as bigints instead of rounding them (extism-js rounds)", () => {
    expect(fromI64(9007199254740993n)).toBe(9007199254740993n);
    expect(fromI64(-9223372036854775808n)).toBe(-9223372036854775808n);
  });

  it("takes i64 arguments as bigints or whole numbers", () => {
    expect(toI64(42, "f")).toBe(42n);
    expect(toI64(2.9, "f")).toBe(2n);
    expect(toI64(2n ** 64n + 5n, "f")).toBe(5n);
    expect(toI64(fromI64(9007199254740993n), "f")).toBe(9007199254740993n);
    expect(() => toI64("1", "host function f, argument 1")).toThrow("host function f, argument 1: expected a number or a bigint, not string");
    expect(() => toI64(Number.NaN, "f")).toThrow(TypeError);
  });
});

describe("extism-js bytes", () => {
  it("takes strings as UTF-8, ArrayBuffers and any view of one", () => {
    expect(toBytes("zoë", "x")).toEqual(new Uint8Array([0x7a, 0x6f, 0xc3, 0xab]));
    expect(toBytes(new Uint8Array([1, 2, 3]).buffer, "x")).toEqual(new Uint8Array([1, 2, 3]));
    const view = new Uint16Array([0x0201, 0x0403]).subarray(1);
    expect(toBytes(view, "x")).toEqual(new Uint8Array([3, 4]));
    expect(() => toBytes(42 as never, "Var.set")).toThrow("Var.set: expected a string, an ArrayBuffer or a typed array, not number");
  });

  it("gives an ArrayBuffer of exactly the bytes", () => {
    const whole = new Uint8Array([1, 2, 3]);
    expect(toArrayBuffer(whole)).toBe(whole.buffer);
    const part = whole.subarray(1);
    expect(new Uint8Array(toArrayBuffer(part))).toEqual(new Uint8Array([2, 3]));
  });
});
