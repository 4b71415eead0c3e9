import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeError } from "./codec.js";
import { msgpack } from "./msgpack.js";
import { MAX_DEPTH } from "./msgpack-scan.js";
import { fromHex, toHex } from "./testing/hex.js";
import { rmpEncode, type RmpValue } from "./testing/rmp.js";
import { msgpackValues } from "./testing/arbitraries.js";

const codec = msgpack();
const enc = (value: unknown): string => toHex(codec.encode(value));
const dec = (hex: string): unknown => codec.decode(fromHex(hex));

describe("msgpack: golden vectors", () => {
  it("writes an object as a plain map, never msgpackr's record extension", () => {
    expect(enc({ a: 1 })).toBe("81 a1 61 01");
    expect(dec("81 a1 61 01")).toEqual({ a: 1 });
    expect(enc({})).toBe("80");
  });

  it("reads rmp-serde's compact form (to_vec writes structs as arrays) as an array", () => {
    // struct Point { x: i32, y: i32 }, Point { x: 1, y: 2 }
    expect(dec("92 01 02")).toEqual([1, 2]);
    // struct User { name: String, age: u8, tags: Vec<String>, id: u64 } with id = u64::MAX
    expect(dec("94 a3 42 6f 62 1e 92 a1 61 a1 62 cf ff ff ff ff ff ff ff ff")).toEqual(["Bob", 30, ["a", "b"], 2n ** 64n - 1n]);
  });

  it("reads and writes rmp-serde's named form (to_vec_named) as an object", () => {
    const named = "82 a4 6e 61 6d 65 a3 42 6f 62 a3 61 67 65 1e";
    expect(dec(named)).toEqual({ name: "Bob", age: 30 });
    expect(enc({ name: "Bob", age: 30 })).toBe(named);
  });

  it("maps Option and unit enum variants as rmp-serde writes them", () => {
    expect(dec("c0")).toBeNull(); // None
    expect(dec("a3 52 65 64")).toBe("Red"); // Color::Red
    expect(dec("81 a4 53 6f 6d 65 05")).toEqual({ Some: 5 }); // a newtype variant
  });

  const integers: Array<[number | bigint, string]> = [
    [0, "00"],
    [127, "7f"],
    [128, "cc 80"],
    [255, "cc ff"],
    [256, "cd 01 00"],
    [65536, "ce 00 01 00 00"],
    [4294967295, "ce ff ff ff ff"],
    [-1, "ff"],
    [-32, "e0"],
    [-33, "d0 df"],
    [-129, "d1 ff 7f"],
    [-32769, "d2 ff ff 7f ff"],
    [-2147483649, "d3 ff ff ff ff 7f ff ff ff"],
    // rmp writes uint 64 (cf) here; int 64 decodes to the same u64 in Rust.
    [4294967296, "d3 00 00 00 01 00 00 00 00"],
    [Number.MAX_SAFE_INTEGER, "d3 00 1f ff ff ff ff ff ff"],
    [5n, "05"],
    [-(2n ** 63n), "d3 80 00 00 00 00 00 00 00"],
    [2n ** 63n, "cf 80 00 00 00 00 00 00 00"],
    [2n ** 64n - 1n, "cf ff ff ff ff ff ff ff ff"],
  ];
  for (const [value, hex] of integers) {
    it(`writes the integer ${String(value)} in rmp's smallest form: ${hex}`, () => {
      expect(enc(value)).toBe(hex);
    });
  }

  it("reads every integer width, as a number within ±2^53 and a bigint beyond", () => {
    expect(dec("cf 00 00 00 01 00 00 00 00")).toBe(4294967296);
    expect(dec("cf 00 20 00 00 00 00 00 01")).toBe(2n ** 53n + 1n);
    expect(dec("d3 ff df ff ff ff ff ff ff")).toBe(-(2n ** 53n) - 1n);
    expect(dec("d3 00 00 00 00 00 00 00 05")).toBe(5);
    expect(dec("d0 80")).toBe(-128);
    expect(dec("cd ff ff")).toBe(65535);
  });

  it("writes non-integers as float 64 and reads float 32 too", () => {
    expect(enc(1.5)).toBe("cb 3f f8 00 00 00 00 00 00");
    expect(enc(NaN)).toBe("cb 7f f8 00 00 00 00 00 00");
    expect(dec("ca 3f c0 00 00")).toBe(1.5);
  });

  it("uses the smallest string, array and map headers", () => {
    expect(enc("")).toBe("a0");
    expect(enc("x".repeat(31)).slice(0, 2)).toBe("bf");
    expect(enc("x".repeat(32)).slice(0, 5)).toBe("d9 20");
    expect(enc("é".repeat(128)).slice(0, 8)).toBe("da 01 00");
    expect(enc(new Array(16).fill(0)).slice(0, 8)).toBe("dc 00 10");
    const sixteen = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, i]));
    expect(enc(sixteen).slice(0, 8)).toBe("de 00 10");
  });

  it("carries bytes as bin, read back as a plain Uint8Array", () => {
    expect(enc(fromHex("01 02"))).toBe("c4 02 01 02");
    const decoded = dec("c4 02 01 02");
    expect(decoded).toEqual(fromHex("01 02"));
    expect((decoded as Uint8Array).constructor).toBe(Uint8Array);
  });

  it("writes undefined as nil, and skips undefined properties as JSON.stringify does", () => {
    expect(enc(undefined)).toBe("c0");
    expect(enc([undefined])).toBe("91 c0");
    expect(enc({ x: undefined, y: 1 })).toBe("81 a1 79 01");
  });

  it("writes a Map as a map and a Date as the standard timestamp extension", () => {
    expect(enc(new Map([["k", 1]]))).toBe("81 a1 6b 01");
    expect(enc(new Date(0))).toBe("d6 ff 00 00 00 00");
    expect(dec("d6 ff 00 00 00 01")).toEqual(new Date(1000));
  });

  it("takes and gives plain Uint8Arrays, whatever subclass comes in", () => {
    class Sub extends Uint8Array {}
    expect(codec.decode(new Sub([0x81, 0xa1, 0x61, 0x01]))).toEqual({ a: 1 });
    expect(codec.encode({ a: 1 }).constructor).toBe(Uint8Array);
  });

  it("is one shared codec", () => {
    expect(msgpack<{ a: number }>()).toBe(msgpack<string>());
    expect(codec.name).toBe("msgpack");
  });
});

describe("msgpack: errors", () => {
  const malformed: Array<[string, string, string, number]> = [
    ["trailing bytes", "81 a1 61 01 00", "1 trailing byte after the value", 4],
    ["more trailing bytes", "01 02 03", "2 trailing bytes after the value", 1],
    ["no bytes", "", "unexpected end of input", 0],
    ["a short array", "92 01", "truncated: array of 2 items, 1 byte left", 2],
    ["an array past the end", "93 01 02 03 04", "1 trailing byte after the value", 4],
    ["a short map", "82 a1 61 01 a1 62", "unexpected end of input", 6],
    ["0xc1", "91 c1", "0xc1 is not a MessagePack type", 1],
    ["invalid UTF-8 in a string", "a3 61 ff fe", "invalid UTF-8 in string", 2],
    ["a string past the end", "d9 05 61", "truncated string", 3],
    ["a length past the end", "d9", "truncated length", 1],
    ["a float past the end", "cb 00 00", "truncated float 64", 3],
    ["binary past the end", "c4 05 00", "truncated binary", 3],
    ["an unknown extension", "d5 05 00 00", "unsupported extension type 5", 0],
    ["msgpackr's undefined extension", "d4 00 00", "unsupported extension type 0", 0],
    ["msgpackr's record extension", "d4 72 00", "unsupported extension type 114", 0],
    ["a timestamp of the wrong size", "d5 ff 00 00", "timestamp extension must be 4, 8 or 12 bytes, got 2", 0],
    ["an array longer than the input", "dc ff ff 01", "truncated: array of 65535 items, 1 byte left", 4],
    ["a map longer than the input", "de 00 02 01", "truncated: map of 2 entries, 1 byte left", 4],
  ];
  for (const [label, hex, reason, offset] of malformed) {
    it(`refuses ${label}: ${reason} at byte ${offset}`, () => {
      const run = () => dec(hex);
      expect(run).toThrow(DecodeError);
      expect(run).toThrow(`msgpack: ${reason} at byte ${offset}`);
    });
  }

  it(`accepts ${MAX_DEPTH} nested arrays and refuses ${MAX_DEPTH + 1}, as rmp-serde does`, () => {
    const nested = (depth: number) => new Uint8Array([...new Array<number>(depth).fill(0x91), 0xc0]);
    let value = codec.decode(nested(MAX_DEPTH));
    for (let i = 0; i < MAX_DEPTH; i++) value = (value as unknown[])[0];
    expect(value).toBeNull();
    expect(() => codec.decode(nested(MAX_DEPTH + 1))).toThrow(`msgpack: nested deeper than ${MAX_DEPTH} levels at byte ${MAX_DEPTH}`);
  });

  it("reports a well-formed map JS cannot hold as a DecodeError without an offset", () => {
    try {
      dec("81 91 01 02");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DecodeError);
      expect(error).toMatchObject({ codec: "msgpack", offset: undefined });
      expect((error as Error).message).toMatch(/^msgpack: /);
    }
  });

  it("refuses values MessagePack cannot carry, naming the codec", () => {
    expect(() => codec.encode(2n ** 64n)).toThrow(RangeError);
    expect(() => codec.encode(2n ** 64n)).toThrow(/^msgpack: /);
    expect(() => codec.encode(Symbol("s"))).toThrow(/^msgpack: /);
  });
});

const value = msgpackValues(20);

/** What a value reads back as: 64-bit integers within ±2^53 come back as numbers. */
function expected(v: RmpValue): RmpValue {
  if (typeof v === "bigint") return v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v;
  if (v === null || typeof v !== "object" || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map(expected);
  return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, expected(item)]));
}

describe("msgpack: properties", () => {
  it("writes rmp-serde's bytes (int 64 for non-negative integers past u32) and reads them back", () => {
    fc.assert(
      fc.property(value, (v) => {
        const bytes = codec.encode(v);
        expect(toHex(bytes)).toBe(toHex(rmpEncode(v, { positiveInt64: 0xd3 })));
        expect(codec.decode(bytes)).toEqual(expected(v));
      }),
    );
  });

  it("reads exactly what rmp-serde writes", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(codec.decode(rmpEncode(v))).toEqual(expected(v));
      }),
    );
  });

  it("refuses rmp-serde's bytes with anything appended, at the first extra byte", () => {
    fc.assert(
      fc.property(value, fc.uint8Array({ minLength: 1, maxLength: 8 }), (v, extra) => {
        const bytes = rmpEncode(v);
        const run = () => codec.decode(new Uint8Array([...bytes, ...extra]));
        expect(run).toThrow(DecodeError);
        expect(run).toThrow(`after the value at byte ${bytes.length}`);
      }),
    );
  });

  it("refuses every truncation of a value with a DecodeError", () => {
    fc.assert(
      fc.property(value, fc.nat(), (v, cut) => {
        const bytes = rmpEncode(v);
        if (bytes.length < 2) return;
        const run = () => codec.decode(bytes.subarray(0, 1 + (cut % (bytes.length - 1))));
        expect(run).toThrow(DecodeError);
      }),
    );
  });

  it("throws nothing but DecodeError on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          codec.decode(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
