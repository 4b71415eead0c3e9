const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

import { DOMException } from "./dom-exception.js";

function invalidCharacter(message: string): DOMException {
  return new DOMException(message, "InvalidCharacterError");
}

/** btoa: a binary string (every char <= 0xFF) to base64. */
export function btoa(data: string): string {
  if (arguments.length === 0) throw new TypeError("btoa: 1 argument required");
  const text = String(data);
  let out = "";
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i);
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) : 0;
    if (a > 0xff || b > 0xff || c > 0xff) throw invalidCharacter("btoa: the string has characters outside Latin-1");
    const bits = (a << 16) | (b << 8) | c;
    out += ALPHABET[bits >> 18]! + ALPHABET[(bits >> 12) & 63]!;
    out += i + 1 < text.length ? ALPHABET[(bits >> 6) & 63]! : "=";
    out += i + 2 < text.length ? ALPHABET[bits & 63]! : "=";
  }
  return out;
}

/**
 * atob: base64 (white space allowed, padding optional) to a binary string.
 * Written without regular expressions, which would bring the engine's RegExp
 * (about 50 KB) into every plug-in that names atob.
 */
export function atob(data: string): string {
  if (arguments.length === 0) throw new TypeError("atob: 1 argument required");
  const input = String(data);
  let text = "";
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c !== "\t" && c !== "\n" && c !== "\f" && c !== "\r" && c !== " ") text += c;
  }
  if (text.length % 4 === 0 && text.endsWith("=")) text = text.slice(0, text.endsWith("==") ? -2 : -1);
  const invalid = () => invalidCharacter("atob: the string is not correctly encoded base64");
  if (text.length % 4 === 1) throw invalid();
  let out = "";
  let bits = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const value = ALPHABET.indexOf(text[i]!);
    if (value < 0) throw invalid();
    bits = ((bits << 6) | value) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += String.fromCharCode((bits >> count) & 0xff);
    }
  }
  return out;
}
