// The crypto module. Each part is a module of its own (../crypto/), so that a
// plug-in that hashes strings gets neither Buffer's nor the keys' code.
import { createHash, createHmac, getHashes, hash, Hash, Hmac } from "../crypto/hash.js";
import { hkdf, hkdfSync, pbkdf2, pbkdf2Sync, scrypt, scryptSync } from "../crypto/kdf.js";
import { constants, createPrivateKey, createPublicKey, createSecretKey, createSign, createVerify, generateKeyPair, generateKeyPairSync, KeyObject, sign, Sign, verify, Verify } from "../crypto/keys.js";
import { getRandomValues, randomBytes, randomFill, randomFillSync, randomInt, randomUUID, timingSafeEqual } from "../crypto/random.js";

// Read when used: a plug-in that only hashes does not get the web crypto global.
export const webcrypto: Crypto = /* @__PURE__ */ (() => crypto)();
export const subtle: SubtleCrypto = /* @__PURE__ */ (() => crypto.subtle)();

export function getCurves(): string[] {
  return ["prime256v1", "secp384r1"];
}

export {
  constants,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  createSign,
  createVerify,
  generateKeyPair,
  generateKeyPairSync,
  getHashes,
  getRandomValues,
  hash,
  Hash,
  hkdf,
  hkdfSync,
  Hmac,
  KeyObject,
  pbkdf2,
  pbkdf2Sync,
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  scrypt,
  scryptSync,
  sign,
  Sign,
  timingSafeEqual,
  verify,
  Verify,
};

export default {
  constants,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  createSign,
  createVerify,
  generateKeyPair,
  generateKeyPairSync,
  getCurves,
  getHashes,
  getRandomValues,
  hash,
  Hash,
  hkdf,
  hkdfSync,
  Hmac,
  KeyObject,
  pbkdf2,
  pbkdf2Sync,
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  scrypt,
  scryptSync,
  sign,
  Sign,
  get subtle(): SubtleCrypto {
    return crypto.subtle;
  },
  timingSafeEqual,
  verify,
  Verify,
  get webcrypto(): Crypto {
    return crypto;
  },
};
