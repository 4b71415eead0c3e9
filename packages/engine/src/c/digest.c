/* SHA-1, SHA-224, SHA-256, SHA-384 and SHA-512 (FIPS 180-4) for
   crypto.subtle.digest and HMAC, and MD5 (RFC 1321) for node:crypto's
   createHash: in C, a few hundred bytes each, where the same in JavaScript
   cost a plug-in that hashes several kilobytes. The rounds are unrolled in the source: the engine is compiled
   for size (-Oz), which would not unroll them, and unrolled rounds keep the
   working variables in registers instead of rotating them through memory. */
#include <stdlib.h>
#include <string.h>
#include "bridge.h"

typedef struct {
  uint32_t state32[8];
  uint64_t state64[8];
  uint8_t block[128];
  size_t block_used;
  uint64_t total_bytes;
  size_t block_size;   /* 64 or 128 */
  size_t digest_size;  /* 16 (MD5), 20, 28, 32, 48 or 64 */
} DigestContext;

static uint32_t load_be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static uint64_t load_be64(const uint8_t *p) {
  return ((uint64_t)load_be32(p) << 32) | load_be32(p + 4);
}

static void store_be32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

static void store_be64(uint8_t *p, uint64_t v) {
  store_be32(p, (uint32_t)(v >> 32));
  store_be32(p + 4, (uint32_t)v);
}

static uint32_t load_le32(const uint8_t *p) {
  return ((uint32_t)p[3] << 24) | ((uint32_t)p[2] << 16) | ((uint32_t)p[1] << 8) | p[0];
}

static void store_le32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

#define ROTR32(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define ROTL32(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define ROTR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
#define CH(x, y, z) (((x) & (y)) ^ (~(x) & (z)))
#define MAJ(x, y, z) (((x) & (y)) ^ ((x) & (z)) ^ ((y) & (z)))
#define PARITY(x, y, z) ((x) ^ (y) ^ (z))

/* SHA-1 (FIPS 180-4 6.1.2), with the 16-word circular schedule of 6.1.3. */
static void sha1_compress(void *state_pointer, const uint8_t *block) {
  uint32_t *h = state_pointer;
  uint32_t w[16];
  for (int t = 0; t < 16; t++) w[t] = load_be32(block + 4 * t);
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
#define SHA1_W(t) ((t) < 16 ? w[(t)] : (w[(t) & 15] = ROTL32(w[((t) + 13) & 15] ^ w[((t) + 8) & 15] ^ w[((t) + 2) & 15] ^ w[(t) & 15], 1)))
#define SHA1_ROUND(a, b, c, d, e, f, k, t) \
  e += ROTL32(a, 5) + f(b, c, d) + (k) + SHA1_W(t); \
  b = ROTL32(b, 30);
#define SHA1_FIVE(f, k, t) \
  SHA1_ROUND(a, b, c, d, e, f, k, (t)) \
  SHA1_ROUND(e, a, b, c, d, f, k, (t) + 1) \
  SHA1_ROUND(d, e, a, b, c, f, k, (t) + 2) \
  SHA1_ROUND(c, d, e, a, b, f, k, (t) + 3) \
  SHA1_ROUND(b, c, d, e, a, f, k, (t) + 4)
  for (int t = 0; t < 20; t += 5) { SHA1_FIVE(CH, 0x5a827999u, t) }
  for (int t = 20; t < 40; t += 5) { SHA1_FIVE(PARITY, 0x6ed9eba1u, t) }
  for (int t = 40; t < 60; t += 5) { SHA1_FIVE(MAJ, 0x8f1bbcdcu, t) }
  for (int t = 60; t < 80; t += 5) { SHA1_FIVE(PARITY, 0xca62c1d6u, t) }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
}

/* MD5's sines (RFC 1321 3.4): floor(2^32 * |sin(i + 1)|). */
static const uint32_t KMD5[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};
/* The rotation of each step, by round (RFC 1321 3.4). */
static const uint8_t SMD5[16] = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

/* MD5 (RFC 1321 3.4), as a loop: it is kept for old formats, not for speed,
   and the loop is a quarter of the unrolled rounds' size. */
static void md5_compress(uint32_t *h, const uint8_t *block) {
  uint32_t x[16];
  for (int i = 0; i < 16; i++) x[i] = load_le32(block + 4 * i);
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
  for (int i = 0; i < 64; i++) {
    uint32_t f;
    int k;
    switch (i >> 4) {
      case 0: f = CH(b, c, d); k = i; break;
      case 1: f = CH(d, b, c); k = 5 * i + 1; break;
      case 2: f = PARITY(b, c, d); k = 3 * i + 5; break;
      default: f = c ^ (b | ~d); k = 7 * i; break;
    }
    uint32_t sum = a + f + KMD5[i] + x[k & 15];
    a = d;
    d = c;
    c = b;
    b += ROTL32(sum, SMD5[(i >> 4) * 4 + (i & 3)]);
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
}

/* SHA-256 constants (FIPS 180-4 4.2.2): the first 32 bits of the fractional
   parts of the cube roots of the first 64 primes. */
static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* SHA-256 (FIPS 180-4 6.2.2). */
static void sha256_compress(void *state_pointer, const uint8_t *block) {
  uint32_t *h = state_pointer;
  uint32_t w[16];
  for (int t = 0; t < 16; t++) w[t] = load_be32(block + 4 * t);
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
#define S256_SIGMA0(x) (ROTR32(x, 7) ^ ROTR32(x, 18) ^ ((x) >> 3))
#define S256_SIGMA1(x) (ROTR32(x, 17) ^ ROTR32(x, 19) ^ ((x) >> 10))
#define S256_W(t) ((t) < 16 ? w[(t)] : (w[(t) & 15] += S256_SIGMA1(w[((t) + 14) & 15]) + w[((t) + 9) & 15] + S256_SIGMA0(w[((t) + 1) & 15])))
#define S256_ROUND(a, b, c, d, e, f, g, h, t) \
  { \
    uint32_t t1 = h + (ROTR32(e, 6) ^ ROTR32(e, 11) ^ ROTR32(e, 25)) + CH(e, f, g) + K256[(t)] + S256_W(t); \
    uint32_t t2 = (ROTR32(a, 2) ^ ROTR32(a, 13) ^ ROTR32(a, 22)) + MAJ(a, b, c); \
    d += t1; \
    h = t1 + t2; \
  }
  for (int t = 0; t < 64; t += 8) {
    S256_ROUND(a, b, c, d, e, f, g, hh, t)
    S256_ROUND(hh, a, b, c, d, e, f, g, t + 1)
    S256_ROUND(g, hh, a, b, c, d, e, f, t + 2)
    S256_ROUND(f, g, hh, a, b, c, d, e, t + 3)
    S256_ROUND(e, f, g, hh, a, b, c, d, t + 4)
    S256_ROUND(d, e, f, g, hh, a, b, c, t + 5)
    S256_ROUND(c, d, e, f, g, hh, a, b, t + 6)
    S256_ROUND(b, c, d, e, f, g, hh, a, t + 7)
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

/* SHA-384 and SHA-512 constants (FIPS 180-4 4.2.3): the first 64 bits of the
   fractional parts of the cube roots of the first 80 primes. */
static const uint64_t K512[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
    0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
    0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
    0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
    0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
    0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
    0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
    0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
    0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
    0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

/* SHA-512 (FIPS 180-4 6.4.2); SHA-384 differs only in its initial value and length. */
static void sha512_compress(void *state_pointer, const uint8_t *block) {
  uint64_t *h = state_pointer;
  uint64_t w[16];
  for (int t = 0; t < 16; t++) w[t] = load_be64(block + 8 * t);
  uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
#define S512_SIGMA0(x) (ROTR64(x, 1) ^ ROTR64(x, 8) ^ ((x) >> 7))
#define S512_SIGMA1(x) (ROTR64(x, 19) ^ ROTR64(x, 61) ^ ((x) >> 6))
#define S512_W(t) ((t) < 16 ? w[(t)] : (w[(t) & 15] += S512_SIGMA1(w[((t) + 14) & 15]) + w[((t) + 9) & 15] + S512_SIGMA0(w[((t) + 1) & 15])))
#define S512_ROUND(a, b, c, d, e, f, g, h, t) \
  { \
    uint64_t t1 = h + (ROTR64(e, 14) ^ ROTR64(e, 18) ^ ROTR64(e, 41)) + CH(e, f, g) + K512[(t)] + S512_W(t); \
    uint64_t t2 = (ROTR64(a, 28) ^ ROTR64(a, 34) ^ ROTR64(a, 39)) + MAJ(a, b, c); \
    d += t1; \
    h = t1 + t2; \
  }
  for (int t = 0; t < 80; t += 8) {
    S512_ROUND(a, b, c, d, e, f, g, hh, t)
    S512_ROUND(hh, a, b, c, d, e, f, g, t + 1)
    S512_ROUND(g, hh, a, b, c, d, e, f, t + 2)
    S512_ROUND(f, g, hh, a, b, c, d, e, t + 3)
    S512_ROUND(e, f, g, hh, a, b, c, d, t + 4)
    S512_ROUND(d, e, f, g, hh, a, b, c, t + 5)
    S512_ROUND(c, d, e, f, g, hh, a, b, t + 6)
    S512_ROUND(b, c, d, e, f, g, hh, a, t + 7)
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

/* Initial hash values, FIPS 180-4 5.3. */
static const uint32_t H1[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
static const uint32_t HMD5[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
static const uint32_t H224[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};
static const uint32_t H256[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
static const uint64_t H384[8] = {0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
                                 0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4};
static const uint64_t H512[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
                                 0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};

/* Set up `context` for a Web Crypto algorithm name; -1 for any other name. */
static int digest_init(DigestContext *context, const char *name) {
  memset(context, 0, sizeof *context);
  if (strcmp(name, "SHA-1") == 0) {
    memcpy(context->state32, H1, sizeof H1);
    context->block_size = 64;
    context->digest_size = 20;
  } else if (strcmp(name, "SHA-224") == 0 || strcmp(name, "SHA-256") == 0) {
    memcpy(context->state32, name[5] == '2' ? H224 : H256, sizeof H256);
    context->block_size = 64;
    context->digest_size = name[5] == '2' ? 28 : 32;
  } else if (strcmp(name, "MD5") == 0) {
    memcpy(context->state32, HMD5, sizeof HMD5);
    context->block_size = 64;
    context->digest_size = 16;
  } else if (strcmp(name, "SHA-384") == 0 || strcmp(name, "SHA-512") == 0) {
    memcpy(context->state64, name[4] == '3' ? H384 : H512, sizeof H512);
    context->block_size = 128;
    context->digest_size = name[4] == '3' ? 48 : 64;
  } else {
    return -1;
  }
  return 0;
}

/* Called directly, never through a pointer: a function whose address is
   taken stays in the table of every plug-in, digest or not. */
static void compress(DigestContext *context, const uint8_t *block) {
  if (context->block_size == 128) sha512_compress(context->state64, block);
  else if (context->digest_size == 16) md5_compress(context->state32, block);
  else if (context->digest_size == 20) sha1_compress(context->state32, block);
  else sha256_compress(context->state32, block);
}

static void digest_update(DigestContext *context, const uint8_t *data, size_t length) {
  context->total_bytes += length;
  if (context->block_used > 0) {
    size_t take = context->block_size - context->block_used;
    if (take > length) take = length;
    memcpy(context->block + context->block_used, data, take);
    context->block_used += take;
    data += take;
    length -= take;
    if (context->block_used < context->block_size) return;
    compress(context, context->block);
    context->block_used = 0;
  }
  for (; length >= context->block_size; data += context->block_size, length -= context->block_size)
    compress(context, data);
  memcpy(context->block, data, length);
  context->block_used = length;
}

/* Padding (FIPS 180-4 5.1): a 1 bit, zeros, then the length in bits in the
   last 8 (SHA-1, SHA-256) or 16 (SHA-384, SHA-512) bytes of the block; MD5
   pads the same way with its length and words little-endian (RFC 1321 3.2). */
static void digest_final(DigestContext *context, uint8_t *out) {
  size_t length_size = context->block_size / 8;
  uint64_t total_bits = context->total_bytes * 8;
  context->block[context->block_used++] = 0x80;
  if (context->block_used > context->block_size - length_size) {
    memset(context->block + context->block_used, 0, context->block_size - context->block_used);
    compress(context, context->block);
    context->block_used = 0;
  }
  memset(context->block + context->block_used, 0, context->block_size - context->block_used);
  /* The high 64 bits of SHA-512's 128-bit length stay zero: inputs are below 2^61 bytes. */
  int md5 = context->digest_size == 16;
  if (md5) {
    store_le32(context->block + context->block_size - 8, (uint32_t)total_bits);
    store_le32(context->block + context->block_size - 4, (uint32_t)(total_bits >> 32));
  } else {
    store_be64(context->block + context->block_size - 8, total_bits);
  }
  compress(context, context->block);
  for (size_t i = 0; i < context->digest_size; i += context->block_size == 64 ? 4 : 8) {
    if (md5) store_le32(out + i, context->state32[i / 4]);
    else if (context->block_size == 64) store_be32(out + i, context->state32[i / 4]);
    else store_be64(out + i, context->state64[i / 8]);
  }
}

/* digest(algorithm, ...parts): the digest of the parts one after the other
   (HMAC hashes a padded key and a message without joining them). */
JSValue js_digest(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  const char *name = JS_ToCString(ctx, argv[0]);
  if (!name) return JS_EXCEPTION;
  DigestContext context;
  int known = digest_init(&context, name) == 0;
  if (!known) {
    JS_ThrowTypeError(ctx, "digest: unknown algorithm '%s' (MD5, SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512)", name);
    JS_FreeCString(ctx, name);
    return JS_EXCEPTION;
  }
  JS_FreeCString(ctx, name);
  for (int i = 1; i < argc; i++) {
    const uint8_t *data;
    size_t length;
    if (bridge_get_bytes(ctx, argv[i], "the data to digest", &data, &length)) return JS_EXCEPTION;
    digest_update(&context, data, length);
  }
  uint8_t *out = malloc(context.digest_size);
  if (!out) return JS_ThrowOutOfMemory(ctx);
  digest_final(&context, out);
  return bridge_new_uint8array(ctx, out, context.digest_size);
}
