// An independent model of what rmp-serde writes for serde data (rmp's write_uint /
// write_sint / write_str / write_array_len / write_map_len / write_bin_len /
// write_f64), used to check msgpack()'s bytes. Not shipped.

export type RmpValue = null | boolean | number | bigint | string | Uint8Array | RmpValue[] | { [key: string]: RmpValue };

export interface RmpOptions {
  /** rmp writes non-negative integers past u32 as uint 64 (0xcf); msgpackr as int 64 (0xd3). */
  positiveInt64: 0xcf | 0xd3;
}

export function rmpEncode(value: RmpValue, options: RmpOptions = { positiveInt64: 0xcf }): Uint8Array {
  const out: number[] = [];
  const be = (n: bigint, size: number): void => {
    for (let i = size - 1; i >= 0; i--) out.push(Number((BigInt.asUintN(size * 8, n) >> BigInt(8 * i)) & 0xffn));
  };
  const length = (n: number, fix: number, fixMax: number, wide: number[], sizes: number[]): void => {
    if (fix >= 0 && n <= fixMax) return void out.push(fix | n);
    for (let i = 0; i < sizes.length; i++) {
      if (n < 2 ** (8 * sizes[i]!)) {
        out.push(wide[i]!);
        return be(BigInt(n), sizes[i]!);
      }
    }
    throw new Error("too long");
  };
  const integer = (n: bigint): void => {
    if (n >= 0n) {
      if (n <= 0x7fn) out.push(Number(n));
      else if (n <= 0xffn) (out.push(0xcc), be(n, 1));
      else if (n <= 0xffffn) (out.push(0xcd), be(n, 2));
      else if (n <= 0xffffffffn) (out.push(0xce), be(n, 4));
      else if (options.positiveInt64 === 0xd3 && n < 2n ** 63n) (out.push(0xd3), be(n, 8));
      else (out.push(0xcf), be(n, 8));
    } else {
      if (n >= -32n) out.push(Number(BigInt.asUintN(8, n)));
      else if (n >= -128n) (out.push(0xd0), be(n, 1));
      else if (n >= -32768n) (out.push(0xd1), be(n, 2));
      else if (n >= -(2n ** 31n)) (out.push(0xd2), be(n, 4));
      else (out.push(0xd3), be(n, 8));
    }
  };
  const write = (v: RmpValue): void => {
    if (v === null) out.push(0xc0);
    else if (v === true) out.push(0xc3);
    else if (v === false) out.push(0xc2);
    else if (typeof v === "bigint") integer(v);
    else if (typeof v === "number") {
      if (Number.isSafeInteger(v) && !Object.is(v, -0)) integer(BigInt(v));
      else {
        out.push(0xcb);
        const bytes = new Uint8Array(8);
        new DataView(bytes.buffer).setFloat64(0, v);
        out.push(...bytes);
      }
    } else if (typeof v === "string") {
      const bytes = new TextEncoder().encode(v);
      length(bytes.length, 0xa0, 31, [0xd9, 0xda, 0xdb], [1, 2, 4]);
      out.push(...bytes);
    } else if (v instanceof Uint8Array) {
      length(v.length, -1, -1, [0xc4, 0xc5, 0xc6], [1, 2, 4]);
      out.push(...v);
    } else if (Array.isArray(v)) {
      length(v.length, 0x90, 15, [0xdc, 0xdd], [2, 4]);
      v.forEach(write);
    } else {
      const keys = Object.keys(v);
      length(keys.length, 0x80, 15, [0xde, 0xdf], [2, 4]);
      for (const key of keys) {
        write(key);
        write(v[key]!);
      }
    }
  };
  write(value);
  return new Uint8Array(out);
}
