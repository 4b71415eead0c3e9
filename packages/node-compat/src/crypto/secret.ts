import { bytesOf } from "./bytes.js";

/** Where a KeyObject keeps its material: read by createHmac and the key derivations without importing the KeyObject class (and the key parsers behind it). */
export const MATERIAL = Symbol("extism-ts.crypto.material");

/** The material of a secret key: a KeyObject of type "secret", a string (in `encoding`) or bytes. */
export function secretOf(key: unknown, encoding: string | undefined, what: string): Uint8Array {
  if (typeof key === "object" && key !== null && MATERIAL in key) {
    const material = (key as { [MATERIAL]: unknown })[MATERIAL];
    if (!(material instanceof Uint8Array)) throw Object.assign(new TypeError(`${what}: a ${(key as { type?: string }).type} key cannot be used here, only a secret key`), { code: "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE" });
    return material;
  }
  return bytesOf(key, encoding, what);
}
