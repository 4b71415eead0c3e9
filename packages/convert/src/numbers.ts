import { codec, expectLength, typeName, type Codec } from "./codec.js";

// Rust's to_le_bytes/from_le_bytes: little-endian, exactly the type's width.
const LE = true;

function fixedWidth<T>(
  name: string,
  size: number,
  check: (value: T) => void,
  write: (view: DataView, value: T) => void,
  read: (view: DataView) => T,
): Codec<T> {
  return codec(
    name,
    (value) => {
      check(value);
      const out = new Uint8Array(size);
      write(new DataView(out.buffer), value);
      return out;
    },
    (bytes) => {
      expectLength(name, bytes, size);
      return read(new DataView(bytes.buffer, bytes.byteOffset, size));
    },
  );
}

// DataView would silently wrap or truncate; a value the Rust type cannot hold is a bug to report.
function integer(name: string, min: number, max: number): (value: number) => void {
  return (value) => {
    if (typeof value !== "number") throw new TypeError(`${name}: expected a number, got ${typeName(value)}`);
    if (!Number.isInteger(value)) throw new RangeError(`${name}: ${value} is not an integer`);
    if (value < min || value > max) throw new RangeError(`${name}: ${value} is out of range (${min} to ${max})`);
  };
}

function bigInteger(name: string, min: bigint, max: bigint): (value: bigint) => void {
  return (value) => {
    if (typeof value !== "bigint") throw new TypeError(`${name}: expected a bigint, got ${typeName(value)}`);
    if (value < min || value > max) throw new RangeError(`${name}: ${value} is out of range (${min} to ${max})`);
  };
}

function float(name: string, narrow: boolean): (value: number) => void {
  return (value) => {
    if (typeof value !== "number") throw new TypeError(`${name}: expected a number, got ${typeName(value)}`);
    // Rounding to the nearest f32 is what `as f32` does; overflowing to infinity is not a rounding.
    if (narrow && Number.isFinite(value) && !Number.isFinite(Math.fround(value))) {
      throw new RangeError(`${name}: ${value} is out of range (a 32-bit float's largest is 3.4028234663852886e38)`);
    }
  };
}

/** 4 bytes, little-endian (Rust `i32`). */
export const i32: Codec<number> = /* @__PURE__ */ fixedWidth(
  "i32",
  4,
  /* @__PURE__ */ integer("i32", -0x80000000, 0x7fffffff),
  (view, value) => view.setInt32(0, value, LE),
  (view) => view.getInt32(0, LE),
);

/** 4 bytes, little-endian (Rust `u32`). */
export const u32: Codec<number> = /* @__PURE__ */ fixedWidth(
  "u32",
  4,
  /* @__PURE__ */ integer("u32", 0, 0xffffffff),
  (view, value) => view.setUint32(0, value, LE),
  (view) => view.getUint32(0, LE),
);

/** 4 bytes, IEEE 754 single, little-endian (Rust `f32`); values round to the nearest f32. */
export const f32: Codec<number> = /* @__PURE__ */ fixedWidth(
  "f32",
  4,
  /* @__PURE__ */ float("f32", true),
  (view, value) => view.setFloat32(0, value, LE),
  (view) => view.getFloat32(0, LE),
);

/** 8 bytes, IEEE 754 double, little-endian (Rust `f64`). */
export const f64: Codec<number> = /* @__PURE__ */ fixedWidth(
  "f64",
  8,
  /* @__PURE__ */ float("f64", false),
  (view, value) => view.setFloat64(0, value, LE),
  (view) => view.getFloat64(0, LE),
);

/** 8 bytes, little-endian (Rust `i64`), as a bigint so that no value loses precision. */
export const i64: Codec<bigint> = /* @__PURE__ */ fixedWidth(
  "i64",
  8,
  /* @__PURE__ */ bigInteger("i64", -9223372036854775808n, 9223372036854775807n),
  (view, value) => view.setBigInt64(0, value, LE),
  (view) => view.getBigInt64(0, LE),
);

/** 8 bytes, little-endian (Rust `u64`), as a bigint so that no value loses precision. */
export const u64: Codec<bigint> = /* @__PURE__ */ fixedWidth(
  "u64",
  8,
  /* @__PURE__ */ bigInteger("u64", 0n, 18446744073709551615n),
  (view, value) => view.setBigUint64(0, value, LE),
  (view) => view.getBigUint64(0, LE),
);
