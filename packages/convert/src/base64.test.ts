import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeError } from "./codec.js";
import { base64, base64url } from "./base64.js";
import { ascii, fromHex, toHex } from "./testing/hex.js";

const codec = base64();
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe("base64: golden vectors (RFC 4648 section 10, standard alphabet, padded)", () => {
  const vectors: Array<[string, string]> = [
    ["", ""],
    ["f", "Zg=="],
    ["fo", "Zm8="],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg=="],
    ["fooba", "Zm9vYmE="],
    ["foobar", "Zm9vYmFy"],
    ["hello", "aGVsbG8="],
  ];
  for (const [plain, encoded] of vectors) {
    it(`"${plain}" <-> "${encoded}"`, () => {
      expect(text(codec.encode(ascii(plain)))).toBe(encoded);
      expect(text(codec.decode(ascii(encoded)))).toBe(plain);
    });
  }

  it("uses + and / (not the URL-safe alphabet)", () => {
    expect(text(codec.encode(fromHex("fb ff bf")))).toBe("+/+/");
    expect(toHex(codec.decode(ascii("+/+/")))).toBe("fb ff bf");
  });

  it("writes ASCII bytes, as Rust's Base64 to_bytes gives a String", () => {
    expect(toHex(codec.encode(ascii("hello")))).toBe("61 47 56 73 62 47 38 3d");
  });
});

describe("base64: errors", () => {
  const invalid: Array<[string, string, number]> = [
    ["aGVsbG8", "7 bytes is not a multiple of 4 (padding missing?)", 4],
    ["Zg", "2 bytes is not a multiple of 4 (padding missing?)", 0],
    ["aGV*bG8=", "invalid byte 0x2a ('*')", 3],
    ["aGVs bG8=", "invalid byte 0x20", 4],
    ["aGVs\nbG8=", "invalid byte 0x0a", 4],
    ["aGVsbG8_", "invalid byte 0x5f ('_')", 7],
    ["YR==", "last symbol 0x52 ('R') has non-zero unused bits", 1],
    ["Zm9=", "last symbol 0x39 ('9') has non-zero unused bits", 2],
    ["YQ=A", "padding '=' before the end", 2],
    ["Y===", "padding '=' before the end", 1],
    ["====", "padding '=' before the end", 0],
    ["YQ==YQ==", "padding '=' before the end", 2],
  ];
  for (const [input, reason, offset] of invalid) {
    it(`${JSON.stringify(input)}: ${reason} at byte ${offset}`, () => {
      const run = () => codec.decode(ascii(input));
      expect(run).toThrow(DecodeError);
      expect(run).toThrow(`base64: ${reason} at byte ${offset}`);
    });
  }

  it("refuses a non-Uint8Array", () => {
    expect(() => codec.encode("hello" as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => codec.encode("hello" as unknown as Uint8Array)).toThrow("base64: expected a Uint8Array, got string");
  });
});

describe("base64: properties", () => {
  it("round-trips any bytes, and agrees with btoa", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const encoded = codec.encode(data);
        expect(text(encoded)).toBe(btoa(String.fromCharCode(...data)));
        expect(toHex(codec.decode(encoded))).toBe(toHex(data));
      }),
    );
  });

  // The base64 crate's STANDARD engine accepts only canonical text, so whatever
  // decodes must be exactly what encoding its bytes gives back.
  it("accepts only canonical base64: decoding then encoding gives the same text", () => {
    const symbol = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ ".split(""));
    const noisy = fc.oneof(
      fc.string({ unit: symbol, maxLength: 16 }),
      fc.uint8Array({ maxLength: 12 }).map((data) => btoa(String.fromCharCode(...data))),
      fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 12 }), fc.nat(), symbol).map(([data, at, replacement]) => {
        const encoded = btoa(String.fromCharCode(...data));
        const i = at % encoded.length;
        return encoded.slice(0, i) + replacement + encoded.slice(i + 1);
      }),
    );
    fc.assert(
      fc.property(noisy, (input) => {
        let decoded: Uint8Array;
        try {
          decoded = codec.decode(ascii(input));
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
          expect((error as DecodeError).offset).toBeDefined();
          return;
        }
        expect(text(codec.encode(decoded))).toBe(input);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("base64url: no padding, the URL-safe alphabet (RFC 4648 section 5, as in JWTs)", () => {
  const url = base64url();
  const vectors: Array<[string, string]> = [
    ["", ""],
    ["f", "Zg"],
    ["fo", "Zm8"],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg"],
    ["fooba", "Zm9vYmE"],
    ["foobar", "Zm9vYmFy"],
  ];
  for (const [plain, encoded] of vectors) {
    it(`"${plain}" <-> "${encoded}"`, () => {
      expect(text(url.encode(ascii(plain)))).toBe(encoded);
      expect(text(url.decode(ascii(encoded)))).toBe(plain);
    });
  }

  it("uses - and _ where base64 uses + and /", () => {
    expect(text(url.encode(fromHex("fb ff bf")))).toBe("-_-_");
    expect(toHex(url.decode(ascii("-_-_")))).toBe("fb ff bf");
    expect(url.name).toBe("base64url");
  });

  const invalid: Array<[string, string, number]> = [
    ["Zm9vY", "5 bytes is not a valid base64url length (4n + 1)", 4],
    ["Zg==", "padding '=' (base64url has none)", 2],
    ["Zm+v", "invalid byte 0x2b ('+')", 2],
    ["Zm/v", "invalid byte 0x2f ('/')", 2],
    ["Zh", "last symbol 0x68 ('h') has non-zero unused bits", 1],
    ["Zm9", "last symbol 0x39 ('9') has non-zero unused bits", 2],
    ["Z*9vY", "invalid byte 0x2a ('*')", 1],
  ];
  for (const [input, reason, offset] of invalid) {
    it(`${JSON.stringify(input)}: ${reason} at byte ${offset}`, () => {
      expect(() => url.decode(ascii(input))).toThrow(`base64url: ${reason} at byte ${offset}`);
    });
  }

  it("round-trips any bytes, and is base64 without padding in the URL-safe alphabet", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const encoded = text(url.encode(data));
        expect(encoded).toBe(text(codec.encode(data)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, ""));
        expect(toHex(url.decode(ascii(encoded)))).toBe(toHex(data));
      }),
    );
  });
});
