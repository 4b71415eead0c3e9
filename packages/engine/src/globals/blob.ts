import type { ReadableStream } from "./streams.js";
import { wallClockOrZero } from "./clock.js";
import { need, optional } from "./optional.js";
import { cloneHook } from "./tasks.js";
import { TextDecoder, TextEncoder } from "./text.js";

// No regular expressions here (they would bring the engine's RegExp), and
// streams only when the plug-in has them (stream(), see ./optional.ts).

export type BlobPart = ArrayBuffer | ArrayBufferView | Blob | string;

// Blob bytes are shared by the Blobs that slice or contain them unchanged.
// They are in a private field, not a WeakMap, which would bring the engine's
// Map/Set code (about 10 KB).
let bytesOf: (blob: Blob) => Uint8Array;
let setBytes: (blob: Blob, bytes: Uint8Array) => void;

/** The bytes of a Blob; for the body of a Request or Response and FormData. */
export function blobBytes(blob: Blob): Uint8Array {
  return bytesOf(blob);
}

/** FileAPI's type: lowercase, or "" when it has a character outside U+0020..U+007E. */
function normalizeType(type: unknown): string {
  const text = type === undefined ? "" : String(type);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return "";
  }
  return text.toLowerCase();
}

function partBytes(part: BlobPart, nativeEndings: boolean): Uint8Array {
  if (part instanceof Blob) return blobBytes(part);
  if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
  if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer, part.byteOffset, part.byteLength).slice();
  const text = String(part);
  return new TextEncoder().encode(nativeEndings ? text.split("\r\n").join("\n").split("\r").join("\n") : text);
}

/** FileAPI's Blob: immutable bytes with a MIME type. */
export class Blob {
  #bytes: Uint8Array;
  readonly #type: string;
  static {
    bytesOf = (blob) => {
      if (typeof blob !== "object" || blob === null || !(#bytes in blob)) throw new TypeError("Illegal invocation: not a Blob");
      return blob.#bytes;
    };
    setBytes = (blob, bytes) => {
      blob.#bytes = bytes;
    };
  }
  constructor(parts: Iterable<BlobPart> = [], options: { type?: string; endings?: "transparent" | "native" } = {}) {
    if (parts === null || typeof parts !== "object" || typeof (parts as Iterable<BlobPart>)[Symbol.iterator] !== "function") {
      if (parts !== undefined) throw new TypeError("Blob: the parts must be an iterable (an array of strings, buffers and Blobs)");
    }
    const endings = options?.endings ?? "transparent";
    if (endings !== "transparent" && endings !== "native") throw new TypeError(`Blob: endings must be 'transparent' or 'native', not '${String(endings)}'`);
    const chunks = [...(parts ?? [])].map((part) => partBytes(part, endings === "native"));
    const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    this.#bytes = bytes;
    this.#type = normalizeType(options?.type);
  }
  get size(): number {
    return blobBytes(this).length;
  }
  get type(): string {
    return this.#type;
  }
  slice(start?: number, end?: number, contentType?: string): Blob {
    const bytes = blobBytes(this);
    const relative = (index: number | undefined, fallback: number): number => {
      const value = index === undefined ? fallback : Math.trunc(Number(index)) || 0;
      return value < 0 ? Math.max(bytes.length + value, 0) : Math.min(value, bytes.length);
    };
    const from = relative(start, 0);
    const to = Math.max(relative(end, bytes.length), from);
    const blob = new Blob([], { type: contentType });
    setBytes(blob, bytes.subarray(from, to));
    return blob;
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return blobBytes(this).slice().buffer as ArrayBuffer;
  }
  async bytes(): Promise<Uint8Array> {
    return blobBytes(this).slice();
  }
  async text(): Promise<string> {
    return new TextDecoder().decode(blobBytes(this));
  }
  stream(): ReadableStream<Uint8Array> {
    return need("byteStream", "Blob.stream()", "ReadableStream")(blobBytes(this)) as unknown as ReadableStream<Uint8Array>;
  }
  get [Symbol.toStringTag](): string {
    return "Blob";
  }
  [cloneHook](): Blob {
    return this.slice(0, this.size, this.type);
  }
}

/** FileAPI's File: a Blob with a name and a modification time (0 without a clock: build with --wasi for the real one). */
export class File extends Blob {
  readonly #name: string;
  readonly #lastModified: number;
  constructor(parts: Iterable<BlobPart>, name: string, options: { type?: string; endings?: "transparent" | "native"; lastModified?: number } = {}) {
    if (arguments.length < 2) throw new TypeError("File: the parts and the name are required");
    super(parts, options);
    this.#name = String(name);
    this.#lastModified = options?.lastModified === undefined ? wallClockOrZero() : Math.trunc(Number(options.lastModified)) || 0;
  }
  get name(): string {
    return this.#name;
  }
  get lastModified(): number {
    return this.#lastModified;
  }
  get webkitRelativePath(): string {
    return "";
  }
  override get [Symbol.toStringTag](): string {
    return "File";
  }
  override [cloneHook](): File {
    return new File([this], this.name, { type: this.type, lastModified: this.lastModified });
  }
}

// Blob bodies and Body's blob() in ./fetch.ts, which does not import this module.
optional.blobBytes = (value) => (value instanceof Blob ? blobBytes(value) : undefined);
optional.newBlob = (bytes, type) => {
  const blob = new Blob([], { type });
  setBytes(blob, bytes);
  return blob;
};
