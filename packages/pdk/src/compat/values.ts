import { string } from "@extism-ts/convert";

/** What extism-js accepts where it takes bytes: strings are sent as UTF-8. */
export type BytesLike = string | ArrayBufferLike | ArrayBufferView;

/** Bytes from a string (as UTF-8), an ArrayBuffer or any typed array or DataView. */
export function toBytes(value: BytesLike, where: string): Uint8Array {
  if (typeof value === "string") return string.encode(value);
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value !== null && typeof value === "object" && typeof (value as ArrayBuffer).byteLength === "number" && typeof (value as ArrayBuffer).slice === "function") {
    return new Uint8Array(value as ArrayBuffer);
  }
  throw new TypeError(`${where}: expected a string, an ArrayBuffer or a typed array, not ${value === null ? "null" : typeof value}`);
}

/** An ArrayBuffer holding exactly these bytes (the same memory when the view covers its whole buffer). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer as ArrayBuffer;
  return bytes.slice().buffer as ArrayBuffer;
}

/**
 * extism-js gives i64 values (offsets, lengths, host-function results) as
 * numbers. So do we while they fit in a double exactly; beyond that they stay
 * bigints rather than silently losing their low bits.
 */
export function fromI64(value: bigint): number | bigint {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

/** An i64 from what extism-js code passes: a bigint, or a whole number. */
export function toI64(value: unknown, where: string): bigint {
  if (typeof value === "bigint") return BigInt.asIntN(64, value);
  if (typeof value === "number" && Number.isFinite(value)) return BigInt(Math.trunc(value));
  throw new TypeError(`${where}: expected a number or a bigint, not ${value === null ? "null" : typeof value}`);
}
