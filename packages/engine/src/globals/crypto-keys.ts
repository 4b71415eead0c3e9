// Asymmetric keys for node:crypto and Web Crypto: reading and writing them
// (PEM, DER as PKCS#8, SPKI, PKCS#1 and SEC 1, JWK) and signing with them
// (RSASSA-PKCS1-v1_5 and RSA-PSS on BigInt, ECDSA P-256/P-384 and Ed25519 from
// @noble/curves), synchronously: Web Crypto's promises wrap the same calls.
// Digests are the engine's native SHA-1/SHA-2.
import { ed25519 } from "@noble/curves/ed25519.js";
import { p256, p384 } from "@noble/curves/nist.js";
import { native } from "../natives.js";

const digest = /* @__PURE__ */ native("digest");
const randomFill = /* @__PURE__ */ native("random_fill");
const base64Encode = /* @__PURE__ */ native("base64_encode");
const base64Decode = /* @__PURE__ */ native("base64_decode");
const utf8Encode = /* @__PURE__ */ native("utf8_encode");
const utf8Decode = /* @__PURE__ */ native("utf8_decode");

export type HashName = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";
export type Curve = "P-256" | "P-384";

export interface RsaKey {
  kind: "rsa";
  type: "public" | "private";
  n: bigint;
  e: bigint;
  d?: bigint;
  p?: bigint;
  q?: bigint;
  dp?: bigint;
  dq?: bigint;
  qi?: bigint;
}
export interface EcKey {
  kind: "ec";
  type: "public" | "private";
  curve: Curve;
  /** The uncompressed point (0x04 || x || y). */
  point: Uint8Array;
  d?: Uint8Array;
}
export interface EdKey {
  kind: "ed25519";
  type: "public" | "private";
  publicKey: Uint8Array;
  seed?: Uint8Array;
}
export type AsymmetricKey = RsaKey | EcKey | EdKey;

/** A key's material was not what it claimed to be: names what was wrong. */
export class KeyError extends Error {
  readonly code = "ERR_OSSL_UNSUPPORTED";
}

function fail(message: string): never {
  throw new KeyError(message);
}

// ---- DER ----

interface Der {
  tag: number;
  /** The contents' bytes. */
  value: Uint8Array;
  /** The whole element, tag and length included. */
  raw: Uint8Array;
}

function readDer(bytes: Uint8Array, at: number, what: string): Der & { end: number } {
  if (at + 2 > bytes.length) fail(`${what}: the DER ends early`);
  const tag = bytes[at]!;
  let length = bytes[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > bytes.length) fail(`${what}: bad DER length`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i]!;
    start += count;
  }
  if (start + length > bytes.length) fail(`${what}: the DER is cut short`);
  return { tag, value: bytes.subarray(start, start + length), raw: bytes.subarray(at, start + length), end: start + length };
}

/** The elements of a SEQUENCE (or of any constructed value). */
function children(node: Der, what: string): Der[] {
  const out: Der[] = [];
  for (let at = 0; at < node.value.length; ) {
    const child = readDer(node.value, at, what);
    out.push(child);
    at = child.end;
  }
  return out;
}

function sequence(bytes: Uint8Array, what: string): Der[] {
  const top = readDer(bytes, 0, what);
  if (top.tag !== 0x30 || top.end !== bytes.length) fail(`${what}: not a DER SEQUENCE`);
  return children(top, what);
}

function bigintOf(node: Der | undefined, what: string): bigint {
  if (node?.tag !== 0x02) fail(`${what}: expected an INTEGER`);
  let value = 0n;
  for (const byte of node.value) value = (value << 8n) | BigInt(byte);
  return value;
}

function oidOf(node: Der | undefined, what: string): string {
  if (node?.tag !== 0x06) fail(`${what}: expected an OBJECT IDENTIFIER`);
  const parts = [Math.floor(node.value[0]! / 40), node.value[0]! % 40];
  let value = 0;
  for (const byte of node.value.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join(".");
}

function encodeDer(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const length = contents.reduce((sum, part) => sum + part.length, 0);
  const header = length < 0x80 ? [tag, length] : length < 0x100 ? [tag, 0x81, length] : length < 0x10000 ? [tag, 0x82, length >> 8, length & 0xff] : [tag, 0x83, length >> 16, (length >> 8) & 0xff, length & 0xff];
  const out = new Uint8Array(header.length + length);
  out.set(header);
  let at = header.length;
  for (const part of contents) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const seq = (...parts: Uint8Array[]): Uint8Array => encodeDer(0x30, ...parts);
const octets = (bytes: Uint8Array): Uint8Array => encodeDer(0x04, bytes);
const bits = (bytes: Uint8Array): Uint8Array => encodeDer(0x03, new Uint8Array([0]), bytes);
const NULL = new Uint8Array([0x05, 0x00]);

function integer(value: bigint): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return encodeDer(0x02, bytesOfHex(hex));
}

function oid(text: string): Uint8Array {
  const parts = text.split(".").map(Number);
  const out = [parts[0]! * 40 + parts[1]!];
  for (const part of parts.slice(2)) {
    const groups = [part & 0x7f];
    for (let rest = Math.floor(part / 128); rest > 0; rest = Math.floor(rest / 128)) groups.unshift((rest & 0x7f) | 0x80);
    out.push(...groups);
  }
  return encodeDer(0x06, new Uint8Array(out));
}

function bytesOfHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bigintToBytes(value: bigint, length: number): Uint8Array {
  const hex = value.toString(16).padStart(length * 2, "0");
  if (hex.length > length * 2) fail(`a number does not fit ${length} bytes`);
  return bytesOfHex(hex);
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

const OID = {
  rsa: "1.2.840.113549.1.1.1",
  ec: "1.2.840.10045.2.1",
  p256: "1.2.840.10045.3.1.7",
  p384: "1.3.132.0.34",
  ed25519: "1.3.101.112",
} as const;

const CURVES = { "P-256": { oid: OID.p256, size: 32, noble: p256 }, "P-384": { oid: OID.p384, size: 48, noble: p384 } } as const;

/** The point, once it is known to be on the curve (Node refuses a key that is not). */
export function pointOn(curve: Curve, point: Uint8Array, what: string): Uint8Array {
  try {
    CURVES[curve].noble.Point.fromBytes(point);
  } catch {
    fail(`${what}: the public key is not a point on ${curve}`);
  }
  return point;
}

function curveOf(id: string, what: string): Curve {
  if (id === OID.p256) return "P-256";
  if (id === OID.p384) return "P-384";
  return fail(`${what}: the curve ${id} is not supported (P-256, P-384)`);
}

function rsaPublicFromPkcs1(der: Uint8Array, what: string): RsaKey {
  const [n, e] = sequence(der, what);
  return { kind: "rsa", type: "public", n: bigintOf(n, what), e: bigintOf(e, what) };
}

function rsaPrivateFromPkcs1(der: Uint8Array, what: string): RsaKey {
  const items = sequence(der, what);
  const [n, e, d, p, q, dp, dq, qi] = items.slice(1, 9).map((item) => bigintOf(item, what));
  return { kind: "rsa", type: "private", n: n!, e: e!, d: d!, p: p!, q: q!, dp: dp!, dq: dq!, qi: qi! };
}

function ecPrivateFromSec1(der: Uint8Array, curve: Curve | undefined, what: string): EcKey {
  const items = sequence(der, what);
  const d = items[1];
  if (d?.tag !== 0x04) fail(`${what}: an EC private key holds an OCTET STRING`);
  let chosen = curve;
  let point: Uint8Array | undefined;
  for (const item of items.slice(2)) {
    if (item.tag === 0xa0) chosen = curveOf(oidOf(children(item, what)[0], what), what);
    if (item.tag === 0xa1) point = children(item, what)[0]!.value.subarray(1);
  }
  if (chosen === undefined) fail(`${what}: the EC key names no curve`);
  point ??= CURVES[chosen].noble.getPublicKey(d.value, false);
  return { kind: "ec", type: "private", curve: chosen, point: point.slice(), d: d.value.slice() };
}

/** A key from SubjectPublicKeyInfo DER. */
export function fromSpki(der: Uint8Array): AsymmetricKey {
  const what = "an SPKI public key";
  const [algorithm, key] = sequence(der, what);
  if (algorithm?.tag !== 0x30 || key?.tag !== 0x03) fail(`${what}: not SubjectPublicKeyInfo`);
  const [id, parameters] = children(algorithm, what);
  const type = oidOf(id, what);
  const publicBits = key.value.subarray(1);
  if (type === OID.rsa) return rsaPublicFromPkcs1(publicBits, what);
  if (type === OID.ec) {
    const curve = curveOf(oidOf(parameters, what), what);
    return { kind: "ec", type: "public", curve, point: pointOn(curve, publicBits.slice(), what) };
  }
  if (type === OID.ed25519) return { kind: "ed25519", type: "public", publicKey: publicBits.slice() };
  return fail(`${what}: the key type ${type} is not supported (RSA, EC P-256/P-384, Ed25519)`);
}

/** The public key of an X.509 certificate (its SubjectPublicKeyInfo); the certificate itself is not checked. */
export function fromCertificate(der: Uint8Array): AsymmetricKey {
  const what = "an X.509 certificate";
  const [tbs] = sequence(der, what);
  if (tbs?.tag !== 0x30) fail(`${what}: no TBSCertificate`);
  const fields = children(tbs, what);
  // version [0] is optional: serial, signature, issuer, validity and subject come before the key.
  const spki = fields[fields[0]?.tag === 0xa0 ? 6 : 5];
  if (spki?.tag !== 0x30) fail(`${what}: no SubjectPublicKeyInfo`);
  return fromSpki(spki.raw);
}

/** A key from PKCS#8 PrivateKeyInfo DER. */
export function fromPkcs8(der: Uint8Array): AsymmetricKey {
  const what = "a PKCS#8 private key";
  const [, algorithm, key] = sequence(der, what);
  if (algorithm?.tag !== 0x30 || key?.tag !== 0x04) fail(`${what}: not PrivateKeyInfo`);
  const [id, parameters] = children(algorithm, what);
  const type = oidOf(id, what);
  if (type === OID.rsa) return rsaPrivateFromPkcs1(key.value, what);
  if (type === OID.ec) return ecPrivateFromSec1(key.value, curveOf(oidOf(parameters, what), what), what);
  if (type === OID.ed25519) {
    const seed = readDer(key.value, 0, what);
    if (seed.tag !== 0x04 || seed.value.length !== 32) fail(`${what}: an Ed25519 key is a 32-byte OCTET STRING`);
    return { kind: "ed25519", type: "private", seed: seed.value.slice(), publicKey: ed25519.getPublicKey(seed.value) };
  }
  return fail(`${what}: the key type ${type} is not supported (RSA, EC P-256/P-384, Ed25519)`);
}

export function toSpki(key: AsymmetricKey): Uint8Array {
  if (key.kind === "rsa") return seq(seq(oid(OID.rsa), NULL), bits(toPkcs1(publicOf(key) as RsaKey)));
  if (key.kind === "ec") return seq(seq(oid(OID.ec), oid(CURVES[key.curve].oid)), bits(key.point));
  return seq(seq(oid(OID.ed25519)), bits(key.publicKey));
}

export function toPkcs8(key: AsymmetricKey): Uint8Array {
  if (key.type !== "private") fail("only a private key can be exported as PKCS#8");
  const version = integer(0n);
  if (key.kind === "rsa") return seq(version, seq(oid(OID.rsa), NULL), octets(toPkcs1(key)));
  if (key.kind === "ec") return seq(version, seq(oid(OID.ec), oid(CURVES[key.curve].oid)), octets(toSec1(key, false)));
  return seq(version, seq(oid(OID.ed25519)), octets(octets(key.seed!)));
}

/** PKCS#1 RSAPublicKey or RSAPrivateKey. */
export function toPkcs1(key: RsaKey): Uint8Array {
  if (key.type === "public") return seq(integer(key.n), integer(key.e));
  return seq(...[0n, key.n, key.e, key.d!, key.p!, key.q!, key.dp!, key.dq!, key.qi!].map(integer));
}

/** SEC 1 ECPrivateKey; inside PKCS#8 the curve is in the algorithm, as OpenSSL writes it. */
export function toSec1(key: EcKey, withCurve = true): Uint8Array {
  return seq(integer(1n), octets(key.d!), ...(withCurve ? [encodeDer(0xa0, oid(CURVES[key.curve].oid))] : []), encodeDer(0xa1, bits(key.point)));
}

// ---- PEM ----

export function fromPem(text: string): { label: string; der: Uint8Array } {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!match) fail("the key is not PEM (-----BEGIN ...-----) and no other format was given");
  const body = match[2]!.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) fail(`the PEM block ${match[1]} is not base64`);
  return { label: match[1]!, der: base64Decode(utf8Encode(body.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")), true) };
}

export function toPem(label: string, der: Uint8Array): string {
  const body = utf8Decode(base64Encode(der, false), false);
  return `-----BEGIN ${label}-----\n${body.replace(/.{1,64}/g, "$&\n")}-----END ${label}-----\n`;
}

/** A key from PEM text: PUBLIC KEY, PRIVATE KEY, RSA PUBLIC KEY, RSA PRIVATE KEY, EC PRIVATE KEY, or a CERTIFICATE's public key. */
export function keyFromPem(text: string, wanted: "public" | "private"): AsymmetricKey {
  const { label, der } = fromPem(text);
  if (label === "CERTIFICATE") {
    if (wanted === "private") fail("a private key was expected, the PEM holds a CERTIFICATE");
    return fromCertificate(der);
  }
  const key = keyFromDer(der, label === "PUBLIC KEY" ? "spki" : label === "PRIVATE KEY" ? "pkcs8" : label === "RSA PUBLIC KEY" || label === "RSA PRIVATE KEY" ? "pkcs1" : label === "EC PRIVATE KEY" ? "sec1" : fail(`the PEM block '${label}' is not a key this supports (PUBLIC KEY, PRIVATE KEY, RSA PUBLIC KEY, RSA PRIVATE KEY, EC PRIVATE KEY, CERTIFICATE)`), label.includes("PRIVATE") ? "private" : "public");
  if (wanted === "private" && key.type !== "private") fail(`a private key was expected, the PEM holds a ${label}`);
  return key;
}

export function keyFromDer(der: Uint8Array, format: "spki" | "pkcs8" | "pkcs1" | "sec1", type: "public" | "private"): AsymmetricKey {
  if (format === "spki") return fromSpki(der);
  if (format === "pkcs8") return fromPkcs8(der);
  if (format === "pkcs1") return type === "private" ? rsaPrivateFromPkcs1(der, "a PKCS#1 private key") : rsaPublicFromPkcs1(der, "a PKCS#1 public key");
  return ecPrivateFromSec1(der, undefined, "a SEC 1 EC private key");
}

// ---- JWK ----

export interface Jwk {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  n?: string;
  e?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  k?: string;
  [other: string]: unknown;
}

export function fromBase64url(text: unknown, what: string): Uint8Array {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]*$/.test(text)) fail(`${what} is not base64url`);
  return base64Decode(utf8Encode(text), true);
}

export function toBase64url(bytes: Uint8Array): string {
  return utf8Decode(base64Encode(bytes, true), false);
}

export function keyFromJwk(jwk: Jwk): AsymmetricKey {
  const big = (name: keyof Jwk): bigint => bytesToBigint(fromBase64url(jwk[name], `the JWK's '${String(name)}'`));
  if (jwk.kty === "RSA") {
    const key: RsaKey = { kind: "rsa", type: jwk.d === undefined ? "public" : "private", n: big("n"), e: big("e") };
    if (jwk.d !== undefined) Object.assign(key, { d: big("d"), p: big("p"), q: big("q"), dp: big("dp"), dq: big("dq"), qi: big("qi") });
    return key;
  }
  if (jwk.kty === "EC") {
    const curve = jwk.crv === "P-256" || jwk.crv === "P-384" ? jwk.crv : fail(`the JWK's curve '${String(jwk.crv)}' is not supported (P-256, P-384)`);
    const size = CURVES[curve].size;
    const x = fromBase64url(jwk.x, "the JWK's 'x'");
    const y = fromBase64url(jwk.y, "the JWK's 'y'");
    if (x.length !== size || y.length !== size) fail(`the JWK's x and y must be ${size} bytes for ${curve}`);
    const point = pointOn(curve, new Uint8Array([4, ...x, ...y]), "the JWK");
    if (jwk.d === undefined) return { kind: "ec", type: "public", curve, point };
    return { kind: "ec", type: "private", curve, point, d: fromBase64url(jwk.d, "the JWK's 'd'") };
  }
  if (jwk.kty === "OKP" && jwk.crv === "Ed25519") {
    const publicKey = fromBase64url(jwk.x, "the JWK's 'x'");
    if (jwk.d === undefined) return { kind: "ed25519", type: "public", publicKey };
    return { kind: "ed25519", type: "private", publicKey, seed: fromBase64url(jwk.d, "the JWK's 'd'") };
  }
  return fail(`the JWK's kty '${String(jwk.kty)}'${jwk.crv ? ` (crv '${jwk.crv}')` : ""} is not supported (RSA, EC P-256/P-384, OKP Ed25519)`);
}

export function keyToJwk(key: AsymmetricKey): Jwk {
  const b = (value: bigint): string => {
    const hex = value.toString(16);
    return toBase64url(bytesOfHex(hex.length % 2 ? `0${hex}` : hex));
  };
  if (key.kind === "rsa") {
    const jwk: Jwk = { kty: "RSA", n: b(key.n), e: b(key.e) };
    if (key.type === "private") Object.assign(jwk, { d: b(key.d!), p: b(key.p!), q: b(key.q!), dp: b(key.dp!), dq: b(key.dq!), qi: b(key.qi!) });
    return jwk;
  }
  if (key.kind === "ec") {
    const size = CURVES[key.curve].size;
    const jwk: Jwk = { kty: "EC", x: toBase64url(key.point.subarray(1, 1 + size)), y: toBase64url(key.point.subarray(1 + size)), crv: key.curve };
    if (key.type === "private") jwk.d = toBase64url(key.d!);
    return jwk;
  }
  const jwk: Jwk = { crv: "Ed25519", ...(key.type === "private" ? { d: toBase64url(key.seed!) } : {}), x: toBase64url(key.publicKey), kty: "OKP" };
  return jwk;
}

export function publicOf(key: AsymmetricKey): AsymmetricKey {
  if (key.kind === "rsa") return { kind: "rsa", type: "public", n: key.n, e: key.e };
  if (key.kind === "ec") return { kind: "ec", type: "public", curve: key.curve, point: key.point };
  return { kind: "ed25519", type: "public", publicKey: key.publicKey };
}

/** The key's size in bits: the modulus for RSA, the curve's for EC, 253 for Ed25519 as Node reports none. */
export function modulusBits(key: RsaKey): number {
  return key.n.toString(2).length;
}

// ---- RSA ----

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  base %= modulus;
  for (; exponent > 0n; exponent >>= 1n) {
    if (exponent & 1n) result = (result * base) % modulus;
    base = (base * base) % modulus;
  }
  return result;
}

function rsaPrivate(key: RsaKey, message: bigint): bigint {
  if (key.p && key.q && key.dp && key.dq && key.qi) {
    const m1 = modPow(message, key.dp, key.p);
    const m2 = modPow(message, key.dq, key.q);
    let h = (key.qi * (m1 - m2)) % key.p;
    if (h < 0n) h += key.p;
    return m2 + h * key.q;
  }
  return modPow(message, key.d!, key.n);
}

/** DigestInfo prefixes (RFC 8017, section 9.2, note 1). */
const DIGEST_INFO: Record<HashName, string> = {
  "SHA-1": "3021300906052b0e03021a05000414",
  "SHA-256": "3031300d060960864801650304020105000420",
  "SHA-384": "3041300d060960864801650304020205000430",
  "SHA-512": "3051300d060960864801650304020305000440",
};
const HASH_LENGTHS: Record<HashName, number> = { "SHA-1": 20, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 };

function emsaPkcs1(hash: HashName, digestBytes: Uint8Array, length: number): Uint8Array {
  const info = new Uint8Array([...bytesOfHex(DIGEST_INFO[hash]), ...digestBytes]);
  if (length < info.length + 11) fail("the RSA key is too short for this digest");
  const out = new Uint8Array(length).fill(0xff);
  out[0] = 0;
  out[1] = 1;
  out[length - info.length - 1] = 0;
  out.set(info, length - info.length);
  return out;
}

function mgf1(hash: HashName, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let counter = 0, at = 0; at < length; counter++) {
    const block = digest(hash, seed, new Uint8Array([counter >>> 24, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff]));
    out.set(block.subarray(0, Math.min(block.length, length - at)), at);
    at += block.length;
  }
  return out;
}

export interface RsaOptions {
  padding: "pkcs1" | "pss";
  /** PSS salt length in bytes; -1: the digest's length, -2: the most that fits (Node's defaults: sign -2, verify auto). */
  saltLength?: number;
}

function emsaPssEncode(hash: HashName, mHash: Uint8Array, emBits: number, saltLength: number): Uint8Array {
  const hLen = HASH_LENGTHS[hash];
  const emLen = Math.ceil(emBits / 8);
  if (saltLength === -1) saltLength = hLen;
  if (saltLength === -2) saltLength = emLen - hLen - 2;
  if (emLen < hLen + saltLength + 2) fail("the RSA key is too short for this digest and salt length");
  const salt = randomFill(new Uint8Array(saltLength));
  const h = digest(hash, new Uint8Array(8), mHash, salt);
  const db = new Uint8Array(emLen - hLen - 1);
  db[db.length - saltLength - 1] = 1;
  db.set(salt, db.length - saltLength);
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >> (8 * emLen - emBits);
  return new Uint8Array([...db, ...h, 0xbc]);
}

function emsaPssVerify(hash: HashName, mHash: Uint8Array, em: Uint8Array, emBits: number, saltLength: number): boolean {
  const hLen = HASH_LENGTHS[hash];
  const emLen = Math.ceil(emBits / 8);
  if (em.length !== emLen || em[emLen - 1] !== 0xbc || emLen < hLen + 2) return false;
  const db = em.slice(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  if (db[0]! & ~(0xff >> (8 * emLen - emBits)) & 0xff) return false;
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >> (8 * emLen - emBits);
  let one = 0;
  while (one < db.length && db[one] === 0) one++;
  if (db[one] !== 1) return false;
  const salt = db.subarray(one + 1);
  if (saltLength === -1 && salt.length !== hLen) return false;
  if (saltLength >= 0 && salt.length !== saltLength) return false;
  return equalBytes(digest(hash, new Uint8Array(8), mHash, salt), h);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

export function rsaSign(key: RsaKey, hash: HashName, data: Uint8Array, options: RsaOptions): Uint8Array {
  if (key.type !== "private") fail("signing needs a private key");
  const bitsLength = modulusBits(key);
  const length = Math.ceil(bitsLength / 8);
  const mHash = digest(hash, data);
  const encoded = options.padding === "pss" ? emsaPssEncode(hash, mHash, bitsLength - 1, options.saltLength ?? -2) : emsaPkcs1(hash, mHash, length);
  return bigintToBytes(rsaPrivate(key, bytesToBigint(encoded)), length);
}

export function rsaVerify(key: RsaKey, hash: HashName, data: Uint8Array, signature: Uint8Array, options: RsaOptions): boolean {
  const bitsLength = modulusBits(key);
  const length = Math.ceil(bitsLength / 8);
  if (signature.length !== length) return false;
  const s = bytesToBigint(signature);
  if (s >= key.n) return false;
  const m = modPow(s, key.e, key.n);
  const mHash = digest(hash, data);
  if (options.padding === "pss") {
    const emLen = Math.ceil((bitsLength - 1) / 8);
    return emsaPssVerify(hash, mHash, bigintToBytes(m, length).subarray(length - emLen), bitsLength - 1, options.saltLength ?? -3);
  }
  return equalBytes(bigintToBytes(m, length), emsaPkcs1(hash, mHash, length));
}

// ---- ECDSA and Ed25519 ----

/** ECDSA over a digest: `der` is Node's default encoding, `p1363` (r || s) Web Crypto's and JOSE's. */
export function ecdsaSign(key: EcKey, hash: HashName, data: Uint8Array, encoding: "der" | "p1363"): Uint8Array {
  if (key.type !== "private") fail("signing needs a private key");
  return CURVES[key.curve].noble.sign(digest(hash, data), key.d!, { prehash: false, lowS: false, format: encoding === "der" ? "der" : "compact" });
}

export function ecdsaVerify(key: EcKey, hash: HashName, data: Uint8Array, signature: Uint8Array, encoding: "der" | "p1363"): boolean {
  try {
    return CURVES[key.curve].noble.verify(signature, digest(hash, data), key.point, { prehash: false, lowS: false, format: encoding === "der" ? "der" : "compact" });
  } catch {
    return false;
  }
}

export function ed25519Sign(key: EdKey, data: Uint8Array): Uint8Array {
  if (key.type !== "private") fail("signing needs a private key");
  return ed25519.sign(data, key.seed!);
}

export function ed25519Verify(key: EdKey, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, data, key.publicKey);
  } catch {
    return false;
  }
}

/** The curve's coordinate size in bytes, for P1363 signatures. */
export function curveSize(curve: Curve): number {
  return CURVES[curve].size;
}

/** A fresh key pair (randomness needs WASI). */
export function generateKeyPair(kind: "ec" | "ed25519", curve: Curve = "P-256"): AsymmetricKey {
  if (kind === "ed25519") {
    const seed = randomFill(new Uint8Array(32));
    return { kind: "ed25519", type: "private", seed, publicKey: ed25519.getPublicKey(seed) };
  }
  const noble = CURVES[curve].noble;
  // noble maps a seed half again as long as the key onto the scalar field without bias.
  const d = noble.utils.randomSecretKey(randomFill(new Uint8Array(CURVES[curve].size * 1.5)));
  return { kind: "ec", type: "private", curve, d, point: noble.getPublicKey(d, false) };
}
