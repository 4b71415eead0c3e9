import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeError } from "./codec.js";
import { bool } from "./bool.js";
import { unit } from "./unit.js";
import { optional } from "./optional.js";
import { i32 } from "./numbers.js";
import { string } from "./text.js";
import { json } from "./json.js";
import { fromHex, toHex } from "./testing/hex.js";

describe("bool", () => {
  it("is one byte, 1 or 0", () => {
    expect(toHex(bool.encode(true))).toBe("01");
    expect(toHex(bool.encode(false))).toBe("00");
    expect(bool.decode(fromHex("01"))).toBe(true);
    expect(bool.decode(fromHex("00"))).toBe(false);
  });

  it("reads any non-zero byte as true, as Rust does", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 255 }), (byte) => {
      expect(bool.decode(new Uint8Array([byte]))).toBe(byte !== 0);
    }));;
  });

  it("refuses a length other than 1", () => {
    expect(() => bool.decode(new Uint8Array())).toThrow(DecodeError);
    expect(() => bool.decode(new Uint8Array())).toThrow("bool: expected 1 byte, got 0 at byte 0");
    expect(() => bool.decode(fromHex("01 00"))).toThrow("bool: expected 1 byte, got 2 at byte 1");
  });

  it("refuses a non-boolean", () => {
    expect(() => bool.encode(1 as unknown as boolean)).toThrow(TypeError);
    expect(() => bool.encode(1 as unknown as boolean)).toThrow("bool: expected a boolean, got number");
  });

  it("round-trips", () => {
    fc.assert(fc.property(fc.boolean(), (b) => {
      expect(bool.decode(bool.encode(b))).toBe(b);
    }));
  });
});

describe("unit", () => {
  it("is empty bytes", () => {
    expect(unit.encode()).toHaveLength(0);
    expect(unit.decode(new Uint8Array())).toBeUndefined();
  });

  it("refuses bytes where none belong", () => {
    expect(() => unit.decode(fromHex("00"))).toThrow(DecodeError);
    expect(() => unit.decode(fromHex("00"))).toThrow("unit: expected no bytes, got 1 at byte 0");
  });
});

describe("optional", () => {
  const maybeI32 = optional(i32);

  it("writes None as empty bytes and Some as the inner encoding", () => {
    expect(maybeI32.encode(undefined)).toHaveLength(0);
    expect(toHex(maybeI32.encode(-1))).toBe("ff ff ff ff");
    expect(maybeI32.decode(new Uint8Array())).toBeUndefined();
    expect(maybeI32.decode(fromHex("05 00 00 00"))).toBe(5);
    expect(maybeI32.name).toBe("optional(i32)");
  });

  it("passes the inner codec's errors through", () => {
    expect(() => maybeI32.decode(fromHex("05 00"))).toThrow("i32: expected 4 bytes, got 2 at byte 2");
    expect(() => maybeI32.encode(1.5)).toThrow(RangeError);
  });

  it("reads a Some whose encoding is empty back as None, as Rust's Option does", () => {
    expect(optional(string).encode("")).toHaveLength(0);
    expect(optional(string).decode(optional(string).encode(""))).toBeUndefined();
  });

  it("keeps JSON null apart from None", () => {
    const maybeJson = optional(json<null>());
    expect(new TextDecoder().decode(maybeJson.encode(null))).toBe("null");
    expect(maybeJson.decode(maybeJson.encode(null))).toBeNull();
  });

  it("round-trips", () => {
    fc.assert(fc.property(fc.option(fc.integer(), { nil: undefined }), (value) => {
      expect(maybeI32.decode(maybeI32.encode(value))).toBe(value);
    }));
    fc.assert(
      fc.property(fc.option(fc.string({ unit: "binary", minLength: 1 }), { nil: undefined }), (value) => {
        expect(optional(string).decode(optional(string).encode(value))).toBe(value);
      }),
    );
  });
});
