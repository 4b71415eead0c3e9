import { insidePlugin, native } from "@extism-ts/engine/natives";
import { codec, DecodeError, fromNative, typeName, type Codec } from "./codec.js";

const DIGITS = "0123456789abcdef";

/** Inside a plug-in the engine does the same in C (packages/engine/src/c/hex.c). */
const engine = /* @__PURE__ */ (() => (insidePlugin() ? { encode: native("hex_encode"), decode: native("hex_decode") } : undefined))();

function encodeHex(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length * 2);
  for (let i = 0; i < data.length; i++) {
    out[2 * i] = DIGITS.charCodeAt(data[i]! >> 4);
    out[2 * i + 1] = DIGITS.charCodeAt(data[i]! & 15);
  }
  return out;
}

function digitValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

function decodeHex(text: Uint8Array): Uint8Array {
  const out = new Uint8Array(text.length >> 1);
  for (let i = 0; i < text.length; i++) {
    const value = digitValue(text[i]!);
    if (value < 0) {
      const byte = text[i]!;
      const shown = byte >= 0x21 && byte <= 0x7e ? ` ('${String.fromCharCode(byte)}')` : "";
      throw new DecodeError("hex", `invalid hex digit 0x${byte.toString(16).padStart(2, "0")}${shown}`, i);
    }
    if (i % 2 === 0) out[i >> 1] = value << 4;
    else out[i >> 1]! |= value;
  }
  if (text.length % 2 !== 0) throw new DecodeError("hex", `odd number of hex digits (${text.length})`, text.length - 1);
  return out;
}

const instance: Codec<Uint8Array> = /* @__PURE__ */ codec(
  "hex",
  (value) => {
    if (!(value instanceof Uint8Array)) throw new TypeError(`hex: expected a Uint8Array, got ${typeName(value)}`);
    return engine ? engine.encode(value) : encodeHex(value);
  },
  (text) => {
    if (!engine) return decodeHex(text);
    try {
      return engine.decode(text);
    } catch (error) {
      throw fromNative("hex", error);
    }
  },
);

/**
 * Bytes as hexadecimal text, two digits a byte, as ASCII bytes (like Rust's
 * `hex::encode`): encode writes lowercase, decode takes either case.
 */
export function hex(): Codec<Uint8Array> {
  return instance;
}
