import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeError } from "./codec.js";
import { bytes } from "./bytes.js";
import { string } from "./text.js";
import { fromHex, toHex } from "./testing/hex.js";

describe("string", () => {
  it("is UTF-8 without BOM or terminator", () => {
    expect(toHex(string.encode("Zoë 🌍"))).toBe("5a 6f c3 ab 20 f0 9f 8c 8d");
    expect(string.decode(fromHex("5a 6f c3 ab 20 f0 9f 8c 8d"))).toBe("Zoë 🌍");
    expect(string.encode("")).toHaveLength(0);
    expect(string.decode(new Uint8Array())).toBe("");
  });

  it("keeps a leading BOM as text, as Rust's from_utf8 does", () => {
    expect(string.decode(fromHex("ef bb bf 41"))).toBe("\ufeffA");
  });

  it("writes a lone surrogate as U+FFFD, as TextEncoder does", () => {
    expect(toHex(string.encode("a\ud800"))).toBe("61 ef bf bd");
  });

  const invalid: Array<[string, string, number]> = [
    ["a stray continuation byte", "41 ff 42", 1],
    ["a truncated sequence", "41 42 c3", 2],
    ["an overlong encoding", "c0 80", 0],
    ["an overlong 3-byte encoding", "e0 80 80", 0],
    ["an encoded surrogate", "61 ed a0 80", 1],
    ["a code point past U+10FFFF", "f4 90 80 80", 0],
    ["a lead byte followed by ASCII", "e2 82 41", 0],
  ];
  for (const [label, hex, offset] of invalid) {
    it(`refuses ${label} with the offset of the first bad byte`, () => {
      const run = () => string.decode(fromHex(hex));
      expect(run).toThrow(DecodeError);
      expect(run).toThrow(`string: invalid UTF-8 at byte ${offset}`);
    });
  }

  it("refuses a non-string", () => {
    expect(() => string.encode(5 as unknown as string)).toThrow(TypeError);
    expect(() => string.encode(5 as unknown as string)).toThrow("string: expected a string, got number");
  });

  it("round-trips any string of whole code points", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(string.decode(string.encode(text))).toBe(text);
      }),
    );
  });

  it("accepts exactly the byte strings a fatal TextDecoder accepts, and names the first bad byte", () => {
    const reference = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    // The bytes where UTF-8's rules change: boundaries of leads, continuations, overlongs, surrogates.
    const edgy = fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xff);
    const mostlyText = fc.oneof(
      fc.uint8Array(),
      fc.array(edgy, { maxLength: 12 }).map((list) => new Uint8Array(list)),
      fc.string({ unit: "binary" }).map((text) => new TextEncoder().encode(text)),
      fc.tuple(fc.string({ unit: "binary" }), fc.nat(40), fc.integer({ min: 0x80, max: 0xff })).map(([text, at, byte]) => {
        const data = new TextEncoder().encode(text);
        if (data.length > 0) data[at % data.length] = byte;
        return data;
      }),
    );
    fc.assert(
      fc.property(mostlyText, (data) => {
        let expected: string | undefined;
        try {
          expected = reference.decode(data);
        } catch {
          expected = undefined;
        }
        if (expected !== undefined) {
          expect(string.decode(data)).toBe(expected);
          return;
        }
        try {
          string.decode(data);
          expect.unreachable();
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
          const offset = (error as DecodeError).offset!;
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThan(data.length);
          // Everything before the offset is valid; the sequence starting there is not.
          expect(() => reference.decode(data.subarray(0, offset))).not.toThrow();
          expect(() => reference.decode(data.subarray(0, Math.min(offset + 4, data.length)))).toThrow();
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("bytes", () => {
  it("passes bytes through unchanged, both ways", () => {
    const data = fromHex("00 ff 10");
    expect(bytes.encode(data)).toBe(data);
    expect(bytes.decode(data)).toBe(data);
  });

  it("refuses a non-Uint8Array", () => {
    expect(() => bytes.encode([1, 2] as unknown as Uint8Array)).toThrow("bytes: expected a Uint8Array, got array");
  });

  it("round-trips any bytes", () => {
    fc.assert(fc.property(fc.uint8Array(), (data) => {
      expect(bytes.decode(bytes.encode(data))).toEqual(data);
    }));
  });
});
