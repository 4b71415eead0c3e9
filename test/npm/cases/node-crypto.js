// node:crypto beyond randomness, on fixed inputs: hashes and HMACs with Node's
// API (chaining, encodings, copy), a webhook signature check with
// timingSafeEqual, keys (PEM, DER, JWK in and out), signatures (RSA PKCS#1 v1.5
// and Ed25519 are deterministic and compared; ECDSA's are randomized in Node,
// so only their verification is), key derivation, and the RFC and NIST test
// vectors: RFC 8032 (Ed25519), RFC 5869 (HKDF), RFC 6070 (PBKDF2), RFC 7914
// (scrypt), the GCM specification's test cases (AES-GCM through Web Crypto).
import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  createSign,
  createVerify,
  hkdf,
  hkdfSync,
  KeyObject,
  pbkdf2,
  pbkdf2Sync,
  scrypt,
  scryptSync,
  sign,
  timingSafeEqual,
  verify,
  webcrypto,
} from "node:crypto";
import { Buffer } from "node:buffer";
import { ecCert, ecPkcs8, ecSec1, ecSpki, edPkcs8, rsaCert, rsaPkcs1, rsaPkcs8, rsaSpki } from "./test-keys.js";

const hex = (text) => Buffer.from(text, "hex");
const b64url = (text) => hex(text).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function attempt(fn) {
  try {
    return fn();
  } catch (error) {
    return `${error.name}${error.code ? ` [${error.code}]` : ""}`;
  }
}

/** Stripe-style webhook signatures: t=<time>,v1=<hex HMAC-SHA256 of "<time>.<payload>">. */
function verifyWebhook(payload, header, secret) {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=")));
  const expected = createHmac("sha256", secret).update(`${parts.t}.${payload}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(expected, given);
}

const RFC8032 = [
  { secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", public: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", message: "", signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
  { secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", public: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", message: "72", signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
  { secret: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", public: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", message: "af82", signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a" },
];
const RFC5869 = [
  { ikm: "0b".repeat(22), salt: "000102030405060708090a0b0c", info: "f0f1f2f3f4f5f6f7f8f9", length: 42, okm: "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865" },
  { ikm: "0b".repeat(22), salt: "", info: "", length: 42, okm: "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8" },
];
const RFC6070 = [
  { password: "password", salt: "salt", iterations: 1, length: 20, dk: "0c60c80f961f0e71f3a9b524af6012062fe037a6" },
  { password: "password", salt: "salt", iterations: 2, length: 20, dk: "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957" },
  { password: "password", salt: "salt", iterations: 4096, length: 20, dk: "4b007901b765489abead49d926f721d065a429c1" },
  { password: "passwordPASSWORDpassword", salt: "saltSALTsaltSALTsaltSALTsaltSALTsalt", iterations: 4096, length: 25, dk: "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038" },
];
const RFC7914 = [{ password: "", salt: "", N: 16, r: 1, p: 1, length: 64, dk: "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906" }];
const GCM_KEY = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
const GCM_PLAINTEXT = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
const GCM = [
  // The GCM specification's test cases 15 and 16 (AES-256).
  { aad: "", plaintext: `${GCM_PLAINTEXT}1aafd255`, ciphertext: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad", tag: "b094dac5d93471bdec1a502270e3cc6c" },
  { aad: "feedfacedeadbeeffeedfacedeadbeefabaddad2", plaintext: GCM_PLAINTEXT, ciphertext: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662", tag: "76fc6ece0f4e1768cddf8853bb2d551b" },
];

export default async function run() {
  const text = "The quick brown fox jumps over the lazy dog ✓";
  const hash = createHash("sha256").update("The quick ").update(Buffer.from("brown fox ")).update("6a756d7073", "hex");
  const copy = hash.copy();
  const finished = hash.digest("hex");

  const secret = "whsec_5WbX5kEWLlfzsGNjH64I8lOOqUB6e8FH";
  const payload = JSON.stringify({ id: "evt_1", type: "payment_intent.succeeded", amount: 4200 });
  const signed = `t=1700000000,v1=${createHmac("sha256", secret).update(`1700000000.${payload}`).digest("hex")}`;

  const rsa = createPrivateKey(rsaPkcs8);
  const rsaPublic = createPublicKey(rsaSpki);
  const ec = createPrivateKey(ecSec1);
  const ed = createPrivateKey(edPkcs8);
  const message = Buffer.from(text);
  const ecdsaDer = sign("sha256", message, ec);
  const ecdsaP1363 = sign("sha384", message, { key: ecPkcs8, dsaEncoding: "ieee-p1363" });

  const vectors = {
    ed25519: RFC8032.map((v) => {
      const key = createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", d: b64url(v.secret), x: b64url(v.public) }, format: "jwk" });
      const signature = sign(null, hex(v.message), key).toString("hex");
      return [signature === v.signature, verify(null, hex(v.message), createPublicKey(key), hex(v.signature))];
    }),
    hkdf: RFC5869.map((v) => Buffer.from(hkdfSync("sha256", hex(v.ikm), hex(v.salt), hex(v.info), v.length)).toString("hex") === v.okm),
    pbkdf2: RFC6070.map((v) => pbkdf2Sync(v.password, v.salt, v.iterations, v.length, "sha1").toString("hex") === v.dk),
    scrypt: RFC7914.map((v) => scryptSync(v.password, v.salt, v.length, { N: v.N, r: v.r, p: v.p }).toString("hex") === v.dk),
    aesGcm: await Promise.all(
      GCM.map(async (v) => {
        const key = await webcrypto.subtle.importKey("raw", hex(GCM_KEY), "AES-GCM", false, ["encrypt", "decrypt"]);
        const params = { name: "AES-GCM", iv: hex("cafebabefacedbaddecaf888"), ...(v.aad ? { additionalData: hex(v.aad) } : {}) };
        const sealed = Buffer.from(await webcrypto.subtle.encrypt(params, key, hex(v.plaintext))).toString("hex");
        const opened = Buffer.from(await webcrypto.subtle.decrypt(params, key, hex(sealed))).toString("hex");
        return [sealed === v.ciphertext + v.tag, opened === v.plaintext, key.type, key.algorithm];
      }),
    ),
  };

  return JSON.stringify({
    hashes: ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "RSA-SHA256", "SHA512"].map((algorithm) => createHash(algorithm).update(text).digest("base64url")),
    chained: [finished, copy.update(" over").digest("base64"), createHash("md5").update(text.repeat(100)).digest("latin1").length],
    encodings: ["hex", "base64", "base64url", "latin1"].map((encoding) => createHmac("sha512", "key").update(text, "utf8").digest(encoding)),
    hmacKeyObject: createHmac("sha1", createSecretKey(Buffer.from("k3y"))).update(text).digest("hex"),
    longKey: createHmac("sha384", "x".repeat(300)).update("").digest("hex"),
    finalized: attempt(() => hash.update("again")),
    unknownDigest: attempt(() => createHash("sha3-999")),
    webhook: [verifyWebhook(payload, signed, secret), verifyWebhook(payload.replace("4200", "4300"), signed, secret), verifyWebhook(payload, signed, "whsec_other"), verifyWebhook(payload, signed.slice(0, -2), secret)],
    timingSafeEqual: [timingSafeEqual(Buffer.from("abc"), Buffer.from("abc")), timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])), attempt(() => timingSafeEqual(Buffer.from("a"), Buffer.from("ab")))],
    keys: {
      instance: [rsa instanceof KeyObject, rsa.type, rsaPublic.type, ec.asymmetricKeyType, ed.asymmetricKeyType, createSecretKey("abc", "utf8").symmetricKeySize],
      details: [rsa.asymmetricKeyDetails.modulusLength, String(rsa.asymmetricKeyDetails.publicExponent), ec.asymmetricKeyDetails.namedCurve],
      pkcs1: rsa.export({ format: "pem", type: "pkcs1" }) === rsaPkcs1,
      spkiFromPrivate: createPublicKey(rsa).export({ format: "pem", type: "spki" }) === rsaSpki,
      spkiDer: rsaPublic.export({ format: "der", type: "spki" }).toString("base64"),
      pkcs1Public: rsaPublic.export({ format: "pem", type: "pkcs1" }),
      ecPkcs8: ec.export({ format: "pem", type: "pkcs8" }) === ecPkcs8,
      ecSpki: createPublicKey(ec).export({ format: "pem", type: "spki" }) === ecSpki,
      ecJwk: ec.export({ format: "jwk" }),
      edJwk: ed.export({ format: "jwk" }),
      edFromJwk: createPrivateKey({ key: ed.export({ format: "jwk" }), format: "jwk" }).export({ format: "pem", type: "pkcs8" }) === edPkcs8,
      fromDer: createPublicKey({ key: rsaPublic.export({ format: "der", type: "pkcs1" }), format: "der", type: "pkcs1" }).equals(rsaPublic),
      secretJwk: createSecretKey(Buffer.from("secret bytes")).export({ format: "jwk" }),
      fromCertificate: [createPublicKey(rsaCert).export({ format: "pem", type: "spki" }) === rsaSpki, createPublicKey(ecCert).export({ format: "jwk" })],
      privateFromCertificate: attempt(() => createPrivateKey(rsaCert)),
      notAKey: attempt(() => createPrivateKey("not a key")),
    },
    signatures: {
      rsa: sign("sha256", message, rsa).toString("base64"),
      rsaStream: createSign("RSA-SHA512").update("The quick brown fox").update(" jumps").sign(rsaPkcs1, "hex"),
      rsaVerify: [verify("sha256", message, rsaPublic, sign("sha256", message, rsa)), createVerify("sha512").update(text).verify(rsaSpki, sign("sha512", message, rsa)), verify("sha256", Buffer.from("other"), rsaSpki, sign("sha256", message, rsa))],
      ed25519: sign(null, message, ed).toString("hex"),
      ecdsa: [verify("sha256", message, ecSpki, ecdsaDer), verify("sha384", message, { key: ecSpki, dsaEncoding: "ieee-p1363" }, ecdsaP1363), ecdsaP1363.length, verify("sha256", message, ecSpki, ecdsaP1363)],
    },
    derived: {
      pbkdf2: await new Promise((resolve, reject) => pbkdf2("pw", "salt", 1000, 48, "sha512", (error, key) => (error ? reject(error) : resolve(key.toString("hex"))))),
      hkdf: await new Promise((resolve, reject) => hkdf("sha384", "key", "salt", "info", 64, (error, key) => (error ? reject(error) : resolve(Buffer.from(key).toString("hex"))))),
      scrypt: await new Promise((resolve, reject) => scrypt("pw", "salt", 32, { N: 1024, r: 8, p: 1 }, (error, key) => (error ? reject(error) : resolve(key.toString("base64"))))),
    },
    vectors,
  });
}
