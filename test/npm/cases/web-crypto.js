// crypto.subtle beyond digest and HMAC, on fixed keys: import and export
// (spki, pkcs8, jwk, raw), deterministic signatures (Ed25519, RSASSA-PKCS1-v1_5,
// RSA-PSS with an empty salt) compared, ECDSA signed and verified, PBKDF2 and
// HKDF derivation, deriveKey into AES-GCM, and generated keys (WASI) used.
import { ecPkcs8, ecSpki, edPkcs8, edSpki, rsaPkcs8, rsaSpki } from "./test-keys.js";

const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();
const der = (pem) => Uint8Array.from(atob(pem.replace(/-----[A-Z ]+-----|\s/g, "")), (char) => char.charCodeAt(0));
const hex = (buffer) => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");

async function failure(fn) {
  try {
    await fn();
    return "no error";
  } catch (error) {
    return error.name;
  }
}

export default async function run() {
  const data = encoder.encode("signed by a plug-in");
  const ed = { name: "Ed25519" };
  const ecdsa = { name: "ECDSA", namedCurve: "P-256" };
  const rsa = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const pss = { name: "RSA-PSS", hash: "SHA-384" };
  const edPrivate = await subtle.importKey("pkcs8", der(edPkcs8), ed, true, ["sign"]);
  const edPublic = await subtle.importKey("spki", der(edSpki), ed, true, ["verify"]);
  const ecPrivate = await subtle.importKey("pkcs8", der(ecPkcs8), ecdsa, true, ["sign"]);
  const ecPublic = await subtle.importKey("spki", der(ecSpki), ecdsa, true, ["verify"]);
  const rsaPrivate = await subtle.importKey("pkcs8", der(rsaPkcs8), rsa, true, ["sign"]);
  const rsaPublic = await subtle.importKey("spki", der(rsaSpki), rsa, true, ["verify"]);
  const pssPrivate = await subtle.importKey("pkcs8", der(rsaPkcs8), pss, false, ["sign"]);
  const pssPublic = await subtle.importKey("jwk", await subtle.exportKey("jwk", rsaPublic).then(({ alg, key_ops, ...jwk }) => jwk), pss, false, ["verify"]);

  const edSignature = await subtle.sign("Ed25519", edPrivate, data);
  const ecSignature = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, ecPrivate, data);
  const rsaSignature = await subtle.sign("RSASSA-PKCS1-v1_5", rsaPrivate, data);
  const pssSignature = await subtle.sign({ name: "RSA-PSS", saltLength: 0 }, pssPrivate, data);

  const password = await subtle.importKey("raw", encoder.encode("correct horse"), "PBKDF2", false, ["deriveBits", "deriveKey"]);
  const material = await subtle.importKey("raw", encoder.encode("input keying material"), "HKDF", false, ["deriveBits", "deriveKey"]);
  const pbkdf2 = { name: "PBKDF2", hash: "SHA-256", salt: encoder.encode("salt"), iterations: 2000 };
  const hkdf = { name: "HKDF", hash: "SHA-512", salt: encoder.encode("salt"), info: encoder.encode("info") };
  const aes = await subtle.deriveKey(pbkdf2, password, { name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]);
  const iv = new Uint8Array(12).fill(7);
  const sealed = await subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode("header") }, aes, encoder.encode("a secret"));
  const hmac = await subtle.deriveKey(hkdf, material, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);

  const generated = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, ["sign", "verify"]);
  const generatedEd = await subtle.generateKey("Ed25519", false, ["sign", "verify"]);
  const generatedAes = await subtle.generateKey({ name: "AES-GCM", length: 128 }, true, ["encrypt", "decrypt"]);
  const roundTrip = await subtle.encrypt({ name: "AES-GCM", iv }, generatedAes, data).then((box) => subtle.decrypt({ name: "AES-GCM", iv }, generatedAes, box));

  return JSON.stringify({
    keys: [edPrivate, edPublic, ecPrivate, rsaPublic, pssPrivate, aes].map((key) => [key.type, key.extractable, key.usages, key.algorithm.name, key.algorithm.namedCurve ?? null, key.algorithm.hash?.name ?? null, key.algorithm.length ?? null, key.algorithm.modulusLength ?? null, key.algorithm.publicExponent ? hex(key.algorithm.publicExponent) : null]),
    exported: {
      edJwk: await subtle.exportKey("jwk", edPrivate),
      edRaw: hex(await subtle.exportKey("raw", edPublic)),
      ecJwk: await subtle.exportKey("jwk", ecPublic),
      ecRaw: hex(await subtle.exportKey("raw", ecPublic)),
      ecSpki: hex(await subtle.exportKey("spki", ecPublic)) === hex(der(ecSpki)),
      ecPkcs8: hex(await subtle.exportKey("pkcs8", ecPrivate)) === hex(der(ecPkcs8)),
      rsaSpki: hex(await subtle.exportKey("spki", rsaPublic)) === hex(der(rsaSpki)),
      rsaJwk: await subtle.exportKey("jwk", rsaPublic),
      aesJwk: await subtle.exportKey("jwk", aes),
      hmacJwk: await subtle.exportKey("jwk", hmac),
    },
    signatures: {
      ed25519: hex(edSignature),
      rsa: hex(rsaSignature),
      pss: hex(pssSignature),
      verified: [
        await subtle.verify("Ed25519", edPublic, edSignature, data),
        await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, ecPublic, ecSignature, data),
        await subtle.verify({ name: "ECDSA", hash: "SHA-384" }, ecPublic, ecSignature, data),
        await subtle.verify("RSASSA-PKCS1-v1_5", rsaPublic, rsaSignature, data),
        await subtle.verify({ name: "RSA-PSS", saltLength: 0 }, pssPublic, pssSignature, data),
        await subtle.verify("Ed25519", edPublic, edSignature, encoder.encode("something else")),
      ],
      ecdsaLength: ecSignature.byteLength,
    },
    derived: {
      pbkdf2: hex(await subtle.deriveBits(pbkdf2, password, 384)),
      hkdf: hex(await subtle.deriveBits(hkdf, material, 256)),
      sealed: hex(sealed),
      opened: new TextDecoder().decode(await subtle.decrypt({ name: "AES-GCM", iv, additionalData: encoder.encode("header") }, aes, sealed)),
      hmac: hex(await subtle.sign("HMAC", hmac, data)),
    },
    generated: {
      ecdsa: [generated.publicKey.type, generated.privateKey.usages, generated.publicKey.algorithm.namedCurve, await subtle.verify({ name: "ECDSA", hash: "SHA-512" }, generated.publicKey, await subtle.sign({ name: "ECDSA", hash: "SHA-512" }, generated.privateKey, data), data)],
      ed25519: [generatedEd.privateKey.extractable, generatedEd.publicKey.extractable, await subtle.verify("Ed25519", generatedEd.publicKey, await subtle.sign("Ed25519", generatedEd.privateKey, data), data)],
      aes: [generatedAes.algorithm.length, new TextDecoder().decode(roundTrip)],
    },
    errors: [
      await failure(() => subtle.importKey("raw", new Uint8Array(15), "AES-GCM", false, ["encrypt"])),
      await failure(() => subtle.sign("Ed25519", edPublic, data)),
      await failure(() => subtle.decrypt({ name: "AES-GCM", iv }, aes, new Uint8Array(sealed).fill(1))),
      await failure(() => subtle.importKey("spki", der(edSpki), ecdsa, false, ["verify"])),
      await failure(() => subtle.exportKey("pkcs8", edPublic)),
    ],
  });
}
