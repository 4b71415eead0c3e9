import { isNativeDecodeError } from "@extism-ts/engine/natives";

/** A two-way mapping between values and the bytes an Extism host sees. */
export interface Codec<T> {
  /** Shown in error messages, e.g. "string" or "json". */
  readonly name: string;
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

/** Thrown when bytes are not a valid encoding of what the codec expects. */
export class DecodeError extends Error {
  /** The codec that refused the bytes. */
  readonly codec: string;
  /** Byte offset of the problem, where known. */
  readonly offset: number | undefined;
  constructor(codec: string, reason: string, offset?: number, options?: ErrorOptions) {
    super(`${codec}: ${reason}${offset === undefined ? "" : ` at byte ${offset}`}`, options);
    this.name = "DecodeError";
    this.codec = codec;
    this.offset = offset;
  }
}

/**
 * What a native codec threw, as this codec's DecodeError when it is about the
 * input (it carries the reason and offset); anything else (running out of
 * memory) as `otherwise` says, or unchanged.
 */
export function fromNative(name: string, error: unknown, otherwise?: (error: unknown) => unknown): unknown {
  if (isNativeDecodeError(error)) return new DecodeError(name, error.reason, error.offset);
  return otherwise ? otherwise(error) : error;
}

/** Define a codec of your own. */
export function codec<T>(name: string, encode: (value: T) => Uint8Array, decode: (bytes: Uint8Array) => T): Codec<T> {
  return { name, encode, decode };
}

/** Whether `value` has the shape of a codec: a name, encode and decode. */
export function isCodec(value: unknown): value is Codec<unknown> {
  const candidate = value as Partial<Codec<unknown>> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.name === "string" &&
    typeof candidate.encode === "function" &&
    typeof candidate.decode === "function"
  );
}

/**
 * Throw a TypeError unless `value` is a codec; `where` names the place, e.g.
 * "plugin(): the input codec". A codec factory given without calling it
 * (`json` for `json()`) gets a message that says what to write.
 */
export function expectCodec(value: unknown, where: string): asserts value is Codec<unknown> {
  if (isCodec(value)) return;
  if (typeof value === "function") {
    const name = value.name || "the function";
    const call = value.length === 0 ? `${name}()` : `${name}(...)`;
    throw new TypeError(`${where} is the function ${name}, not a codec: write ${call}`);
  }
  throw new TypeError(`${where} must be a codec (string, bytes, json(), ...), not ${typeName(value)}`);
}

/**
 * Fixed-size encodings refuse any other length instead of reading a prefix:
 * the offset is where the bytes ran out, or the first byte too many.
 */
export function expectLength(name: string, bytes: Uint8Array, size: number): void {
  if (bytes.length !== size) {
    throw new DecodeError(name, `expected ${size} byte${size === 1 ? "" : "s"}, got ${bytes.length}`, Math.min(bytes.length, size));
  }
}

/** How a wrong value is named in encode errors: typeof, but null and arrays told apart. */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
