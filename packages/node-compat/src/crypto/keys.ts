// node:crypto's keys and signatures: KeyObject, createSecretKey,
// createPublicKey, createPrivateKey, sign/verify, createSign/createVerify and
// generateKeyPairSync for EC and Ed25519, over the engine's key code
// (@extism-ts/engine/globals/crypto-keys: PEM/DER/JWK, RSA on BigInt,
// @noble/curves for ECDSA and Ed25519).
import {
  curveSize,
  ecdsaSign,
  ecdsaVerify,
  ed25519Sign,
  ed25519Verify,
  generateKeyPair as generateAsymmetric,
  keyFromDer,
  keyFromJwk,
  keyFromPem,
  keyToJwk,
  modulusBits,
  publicOf,
  rsaSign,
  rsaVerify,
  toBase64url,
  toPem,
  toPkcs1,
  toPkcs8,
  toSec1,
  toSpki,
  type AsymmetricKey,
  type HashName,
  type Jwk,
} from "@extism-ts/engine/globals/crypto-keys";
import { Buffer } from "@extism-ts/engine/globals/buffer";
import type { NodeBuffer } from "./bytes.js";
import { bytesOf, decode, encode, type BinaryLike, type Encoding } from "./bytes.js";
import { MATERIAL } from "./secret.js";

export const constants = {
  RSA_PKCS1_PADDING: 1,
  RSA_NO_PADDING: 3,
  RSA_PKCS1_OAEP_PADDING: 4,
  RSA_PKCS1_PSS_PADDING: 6,
  RSA_PSS_SALTLEN_DIGEST: -1,
  RSA_PSS_SALTLEN_MAX_SIGN: -2,
  RSA_PSS_SALTLEN_AUTO: -2,
  POINT_CONVERSION_COMPRESSED: 2,
  POINT_CONVERSION_UNCOMPRESSED: 4,
  POINT_CONVERSION_HYBRID: 6,
} as const;

const INTERNAL = Symbol("internal");

function invalid(message: string, code = "ERR_INVALID_ARG_VALUE"): TypeError {
  return Object.assign(new TypeError(message), { code });
}

function toBuffer(bytes: Uint8Array): NodeBuffer {
  return Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

type KeyExport = { format?: "pem" | "der" | "jwk"; type?: "pkcs1" | "spki" | "pkcs8" | "sec1"; cipher?: string; passphrase?: unknown };

/** node:crypto's KeyObject: a secret, public or private key. */
export class KeyObject {
  readonly [MATERIAL]: Uint8Array | AsymmetricKey;
  readonly #type: "secret" | "public" | "private";
  constructor(token: symbol, type: "secret" | "public" | "private", material: Uint8Array | AsymmetricKey) {
    if (token !== INTERNAL) throw new TypeError("KeyObject: use createSecretKey, createPublicKey or createPrivateKey");
    this.#type = type;
    this[MATERIAL] = material;
  }
  get type(): "secret" | "public" | "private" {
    return this.#type;
  }
  get symmetricKeySize(): number | undefined {
    return this[MATERIAL] instanceof Uint8Array ? this[MATERIAL].length : undefined;
  }
  get asymmetricKeyType(): string | undefined {
    const key = this[MATERIAL];
    return key instanceof Uint8Array ? undefined : key.kind;
  }
  get asymmetricKeyDetails(): Record<string, unknown> | undefined {
    const key = this[MATERIAL];
    if (key instanceof Uint8Array) return undefined;
    if (key.kind === "rsa") return { modulusLength: modulusBits(key), publicExponent: key.e };
    if (key.kind === "ec") return { namedCurve: key.curve === "P-256" ? "prime256v1" : "secp384r1" };
    return {};
  }
  export(options: KeyExport = {}): NodeBuffer | string | Jwk {
    const key = this[MATERIAL];
    if (key instanceof Uint8Array) {
      if (options.format === "jwk") return { kty: "oct", k: toBase64url(key) };
      return toBuffer(key.slice());
    }
    if (options.format === "jwk") return keyToJwk(key);
    if (options.cipher !== undefined || options.passphrase !== undefined) throw invalid("KeyObject.export: encrypted private keys are not supported in a plug-in");
    const format = options.format ?? fail("KeyObject.export: options.format ('pem', 'der' or 'jwk') is required");
    const type = options.type ?? fail("KeyObject.export: options.type is required ('spki' or 'pkcs1' for public keys, 'pkcs8', 'pkcs1' or 'sec1' for private ones)");
    let der: Uint8Array;
    let label: string;
    if (this.#type === "public" && type === "spki") [der, label] = [toSpki(key), "PUBLIC KEY"];
    else if (this.#type === "private" && type === "pkcs8") [der, label] = [toPkcs8(key), "PRIVATE KEY"];
    else if (type === "pkcs1" && key.kind === "rsa") [der, label] = [toPkcs1(key), this.#type === "public" ? "RSA PUBLIC KEY" : "RSA PRIVATE KEY"];
    else if (type === "sec1" && key.kind === "ec" && this.#type === "private") [der, label] = [toSec1(key), "EC PRIVATE KEY"];
    else throw invalid(`KeyObject.export: a ${this.#type} ${key.kind} key cannot be exported as ${type}`);
    return format === "pem" ? toPem(label, der) : toBuffer(der);
  }
  equals(other: KeyObject): boolean {
    if (!(other instanceof KeyObject) || other.type !== this.type) return false;
    const a = this[MATERIAL];
    const b = other[MATERIAL];
    if (a instanceof Uint8Array || b instanceof Uint8Array) return a instanceof Uint8Array && b instanceof Uint8Array && encode(a, "hex") === encode(b, "hex");
    return JSON.stringify(keyToJwk(publicOf(a))) === JSON.stringify(keyToJwk(publicOf(b))) && (this.type === "public" || JSON.stringify(keyToJwk(a)) === JSON.stringify(keyToJwk(b)));
  }
  get [Symbol.toStringTag](): string {
    return "KeyObject";
  }
}

function fail(message: string): never {
  throw invalid(message);
}

export function createSecretKey(key: BinaryLike, encoding?: Encoding): KeyObject {
  return new KeyObject(INTERNAL, "secret", bytesOf(key, encoding, "createSecretKey: the key").slice());
}

type KeyInput = string | ArrayBufferView | KeyObject | { key: string | ArrayBufferView | Jwk | KeyObject; format?: "pem" | "der" | "jwk"; type?: "pkcs1" | "spki" | "pkcs8" | "sec1"; encoding?: Encoding; passphrase?: unknown };

function asymmetric(input: unknown, wanted: "public" | "private", what: string): AsymmetricKey {
  if (input instanceof KeyObject) {
    const material = input[MATERIAL];
    if (material instanceof Uint8Array) throw invalid(`${what}: a secret key is not an asymmetric key`, "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE");
    if (wanted === "private" && material.type !== "private") throw invalid(`${what}: a private key is needed, not a public one`, "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE");
    return material;
  }
  if (typeof input === "string" || ArrayBuffer.isView(input)) return keyFromPem(typeof input === "string" ? input : encode(bytesOf(input, undefined, what), "utf8"), wanted);
  if (typeof input !== "object" || input === null || !("key" in input)) throw invalid(`${what}: the key must be a PEM string, a NodeBuffer, a KeyObject or { key, format, type }`, "ERR_INVALID_ARG_TYPE");
  const options = input as Exclude<KeyInput, string | ArrayBufferView | KeyObject>;
  if (options.passphrase !== undefined) throw invalid(`${what}: encrypted private keys are not supported in a plug-in`);
  if (options.key instanceof KeyObject) return asymmetric(options.key, wanted, what);
  const format = options.format ?? "pem";
  if (format === "jwk") {
    if (typeof options.key !== "object" || options.key === null || ArrayBuffer.isView(options.key)) throw invalid(`${what}: a JWK key must be an object`, "ERR_INVALID_ARG_TYPE");
    const key = keyFromJwk(options.key as Jwk);
    if (wanted === "private" && key.type !== "private") throw invalid(`${what}: the JWK has no private part ('d')`);
    return key;
  }
  const data = typeof options.key === "string" ? (format === "der" ? decode(options.key, options.encoding ?? "utf8") : options.key) : bytesOf(options.key, undefined, what);
  if (format === "pem") return keyFromPem(typeof data === "string" ? data : encode(data, "utf8"), wanted);
  if (format !== "der") throw invalid(`${what}: the format '${String(format)}' is not 'pem', 'der' or 'jwk'`);
  const type = options.type ?? fail(`${what}: a DER key needs a type ('spki', 'pkcs1', 'pkcs8' or 'sec1')`);
  return keyFromDer(data as Uint8Array, type, wanted === "private" || type === "pkcs8" || type === "sec1" ? "private" : "public");
}

export function createPublicKey(key: KeyInput): KeyObject {
  const parsed = asymmetric(key, "public", "createPublicKey");
  return new KeyObject(INTERNAL, "public", publicOf(parsed));
}

export function createPrivateKey(key: KeyInput): KeyObject {
  return new KeyObject(INTERNAL, "private", asymmetric(key, "private", "createPrivateKey"));
}

/** The digest of a Node algorithm name ("sha256", "RSA-SHA256", "SHA256"); native SHA-1/SHA-2 only. */
function hashOf(algorithm: string | null | undefined, what: string): HashName | undefined {
  if (algorithm === null || algorithm === undefined) return undefined;
  const name = String(algorithm).toLowerCase().replace(/^rsa-/, "").replace(/^ecdsa-with-/, "").replace("-", "");
  const hash = ({ sha1: "SHA-1", sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" } as Record<string, HashName>)[name];
  if (!hash) throw invalid(`${what}: the digest '${algorithm}' is not supported for signatures (sha1, sha256, sha384, sha512)`);
  return hash;
}

interface SignOptions {
  padding?: number;
  saltLength?: number;
  dsaEncoding?: "der" | "ieee-p1363";
}

function optionsOf(key: unknown): SignOptions {
  return typeof key === "object" && key !== null && !(key instanceof KeyObject) && !ArrayBuffer.isView(key) ? (key as SignOptions) : {};
}

function signWith(hash: HashName | undefined, data: Uint8Array, keyInput: unknown, what: string): Uint8Array {
  const key = asymmetric(keyInput, "private", what);
  const options = optionsOf(keyInput);
  if (key.kind === "ed25519") {
    if (hash !== undefined) throw invalid(`${what}: Ed25519 signs the message itself: pass null as the algorithm`);
    return ed25519Sign(key, data);
  }
  const digestName = hash ?? "SHA-256";
  if (key.kind === "ec") return ecdsaSign(key, digestName, data, options.dsaEncoding === "ieee-p1363" ? "p1363" : "der");
  const pss = options.padding === constants.RSA_PKCS1_PSS_PADDING;
  return rsaSign(key, digestName, data, { padding: pss ? "pss" : "pkcs1", saltLength: options.saltLength ?? constants.RSA_PSS_SALTLEN_MAX_SIGN });
}

function verifyWith(hash: HashName | undefined, data: Uint8Array, keyInput: unknown, signature: Uint8Array, what: string): boolean {
  const key = asymmetric(keyInput, "public", what);
  const options = optionsOf(keyInput);
  if (key.kind === "ed25519") return ed25519Verify(key, data, signature);
  const digestName = hash ?? "SHA-256";
  if (key.kind === "ec") {
    const p1363 = options.dsaEncoding === "ieee-p1363";
    if (p1363 && signature.length !== 2 * curveSize(key.curve)) return false;
    return ecdsaVerify(key, digestName, data, signature, p1363 ? "p1363" : "der");
  }
  const pss = options.padding === constants.RSA_PKCS1_PSS_PADDING;
  // -3: any salt length (Node's RSA_PSS_SALTLEN_AUTO when verifying).
  const saltLength = options.saltLength === undefined || options.saltLength === constants.RSA_PSS_SALTLEN_AUTO ? -3 : options.saltLength;
  return rsaVerify(key, digestName, data, signature, { padding: pss ? "pss" : "pkcs1", saltLength });
}

type Callback<T> = (error: Error | null, value?: T) => void;

/** crypto.sign(algorithm, data, key[, callback]): null or undefined as the algorithm for Ed25519 (or SHA-256 for the others, as Node picks). */
export function sign(algorithm: string | null | undefined, data: ArrayBufferView, key: unknown, callback?: Callback<NodeBuffer>): NodeBuffer | undefined {
  const compute = (): NodeBuffer => toBuffer(signWith(hashOf(algorithm, "sign"), bytesOf(data, undefined, "sign: the data"), key, "sign"));
  if (callback === undefined) return compute();
  settle(compute, callback);
  return undefined;
}

export function verify(algorithm: string | null | undefined, data: ArrayBufferView, key: unknown, signature: ArrayBufferView, callback?: Callback<boolean>): boolean | undefined {
  const compute = (): boolean => verifyWith(hashOf(algorithm, "verify"), bytesOf(data, undefined, "verify: the data"), key, bytesOf(signature, undefined, "verify: the signature"), "verify");
  if (callback === undefined) return compute();
  settle(compute, callback);
  return undefined;
}

function settle<T>(compute: () => T, callback: Callback<T>): void {
  let result: T;
  try {
    result = compute();
  } catch (error) {
    queueMicrotask(() => callback(error as Error));
    return;
  }
  queueMicrotask(() => callback(null, result));
}

/** Collects the data of createSign/createVerify (Node's are streams too; these are not). */
class Collector {
  protected parts: Uint8Array[] = [];
  protected readonly hash: HashName;
  constructor(algorithm: string, what: string) {
    this.hash = hashOf(algorithm, what)!;
  }
  update(data: BinaryLike, inputEncoding?: Encoding): this {
    this.parts.push(bytesOf(data, inputEncoding, "update: the data").slice());
    return this;
  }
  protected data(): Uint8Array {
    const out = new Uint8Array(this.parts.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

export class Sign extends Collector {
  constructor(algorithm: string) {
    super(algorithm, "createSign");
  }
  sign(privateKey: unknown, outputEncoding?: Encoding): NodeBuffer | string {
    const signature = signWith(this.hash, this.data(), privateKey, "sign.sign");
    return outputEncoding === undefined ? toBuffer(signature) : encode(signature, outputEncoding);
  }
}

export class Verify extends Collector {
  constructor(algorithm: string) {
    super(algorithm, "createVerify");
  }
  verify(publicKey: unknown, signature: BinaryLike, signatureEncoding?: Encoding): boolean {
    return verifyWith(this.hash, this.data(), publicKey, bytesOf(signature, signatureEncoding, "verify.verify: the signature"), "verify.verify");
  }
}

export function createSign(algorithm: string, _options?: object): Sign {
  return new Sign(algorithm);
}

export function createVerify(algorithm: string, _options?: object): Verify {
  return new Verify(algorithm);
}

interface PairOptions {
  namedCurve?: string;
  publicKeyEncoding?: KeyExport;
  privateKeyEncoding?: KeyExport;
}

/** generateKeyPairSync for "ec" (P-256, P-384) and "ed25519"; RSA key generation is left out (prime search on BigInt takes seconds). */
export function generateKeyPairSync(type: string, options: PairOptions = {}): { publicKey: KeyObject | string | NodeBuffer | Jwk; privateKey: KeyObject | string | NodeBuffer | Jwk } {
  let key: AsymmetricKey;
  if (type === "ed25519") key = generateAsymmetric("ed25519");
  else if (type === "ec") {
    const curve = ({ "P-256": "P-256", prime256v1: "P-256", secp256r1: "P-256", "P-384": "P-384", secp384r1: "P-384" } as const)[options.namedCurve as "P-256"];
    if (!curve) throw invalid(`generateKeyPairSync: the curve '${options.namedCurve}' is not supported (prime256v1, secp384r1)`);
    key = generateAsymmetric("ec", curve);
  } else throw invalid(`generateKeyPairSync: the key type '${type}' is not supported in a plug-in (ec, ed25519)`);
  const privateKey = new KeyObject(INTERNAL, "private", key);
  const publicKey = new KeyObject(INTERNAL, "public", publicOf(key));
  return {
    publicKey: options.publicKeyEncoding ? publicKey.export(options.publicKeyEncoding) : publicKey,
    privateKey: options.privateKeyEncoding ? privateKey.export(options.privateKeyEncoding) : privateKey,
  };
}

export function generateKeyPair(type: string, options: PairOptions, callback: Callback<unknown>): void {
  settle(() => generateKeyPairSync(type, options), (error, pair) => (error ? callback(error) : (callback as (e: null, p: unknown, q: unknown) => void)(null, (pair as { publicKey: unknown }).publicKey, (pair as { privateKey: unknown }).privateKey)));
}
