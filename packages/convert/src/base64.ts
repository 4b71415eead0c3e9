import { insidePlugin, native } from "@extism-ts/engine/natives";
import { codec, DecodeError, fromNative, typeName, type Codec } from "./codec.js";

// atob/btoa go through strings: these tables map straight between bytes and
// ASCII. Inside a plug-in the engine does the same in C (packages/engine/src/c/base64.c),
// with the same reasons and offsets.
const PAD = 0x3d; // "="
const INVALID = 0xff;

interface Variant {
  name: string;
  /** The native's `url` argument. */
  url: boolean;
  /** Canonical "=" padding required (standard), or none at all (url). */
  padded: boolean;
  encode: Uint8Array;
  decode: Uint8Array;
}

function variant(name: string, alphabet: string, padded: boolean): Variant {
  const encode = new Uint8Array(64);
  const decode = new Uint8Array(256).fill(INVALID);
  for (let i = 0; i < 64; i++) {
    encode[i] = alphabet.charCodeAt(i);
    decode[alphabet.charCodeAt(i)] = i;
  }
  return { name, url: !padded, padded, encode, decode };
}

const STANDARD = /* @__PURE__ */ variant("base64", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", true);
const URL_SAFE = /* @__PURE__ */ variant("base64url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", false);

const engine = /* @__PURE__ */ (() =>
  insidePlugin() ? { encode: native("base64_encode"), decode: native("base64_decode") } : undefined)();

function encodeBase64(v: Variant, data: Uint8Array): Uint8Array {
  const table = v.encode;
  const length = data.length;
  const rest = length % 3;
  const whole = length - rest;
  const out = new Uint8Array((whole / 3) * 4 + (rest === 0 ? 0 : v.padded ? 4 : rest + 1));
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    out[o++] = table[n >>> 18]!;
    out[o++] = table[(n >>> 12) & 63]!;
    out[o++] = table[(n >>> 6) & 63]!;
    out[o++] = table[n & 63]!;
  }
  if (rest !== 0) {
    const n = (data[whole]! << 16) | (rest === 2 ? data[whole + 1]! << 8 : 0);
    out[o++] = table[n >>> 18]!;
    out[o++] = table[(n >>> 12) & 63]!;
    if (rest === 2) out[o++] = table[(n >>> 6) & 63]!;
    if (v.padded) {
      if (rest === 1) out[o++] = PAD;
      out[o++] = PAD;
    }
  }
  return out;
}

function describeByte(byte: number): string {
  const hex = `0x${byte.toString(16).padStart(2, "0")}`;
  return byte >= 0x21 && byte <= 0x7e ? `${hex} ('${String.fromCharCode(byte)}')` : hex;
}

/** Only reached once decoding has failed: says which byte and why. */
function invalidByte(v: Variant, text: Uint8Array, from: number): DecodeError {
  for (let i = from; i < text.length; i++) {
    const byte = text[i]!;
    if (v.decode[byte] !== INVALID) continue;
    const reason =
      byte !== PAD ? `invalid byte ${describeByte(byte)}` : v.padded ? "padding '=' before the end" : "padding '=' (base64url has none)";
    return new DecodeError(v.name, reason, i);
  }
  return new DecodeError(v.name, "invalid input");
}

/** The first invalid byte, else a DecodeError about the length. */
function badLength(v: Variant, text: Uint8Array, reason: string, offset: number): DecodeError {
  const bad = invalidByte(v, text, 0);
  return bad.offset !== undefined ? bad : new DecodeError(v.name, reason, offset);
}

/**
 * The base64 crate's STANDARD (padded) and URL_SAFE_NO_PAD engines: the
 * alphabet, canonical "=" padding required or none allowed, no whitespace,
 * and the unused low bits of the last symbol must be zero.
 */
function decodeBase64(v: Variant, text: Uint8Array): Uint8Array {
  const table = v.decode;
  const length = text.length;
  let tail: number; // symbols after the last whole group of four
  if (v.padded) {
    if (length % 4 !== 0) throw badLength(v, text, `${length} bytes is not a multiple of 4 (padding missing?)`, length - (length % 4));
    const padding = length === 0 || text[length - 1] !== PAD ? 0 : text[length - 2] === PAD ? 2 : 1;
    tail = padding === 0 ? 0 : 4 - padding;
  } else {
    if (length % 4 === 1) throw badLength(v, text, `${length} bytes is not a valid base64url length (4n + 1)`, length - 1);
    tail = length % 4;
  }
  const whole = length - (v.padded && tail !== 0 ? 4 : tail);
  const out = new Uint8Array((whole / 4) * 3 + (tail === 0 ? 0 : tail - 1));
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const a = table[text[i]!]!;
    const b = table[text[i + 1]!]!;
    const c = table[text[i + 2]!]!;
    const d = table[text[i + 3]!]!;
    // INVALID is 0xff, so any bad symbol sets a bit above the six a symbol carries.
    if ((a | b | c | d) > 63) throw invalidByte(v, text, i);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (tail !== 0) {
    const i = whole;
    const a = table[text[i]!]!;
    const b = table[text[i + 1]!]!;
    const c = tail === 3 ? table[text[i + 2]!]! : 0;
    if ((a | b | c) > 63) throw invalidByte(v, text, i);
    const last = i + tail - 1;
    if ((tail === 3 ? c & 3 : b & 15) !== 0) {
      throw new DecodeError(v.name, `last symbol ${describeByte(text[last]!)} has non-zero unused bits`, last);
    }
    out[o++] = (a << 2) | (b >>> 4);
    if (tail === 3) out[o++] = ((b & 15) << 4) | (c >>> 2);
  }
  return out;
}

function base64Codec(v: Variant): Codec<Uint8Array> {
  return codec(
    v.name,
    (value) => {
      if (!(value instanceof Uint8Array)) throw new TypeError(`${v.name}: expected a Uint8Array, got ${typeName(value)}`);
      return engine ? engine.encode(value, v.url) : encodeBase64(v, value);
    },
    (text) => {
      if (!engine) return decodeBase64(v, text);
      try {
        return engine.decode(text, v.url);
      } catch (error) {
        throw fromNative(v.name, error);
      }
    },
  );
}

const standard: Codec<Uint8Array> = /* @__PURE__ */ base64Codec(STANDARD);
const urlSafe: Codec<Uint8Array> = /* @__PURE__ */ base64Codec(URL_SAFE);

/**
 * Bytes carried as standard base64 text with padding (extism-convert's
 * `Base64<Vec<u8>>`): encode turns bytes into base64 ASCII, decode turns base64
 * ASCII back into bytes.
 */
export function base64(): Codec<Uint8Array> {
  return standard;
}

/**
 * Bytes carried as base64url text without padding (RFC 4648 section 5, the
 * base64 crate's URL_SAFE_NO_PAD, as in JWTs): `-` and `_` instead of `+`
 * and `/`, no `=`.
 */
export function base64url(): Codec<Uint8Array> {
  return urlSafe;
}
