import { codec, DecodeError, type Codec } from "./codec.js";

const encoder = /* @__PURE__ */ new TextEncoder();
const decoder = /* @__PURE__ */ new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decode UTF-8, refusing ill-formed input with the offset of the first bad byte. */
export function decodeUtf8(name: string, bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new DecodeError(name, "invalid UTF-8", firstInvalidUtf8Byte(bytes));
  }
}

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Offset of the first byte that does not start or continue a well-formed sequence. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    let need = 0;
    let low = 0x80;
    let high = 0xbf;
    if (lead < 0x80) need = 0;
    else if (lead >= 0xc2 && lead <= 0xdf) need = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < low || next > high) return i;
      low = 0x80;
      high = 0xbf;
    }
    i += need + 1;
  }
  return i;
}

/** UTF-8 text (Rust `String`). */
export const string: Codec<string> = /* @__PURE__ */ codec(
  "string",
  (value) => {
    if (typeof value !== "string") throw new TypeError(`string: expected a string, got ${typeof value}`);
    return encodeUtf8(value);
  },
  (bytes) => decodeUtf8("string", bytes),
);

/** Raw bytes, passed through (Rust `Vec<u8>`). */
export const bytes: Codec<Uint8Array> = /* @__PURE__ */ codec(
  "bytes",
  (value) => {
    if (!(value instanceof Uint8Array)) throw new TypeError("bytes: expected a Uint8Array");
    return value;
  },
  (data) => data,
);
