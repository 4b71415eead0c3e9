import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeError } from "./codec.js";
import { json } from "./json.js";
import { findJsonSyntaxError } from "./json-syntax.js";
import { ascii, fromHex, toHex } from "./testing/hex.js";

const codec = json();

describe("json: golden vectors", () => {
  it("writes compact UTF-8 JSON, as serde_json::to_vec does", () => {
    expect(toHex(codec.encode({ a: 1 }))).toBe("7b 22 61 22 3a 31 7d");
    expect(toHex(codec.encode("é"))).toBe("22 c3 a9 22");
    expect(new TextDecoder().decode(codec.encode({ a: 1, b: [true, null], c: "é\n" }))).toBe('{"a":1,"b":[true,null],"c":"é\\n"}');
    expect(new TextDecoder().decode(codec.encode(null))).toBe("null");
  });

  it("reads what serde_json writes, including whitespace around the value", () => {
    expect(codec.decode(fromHex("7b 22 61 22 3a 31 7d"))).toEqual({ a: 1 });
    expect(codec.decode(ascii(' \n{ "x" : [1, -2.5e3, "\\u00e9"] }\r\n'))).toEqual({ x: [1, -2500, "é"] });
  });

  it("is one shared codec, whatever its type parameter", () => {
    expect(json<{ a: number }>()).toBe(json<string>());
    expect(codec.name).toBe("json");
  });
});

describe("json: errors", () => {
  const malformed: Array<[string, string, number]> = [
    ["", "unexpected end of input, expected a value", 0],
    ["   ", "unexpected end of input, expected a value", 3],
    ['{"a":}', "unexpected '}', expected a value", 5],
    ["[1,2", "unexpected end of input, expected ',' or ']'", 4],
    ["[1,]", "unexpected ']', expected a value", 3],
    ['{"a":1} x', "unexpected 'x' after the value", 8],
    ["{a:1}", "unexpected 'a', expected a string key", 1],
    ['{"a" 1}', "unexpected '1', expected ':'", 5],
    ["[01]", "unexpected '1', expected ',' or ']'", 2],
    ["tru", "unexpected end of input, expected 'true'", 3],
    ["NaN", "unexpected 'N', expected a value", 0],
    ["1.", "unexpected end of input, expected a digit after '.'", 2],
    ['"a\tb"', "control character 0x09 in string", 2],
    ['"\\x"', "invalid escape in string", 1],
    ['"\\u12g4"', "\\u must be followed by four hex digits", 1],
    ['"abc', "unterminated string", 4],
    ["\ufeff{}", "unexpected 0xef, expected a value", 0],
  ];
  for (const [text, reason, offset] of malformed) {
    it(`${JSON.stringify(text)}: ${reason} at byte ${offset}`, () => {
      const run = () => codec.decode(ascii(text));
      expect(run).toThrow(DecodeError);
      expect(run).toThrow(`json: malformed JSON: ${reason} at byte ${offset}`);
    });
  }

  it("gives byte offsets, not character offsets", () => {
    expect(() => codec.decode(ascii('["é", x]'))).toThrow("json: malformed JSON: unexpected 'x', expected a value at byte 7");
  });

  it("refuses invalid UTF-8 before parsing", () => {
    expect(() => codec.decode(fromHex("22 ff 22"))).toThrow("json: invalid UTF-8 at byte 1");
  });

  it("refuses values JSON cannot carry, naming the codec", () => {
    expect(() => codec.encode(undefined)).toThrow(TypeError);
    expect(() => codec.encode(undefined)).toThrow("json: undefined has no JSON representation");
    expect(() => codec.encode(() => 1)).toThrow("json: function has no JSON representation");
    expect(() => codec.encode(1n)).toThrow(TypeError);
    expect(() => codec.encode(1n)).toThrow(/^json: /);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => codec.encode(cycle)).toThrow(/^json: /);
  });
});

describe("json: properties", () => {
  it("round-trips any JSON value, and writes what JSON.stringify writes", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const bytes = codec.encode(value);
        expect(toHex(bytes)).toBe(toHex(new TextEncoder().encode(JSON.stringify(value))));
        // JSON has no -0: JSON.stringify writes it as 0, and so do we.
        expect(codec.decode(bytes)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  // The error scanner must agree with JSON.parse on what is well-formed, or an
  // error would be reported without its offset, or a wrong one.
  it("finds a syntax error exactly when JSON.parse refuses the text", () => {
    const alphabet = fc.constantFrom(..."{}[],:\"\\ \n0123456789.eE+-truefalsnu".split(""));
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.nat(), fc.string({ unit: alphabet, maxLength: 3 }))
      .map(([text, at, drop, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + (drop % 3));
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated, fc.string({ unit: alphabet }), fc.string({ unit: fc.constantFrom(..."-+.eE0123456789".split("")), maxLength: 8 })), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const problem = findJsonSyntaxError(ascii(text));
        expect(problem === undefined).toBe(parses);
        if (problem) {
          expect(problem.offset).toBeGreaterThanOrEqual(0);
          expect(problem.offset).toBeLessThanOrEqual(ascii(text).length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws anything but DecodeError on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        try {
          codec.decode(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
    );
  });
});
