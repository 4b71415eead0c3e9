// node:crypto's randomness, from the engine's crypto global (WASI), named
// freely so that the bundle step binds it, and timingSafeEqual.
import { Buffer } from "@extism-ts/engine/globals/buffer";
import type { NodeBuffer } from "./bytes.js";

/** The most bytes crypto.getRandomValues fills at once (the Web Crypto limit). */
const randomChunk = 65536;

export function getRandomValues<T extends ArrayBufferView>(array: T): T {
  return crypto.getRandomValues(array as never) as T;
}

export function randomUUID(): string {
  return crypto.randomUUID();
}

function fill(bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; offset += randomChunk) {
    getRandomValues(bytes.subarray(offset, Math.min(bytes.length, offset + randomChunk)));
  }
}

type Callback<T> = (error: Error | null, value: T) => void;

export function randomBytes(size: number): NodeBuffer;
export function randomBytes(size: number, callback: Callback<NodeBuffer>): void;
export function randomBytes(size: number, callback?: Callback<NodeBuffer>): NodeBuffer | void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`randomBytes: the size must be a whole number of bytes, not ${size}`);
  if (callback !== undefined && typeof callback !== "function") throw new TypeError("randomBytes: the callback must be a function");
  const bytes = Buffer.alloc(size);
  fill(bytes);
  if (!callback) return bytes;
  queueMicrotask(() => callback(null, bytes));
}

/** randomFillSync(buffer, offset, size): fills a view (or ArrayBuffer) in place. */
export function randomFillSync<T extends ArrayBufferView | ArrayBuffer>(buffer: T, offset = 0, size?: number): T {
  const view = ArrayBuffer.isView(buffer) ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) : new Uint8Array(buffer as ArrayBuffer);
  const end = size === undefined ? view.length : offset + size;
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(end) || end > view.length || end < offset) {
    throw new RangeError(`randomFillSync: offset ${offset} and size ${size} do not fit a buffer of ${view.length} bytes`);
  }
  fill(view.subarray(offset, end));
  return buffer;
}

export function randomFill<T extends ArrayBufferView | ArrayBuffer>(buffer: T, ...rest: unknown[]): void {
  const callback = rest.pop() as Callback<T>;
  if (typeof callback !== "function") throw new TypeError("randomFill: the last argument must be a callback");
  randomFillSync(buffer, ...(rest as [number?, number?]));
  queueMicrotask(() => callback(null, buffer));
}

/** randomInt([min = 0,] max[, callback]): a uniform integer in [min, max), by rejection sampling as Node does. */
export function randomInt(min: number, max?: number | Callback<number>, callback?: Callback<number>): number | undefined {
  if (typeof max === "function" || max === undefined) {
    callback = max as Callback<number> | undefined;
    max = min;
    min = 0;
  }
  if (!Number.isSafeInteger(min)) throw new TypeError(`randomInt: "min" must be a safe integer, not ${min}`);
  if (!Number.isSafeInteger(max)) throw new TypeError(`randomInt: "max" must be a safe integer, not ${max}`);
  const range = max - min;
  if (range <= 0) throw new RangeError(`randomInt: "max" (${max}) must be greater than "min" (${min})`);
  if (range > 2 ** 48 - 1) throw new RangeError(`randomInt: the range (max - min) must be at most 2^48 - 1, not ${range}`);
  const limit = 2 ** 48 - (2 ** 48 % range);
  const bytes = new Uint8Array(6);
  let value: number;
  do {
    getRandomValues(bytes);
    value = bytes.reduce((sum, byte) => sum * 256 + byte, 0);
  } while (value >= limit);
  const result = min + (value % range);
  if (callback === undefined) return result;
  queueMicrotask(() => callback!(null, result));
  return undefined;
}

export function timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b)) {
    throw Object.assign(new TypeError("timingSafeEqual: both arguments must be Buffers, TypedArrays or DataViews"), { code: "ERR_INVALID_ARG_TYPE" });
  }
  if (a.byteLength !== b.byteLength) throw Object.assign(new RangeError("Input buffers must have the same byte length"), { code: "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH" });
  const left = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const right = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= left[i]! ^ right[i]!;
  return difference === 0;
}
