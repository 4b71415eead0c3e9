import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeError, type Codec } from "./codec.js";
import { f32, f64, i32, i64, u32, u64 } from "./numbers.js";
import { fromHex, toHex } from "./testing/hex.js";

// Written out by hand from the IEEE 754 / two's complement definitions, little-endian,
// as Rust's to_le_bytes gives them.
const golden: Array<[Codec<number> | Codec<bigint>, number | bigint, string]> = [
  [i32, 0, "00 00 00 00"],
  [i32, 1, "01 00 00 00"],
  [i32, -1, "ff ff ff ff"],
  [i32, 0x12345678, "78 56 34 12"],
  [i32, -2147483648, "00 00 00 80"],
  [i32, 2147483647, "ff ff ff 7f"],
  [u32, 1, "01 00 00 00"],
  [u32, 0x80000000, "00 00 00 80"],
  [u32, 4294967295, "ff ff ff ff"],
  [f32, 1, "00 00 80 3f"],
  [f32, -2, "00 00 00 c0"],
  [f32, Math.fround(3.14), "c3 f5 48 40"],
  [f32, -0, "00 00 00 80"],
  [f32, Infinity, "00 00 80 7f"],
  [f64, 3.14, "1f 85 eb 51 b8 1e 09 40"],
  [f64, 1, "00 00 00 00 00 00 f0 3f"],
  [f64, -2.5, "00 00 00 00 00 00 04 c0"],
  [f64, -0, "00 00 00 00 00 00 00 80"],
  [f64, Number.MAX_SAFE_INTEGER, "ff ff ff ff ff ff 3f 43"],
  [i64, 0n, "00 00 00 00 00 00 00 00"],
  [i64, 42n, "2a 00 00 00 00 00 00 00"],
  [i64, -1n, "ff ff ff ff ff ff ff ff"],
  [i64, -(2n ** 63n), "00 00 00 00 00 00 00 80"],
  [i64, 2n ** 63n - 1n, "ff ff ff ff ff ff ff 7f"],
  [i64, 2n ** 53n + 1n, "01 00 00 00 00 00 20 00"],
  [u64, 2n ** 64n - 1n, "ff ff ff ff ff ff ff ff"],
  [u64, 2n ** 63n, "00 00 00 00 00 00 00 80"],
  [u64, 0x0102030405060708n, "08 07 06 05 04 03 02 01"],
];

describe("number codecs: golden vectors", () => {
  for (const [codec, value, bytes] of golden) {
    it(`${codec.name} ${String(value)} = ${bytes}`, () => {
      const c = codec as Codec<typeof value>;
      expect(toHex(c.encode(value))).toBe(bytes);
      expect(c.decode(fromHex(bytes))).toStrictEqual(value);
    });
  }

  it("f32 rounds to the nearest single, as `as f32` does", () => {
    expect(toHex(f32.encode(3.14))).toBe("c3 f5 48 40");
    expect(f32.decode(fromHex("c3 f5 48 40"))).toBe(3.140000104904175);
  });

  it("NaN is written as the quiet NaN and read back as NaN", () => {
    expect(toHex(f64.encode(NaN))).toBe("00 00 00 00 00 00 f8 7f");
    expect(f64.decode(fromHex("01 00 00 00 00 00 f8 ff"))).toBeNaN();
    expect(f32.decode(fromHex("00 00 c0 7f"))).toBeNaN();
  });

  it("reads from a view into a larger buffer at its own offset", () => {
    const buffer = fromHex("aa bb ff ff ff ff cc");
    expect(i32.decode(buffer.subarray(2, 6))).toBe(-1);
    expect(u64.decode(fromHex("00 01 00 00 00 00 00 00 00 00").subarray(1, 9))).toBe(1n);
  });
});

describe("number codecs: wrong lengths", () => {
  const widths: Array<[Codec<number> | Codec<bigint>, number]> = [
    [i32, 4], [u32, 4], [f32, 4], [f64, 8], [i64, 8], [u64, 8],
  ];
  for (const [codec, size] of widths) {
    it(`${codec.name} refuses ${size - 1} and ${size + 1} bytes, naming the codec and the offset`, () => {
      const short = () => codec.decode(new Uint8Array(size - 1));
      expect(short).toThrow(DecodeError);
      expect(short).toThrow(`${codec.name}: expected ${size} bytes, got ${size - 1} at byte ${size - 1}`);
      const long = () => codec.decode(new Uint8Array(size + 1));
      expect(long).toThrow(`${codec.name}: expected ${size} bytes, got ${size + 1} at byte ${size}`);
      expect(() => codec.decode(new Uint8Array(0))).toThrow(`${codec.name}: expected ${size} bytes, got 0 at byte 0`);
    });
  }

  it("a 3-byte i32 is a DecodeError with codec, reason and offset", () => {
    try {
      i32.decode(fromHex("01 02 03"));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DecodeError);
      expect(error).toMatchObject({ name: "DecodeError", codec: "i32", offset: 3, message: "i32: expected 4 bytes, got 3 at byte 3" });
    }
  });
});

describe("number codecs: values the Rust type cannot hold", () => {
  const cases: Array<[string, () => unknown, ErrorConstructor | RangeErrorConstructor | TypeErrorConstructor, RegExp]> = [
    ["i32 3e9", () => i32.encode(3e9), RangeError, /^i32: 3000000000 is out of range/],
    ["i32 -2^31-1", () => i32.encode(-2147483649), RangeError, /^i32: -2147483649 is out of range/],
    ["i32 1.5", () => i32.encode(1.5), RangeError, /^i32: 1\.5 is not an integer/],
    ["i32 NaN", () => i32.encode(NaN), RangeError, /^i32: NaN is not an integer/],
    ["i32 a string", () => i32.encode("1" as unknown as number), TypeError, /^i32: expected a number, got string/],
    ["u32 -1", () => u32.encode(-1), RangeError, /^u32: -1 is out of range/],
    ["u32 2^32", () => u32.encode(2 ** 32), RangeError, /^u32: 4294967296 is out of range/],
    ["f32 1e39", () => f32.encode(1e39), RangeError, /^f32: 1e\+39 is out of range/],
    ["f64 a bigint", () => f64.encode(1n as unknown as number), TypeError, /^f64: expected a number, got bigint/],
    ["i64 2^63", () => i64.encode(2n ** 63n), RangeError, /^i64: 9223372036854775808 is out of range/],
    ["i64 a number", () => i64.encode(5 as unknown as bigint), TypeError, /^i64: expected a bigint, got number/],
    ["u64 -1n", () => u64.encode(-1n), RangeError, /^u64: -1 is out of range/],
    ["u64 2^64", () => u64.encode(2n ** 64n), RangeError, /^u64: 18446744073709551616 is out of range/],
  ];
  for (const [label, run, kind, message] of cases) {
    it(`${label} throws ${kind.name}`, () => {
      expect(run).toThrow(kind);
      expect(run).toThrow(message);
    });
  }
});

/** An independent model: two's complement bytes by arithmetic, least significant first. */
function littleEndian(value: bigint, size: number): string {
  let n = BigInt.asUintN(size * 8, value);
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    out.push(Number(n & 0xffn));
    n >>= 8n;
  }
  return toHex(new Uint8Array(out));
}

describe("number codecs: properties", () => {
  it("i32: 4 bytes, two's complement little-endian, round trip", () => {
    fc.assert(
      fc.property(fc.integer(), (n) => {
        const bytes = i32.encode(n);
        expect(toHex(bytes)).toBe(littleEndian(BigInt(n), 4));
        expect(i32.decode(bytes)).toBe(n);
      }),
    );
  });

  it("u32: round trip over the whole range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        const bytes = u32.encode(n);
        expect(toHex(bytes)).toBe(littleEndian(BigInt(n), 4));
        expect(u32.decode(bytes)).toBe(n);
      }),
    );
  });

  it("i64 and u64: round trip without precision loss", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (n) => {
        expect(toHex(i64.encode(n))).toBe(littleEndian(n, 8));
        expect(i64.decode(i64.encode(n))).toBe(n);
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => {
        expect(toHex(u64.encode(n))).toBe(littleEndian(n, 8));
        expect(u64.decode(u64.encode(n))).toBe(n);
      }),
    );
  });

  it("f32: every single-precision value round-trips bit for bit (NaN as NaN)", () => {
    fc.assert(
      fc.property(fc.float(), (x) => {
        expect(Object.is(f32.decode(f32.encode(x)), x)).toBe(true);
      }),
    );
  });

  it("f64: every double round-trips bit for bit (NaN as NaN)", () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        expect(Object.is(f64.decode(f64.encode(x)), x)).toBe(true);
      }),
    );
  });

  it("any 8 bytes decode as some f64, i64 and u64, and re-encode to the same bytes (non-NaN)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        expect(toHex(i64.encode(i64.decode(bytes)))).toBe(toHex(bytes));
        expect(toHex(u64.encode(u64.decode(bytes)))).toBe(toHex(bytes));
        const x = f64.decode(bytes);
        if (!Number.isNaN(x)) expect(toHex(f64.encode(x))).toBe(toHex(bytes));
      }),
    );
  });
});
