import { insidePlugin, native } from "@extism-ts/engine/natives";
import { codec, DecodeError, typeName, type Codec } from "./codec.js";

const encoder = /* @__PURE__ */ new TextEncoder();
const decoder = /* @__PURE__ */ new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** Inside a plug-in, the engine's UTF-8 directly (`utf8_decode(bytes, fatal)`), without TextDecoder's checks per call. */
const engine = /* @__PURE__ */ (() => (insidePlugin() ? { encode: native("utf8_encode"), decode: native("utf8_decode") } : undefined))();

/** Decode UTF-8, refusing ill-formed input with the offset of the first bad byte. */
export function decodeUtf8(name: string, bytes: Uint8Array): string {
  try {
    return engine ? engine.decode(bytes, true) : decoder.decode(bytes);
  } catch (error) {
    throw new DecodeError(name, "invalid UTF-8", invalidUtf8At(bytes, 0, bytes.length), { cause: error });
  }
}

export function encodeUtf8(text: string): Uint8Array {
  return engine ? engine.encode(text) : encoder.encode(text);
}

/**
 * Offset of the first byte in [start, end) that does not start or continue a
 * well-formed sequence (RFC 3629: no overlongs, no surrogates, nothing past
 * U+10FFFF), or -1 when the range is valid UTF-8.
 */
export function invalidUtf8At(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    // ASCII dominates real text, and in an interpreter a step costs far more than
    // the bytes it looks at: test four at a time.
    const last = end - 4;
    while (i <= last && ((bytes[i]! | bytes[i + 1]! | bytes[i + 2]! | bytes[i + 3]!) & 0x80) === 0) i += 4;
    if (i >= end) break;
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) need = 1;
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
      const next = i + k < end ? bytes[i + k]! : -1;
      if (next < low || next > high) return i;
      low = 0x80;
      high = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/** UTF-8 text (Rust `String`). */
export const string: Codec<string> = /* @__PURE__ */ codec(
  "string",
  (value) => {
    if (typeof value !== "string") throw new TypeError(`string: expected a string, got ${typeName(value)}`);
    return encodeUtf8(value);
  },
  (bytes) => decodeUtf8("string", bytes),
);
