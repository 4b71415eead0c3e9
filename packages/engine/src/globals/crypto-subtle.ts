// Web Crypto's algorithms beyond digest and HMAC: ECDSA (P-256, P-384),
// Ed25519, RSASSA-PKCS1-v1_5 and RSA-PSS (sign and verify), AES-GCM (encrypt
// and decrypt), PBKDF2 and HKDF (deriveBits, deriveKey); keys in raw, jwk,
// spki and pkcs8. The build brings this module with the CryptoKey global
// (named, or implied by an algorithm's name: WEB_GLOBAL_IMPLIED in ./names.ts), so
// that a plug-in that only hashes or draws random numbers does not carry the
// curves' and RSA's code.
import { aesGcmDecrypt, aesGcmEncrypt, hkdf, pbkdf2 } from "./crypto-kdf.js";
import {
  curveSize,
  ecdsaSign,
  ecdsaVerify,
  ed25519Sign,
  ed25519Verify,
  fromBase64url,
  fromPkcs8,
  fromSpki,
  generateKeyPair,
  keyFromJwk,
  keyToJwk,
  modulusBits,
  pointOn,
  publicOf,
  rsaSign,
  rsaVerify,
  toBase64url,
  toPkcs8,
  toSpki,
  type AsymmetricKey,
  type HashName,
  type Jwk,
} from "./crypto-keys.js";
import { CryptoKey, subtleInternals, type SubtleExtension } from "./crypto.js";
import { DOMException } from "./dom-exception.js";
import { native } from "../natives.js";

const randomFill = /* @__PURE__ */ native("random_fill");

type KeyUsage = "encrypt" | "decrypt" | "sign" | "verify" | "deriveKey" | "deriveBits" | "wrapKey" | "unwrapKey";
type Params = { name?: string; hash?: string | { name: string }; namedCurve?: string; length?: number; saltLength?: number; iv?: unknown; additionalData?: unknown; tagLength?: number; salt?: unknown; info?: unknown; iterations?: number; modulusLength?: number; publicExponent?: Uint8Array };

const NAMES: Record<string, string> = {
  ECDSA: "ECDSA",
  ED25519: "Ed25519",
  "RSASSA-PKCS1-V1_5": "RSASSA-PKCS1-v1_5",
  "RSA-PSS": "RSA-PSS",
  "AES-GCM": "AES-GCM",
  PBKDF2: "PBKDF2",
  HKDF: "HKDF",
};
const HASHES: Record<string, HashName> = { "SHA-1": "SHA-1", "SHA-256": "SHA-256", "SHA-384": "SHA-384", "SHA-512": "SHA-512" };

function notSupported(message: string): never {
  throw new DOMException(message, "NotSupportedError");
}

function dataError(message: string): never {
  throw new DOMException(message, "DataError");
}

function paramsOf(algorithm: unknown): Params {
  return (typeof algorithm === "string" ? { name: algorithm } : (algorithm ?? {})) as Params;
}

function nameOf(algorithm: unknown, operation: string): string {
  const raw = paramsOf(algorithm).name;
  const name = typeof raw === "string" ? NAMES[raw.toUpperCase()] : undefined;
  if (!name) notSupported(`crypto.subtle.${operation}: '${String(raw)}' is not supported (ECDSA, Ed25519, RSASSA-PKCS1-v1_5, RSA-PSS, AES-GCM, PBKDF2, HKDF, HMAC)`);
  return name;
}

function hashOf(hash: unknown, operation: string): HashName {
  const raw = typeof hash === "string" ? hash : (hash as { name?: string } | undefined)?.name;
  const name = typeof raw === "string" ? HASHES[raw.toUpperCase()] : undefined;
  if (!name) notSupported(`crypto.subtle.${operation}: the hash '${String(raw)}' is not supported (SHA-1, SHA-256, SHA-384, SHA-512)`);
  return name;
}

function bytes(data: unknown, what: string): Uint8Array {
  return subtleInternals.bytesOf(data as ArrayBuffer, what);
}

function check(key: unknown, name: string, usage: KeyUsage, operation: string): void {
  if (!(key instanceof CryptoKey)) throw new TypeError(`crypto.subtle.${operation}: the key must be a CryptoKey`);
  if ((key.algorithm as { name: string }).name !== name) throw new DOMException(`crypto.subtle.${operation}: the key is for ${(key.algorithm as { name: string }).name}, not ${name}`, "InvalidAccessError");
  if (!key.usages.includes(usage)) throw new DOMException(`crypto.subtle.${operation}: the key's usages do not include '${usage}'`, "InvalidAccessError");
}

/** The usages each kind of key may have. */
function allowedUsages(name: string, type: "secret" | "public" | "private"): KeyUsage[] {
  if (name === "AES-GCM") return ["encrypt", "decrypt", "wrapKey", "unwrapKey"];
  if (name === "PBKDF2" || name === "HKDF") return ["deriveKey", "deriveBits"];
  return type === "public" ? ["verify"] : ["sign"];
}

function makeKey(name: string, params: Params, type: "secret" | "public" | "private", material: Uint8Array | AsymmetricKey, extractable: boolean, usages: KeyUsage[], operation: string): CryptoKey {
  const allowed = allowedUsages(name, type);
  const bad = usages.find((usage) => !allowed.includes(usage));
  if (bad !== undefined) throw new DOMException(`crypto.subtle.${operation}: a ${type} ${name} key cannot be used to '${bad}'`, "SyntaxError");
  if (usages.length === 0 && type !== "public") throw new DOMException(`crypto.subtle.${operation}: a ${type} key needs at least one usage (${allowed.join(", ")})`, "SyntaxError");
  let algorithm: object = { name };
  if (name === "ECDSA") algorithm = { name, namedCurve: (material as AsymmetricKey & { curve: string }).curve };
  if (name === "AES-GCM") algorithm = { name, length: (material as Uint8Array).length * 8 };
  if (name === "RSASSA-PKCS1-v1_5" || name === "RSA-PSS") {
    const rsa = material as AsymmetricKey & { kind: "rsa" };
    let exponent = rsa.e.toString(16);
    if (exponent.length % 2) exponent = `0${exponent}`;
    algorithm = { name, modulusLength: modulusBits(rsa), publicExponent: new Uint8Array(exponent.match(/../g)!.map((pair) => Number.parseInt(pair, 16))), hash: { name: hashOf(params.hash, operation) } };
  }
  return subtleInternals.newKey(type, algorithm, name === "PBKDF2" || name === "HKDF" ? false : extractable, usages, material);
}

/** The asymmetric key kind each algorithm takes. */
function expectKind(name: string, key: AsymmetricKey, params: Params, operation: string): void {
  const kind = name === "ECDSA" ? "ec" : name === "Ed25519" ? "ed25519" : "rsa";
  if (key.kind !== kind) dataError(`crypto.subtle.${operation}: the key is ${key.kind}, not a ${name} key`);
  if (name === "ECDSA" && params.namedCurve !== (key as { curve: string }).curve) dataError(`crypto.subtle.${operation}: the key's curve ${(key as { curve: string }).curve} is not ${String(params.namedCurve)}`);
}

const extension: SubtleExtension = {
  importKey(format, keyData, algorithm, extractable, usages) {
    const operation = "importKey";
    const name = nameOf(algorithm, operation);
    const params = paramsOf(algorithm);
    if (name === "AES-GCM" || name === "PBKDF2" || name === "HKDF") {
      let secret: Uint8Array;
      if (format === "raw") secret = bytes(keyData, "crypto.subtle.importKey: the key data");
      else if (format === "jwk" && name === "AES-GCM") {
        const jwk = keyData as Jwk;
        if (jwk?.kty !== "oct") dataError("crypto.subtle.importKey: an AES JWK has kty 'oct'");
        secret = fromBase64url(jwk.k, "the JWK's 'k'");
      } else notSupported(`crypto.subtle.importKey: a ${name} key is imported as raw${name === "AES-GCM" ? " or jwk" : ""}, not ${format}`);
      if (name === "AES-GCM" && ![16, 24, 32].includes(secret.length)) dataError(`crypto.subtle.importKey: an AES key is 128, 192 or 256 bits, not ${secret.length * 8}`);
      return makeKey(name, params, "secret", secret.slice(), extractable, usages, operation);
    }
    let key: AsymmetricKey;
    try {
      if (format === "spki") key = fromSpki(bytes(keyData, "crypto.subtle.importKey: the key data"));
      else if (format === "pkcs8") key = fromPkcs8(bytes(keyData, "crypto.subtle.importKey: the key data"));
      else if (format === "jwk") key = keyFromJwk(keyData as Jwk);
      else if (format === "raw" && name === "Ed25519") key = { kind: "ed25519", type: "public", publicKey: bytes(keyData, "crypto.subtle.importKey: the key data") };
      else if (format === "raw" && name === "ECDSA") {
        const point = bytes(keyData, "crypto.subtle.importKey: the key data");
        const curve = params.namedCurve === "P-384" ? "P-384" : "P-256";
        if (point.length !== 1 + 2 * curveSize(curve) || point[0] !== 4) dataError(`crypto.subtle.importKey: a raw ${curve} key is an uncompressed point (0x04, x, y)`);
        key = { kind: "ec", type: "public", curve, point: pointOn(curve, point, "the raw key") };
      } else notSupported(`crypto.subtle.importKey: a ${name} key is not imported as ${format} (spki, pkcs8, jwk${name === "ECDSA" || name === "Ed25519" ? ", raw" : ""})`);
    } catch (error) {
      if (error instanceof DOMException) throw error;
      return dataError(`crypto.subtle.importKey: ${(error as Error).message}`);
    }
    expectKind(name, key, params, operation);
    return makeKey(name, params, key.type, key, extractable, usages, operation);
  },

  exportKey(format, key) {
    const material = subtleInternals.material(key);
    const name = (key.algorithm as { name: string }).name;
    if (material instanceof Uint8Array) {
      if (format === "raw") return subtleInternals.toArrayBuffer(material.slice());
      if (format === "jwk" && name === "AES-GCM") return { key_ops: [...key.usages], ext: true, kty: "oct", k: toBase64url(material), alg: `A${material.length * 8}GCM` };
      return notSupported(`crypto.subtle.exportKey: a ${name} key is not exported as ${format}`);
    }
    const asymmetric = material as AsymmetricKey;
    if (format === "spki" && asymmetric.type === "public") return subtleInternals.toArrayBuffer(toSpki(asymmetric));
    if (format === "pkcs8" && asymmetric.type === "private") return subtleInternals.toArrayBuffer(toPkcs8(asymmetric));
    if (format === "jwk") {
      // Node's order: usages and extractability first, the algorithm's JOSE name last.
      const hash = (key.algorithm as { hash?: { name: string } }).hash?.name.slice(4);
      const alg = name === "Ed25519" ? "Ed25519" : name === "RSASSA-PKCS1-v1_5" ? `RS${hash === "1" ? "1" : hash}` : name === "RSA-PSS" ? `PS${hash}` : undefined;
      return { key_ops: [...key.usages], ext: true, ...keyToJwk(asymmetric), ...(alg ? { alg } : {}) };
    }
    if (format === "raw" && asymmetric.type === "public" && asymmetric.kind !== "rsa") return subtleInternals.toArrayBuffer((asymmetric.kind === "ec" ? asymmetric.point : asymmetric.publicKey).slice());
    // The format exists for this kind of key, not for this half of it (Web Crypto's InvalidAccessError).
    if (format === "spki" || format === "pkcs8" || (format === "raw" && asymmetric.kind !== "rsa")) throw new DOMException(`crypto.subtle.exportKey: a ${asymmetric.type} key is not exported as ${format}`, "InvalidAccessError");
    return notSupported(`crypto.subtle.exportKey: a ${asymmetric.type} ${name} key is not exported as ${format}`);
  },

  generateKey(algorithm, extractable, usages) {
    const operation = "generateKey";
    const name = nameOf(algorithm, operation);
    const params = paramsOf(algorithm);
    if (name === "AES-GCM") {
      if (![128, 192, 256].includes(params.length ?? 0)) throw new DOMException("crypto.subtle.generateKey: an AES key is 128, 192 or 256 bits long", "OperationError");
      return makeKey(name, params, "secret", randomFill(new Uint8Array(params.length! / 8)), extractable, usages, operation);
    }
    if (name !== "ECDSA" && name !== "Ed25519") notSupported(`crypto.subtle.generateKey: ${name} keys are not generated in a plug-in (ECDSA, Ed25519, AES-GCM, HMAC)`);
    if (name === "ECDSA" && params.namedCurve !== "P-256" && params.namedCurve !== "P-384") notSupported(`crypto.subtle.generateKey: the curve '${String(params.namedCurve)}' is not supported (P-256, P-384)`);
    const pair = generateKeyPair(name === "ECDSA" ? "ec" : "ed25519", params.namedCurve as "P-256");
    return {
      publicKey: makeKey(name, params, "public", publicOf(pair), true, usages.filter((usage) => usage === "verify"), operation),
      privateKey: makeKey(name, params, "private", pair, extractable, usages.filter((usage) => usage === "sign"), operation),
    };
  },

  sign(algorithm, key, data) {
    const name = nameOf(algorithm, "sign");
    check(key, name, "sign", "sign");
    return signOrVerify(name, paramsOf(algorithm), key, data) as Uint8Array;
  },

  verify(algorithm, key, signature, data) {
    const name = nameOf(algorithm, "verify");
    check(key, name, "verify", "verify");
    return signOrVerify(name, paramsOf(algorithm), key, data, signature) as boolean;
  },

  encrypt(algorithm, key, data) {
    check(key, nameOf(algorithm, "encrypt"), "encrypt", "encrypt");
    const params = paramsOf(algorithm);
    return aesGcmEncrypt(subtleInternals.material(key) as Uint8Array, bytes(params.iv, "crypto.subtle.encrypt: the iv"), data, params.additionalData === undefined ? undefined : bytes(params.additionalData, "crypto.subtle.encrypt: the additionalData"), (params.tagLength ?? 128) / 8);
  },

  decrypt(algorithm, key, data) {
    check(key, nameOf(algorithm, "decrypt"), "decrypt", "decrypt");
    const params = paramsOf(algorithm);
    try {
      return aesGcmDecrypt(subtleInternals.material(key) as Uint8Array, bytes(params.iv, "crypto.subtle.decrypt: the iv"), data, params.additionalData === undefined ? undefined : bytes(params.additionalData, "crypto.subtle.decrypt: the additionalData"), (params.tagLength ?? 128) / 8);
    } catch (error) {
      throw new DOMException(`crypto.subtle.decrypt: ${(error as Error).message}`, "OperationError");
    }
  },

  deriveBits(algorithm, key, length) {
    const name = nameOf(algorithm, "deriveBits");
    if (!(key instanceof CryptoKey) || (key.algorithm as { name: string }).name !== name) throw new DOMException(`crypto.subtle.deriveBits: the key is not a ${name} key`, "InvalidAccessError");
    if (!key.usages.includes("deriveBits") && !key.usages.includes("deriveKey")) throw new DOMException("crypto.subtle.deriveBits: the key's usages do not include 'deriveBits'", "InvalidAccessError");
    if (length === null || length % 8 !== 0) throw new DOMException("crypto.subtle.deriveBits: the length must be a multiple of 8", "OperationError");
    const params = paramsOf(algorithm);
    const hash = hashOf(params.hash, "deriveBits");
    const secret = subtleInternals.material(key) as Uint8Array;
    const salt = bytes(params.salt, "crypto.subtle.deriveBits: the salt");
    if (name === "PBKDF2") {
      if (!Number.isSafeInteger(params.iterations) || params.iterations! < 1) throw new DOMException("crypto.subtle.deriveBits: PBKDF2 needs a positive number of iterations", "OperationError");
      return pbkdf2(hash, secret, salt, params.iterations!, length / 8);
    }
    return hkdf(hash, secret, salt, bytes(params.info, "crypto.subtle.deriveBits: the info"), length / 8);
  },
};

function signOrVerify(name: string, params: Params, key: CryptoKey, data: Uint8Array, signature?: Uint8Array): Uint8Array | boolean {
  const material = subtleInternals.material(key) as AsymmetricKey;
  if (material.kind === "ed25519") return signature ? ed25519Verify(material, data, signature) : ed25519Sign(material, data);
  if (material.kind === "ec") {
    const hash = hashOf(params.hash, signature ? "verify" : "sign");
    if (!signature) return ecdsaSign(material, hash, data, "p1363");
    return signature.length === 2 * curveSize(material.curve) && ecdsaVerify(material, hash, data, signature, "p1363");
  }
  const hash = (key.algorithm as { hash: { name: HashName } }).hash.name;
  const options = name === "RSA-PSS" ? { padding: "pss" as const, saltLength: params.saltLength ?? 0 } : { padding: "pkcs1" as const };
  return signature ? rsaVerify(material, hash, data, signature, options) : rsaSign(material, hash, data, options);
}

subtleInternals.extend(extension);

export { CryptoKey };
