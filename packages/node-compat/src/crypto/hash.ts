// node:crypto's Hash and Hmac, on the engine's native digests (MD5, SHA-1,
// SHA-224, SHA-256, SHA-384, SHA-512); SHA-512/224, SHA-512/256, SHA-3 and
// RIPEMD-160 are left out (docs/node-compat.md). Neither is a stream:
// Node's Hash is also a Transform, which would bring a streams implementation
// into every plug-in that hashes a string.
import { native } from "@extism-ts/engine/natives";
import type { Buffer as BufferClass } from "@extism-ts/engine/globals/buffer";
import type { NodeBuffer } from "./bytes.js";
import { bytesOf, encode, type BinaryLike, type Encoding } from "./bytes.js";
import { secretOf } from "./secret.js";

const digest = /* @__PURE__ */ native("digest");

interface Algorithm {
  /** HMAC's block size in bytes. */
  block: number;
  native: "MD5" | "SHA-1" | "SHA-224" | "SHA-256" | "SHA-384" | "SHA-512";
}

const ALGORITHMS: Record<string, Algorithm> = {
  md5: { block: 64, native: "MD5" },
  sha1: { block: 64, native: "SHA-1" },
  sha224: { block: 64, native: "SHA-224" },
  sha256: { block: 64, native: "SHA-256" },
  sha384: { block: 128, native: "SHA-384" },
  sha512: { block: 128, native: "SHA-512" },
};

/** Node's spellings of the same digests: OpenSSL's names, the RSA- prefixed ones, Web Crypto's. */
const ALIASES: Record<string, string> = { "sha-1": "sha1", "sha-224": "sha224", "sha-256": "sha256", "sha-384": "sha384", "sha-512": "sha512", "sha2-224": "sha224", "sha2-256": "sha256", "sha2-384": "sha384", "sha2-512": "sha512" };

function algorithmOf(name: unknown, what: string): Algorithm {
  if (typeof name !== "string") throw new TypeError(`${what}: the algorithm must be a string such as "sha256", not ${typeof name}`);
  let key = name.toLowerCase();
  if (key.startsWith("rsa-")) key = key.slice(4);
  const algorithm = ALGORITHMS[ALIASES[key] ?? key];
  if (algorithm === undefined) throw new Error(`${what}: digest method not supported: '${name}' (${getHashes().join(", ")})`);
  return algorithm;
}

function finalized(): Error {
  return Object.assign(new Error("Digest already called"), { code: "ERR_CRYPTO_HASH_FINALIZED" });
}

/** Small parts are joined once this many bytes of them wait, so that many small updates make few arguments for the native digest. */
const JOIN_BYTES = 65536;

/** One digest being computed: the native digest reads all the parts at digest(). */
class State {
  constructor(
    readonly algorithm: Algorithm,
    private parts: Uint8Array[] = [],
    private small: Uint8Array[] = [],
    private smallBytes = 0,
  ) {}
  update(bytes: Uint8Array): void {
    // The caller may reuse its buffer; a native digest reads the parts only at the end.
    if (bytes.length >= JOIN_BYTES) {
      this.join();
      this.parts.push(bytes.slice());
      return;
    }
    this.small.push(bytes.slice());
    this.smallBytes += bytes.length;
    if (this.smallBytes >= JOIN_BYTES || this.small.length >= 1024) this.join();
  }
  private join(): void {
    if (this.small.length === 0) return;
    const joined = new Uint8Array(this.smallBytes);
    let at = 0;
    for (const part of this.small) {
      joined.set(part, at);
      at += part.length;
    }
    this.parts.push(joined);
    this.small = [];
    this.smallBytes = 0;
  }
  digest(): Uint8Array {
    this.join();
    return digest(this.algorithm.native, ...this.parts);
  }
  copy(): State {
    return new State(this.algorithm, this.parts.slice(), this.small.slice(), this.smallBytes);
  }
}

/** The plug-in's Buffer global, there when any of its code names Buffer or imports "buffer". */
declare const Buffer: typeof BufferClass;

/**
 * A digest for a plug-in without Buffer: code that could tell it from a
 * Buffer (Buffer.isBuffer, Buffer.concat, ...) names Buffer, and then gets a
 * Buffer. Buffer (about 180 KB) would otherwise come with every hash.
 */
class DigestBytes extends Uint8Array {
  override toString(encoding: string = "utf8"): string {
    return encode(this, encoding);
  }
  equals(other: Uint8Array): boolean {
    return other.length === this.length && this.every((byte, i) => byte === other[i]);
  }
  readUInt32BE(offset = 0): number {
    return new DataView(this.buffer, this.byteOffset, this.byteLength).getUint32(offset);
  }
  toJSON(): { type: "Buffer"; data: number[] } {
    return { type: "Buffer", data: [...this] };
  }
}

function output(bytes: Uint8Array, encoding: Encoding | "buffer" | undefined): NodeBuffer | string {
  if (encoding !== undefined && encoding !== "buffer") return encode(bytes, encoding);
  // typeof: the build does not count a probed name as a use of Buffer.
  if (typeof Buffer !== "undefined") return Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  return new DigestBytes(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength) as unknown as NodeBuffer;
}

/** node:crypto's Hash: update() as often as needed, then digest() once. */
export class Hash {
  #state: State | undefined;
  constructor(algorithm: string | State) {
    this.#state = typeof algorithm === "string" ? new State(algorithmOf(algorithm, "createHash")) : algorithm;
  }
  update(data: BinaryLike, inputEncoding?: Encoding): this {
    if (!this.#state) throw finalized();
    this.#state.update(bytesOf(data, inputEncoding, "hash.update: the data"));
    return this;
  }
  digest(): NodeBuffer;
  digest(encoding: Encoding): string;
  digest(encoding?: Encoding | "buffer"): NodeBuffer | string {
    if (!this.#state) throw finalized();
    const bytes = this.#state.digest();
    this.#state = undefined;
    return output(bytes, encoding);
  }
  copy(): Hash {
    if (!this.#state) throw finalized();
    return new Hash(this.#state.copy());
  }
}

/** node:crypto's Hmac (RFC 2104) over the same digests. */
export class Hmac {
  #inner: State | undefined;
  readonly #outer: State;
  constructor(algorithm: string, key: BinaryLike | object, options?: { encoding?: Encoding }) {
    const chosen = algorithmOf(algorithm, "createHmac");
    let secret = secretOf(key, options?.encoding, "createHmac: the key");
    if (secret.length > chosen.block) {
      const shortened = new State(chosen);
      shortened.update(secret);
      secret = shortened.digest();
    }
    const pad = (value: number): Uint8Array => {
      const bytes = new Uint8Array(chosen.block).fill(value);
      for (let i = 0; i < secret.length; i++) bytes[i]! ^= secret[i]!;
      return bytes;
    };
    this.#inner = new State(chosen);
    this.#inner.update(pad(0x36));
    this.#outer = new State(chosen);
    this.#outer.update(pad(0x5c));
  }
  update(data: BinaryLike, inputEncoding?: Encoding): this {
    if (!this.#inner) throw finalized();
    this.#inner.update(bytesOf(data, inputEncoding, "hmac.update: the data"));
    return this;
  }
  digest(): NodeBuffer;
  digest(encoding: Encoding): string;
  digest(encoding?: Encoding | "buffer"): NodeBuffer | string {
    if (!this.#inner) throw finalized();
    this.#outer.update(this.#inner.digest());
    this.#inner = undefined;
    return output(this.#outer.digest(), encoding);
  }
}

export function createHash(algorithm: string, _options?: object): Hash {
  return new Hash(algorithm);
}

export function createHmac(algorithm: string, key: BinaryLike | object, options?: { encoding?: Encoding }): Hmac {
  return new Hmac(algorithm, key, options);
}

/** Node 21's one-shot crypto.hash(algorithm, data, outputEncoding = "hex"). */
export function hash(algorithm: string, data: BinaryLike, outputEncoding: Encoding | "buffer" = "hex"): NodeBuffer | string {
  const state = new State(algorithmOf(algorithm, "hash"));
  state.update(bytesOf(data, undefined, "hash: the data"));
  return output(state.digest(), outputEncoding);
}

export function getHashes(): string[] {
  return ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"];
}
