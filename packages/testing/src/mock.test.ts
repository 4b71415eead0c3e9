import { i32, json, string, unit } from "@extism-ts/convert";
import { describe, expect, expectTypeOf, it } from "vitest";
import { invokeMock, mock, zeroOf } from "./mock.js";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("mock", () => {
  it("decodes codec arguments from bytes, records them, and encodes the result", async () => {
    const bang = mock(string, string, (text) => `${text}!`);
    expect(await invokeMock(bang, [bytes("hey")])).toEqual(bytes("hey!"));
    expect(bang.calls).toEqual([["hey"]]);
    expectTypeOf(bang.calls).toEqualTypeOf<[string][]>();
  });

  it("takes wasm values as they are: i64 as bigint, the others as numbers", async () => {
    const combine = mock([string, "i32", "i64", "f64"], json<{ total: string }>(), (text, small, big, ratio) => ({ total: `${text}:${small}:${big}:${ratio}` }));
    expectTypeOf(combine.calls).toEqualTypeOf<[string, number, bigint, number][]>();
    const result = await invokeMock(combine, [bytes("n"), -7, 2n ** 60n, 0.5]);
    expect(new TextDecoder().decode(result as Uint8Array)).toBe(`{"total":"n:-7:${2n ** 60n}:0.5"}`);
    const wasmResult = mock(["i32", "i32"], "i64", (a, b) => BigInt(a) * BigInt(b));
    expect(await invokeMock(wasmResult, [6, 7])).toBe(42n);
    const noResult = mock([], null, () => undefined);
    expect(await invokeMock(noResult, [])).toBeUndefined();
    expect(noResult.calls).toEqual([[]]);
  });

  it("awaits an async implementation and passes its rejection on", async () => {
    const slow = mock(i32, i32, async (n) => n + 1);
    expect(await invokeMock(slow, [bytes("\u0001\u0000\u0000\u0000")])).toEqual(i32.encode(2));
    const broken = mock(unit, unit, async () => {
      throw new Error("the database is down");
    });
    await expect(invokeMock(broken, [new Uint8Array()])).rejects.toThrow("the database is down");
    expect(broken.calls).toHaveLength(1);
  });

  it("gives the zero value of the result's wasm type for a failed call", () => {
    expect([zeroOf(string), zeroOf("i64"), zeroOf("i32"), zeroOf("f64"), zeroOf(null)]).toEqual([0n, 0n, 0, 0, undefined]);
  });

  it("says which parameter is not a codec or wasm type", () => {
    expect(() => mock([string, "u8" as "i32"], null, () => undefined)).toThrow('mock: parameter 2 must be a codec or one of "i32", "i64", "f32", "f64", got u8');
    expect(() => mock(string, {} as typeof string, () => "")).toThrow("mock: its result must be a codec");
  });
});
