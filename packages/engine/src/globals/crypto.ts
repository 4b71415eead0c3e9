import { native } from "../natives.js";
import { DOMException } from "./dom-exception.js";

const randomFill = /* @__PURE__ */ native("random_fill");
const digest = /* @__PURE__ */ native("digest");

type HashName = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";
type AlgorithmIdentifier = string | { name: string };
type BufferSource = ArrayBuffer | ArrayBufferView;
type KeyUsage = "encrypt" | "decrypt" | "sign" | "verify" | "deriveKey" | "deriveBits" | "wrapKey" | "unwrapKey";

/** Block sizes in bytes (FIPS 198-1's B) of the hashes HMAC can use. */
const BLOCK_SIZES: Record<HashName, number> = { "SHA-1": 64, "SHA-256": 64, "SHA-384": 128, "SHA-512": 128 };
const JWK_ALGORITHMS: Record<HashName, string> = { "SHA-1": "HS1", "SHA-256": "HS256", "SHA-384": "HS384", "SHA-512": "HS512" };
const INTERNAL = Symbol("internal");

function algorithmName(algorithm: AlgorithmIdentifier, operation: string): string {
  const name = typeof algorithm === "string" ? algorithm : algorithm?.name;
  if (typeof name !== "string") throw new TypeError(`crypto.subtle.${operation}: the algorithm must be a name or an object with a name`);
  return name;
}

function hashName(algorithm: AlgorithmIdentifier, operation: string): HashName {
  const name = algorithmName(algorithm, operation).toUpperCase() as HashName;
  if (!(name in BLOCK_SIZES)) {
    throw new DOMException(`crypto.subtle.${operation}: '${algorithmName(algorithm, operation)}' is not supported (SHA-1, SHA-256, SHA-384, SHA-512)`, "NotSupportedError");
  }
  return name;
}

function hmacAlgorithm(algorithm: AlgorithmIdentifier, operation: string): void {
  if (algorithmName(algorithm, operation).toUpperCase() !== "HMAC") {
    throw new DOMException(`crypto.subtle.${operation}: '${algorithmName(algorithm, operation)}' is not supported (HMAC is)`, "NotSupportedError");
  }
}

/** A copy of the bytes, taken when the operation is called, as Web Crypto does. */
function bytesOf(data: BufferSource, what: string): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  throw new TypeError(`${what} must be an ArrayBuffer or an ArrayBuffer view`);
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.byteLength === bytes.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}

function base64url(bytes: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const bits = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += alphabet[(bits >> (18 - 6 * k)) & 63];
  }
  return out;
}

function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new DOMException("importKey: the JWK's 'k' is not base64url", "DataError");
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const out: number[] = [];
  let bits = 0;
  let count = 0;
  for (const char of text) {
    bits = (bits << 6) | alphabet.indexOf(char);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push((bits >> count) & 0xff);
    }
  }
  return new Uint8Array(out);
}

const keyBytes = new WeakMap<CryptoKey, unknown>();

type KeyType = "secret" | "public" | "private";
type HmacAlgorithm = { name: "HMAC"; hash: { name: HashName }; length: number };

/** Web Crypto's CryptoKey; the key material stays out of reach unless the key is extractable. */
export class CryptoKey {
  readonly #type: KeyType;
  readonly #extractable: boolean;
  readonly #algorithm: HmacAlgorithm;
  readonly #usages: KeyUsage[];
  constructor(token: symbol, algorithm: HmacAlgorithm, extractable: boolean, usages: KeyUsage[], type: KeyType = "secret") {
    if (token !== INTERNAL) throw new TypeError("Illegal constructor: keys come from crypto.subtle.importKey or generateKey");
    this.#type = type;
    this.#extractable = extractable;
    this.#algorithm = algorithm;
    this.#usages = usages;
  }
  get type(): KeyType {
    return this.#type;
  }
  get extractable(): boolean {
    return this.#extractable;
  }
  get algorithm(): HmacAlgorithm {
    return this.#algorithm;
  }
  get usages(): KeyUsage[] {
    return this.#usages;
  }
  get [Symbol.toStringTag](): string {
    return "CryptoKey";
  }
}

function hmacKey(bytes: Uint8Array, algorithm: AlgorithmIdentifier & { hash?: AlgorithmIdentifier; length?: number }, extractable: boolean, usages: Iterable<KeyUsage>, operation: string): CryptoKey {
  hmacAlgorithm(algorithm, operation);
  const hashAlgorithm = (algorithm as { hash?: AlgorithmIdentifier }).hash;
  if (hashAlgorithm === undefined) throw new TypeError(`crypto.subtle.${operation}: HMAC needs a hash (e.g. { name: "HMAC", hash: "SHA-256" })`);
  const hash = hashName(hashAlgorithm, operation);
  const list = [...usages];
  const bad = list.find((usage) => usage !== "sign" && usage !== "verify");
  if (bad !== undefined) throw new DOMException(`crypto.subtle.${operation}: an HMAC key cannot be used to '${bad}'`, "SyntaxError");
  if (list.length === 0) throw new DOMException(`crypto.subtle.${operation}: a secret key needs at least one usage (sign, verify)`, "SyntaxError");
  const length = (algorithm as { length?: number }).length ?? bytes.length * 8;
  if (bytes.length === 0 || length > bytes.length * 8 || length <= (bytes.length - 1) * 8) {
    throw new DOMException(`crypto.subtle.${operation}: the key is ${bytes.length * 8} bits long, which does not fit length ${length}`, "DataError");
  }
  const key = new CryptoKey(INTERNAL, { name: "HMAC", hash: { name: hash }, length }, Boolean(extractable), list);
  keyBytes.set(key, bytes);
  return key;
}

/**
 * Web Crypto's algorithms beyond digest and HMAC (./crypto-subtle.ts), which
 * a plug-in has when its code names CryptoKey: the curves' and RSA's code stays
 * out of plug-ins that only hash or draw random numbers.
 */
export interface SubtleExtension {
  importKey(format: string, keyData: unknown, algorithm: AlgorithmIdentifier, extractable: boolean, usages: KeyUsage[]): CryptoKey;
  exportKey(format: string, key: CryptoKey): ArrayBuffer | object;
  generateKey(algorithm: AlgorithmIdentifier, extractable: boolean, usages: KeyUsage[]): CryptoKey | { publicKey: CryptoKey; privateKey: CryptoKey };
  sign(algorithm: AlgorithmIdentifier, key: CryptoKey, data: Uint8Array): Uint8Array;
  verify(algorithm: AlgorithmIdentifier, key: CryptoKey, signature: Uint8Array, data: Uint8Array): boolean;
  encrypt(algorithm: AlgorithmIdentifier, key: CryptoKey, data: Uint8Array): Uint8Array;
  decrypt(algorithm: AlgorithmIdentifier, key: CryptoKey, data: Uint8Array): Uint8Array;
  deriveBits(algorithm: AlgorithmIdentifier, key: CryptoKey, length: number | null): Uint8Array;
}

let extension: SubtleExtension | undefined;

/** For ./crypto-subtle.ts: the other algorithms, and the keys they make and read. */
export const subtleInternals = {
  extend(implementation: SubtleExtension): void {
    extension = implementation;
  },
  newKey(type: KeyType, algorithm: object, extractable: boolean, usages: KeyUsage[], material: unknown): CryptoKey {
    const key = new CryptoKey(INTERNAL, algorithm as HmacAlgorithm, Boolean(extractable), usages, type);
    keyBytes.set(key, material);
    return key;
  },
  material(key: CryptoKey): unknown {
    return keyBytes.get(key);
  },
  bytesOf,
  toArrayBuffer,
};

function isHmac(algorithm: AlgorithmIdentifier | undefined): boolean {
  const name = typeof algorithm === "string" ? algorithm : algorithm?.name;
  return typeof name === "string" && name.toUpperCase() === "HMAC";
}

function extended(operation: string, algorithm: AlgorithmIdentifier): SubtleExtension {
  if (extension) return extension;
  throw new DOMException(
    `crypto.subtle.${operation}: '${algorithmName(algorithm, operation)}' is not in this plug-in: Web Crypto's algorithms beyond digest and HMAC come with the CryptoKey global, which the build adds when the code names CryptoKey or an algorithm ("ECDSA", "Ed25519", "RSASSA-PKCS1-v1_5", "RSA-PSS", "AES-GCM", "PBKDF2", "HKDF") as written; a name built at run time is not seen`,
    "NotSupportedError",
  );
}

/** HMAC (FIPS 198-1) over the engine's native digest: H((K0 ^ opad) || H((K0 ^ ipad) || message)). */
function hmac(key: CryptoKey, message: Uint8Array): Uint8Array {
  const hash = key.algorithm.hash.name;
  const blockSize = BLOCK_SIZES[hash];
  let secret = keyBytes.get(key) as Uint8Array;
  if (secret.length > blockSize) secret = digest(hash, secret);
  const inner = new Uint8Array(blockSize).fill(0x36);
  const outer = new Uint8Array(blockSize).fill(0x5c);
  for (let i = 0; i < secret.length; i++) {
    inner[i]! ^= secret[i]!;
    outer[i]! ^= secret[i]!;
  }
  return digest(hash, outer, digest(hash, inner, message));
}

function checkKey(key: CryptoKey, usage: KeyUsage, algorithm: AlgorithmIdentifier, operation: string): void {
  hmacAlgorithm(algorithm, operation);
  if (!(key instanceof CryptoKey)) throw new TypeError(`crypto.subtle.${operation}: the key must be a CryptoKey`);
  if (!key.usages.includes(usage)) throw new DOMException(`crypto.subtle.${operation}: the key's usages do not include '${usage}'`, "InvalidAccessError");
}

/** Web Crypto's SubtleCrypto: digest (SHA-1/256/384/512, native) and HMAC keys, signatures and verification. */
export class SubtleCrypto {
  constructor(token?: symbol) {
    if (token !== INTERNAL) throw new TypeError("Illegal constructor: use crypto.subtle");
  }
  async digest(algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer> {
    const hash = hashName(algorithm, "digest");
    return toArrayBuffer(digest(hash, bytesOf(data, "crypto.subtle.digest: the data")));
  }
  async importKey(
    format: "raw" | "jwk" | "spki" | "pkcs8",
    keyData: BufferSource | { kty?: string; k?: string; alg?: string; ext?: boolean; key_ops?: string[] },
    algorithm: AlgorithmIdentifier & { hash?: AlgorithmIdentifier; length?: number },
    extractable: boolean,
    usages: Iterable<KeyUsage>,
  ): Promise<CryptoKey> {
    if (!isHmac(algorithm)) return extended("importKey", algorithm).importKey(format, keyData, algorithm, extractable, [...usages]);
    if (format === "raw") return hmacKey(bytesOf(keyData as BufferSource, "crypto.subtle.importKey: the key data"), algorithm, extractable, usages, "importKey");
    if (format !== "jwk") throw new DOMException(`crypto.subtle.importKey: the format '${String(format)}' is not supported (raw, jwk)`, "NotSupportedError");
    const jwk = keyData as { kty?: string; k?: string; alg?: string; ext?: boolean };
    if (jwk?.kty !== "oct" || typeof jwk.k !== "string") throw new DOMException("crypto.subtle.importKey: an HMAC JWK has kty 'oct' and a 'k'", "DataError");
    if (jwk.ext === false && extractable) throw new DOMException("crypto.subtle.importKey: the JWK is not extractable (ext: false)", "DataError");
    const key = hmacKey(fromBase64url(jwk.k), algorithm, extractable, usages, "importKey");
    if (jwk.alg !== undefined && jwk.alg !== JWK_ALGORITHMS[key.algorithm.hash.name]) {
      throw new DOMException(`crypto.subtle.importKey: the JWK's alg '${jwk.alg}' does not match ${key.algorithm.hash.name}`, "DataError");
    }
    return key;
  }
  async exportKey(format: "raw" | "jwk" | "spki" | "pkcs8", key: CryptoKey): Promise<ArrayBuffer | object> {
    if (!(key instanceof CryptoKey)) throw new TypeError("crypto.subtle.exportKey: the key must be a CryptoKey");
    if (!key.extractable) throw new DOMException("crypto.subtle.exportKey: the key is not extractable", "InvalidAccessError");
    if (!isHmac(key.algorithm)) return extended("exportKey", key.algorithm).exportKey(format, key);
    const bytes = keyBytes.get(key) as Uint8Array;
    if (format === "raw") return toArrayBuffer(bytes.slice());
    if (format !== "jwk") throw new DOMException(`crypto.subtle.exportKey: the format '${String(format)}' is not supported (raw, jwk)`, "NotSupportedError");
    return { key_ops: [...key.usages], ext: true, kty: "oct", k: base64url(bytes), alg: JWK_ALGORITHMS[key.algorithm.hash.name] };
  }
  async generateKey(algorithm: AlgorithmIdentifier & { hash?: AlgorithmIdentifier; length?: number }, extractable: boolean, usages: Iterable<KeyUsage>): Promise<CryptoKey | { publicKey: CryptoKey; privateKey: CryptoKey }> {
    if (!isHmac(algorithm)) return extended("generateKey", algorithm).generateKey(algorithm, extractable, [...usages]);
    const hash = hashName(algorithm.hash ?? "", "generateKey");
    const length = algorithm.length ?? BLOCK_SIZES[hash] * 8;
    const bytes = randomFill(new Uint8Array(Math.ceil(length / 8)));
    return hmacKey(bytes, { name: "HMAC", hash, length }, extractable, usages, "generateKey");
  }
  async sign(algorithm: AlgorithmIdentifier, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> {
    if (!isHmac(algorithm)) return toArrayBuffer(extended("sign", algorithm).sign(algorithm, key, bytesOf(data, "crypto.subtle.sign: the data")));
    checkKey(key, "sign", algorithm, "sign");
    return toArrayBuffer(hmac(key, bytesOf(data, "crypto.subtle.sign: the data")));
  }
  async verify(algorithm: AlgorithmIdentifier, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean> {
    if (!isHmac(algorithm)) return extended("verify", algorithm).verify(algorithm, key, bytesOf(signature, "crypto.subtle.verify: the signature"), bytesOf(data, "crypto.subtle.verify: the data"));
    checkKey(key, "verify", algorithm, "verify");
    const expected = hmac(key, bytesOf(data, "crypto.subtle.verify: the data"));
    const given = bytesOf(signature, "crypto.subtle.verify: the signature");
    let difference = expected.length ^ given.length;
    for (let i = 0; i < expected.length; i++) difference |= expected[i]! ^ (given[i] ?? 0);
    return difference === 0;
  }
  async encrypt(algorithm: AlgorithmIdentifier, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> {
    return toArrayBuffer(extended("encrypt", algorithm).encrypt(algorithm, key, bytesOf(data, "crypto.subtle.encrypt: the data")));
  }
  async decrypt(algorithm: AlgorithmIdentifier, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> {
    return toArrayBuffer(extended("decrypt", algorithm).decrypt(algorithm, key, bytesOf(data, "crypto.subtle.decrypt: the data")));
  }
  async deriveBits(algorithm: AlgorithmIdentifier, key: CryptoKey, length: number | null = null): Promise<ArrayBuffer> {
    return toArrayBuffer(extended("deriveBits", algorithm).deriveBits(algorithm, key, length));
  }
  async deriveKey(algorithm: AlgorithmIdentifier, key: CryptoKey, derivedKeyType: AlgorithmIdentifier & { length?: number; hash?: AlgorithmIdentifier }, extractable: boolean, usages: Iterable<KeyUsage>): Promise<CryptoKey> {
    const name = algorithmName(derivedKeyType, "deriveKey").toUpperCase();
    const hash = derivedKeyType.hash === undefined ? undefined : hashName(derivedKeyType.hash, "deriveKey");
    const length = derivedKeyType.length ?? (name === "HMAC" && hash ? BLOCK_SIZES[hash] * 8 : undefined);
    if (length === undefined) throw new TypeError(`crypto.subtle.deriveKey: the derived key's algorithm needs a length`);
    const bits = extended("deriveKey", algorithm).deriveBits(algorithm, key, length);
    return this.importKey("raw", bits, derivedKeyType, extractable, usages);
  }
  get [Symbol.toStringTag](): string {
    return "SubtleCrypto";
  }
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}

/** Web Crypto's Crypto: getRandomValues and randomUUID need WASI (build with --wasi). */
export class Crypto {
  readonly #subtle: SubtleCrypto;
  constructor(token?: symbol) {
    if (token !== INTERNAL) throw new TypeError("Illegal constructor: use crypto");
    this.#subtle = new SubtleCrypto(INTERNAL);
  }
  get subtle(): SubtleCrypto {
    return this.#subtle;
  }
  getRandomValues<T extends ArrayBufferView | null>(array: T): T {
    if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
      throw new DOMException("crypto.getRandomValues: the array must be an integer typed array", "TypeMismatchError");
    }
    if (array.byteLength > 65536) {
      throw new DOMException(`crypto.getRandomValues: ${array.byteLength} bytes requested, at most 65536 allowed`, "QuotaExceededError");
    }
    return randomFill(array);
  }
  randomUUID(): string {
    const bytes = randomFill(new Uint8Array(16));
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const h = Array.from(bytes, hex).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  get [Symbol.toStringTag](): string {
    return "Crypto";
  }
}

export const crypto = /* @__PURE__ */ new Crypto(INTERNAL);
