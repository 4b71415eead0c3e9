// Key derivation and AES-GCM for node:crypto and Web Crypto, synchronous:
// HMAC (RFC 2104), PBKDF2 (RFC 8018) and HKDF (RFC 5869) over the engine's
// native digests; scrypt (RFC 7914) and AES-GCM from @noble/hashes and
// @noble/ciphers.
import { gcm } from "@noble/ciphers/aes.js";
import { scrypt as nobleScrypt } from "@noble/hashes/scrypt.js";
import { native } from "../natives.js";
import type { HashName } from "./crypto-keys.js";

const digest = /* @__PURE__ */ native("digest");

const BLOCK_SIZES: Record<HashName, number> = { "SHA-1": 64, "SHA-256": 64, "SHA-384": 128, "SHA-512": 128 };
export const HASH_LENGTHS: Record<HashName, number> = { "SHA-1": 20, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 };

/** HMAC with the padded keys computed once, for the many calls of PBKDF2. */
function hmacWith(hash: HashName, key: Uint8Array): (...parts: Uint8Array[]) => Uint8Array {
  const block = BLOCK_SIZES[hash];
  const secret = key.length > block ? digest(hash, key) : key;
  const inner = new Uint8Array(block).fill(0x36);
  const outer = new Uint8Array(block).fill(0x5c);
  for (let i = 0; i < secret.length; i++) {
    inner[i]! ^= secret[i]!;
    outer[i]! ^= secret[i]!;
  }
  return (...parts) => digest(hash, outer, digest(hash, inner, ...parts));
}

export function hmac(hash: HashName, key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  return hmacWith(hash, key)(...parts);
}

export function pbkdf2(hash: HashName, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array {
  const prf = hmacWith(hash, password);
  const hLen = HASH_LENGTHS[hash];
  const out = new Uint8Array(length);
  for (let index = 1, at = 0; at < length; index++, at += hLen) {
    let u = prf(salt, new Uint8Array([index >>> 24, (index >>> 16) & 0xff, (index >>> 8) & 0xff, index & 0xff]));
    const t = u.slice();
    for (let i = 1; i < iterations; i++) {
      u = prf(u);
      for (let k = 0; k < hLen; k++) t[k]! ^= u[k]!;
    }
    out.set(t.subarray(0, Math.min(hLen, length - at)), at);
  }
  return out;
}

export function hkdf(hash: HashName, key: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const hLen = HASH_LENGTHS[hash];
  if (length > 255 * hLen) throw new RangeError(`hkdf: at most ${255 * hLen} bytes can be derived with ${hash}, not ${length}`);
  const prk = hmac(hash, salt.length > 0 ? salt : new Uint8Array(hLen), key);
  const expand = hmacWith(hash, prk);
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let counter = 1, at = 0; at < length; counter++, at += hLen) {
    previous = expand(previous, info, new Uint8Array([counter]));
    out.set(previous.subarray(0, Math.min(hLen, length - at)), at);
  }
  return out;
}

export function scrypt(password: Uint8Array, salt: Uint8Array, length: number, options: { N: number; r: number; p: number; maxmem: number }): Uint8Array {
  return nobleScrypt(password, salt, { ...options, dkLen: length });
}

/** AES-GCM: the ciphertext with the tag appended, as Web Crypto returns it. */
export function aesGcmEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array, additionalData?: Uint8Array, tagLength = 16): Uint8Array {
  if (tagLength !== 16) throw new RangeError("AES-GCM: only 128-bit tags are supported");
  return gcm(key, iv, additionalData).encrypt(data);
}

export function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array, additionalData?: Uint8Array, tagLength = 16): Uint8Array {
  if (tagLength !== 16) throw new RangeError("AES-GCM: only 128-bit tags are supported");
  return gcm(key, iv, additionalData).decrypt(data);
}
