import { codec, DecodeError, typeName, type Codec } from "./codec.js";

// atob/btoa do not exist inside the engine, and would go through strings anyway:
// these tables map straight between bytes and ASCII.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD = 0x3d; // "="
const INVALID = 0xff;

const ENCODE = /* @__PURE__ */ (() => {
  const table = new Uint8Array(64);
  for (let i = 0; i < 64; i++) table[i] = ALPHABET.charCodeAt(i);
  return table;
})();

const DECODE = /* @__PURE__ */ (() => {
  const table = new Uint8Array(256).fill(INVALID);
  for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

function encodeBase64(data: Uint8Array): Uint8Array {
  const length = data.length;
  const out = new Uint8Array(Math.ceil(length / 3) * 4);
  const whole = length - (length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    out[o++] = ENCODE[n >>> 18]!;
    out[o++] = ENCODE[(n >>> 12) & 63]!;
    out[o++] = ENCODE[(n >>> 6) & 63]!;
    out[o++] = ENCODE[n & 63]!;
  }
  if (length - whole === 1) {
    const n = data[whole]!;
    out[o++] = ENCODE[n >>> 2]!;
    out[o++] = ENCODE[(n & 3) << 4]!;
    out[o++] = PAD;
    out[o++] = PAD;
  } else if (length - whole === 2) {
    const n = (data[whole]! << 8) | data[whole + 1]!;
    out[o++] = ENCODE[n >>> 10]!;
    out[o++] = ENCODE[(n >>> 4) & 63]!;
    out[o++] = ENCODE[(n & 15) << 2]!;
    out[o++] = PAD;
  }
  return out;
}

function describeByte(byte: number): string {
  const hex = `0x${byte.toString(16).padStart(2, "0")}`;
  return byte >= 0x21 && byte <= 0x7e ? `${hex} ('${String.fromCharCode(byte)}')` : hex;
}

/** Only reached once decoding has failed: says which byte and why. */
function invalidByte(text: Uint8Array, from: number): DecodeError {
  for (let i = from; i < text.length; i++) {
    const byte = text[i]!;
    if (DECODE[byte] !== INVALID) continue;
    const reason = byte === PAD ? "padding '=' before the end" : `invalid byte ${describeByte(byte)}`;
    return new DecodeError("base64", reason, i);
  }
  return new DecodeError("base64", "invalid input");
}

/**
 * The base64 crate's STANDARD engine, as extism-convert's `Base64` decodes:
 * the standard alphabet, canonical "=" padding required, no whitespace, and
 * the unused low bits of the last symbol must be zero.
 */
function decodeBase64(text: Uint8Array): Uint8Array {
  const length = text.length;
  if (length === 0) return new Uint8Array(0);
  if (length % 4 !== 0) {
    const bad = invalidByte(text, 0);
    if (bad.offset !== undefined) throw bad;
    throw new DecodeError("base64", `${length} bytes is not a multiple of 4 (padding missing?)`, length - (length % 4));
  }
  const padding = text[length - 1] === PAD ? (text[length - 2] === PAD ? 2 : 1) : 0;
  const out = new Uint8Array((length / 4) * 3 - padding);
  const whole = padding === 0 ? length : length - 4;
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const a = DECODE[text[i]!]!;
    const b = DECODE[text[i + 1]!]!;
    const c = DECODE[text[i + 2]!]!;
    const d = DECODE[text[i + 3]!]!;
    // INVALID is 0xff, so any bad symbol sets a bit above the six a symbol carries.
    if ((a | b | c | d) > 63) throw invalidByte(text, i);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (padding !== 0) {
    const i = length - 4;
    const a = DECODE[text[i]!]!;
    const b = DECODE[text[i + 1]!]!;
    const c = padding === 1 ? DECODE[text[i + 2]!]! : 0;
    if ((a | b | c) > 63) throw invalidByte(text, i);
    const last = padding === 1 ? i + 2 : i + 1;
    const unused = padding === 1 ? c & 3 : b & 15;
    if (unused !== 0) {
      throw new DecodeError("base64", `last symbol ${describeByte(text[last]!)} has non-zero unused bits`, last);
    }
    out[o++] = (a << 2) | (b >>> 4);
    if (padding === 1) out[o++] = ((b & 15) << 4) | (c >>> 2);
  }
  return out;
}

const instance: Codec<Uint8Array> = /* @__PURE__ */ codec(
  "base64",
  (value) => {
    if (!(value instanceof Uint8Array)) throw new TypeError(`base64: expected a Uint8Array, got ${typeName(value)}`);
    return encodeBase64(value);
  },
  decodeBase64,
);

/**
 * Bytes carried as standard base64 text with padding (extism-convert's
 * `Base64<Vec<u8>>`): encode turns bytes into base64 ASCII, decode turns base64
 * ASCII back into bytes.
 */
export function base64(): Codec<Uint8Array> {
  return instance;
}
