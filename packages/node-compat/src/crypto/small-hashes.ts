// MD5 (RFC 1321) and SHA-224 (FIPS 180-4), which Node has and the engine's
// native digests do not: kept small, as every plug-in that hashes carries them
// (the @noble/hashes classes add about 27 KB each).

export interface Incremental {
  update(data: Uint8Array): void;
  digest(): Uint8Array;
  clone(): Incremental;
}

type Compress = (state: Uint32Array, block: DataView, w: Uint32Array) => void;

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

const MD5_SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
// floor(abs(sin(i + 1)) * 2^32) (RFC 1321).
const MD5_K = [0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391];

const md5: Compress = (s, block) => {
  let [a, b, c, d] = s as unknown as number[];
  for (let i = 0; i < 64; i++) {
    const round = i >> 4;
    const f = round === 0 ? (b! & c!) | (~b! & d!) : round === 1 ? (d! & b!) | (~d! & c!) : round === 2 ? b! ^ c! ^ d! : c! ^ (b! | ~d!);
    const g = round === 0 ? i : round === 1 ? (5 * i + 1) & 15 : round === 2 ? (3 * i + 5) & 15 : (7 * i) & 15;
    const sum = (a! + f + MD5_K[i]! + block.getUint32(g * 4, true)) | 0;
    [a, d, c] = [d, c, b];
    b = (b! + rotl(sum, MD5_SHIFTS[round * 4 + (i & 3)]!)) | 0;
  }
  s[0]! += a!;
  s[1]! += b!;
  s[2]! += c!;
  s[3]! += d!;
};

// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const SHA256_K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];

const sha224: Compress = (s, block, w) => {
  const rotr = (x: number, n: number): number => rotl(x, 32 - n);
  for (let i = 0; i < 64; i++) {
    w[i] = i < 16 ? block.getUint32(i * 4) : w[i - 16]! + (rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3)) + w[i - 7]! + (rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10));
  }
  const v = [...s];
  for (let i = 0; i < 64; i++) {
    const [a, b, c, , e, f, g, h] = v as [number, number, number, number, number, number, number, number];
    const t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[i]! + w[i]!;
    const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    v.pop();
    v.unshift((t1 + t2) | 0);
    v[4] = (v[4]! + t1) | 0;
  }
  for (let i = 0; i < 8; i++) s[i]! += v[i]!;
};

/** A Merkle-Damgård hash over 64-byte blocks with a 64-bit length. */
class Block64 implements Incremental {
  private buffer = new Uint8Array(64);
  private filled = 0;
  private length = 0;
  private w = new Uint32Array(64);
  constructor(
    private readonly compress: Compress,
    private readonly state: Uint32Array,
    private readonly bigEndian: boolean,
    private readonly words: number,
  ) {}
  update(data: Uint8Array): void {
    this.length += data.length;
    const view = new DataView(this.buffer.buffer);
    for (let i = 0; i < data.length; ) {
      const take = Math.min(64 - this.filled, data.length - i);
      this.buffer.set(data.subarray(i, i + take), this.filled);
      this.filled += take;
      i += take;
      if (this.filled === 64) {
        this.compress(this.state, view, this.w);
        this.filled = 0;
      }
    }
  }
  digest(): Uint8Array {
    const bits = this.length * 8;
    const tail = new Uint8Array((this.filled < 56 ? 56 : 120) - this.filled + 8);
    tail[0] = 0x80;
    const view = new DataView(tail.buffer, tail.length - 8);
    view.setUint32(this.bigEndian ? 0 : 4, Math.floor(bits / 2 ** 32), !this.bigEndian);
    view.setUint32(this.bigEndian ? 4 : 0, bits >>> 0, !this.bigEndian);
    this.update(tail);
    const out = new DataView(new ArrayBuffer(this.words * 4));
    for (let i = 0; i < this.words; i++) out.setUint32(i * 4, this.state[i]!, !this.bigEndian);
    return new Uint8Array(out.buffer);
  }
  clone(): Block64 {
    const other = new Block64(this.compress, this.state.slice(), this.bigEndian, this.words);
    other.buffer.set(this.buffer);
    other.filled = this.filled;
    other.length = this.length;
    return other;
  }
}

export const createMd5 = (): Incremental => new Block64(md5, new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]), false, 4);
export const createSha224 = (): Incremental => new Block64(sha224, new Uint32Array([0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4]), true, 7);
