// Bytes in and out of node:crypto as Node converts them, on the engine's
// native UTF-8, hex and base64 codecs rather than on Buffer: a plug-in that
// hashes strings into hex needs no Buffer.
import type { Buffer } from "@extism-ts/engine/globals/buffer";
import { native } from "@extism-ts/engine/natives";

/** What Node returns bytes as. */
export type NodeBuffer = InstanceType<typeof Buffer>;

const utf8Encode = /* @__PURE__ */ native("utf8_encode");
const utf8Decode = /* @__PURE__ */ native("utf8_decode");
const hexEncode = /* @__PURE__ */ native("hex_encode");
const base64Encode = /* @__PURE__ */ native("base64_encode");
const base64Decode = /* @__PURE__ */ native("base64_decode");

export type Encoding = "utf8" | "utf-8" | "hex" | "base64" | "base64url" | "latin1" | "binary" | "ascii" | "utf16le" | "utf-16le" | "ucs2" | "ucs-2";
export type BinaryLike = string | ArrayBufferView | ArrayBuffer;

// No regular expressions here: a plug-in that hashes would otherwise carry the engine's RegExp.
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

function ascii(text: string): Uint8Array {
  return utf8Encode(text);
}

function latin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Bytes of a string in one of Node's encodings, as Buffer.from(text, encoding) reads them (lenient hex and base64 included). */
export function decode(text: string, encoding: string | undefined): Uint8Array {
  switch ((encoding ?? "utf8").toLowerCase()) {
    case "utf8":
    case "utf-8":
      return utf8Encode(text);
    case "hex": {
      // Node stops at the first pair that is not hex.
      const bytes: number[] = [];
      for (let i = 0; i + 1 < text.length; i += 2) {
        const high = hexDigit(text.charCodeAt(i));
        const low = hexDigit(text.charCodeAt(i + 1));
        if (high < 0 || low < 0) break;
        bytes.push(high * 16 + low);
      }
      return new Uint8Array(bytes);
    }
    case "base64":
    case "base64url": {
      // Node reads both alphabets, skips what is neither (whitespace) and ends at the first "=".
      let clean = "";
      for (const char of text) {
        if (char === "=") break;
        if (char === "+") clean += "-";
        else if (char === "/") clean += "_";
        else if (BASE64URL.includes(char)) clean += char;
      }
      if (clean.length % 4 === 1) clean = clean.slice(0, -1);
      return base64Decode(ascii(clean), true);
    }
    // Node reads ascii text as latin1: each code unit's low byte.
    case "latin1":
    case "binary":
    case "ascii":
      return latin1(text);
    case "utf16le":
    case "utf-16le":
    case "ucs2":
    case "ucs-2": {
      const bytes = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        bytes[2 * i] = text.charCodeAt(i) & 0xff;
        bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
      }
      return bytes;
    }
    default:
      throw Object.assign(new TypeError(`Unknown encoding: ${encoding}`), { code: "ERR_UNKNOWN_ENCODING" });
  }
}

/** Text of bytes in one of Node's encodings, as buffer.toString(encoding) writes it. */
export function encode(bytes: Uint8Array, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case "hex":
      return utf8Decode(hexEncode(bytes), false);
    case "base64":
      return utf8Decode(base64Encode(bytes, false), false);
    case "base64url":
      return utf8Decode(base64Encode(bytes, true), false);
    case "utf8":
    case "utf-8":
      return utf8Decode(bytes, false);
    case "latin1":
    case "binary":
    case "ascii": {
      const mask = encoding.toLowerCase() === "ascii" ? 0x7f : 0xff;
      let text = "";
      for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096).map((byte) => byte & mask));
      return text;
    }
    case "utf16le":
    case "utf-16le":
    case "ucs2":
    case "ucs-2": {
      let text = "";
      for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
      return text;
    }
    default:
      throw Object.assign(new TypeError(`Unknown encoding: ${encoding}`), { code: "ERR_UNKNOWN_ENCODING" });
  }
}

/** The bytes of data node:crypto takes: a string in `encoding` (UTF-8 by default), an ArrayBuffer or a view of one (a view's own bytes, not copied). */
export function bytesOf(data: unknown, encoding: string | undefined, what: string): Uint8Array {
  if (typeof data === "string") return decode(data, encoding);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw Object.assign(new TypeError(`${what} must be a string, a Buffer, a TypedArray, a DataView or an ArrayBuffer, not ${data === null ? "null" : typeof data}`), { code: "ERR_INVALID_ARG_TYPE" });
}
