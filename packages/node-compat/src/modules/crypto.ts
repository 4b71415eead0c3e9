// The crypto module: hashes and HMACs from the browserify implementations
// (pure JavaScript), randomness from the engine's crypto global (WASI), named freely so
// that the bundle step binds it.
import createHash from "create-hash";
import createHmac from "create-hmac";
import { Buffer } from "buffer/";

/** The most bytes crypto.getRandomValues fills at once (the Web Crypto limit). */
const randomChunk = 65536;

export const webcrypto = crypto;
export const subtle = crypto?.subtle;

export function getRandomValues<T extends ArrayBufferView>(array: T): T {
  return crypto.getRandomValues(array as never) as T;
}

export function randomUUID(): string {
  return crypto.randomUUID();
}

export function randomBytes(size: number): Buffer;
export function randomBytes(size: number, callback: (error: Error | null, bytes: Buffer) => void): void;
export function randomBytes(size: number, callback?: (error: Error | null, bytes: Buffer) => void): Buffer | void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`randomBytes: the size must be a whole number of bytes, not ${size}`);
  const bytes = Buffer.alloc(size);
  for (let offset = 0; offset < size; offset += randomChunk) {
    getRandomValues(bytes.subarray(offset, Math.min(size, offset + randomChunk)));
  }
  if (!callback) return bytes;
  queueMicrotask(() => callback(null, bytes));
}

export function timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) throw new RangeError("timingSafeEqual: input buffers must have the same byte length");
  const left = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const right = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= left[i]! ^ right[i]!;
  return difference === 0;
}

export function getHashes(): string[] {
  return ["md5", "rmd160", "sha1", "sha224", "sha256", "sha384", "sha512"];
}

export { createHash, createHmac };

export default { createHash, createHmac, getHashes, getRandomValues, randomBytes, randomUUID, subtle, timingSafeEqual, webcrypto };
