// MD5 (RFC 1321) and SHA-224 (FIPS 180-4), which Node has and the engine's
// native digests do not: small enough here that createHash stays small (the
// @noble/hashes classes add about 27 KB each to a plug-in).

export interface Incremental {
  update(data: Uint8Array): void;
  digest(): Uint8Array;
  clone(): Incremental;
}

/** A Merkle-Damgård hash over 64-byte blocks with a 64-bit length. */
abstract class Block64 implements Incremental {
  protected buffer = new Uint8Array(64);
  protected filled = 0;
  protected length = 0;
  constructor(protected state: Uint32Array) {}
  protected abstract compress(block: DataView): void;
  protected abstract readonly bigEndian: boolean;
  protected abstract readonly outputWords: number;
  abstract clone(): Incremental;
  protected copyInto<T extends Block64>(other: T): T {
    other.buffer.set(this.buffer);
    other.filled = this.filled;
    other.length = this.length;
    return other;
  }
  update(data: Uint8Array): void {
    this.length += data.length;
    const view = new DataView(this.buffer.buffer);
    for (let i = 0; i < data.length; ) {
      const take = Math.min(64 - this.filled, data.length - i);
      this.buffer.set(data.subarray(i, i + take), this.filled);
      this.filled += take;
      i += take;
      if (this.filled === 64) {
        this.compress(view);
        this.filled = 0;
      }
    }
  }
  digest(): Uint8Array {
    const bits = this.length * 8;
    const tail = new Uint8Array(((this.filled < 56 ? 56 : 120) - this.filled) + 8);
    tail[0] = 0x80;
    const lengthView = new DataView(tail.buffer, tail.length - 8);
    const high = Math.floor(bits / 2 ** 32);
    const low = bits >>> 0;
    if (this.bigEndian) {
      lengthView.setUint32(0, high);
      lengthView.setUint32(4, low);
    } else {
      lengthView.setUint32(0, low, true);
      lengthView.setUint32(4, high, true);
    }
    this.update(tail);
    const out = new Uint8Array(this.outputWords * 4);
    const view = new DataView(out.buffer);
    for (let i = 0; i < this.outputWords; i++) view.setUint32(i * 4, this.state[i]!, !this.bigEndian);
    return out;
  }
}

const MD5_SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = /* @__PURE__ */ Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

export class Md5 extends Block64 {
  protected readonly bigEndian = false;
  protected readonly outputWords = 4;
  constructor() {
    super(new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]));
  }
  protected compress(block: DataView): void {
    const s = this.state;
    let [a, b, c, d] = [s[0]!, s[1]!, s[2]!, s[3]!];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) [f, g] = [(b & c) | (~b & d), i];
      else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
      else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
      else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
      const sum = (a + f + MD5_K[i]! + block.getUint32(g * 4, true)) | 0;
      const shift = MD5_SHIFTS[(i >> 4) * 4 + (i % 4)]!;
      [a, d, c] = [d, c, b];
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    s[0] = s[0]! + a;
    s[1] = s[1]! + b;
    s[2] = s[2]! + c;
    s[3] = s[3]! + d;
  }
  clone(): Md5 {
    const other = this.copyInto(new Md5());
    other.state.set(this.state);
    return other;
  }
}

// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const SHA256_K = /* @__PURE__ */ (() => {
  const primes: number[] = [];
  for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return new Uint32Array(primes.map((p) => (Math.cbrt(p) % 1) * 2 ** 32));
})();

export class Sha224 extends Block64 {
  protected readonly bigEndian = true;
  protected readonly outputWords = 7;
  readonly #w = new Uint32Array(64);
  constructor() {
    super(new Uint32Array([0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4]));
  }
  protected compress(block: DataView): void {
    const w = this.#w;
    const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));
    for (let i = 0; i < 16; i++) w[i] = block.getUint32(i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3);
      const s1 = rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10);
      w[i] = w[i - 16]! + s0 + w[i - 7]! + s1;
    }
    const s = this.state;
    let [a, b, c, d, e, f, g, h] = [s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!, s[6]!, s[7]!];
    for (let i = 0; i < 64; i++) {
      const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[i]! + w[i]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      [h, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
    }
    const words = [a, b, c, d, e, f, g, h];
    for (let i = 0; i < 8; i++) s[i] = s[i]! + words[i]!;
  }
  clone(): Sha224 {
    const other = this.copyInto(new Sha224());
    other.state.set(this.state);
    return other;
  }
}
