import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeError } from "./codec.js";
import { hex } from "./hex.js";
import { ascii, fromHex, toHex } from "./testing/hex.js";

const codec = hex();
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe("hex", () => {
  it("writes two lowercase digits per byte, as ASCII bytes (like Rust's hex::encode)", () => {
    expect(text(codec.encode(fromHex("00 ab ff 10")))).toBe("00abff10");
    expect(text(codec.encode(new Uint8Array()))).toBe("");
    expect(codec.name).toBe("hex");
  });

  it("reads either case", () => {
    expect(toHex(codec.decode(ascii("00AbfF10")))).toBe("00 ab ff 10");
  });

  const invalid: Array<[string, string, number]> = [
    ["abc", "odd number of hex digits (3)", 2],
    ["0g", "invalid hex digit 0x67 ('g')", 1],
    ["00 11", "invalid hex digit 0x20", 2],
    ["xyz", "invalid hex digit 0x78 ('x')", 0],
  ];
  for (const [input, reason, offset] of invalid) {
    it(`${JSON.stringify(input)}: ${reason} at byte ${offset}`, () => {
      const run = () => codec.decode(ascii(input));
      expect(run).toThrow(DecodeError);
      expect(run).toThrow(`hex: ${reason} at byte ${offset}`);
    });
  }

  it("refuses a non-Uint8Array", () => {
    expect(() => codec.encode("00" as unknown as Uint8Array)).toThrow("hex: expected a Uint8Array, got string");
  });

  it("round-trips any bytes, and agrees with Node's hex", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        const encoded = codec.encode(data);
        expect(text(encoded)).toBe(Buffer.from(data).toString("hex"));
        expect(toHex(codec.decode(encoded))).toBe(toHex(data));
        expect(toHex(codec.decode(ascii(text(encoded).toUpperCase())))).toBe(toHex(data));
      }),
    );
  });
});
