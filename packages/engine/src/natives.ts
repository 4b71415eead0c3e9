import { INTERNAL_GLOBALS } from "./contract.js";

/** What crosses a host function call: numbers, bigints (i64) and bytes (memory blocks). */
export type HostValue = number | bigint | Uint8Array;

/** The engine's native interface: one function per guest-ABI operation. */
export interface Natives {
  /** The whole input of the current call. */
  input(): Uint8Array;
  /** The whole input as a string, or null when it is not well-formed UTF-8. */
  input_text(): string | null;
  /** Set the call's output; a string is written as UTF-8. */
  output(value: Uint8Array | string): void;

  /** Allocate an Extism memory block of `length` bytes; returns its offset. */
  memory_alloc(length: number): bigint;
  /** Length of the block at `offset`, 0n when no live block starts there. */
  memory_length(offset: bigint): bigint;
  /** A copy of the whole block at `offset`. */
  memory_read(offset: bigint): Uint8Array;
  /** Write `bytes` at the start of the block at `offset`; throws when they do not fit. */
  memory_write(offset: bigint, bytes: Uint8Array): void;
  memory_free(offset: bigint): void;

  /** The host's config value for `key`, as bytes, or undefined. */
  config_get(key: string): Uint8Array | undefined;
  var_get(key: string): Uint8Array | undefined;
  /** Store a var; undefined removes it. */
  var_set(key: string, value: Uint8Array | undefined): void;

  log_trace(message: string): void;
  log_debug(message: string): void;
  log_info(message: string): void;
  log_warn(message: string): void;
  log_error(message: string): void;
  /** 0 (trace) .. 4 (error); 2147483647 when the host has logging off. */
  log_level(): number;

  /** Send `{url, method?, headers?}` (as JSON) with an optional body; returns the response body. */
  http_request(request: string, body?: Uint8Array): Uint8Array;
  /** Status code of the last response. */
  http_status(): number;
  /** Headers of the last response as a JSON object, or undefined when the host does not share them. */
  http_headers(): string | undefined;

  /** Milliseconds since the Unix epoch; throws a message about --wasi when the plug-in has no clock. */
  clock_now(): number;
  /** Milliseconds on a monotonic clock; throws like clock_now. */
  clock_monotonic(): number;
  /** Fill `bytes` with cryptographic randomness and return it; throws a message about --wasi without WASI. */
  random_fill<T extends ArrayBufferView>(bytes: T): T;

  /**
   * Declare a host function (at module level only); types are letters, i i32,
   * I i64, f f32, F f64, M bytes in a memory block (its i64 offset in wasm),
   * result "" for none. Returns its index for host_call and host_function.
   */
  host_declare(namespace: string, name: string, params: string, result: string): number;
  /** True while the plug-in initializes at build time, when there is no host to call. */
  host_initializing(): boolean;
  /**
   * Call a declared host function: an i64 argument is a bigint or a number
   * (converted as Rust's `as i64` converts an f64), an M argument bytes; an i64
   * result is a bigint, an M result the block's bytes.
   */
  host_call(index: number, ...args: HostValue[]): HostValue | undefined;
  /** The declared host function as a function of its arguments, as host_call(index, ...) takes them. */
  host_function(index: number): (...args: HostValue[]) => HostValue | undefined;

  /** Wait `milliseconds` on the monotonic clock (WASI); throws like clock_now without a clock. */
  clock_sleep(milliseconds: number): void;
  /** MD5, SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512 of the parts one after the other. */
  digest(algorithm: "MD5" | "SHA-1" | "SHA-224" | "SHA-256" | "SHA-384" | "SHA-512", ...parts: Array<ArrayBuffer | ArrayBufferView>): Uint8Array;

  /** Detach an ArrayBuffer (structuredClone's transfer). */
  array_buffer_detach(buffer: ArrayBuffer): void;

  utf8_encode(text: string): Uint8Array;
  /** Decode UTF-8; `fatal` throws a TypeError naming the first bad byte, else U+FFFD replaces it. */
  utf8_decode(bytes: Uint8Array, fatal: boolean): string;

  // The codecs below throw a NativeDecodeError for bytes that are not their encoding.

  /**
   * MessagePack as @extism-ts/convert's msgpack() writes it, or undefined for a
   * value only its JS implementation encodes (a Map, a Date, a class instance, ...).
   */
  msgpack_encode(value: unknown): Uint8Array | undefined;
  /** The MessagePack value in `bytes`, as msgpack() decodes it; `makeDate(ms)` makes timestamps. */
  msgpack_decode(bytes: Uint8Array, makeDate: (milliseconds: number) => Date): unknown;
  /** JSON.stringify as UTF-8, or undefined when the value has no JSON text. */
  json_encode(value: unknown): Uint8Array | undefined;
  /** JSON.parse of UTF-8 bytes; malformed JSON throws JSON.parse's SyntaxError. */
  json_decode(bytes: Uint8Array): unknown;
  /** Base64 text (as ASCII bytes): standard alphabet with padding, or with `url` the URL-safe one without. */
  base64_encode(bytes: Uint8Array, url: boolean): Uint8Array;
  base64_decode(text: Uint8Array, url: boolean): Uint8Array;
  /** Lowercase hex digits (as ASCII bytes); decoding takes either case. */
  hex_encode(bytes: Uint8Array): Uint8Array;
  hex_decode(text: Uint8Array): Uint8Array;
}

/** What a native codec throws for bytes that are not its encoding: a TypeError with the reason and, where known, the byte offset. */
export interface NativeDecodeError extends TypeError {
  readonly reason: string;
  readonly offset?: number;
}

/** True for the errors the native codecs throw about their input. */
export function isNativeDecodeError(error: unknown): error is NativeDecodeError {
  return error instanceof TypeError && typeof (error as { reason?: unknown }).reason === "string";
}

export type NativeName = keyof Natives;

type Binder = <K extends NativeName>(name: K) => Natives[K];

/**
 * Bind a native. Call it at module level: the engine answers only while the
 * plug-in initializes at build time, which is how the build learns which
 * parts of the guest ABI a plug-in uses (and imports nothing else).
 */
export function native<K extends NativeName>(name: K): Natives[K] {
  const bind = (globalThis as Record<string, unknown>)[INTERNAL_GLOBALS.native] as Binder | undefined;
  if (typeof bind !== "function") {
    throw new Error(`native '${name}' is only available inside a plug-in built by extism-ts`);
  }
  return bind(name);
}

/** True inside a plug-in built by extism-ts, false in Node or a browser. */
export function insidePlugin(): boolean {
  return typeof (globalThis as Record<string, unknown>)[INTERNAL_GLOBALS.native] === "function";
}
