import { native } from "../natives.js";

const utf8Encode = /* @__PURE__ */ native("utf8_encode");
const utf8Decode = /* @__PURE__ */ native("utf8_decode");

function normalizeLabel(label: string): string {
  const normalized = label.trim().toLowerCase();
  if (normalized !== "utf-8" && normalized !== "utf8" && normalized !== "unicode-1-1-utf-8") {
    throw new RangeError(`TextDecoder: only UTF-8 is supported, not '${label}'`);
  }
  return "utf-8";
}

/** UTF-8 encoding in native code. */
export class TextEncoder {
  readonly encoding = "utf-8";
  encode(input = ""): Uint8Array {
    return utf8Encode(String(input));
  }
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number } {
    const bytes = utf8Encode(source);
    if (bytes.length <= destination.length) {
      destination.set(bytes);
      return { read: source.length, written: bytes.length };
    }
    // Only whole characters fit: find the last code point boundary within the destination.
    let written = destination.length;
    while (written > 0 && (bytes[written]! & 0xc0) === 0x80) written--;
    destination.set(bytes.subarray(0, written));
    const read = utf8Decode(bytes.subarray(0, written), false).length;
    return { read, written };
  }
}

/** UTF-8 decoding in native code; `fatal` throws on ill-formed input. */
export class TextDecoder {
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  constructor(label = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    this.encoding = normalizeLabel(label);
    this.fatal = options.fatal ?? false;
    this.ignoreBOM = options.ignoreBOM ?? false;
  }
  decode(input?: ArrayBuffer | ArrayBufferView): string {
    if (input === undefined) return "";
    const bytes =
      input instanceof Uint8Array
        ? input
        : ArrayBuffer.isView(input)
          ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
          : new Uint8Array(input);
    const text = utf8Decode(bytes, this.fatal);
    return !this.ignoreBOM && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}
