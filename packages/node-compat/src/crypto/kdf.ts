// node:crypto's key derivation: pbkdf2, scrypt and hkdf, sync and callback
// forms, over the engine's code (native digests; scrypt from @noble/hashes).
import { hkdf as hkdfBytes, pbkdf2 as pbkdf2Bytes, scrypt as scryptBytes } from "@extism-ts/engine/globals/crypto-kdf";
import type { HashName } from "@extism-ts/engine/globals/crypto-keys";
import { Buffer } from "@extism-ts/engine/globals/buffer";
import type { NodeBuffer } from "./bytes.js";
import { bytesOf, type BinaryLike } from "./bytes.js";
import { secretOf } from "./secret.js";

type Callback<T> = (error: Error | null, value?: T) => void;

function hashOf(digest: unknown, what: string): HashName {
  const hash = typeof digest === "string" ? ({ sha1: "SHA-1", sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" } as Record<string, HashName>)[digest.toLowerCase().replace("-", "")] : undefined;
  if (!hash) throw Object.assign(new TypeError(`${what}: the digest ${JSON.stringify(digest)} is not supported (sha1, sha256, sha384, sha512)`), { code: "ERR_CRYPTO_INVALID_DIGEST" });
  return hash;
}

function count(value: unknown, name: string, what: string, minimum: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < minimum) {
    throw Object.assign(new RangeError(`${what}: "${name}" must be a whole number >= ${minimum}, not ${String(value)}`), { code: "ERR_OUT_OF_RANGE" });
  }
  return value;
}

function toBuffer(bytes: Uint8Array): NodeBuffer {
  return Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

function later<T>(compute: () => T, callback: unknown, what: string): void {
  if (typeof callback !== "function") throw Object.assign(new TypeError(`${what}: the callback must be a function`), { code: "ERR_INVALID_ARG_TYPE" });
  // Arguments are checked at once, as Node does; the work and its errors go to the callback.
  queueMicrotask(() => {
    let result: T;
    try {
      result = compute();
    } catch (error) {
      (callback as Callback<T>)(error as Error);
      return;
    }
    (callback as Callback<T>)(null, result);
  });
}

export function pbkdf2Sync(password: BinaryLike, salt: BinaryLike, iterations: number, keylen: number, digest: string): NodeBuffer {
  const what = "pbkdf2";
  return toBuffer(pbkdf2Bytes(hashOf(digest, what), secretOf(password, undefined, `${what}: the password`), bytesOf(salt, undefined, `${what}: the salt`), count(iterations, "iterations", what, 1), count(keylen, "keylen", what, 0)));
}

export function pbkdf2(password: BinaryLike, salt: BinaryLike, iterations: number, keylen: number, digest: string, callback: Callback<NodeBuffer>): void {
  hashOf(digest, "pbkdf2");
  later(() => pbkdf2Sync(password, salt, iterations, keylen, digest), callback, "pbkdf2");
}

interface ScryptOptions {
  N?: number;
  cost?: number;
  r?: number;
  blockSize?: number;
  p?: number;
  parallelization?: number;
  maxmem?: number;
}

export function scryptSync(password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions = {}): NodeBuffer {
  const what = "scrypt";
  const N = options.N ?? options.cost ?? 16384;
  const r = options.r ?? options.blockSize ?? 8;
  const p = options.p ?? options.parallelization ?? 1;
  const maxmem = options.maxmem ?? 32 * 1024 * 1024;
  if (N < 2 || (N & (N - 1)) !== 0) throw Object.assign(new RangeError(`${what}: N must be a power of two greater than 1, not ${N}`), { code: "ERR_CRYPTO_INVALID_SCRYPT_PARAMS" });
  if (128 * N * r > maxmem) throw Object.assign(new RangeError(`${what}: N * r * 128 (${128 * N * r} bytes) is more than maxmem (${maxmem})`), { code: "ERR_CRYPTO_INVALID_SCRYPT_PARAMS" });
  return toBuffer(scryptBytes(secretOf(password, undefined, `${what}: the password`), bytesOf(salt, undefined, `${what}: the salt`), count(keylen, "keylen", what, 0), { N, r, p, maxmem: maxmem + 128 * r * p + 1024 }));
}

export function scrypt(password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions | Callback<NodeBuffer>, callback?: Callback<NodeBuffer>): void {
  if (typeof options === "function") [options, callback] = [{}, options];
  later(() => scryptSync(password, salt, keylen, options as ScryptOptions), callback, "scrypt");
}

/** hkdfSync returns an ArrayBuffer, as Node's does. */
export function hkdfSync(digest: string, key: BinaryLike | object, salt: BinaryLike, info: BinaryLike, keylen: number): ArrayBuffer {
  const what = "hkdf";
  const bytes = hkdfBytes(hashOf(digest, what), secretOf(key, undefined, `${what}: the key`), bytesOf(salt, undefined, `${what}: the salt`), bytesOf(info, undefined, `${what}: the info`), count(keylen, "keylen", what, 0));
  return bytes.buffer.byteLength === bytes.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}

export function hkdf(digest: string, key: BinaryLike | object, salt: BinaryLike, info: BinaryLike, keylen: number, callback: Callback<ArrayBuffer>): void {
  hashOf(digest, "hkdf");
  later(() => hkdfSync(digest, key, salt, info, keylen), callback, "hkdf");
}
