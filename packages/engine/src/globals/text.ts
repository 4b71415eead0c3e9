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

/** Bytes at the end that start a UTF-8 sequence the next chunk may complete. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

/** UTF-8 decoding in native code; `fatal` throws on ill-formed input; `stream` keeps a sequence split between chunks. */
export class TextDecoder {
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  #pending: Uint8Array | undefined;
  #started = false;
  constructor(label = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    this.encoding = normalizeLabel(String(label));
    this.fatal = Boolean(options?.fatal);
    this.ignoreBOM = Boolean(options?.ignoreBOM);
  }
  decode(input?: ArrayBuffer | ArrayBufferView, options?: { stream?: boolean }): string {
    let bytes =
      input === undefined || input === null
        ? new Uint8Array(0)
        : input instanceof Uint8Array
          ? input
          : ArrayBuffer.isView(input)
            ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
            : new Uint8Array(input);
    if (this.#pending) {
      const joined = new Uint8Array(this.#pending.length + bytes.length);
      joined.set(this.#pending);
      joined.set(bytes, this.#pending.length);
      bytes = joined;
      this.#pending = undefined;
    }
    const stream = Boolean(options?.stream);
    if (stream) {
      const tail = incompleteTail(bytes);
      if (tail > 0) {
        this.#pending = bytes.slice(bytes.length - tail);
        bytes = bytes.subarray(0, bytes.length - tail);
      }
    }
    let text = bytes.length === 0 ? "" : utf8Decode(bytes, this.fatal);
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (!this.ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!stream) this.#started = false;
    return text;
  }
}
