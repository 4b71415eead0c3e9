/* Math functions computed as V8 computes them.
 *
 * ECMAScript leaves the precision of Math.pow, exp, log, the trigonometric
 * and the hyperbolic functions to the implementation. V8 evaluates them with
 * the algorithms of Sun's fdlibm (argument reduction, polynomial
 * coefficients and order of operations); wasi-libc's musl uses other
 * algorithms for some of them (ARM's exp/log/pow, FreeBSD's revised cosine
 * kernel and hyperbolic functions), so results differed from Node's in the
 * last bit and npm packages printed other digits (fuse.js's scores). Each
 * function here follows the fdlibm algorithm step by step, so that it rounds
 * where V8 rounds; the constants are the algorithm's (coefficients of its
 * minimax polynomials and splittings of ln 2, pi/2, 2/(3 ln 2)).
 *
 * The functions musl already computes as fdlibm does (tan, asin, acos, atan,
 * expm1, cbrt) are musl's; the
 * differential test in test/engine.test.ts compares every Math function with
 * Node over fixed inputs. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "fdlibm.h"

static inline uint32_t high_word(double x) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  return (uint32_t)(bits >> 32);
}

static inline uint32_t low_word(double x) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  return (uint32_t)bits;
}

static inline double from_words(uint32_t high, uint32_t low) {
  uint64_t bits = ((uint64_t)high << 32) | low;
  double x;
  memcpy(&x, &bits, sizeof x);
  return x;
}

static inline double with_high_word(double x, uint32_t high) { return from_words(high, low_word(x)); }

/* x with its low 32 bits cleared: the head of a head + tail split. */
static inline double head(double x) { return from_words(high_word(x), 0); }

/* ---- reduction modulo pi/2: y[0] + y[1] = x - n*pi/2 with |y| <= pi/4, returns n ---- */

/* 2/pi after the binary point, 24 bits an entry (1584 bits: enough for any double). */
static const int32_t TWO_OVER_PI[] = {
    0xA2F983, 0x6E4E44, 0x1529FC, 0x2757D1, 0xF534DD, 0xC0DB62, 0x95993C, 0x439041, 0xFE5163, 0xABDEBB, 0xC561B7,
    0x246E3A, 0x424DD2, 0xE00649, 0x2EEA09, 0xD1921C, 0xFE1DEB, 0x1CB129, 0xA73EE8, 0x8235F5, 0x2EBB44, 0x84E99C,
    0x7026B4, 0x5F7E41, 0x3991D6, 0x398353, 0x39F49C, 0x845F8B, 0xBDF928, 0x3B1FF8, 0x97FFDE, 0x05980F, 0xEF2F11,
    0x8B5A0A, 0x6D1F6D, 0x367ECF, 0x27CB09, 0xB74F46, 0x3F669E, 0x5FEA2D, 0x7527BA, 0xC7EBE5, 0xF17B3D, 0x0739F7,
    0x8A5292, 0xEA6BFB, 0x5FB11F, 0x8D5D08, 0x560330, 0x46FC7B, 0x6BABF0, 0xCFBC20, 0x9AF436, 0x1DA9E3, 0x91615E,
    0xE61B08, 0x659985, 0x5F14A0, 0x68408D, 0xFFD880, 0x4D7327, 0x310606, 0x1556CA, 0x73A8C9, 0x60E27B, 0xC08C6B,
};

/* pi/2 in 24-bit pieces. */
static const double PIO2_PIECES[] = {
    1.57079625129699707031e+00, 7.54978941586159635335e-08, 5.39030252995776476554e-15, 3.28200341580791294123e-22,
    1.27065575308067607349e-29, 1.22933308981111328932e-36, 2.73370053816464559624e-44, 2.16741683877804819444e-51,
};

static const double TWO24 = 1.67772160000000000000e+07, TWON24 = 5.96046447753906250000e-08;

/* Large arguments: x is |x| scaled by 2^-e0 and cut into nx 24-bit pieces;
   multiplies by the bits of 2/pi that matter (those that do not only add
   multiples of 8) with four more terms than the result needs, as V8 does. */
static int32_t reduce_pio2_large(const double *x, double *y, int32_t e0, int nx) {
  const int terms = 4;
  int32_t digits[20];
  double f[20], q[20], product[20] = {0};
  int last = nx - 1;
  int skip = (e0 - 3) / 24;
  if (skip < 0) skip = 0;
  int32_t q0 = e0 - 24 * (skip + 1);
  for (int i = 0, j = skip - last; i <= last + terms; i++, j++) f[i] = j < 0 ? 0.0 : (double)TWO_OVER_PI[j];
  for (int i = 0; i <= terms; i++) {
    double sum = 0.0;
    for (int j = 0; j <= last; j++) sum += x[j] * f[last + i - j];
    q[i] = sum;
  }
  int jz = terms;
  int32_t n, ih;
  double z;
  for (;;) {
    /* q[] as 24-bit integer digits, most significant last */
    int i = 0;
    z = q[jz];
    for (int j = jz; j > 0; i++, j--) {
      double carry = (double)(int32_t)(TWON24 * z);
      digits[i] = (int32_t)(z - TWO24 * carry);
      z = q[j - 1] + carry;
    }
    z = scalbn(z, q0);
    z -= 8.0 * floor(z * 0.125);
    n = (int32_t)z;
    z -= (double)n;
    ih = 0;
    if (q0 > 0) {
      int32_t top = digits[jz - 1] >> (24 - q0);
      n += top;
      digits[jz - 1] -= top << (24 - q0);
      ih = digits[jz - 1] >> (23 - q0);
    } else if (q0 == 0) {
      ih = digits[jz - 1] >> 23;
    } else if (z >= 0.5) {
      ih = 2;
    }
    if (ih > 0) {
      /* the fraction is 0.5 or more: take 1 - fraction, n + 1 */
      n += 1;
      int borrow = 0;
      for (int k = 0; k < jz; k++) {
        int32_t digit = digits[k];
        if (!borrow) {
          if (digit != 0) {
            borrow = 1;
            digits[k] = 0x1000000 - digit;
          }
        } else {
          digits[k] = 0xffffff - digit;
        }
      }
      if (q0 == 1) digits[jz - 1] &= 0x7fffff;
      else if (q0 == 2) digits[jz - 1] &= 0x3fffff;
      if (ih == 2) {
        z = 1.0 - z;
        if (borrow) z -= scalbn(1.0, q0);
      }
    }
    if (z != 0.0) break;
    int32_t rest = 0;
    for (int k = jz - 1; k >= terms; k--) rest |= digits[k];
    if (rest != 0) break;
    /* cancellation: bring in more bits of 2/pi and start over */
    int more = 1;
    while (more <= terms && digits[terms - more] == 0) more++;
    for (int k = jz + 1; k <= jz + more; k++) {
      f[last + k] = (double)TWO_OVER_PI[skip + k];
      double sum = 0.0;
      for (int j = 0; j <= last; j++) sum += x[j] * f[last + k - j];
      q[k] = sum;
    }
    jz += more;
  }
  if (z == 0.0) {
    jz -= 1;
    q0 -= 24;
    while (digits[jz] == 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z = scalbn(z, -q0);
    if (z >= TWO24) {
      double carry = (double)(int32_t)(TWON24 * z);
      digits[jz] = (int32_t)(z - TWO24 * carry);
      jz += 1;
      q0 += 24;
      digits[jz] = (int32_t)carry;
    } else {
      digits[jz] = (int32_t)z;
    }
  }
  double scale = scalbn(1.0, q0);
  for (int i = jz; i >= 0; i--) {
    q[i] = scale * digits[i];
    scale *= TWON24;
  }
  for (int i = jz; i >= 0; i--) {
    double sum = 0.0;
    for (int k = 0; k <= terms && k <= jz - i; k++) sum += PIO2_PIECES[k] * q[i + k];
    product[jz - i] = sum;
  }
  double sum = 0.0;
  for (int i = jz; i >= 0; i--) sum += product[i];
  y[0] = ih == 0 ? sum : -sum;
  sum = product[0] - sum;
  for (int i = 1; i <= jz; i++) sum += product[i];
  y[1] = ih == 0 ? sum : -sum;
  return n & 7;
}

static int32_t reduce_pio2(double x, double *y) {
  /* high words of n*pi/2 for n = 1..32: where the quick medium-size reduction may cancel */
  static const int32_t MULTIPLE_HIGH[] = {
      0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB, 0x402921FB,
      0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB,
      0x403AB41B, 0x403C463A, 0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
      0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB, 0x404858EB, 0x404921FB,
  };
  /* 2/pi, and pi/2 as three 33-bit heads with the tail after each */
  const double INV_PIO2 = 6.36619772367581382433e-01, PIO2_1 = 1.57079632673412561417e+00,
               PIO2_1T = 6.07710050650619224932e-11, PIO2_2 = 6.07710050630396597660e-11,
               PIO2_2T = 2.02226624879595063154e-21, PIO2_3 = 2.02226624871116645580e-21,
               PIO2_3T = 8.47842766036889956997e-32;
  int32_t hx = (int32_t)high_word(x);
  int32_t ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    /* |x| < 3pi/4: n is 1 or -1 */
    if (hx > 0) {
      double z = x - PIO2_1;
      if (ix != 0x3ff921fb) {
        y[0] = z - PIO2_1T;
        y[1] = (z - y[0]) - PIO2_1T;
      } else {
        z -= PIO2_2;
        y[0] = z - PIO2_2T;
        y[1] = (z - y[0]) - PIO2_2T;
      }
      return 1;
    }
    double z = x + PIO2_1;
    if (ix != 0x3ff921fb) {
      y[0] = z + PIO2_1T;
      y[1] = (z - y[0]) + PIO2_1T;
    } else {
      z += PIO2_2;
      y[0] = z + PIO2_2T;
      y[1] = (z - y[0]) + PIO2_2T;
    }
    return -1;
  }
  if (ix <= 0x413921fb) {
    /* |x| up to 2^19 * pi/2: subtract n*pi/2 in up to three steps */
    double t = fabs(x);
    int32_t n = (int32_t)(t * INV_PIO2 + 0.5);
    double fn = (double)n;
    double r = t - fn * PIO2_1;
    double w = fn * PIO2_1T;
    if (n < 32 && ix != MULTIPLE_HIGH[n - 1]) {
      y[0] = r - w;
    } else {
      int32_t exponent = ix >> 20;
      y[0] = r - w;
      int32_t lost = exponent - (int32_t)((high_word(y[0]) >> 20) & 0x7ff);
      if (lost > 16) {
        t = r;
        w = fn * PIO2_2;
        r = t - w;
        w = fn * PIO2_2T - ((t - r) - w);
        y[0] = r - w;
        lost = exponent - (int32_t)((high_word(y[0]) >> 20) & 0x7ff);
        if (lost > 49) {
          t = r;
          w = fn * PIO2_3;
          r = t - w;
          w = fn * PIO2_3T - ((t - r) - w);
          y[0] = r - w;
        }
      }
    }
    y[1] = (r - y[0]) - w;
    if (hx < 0) {
      y[0] = -y[0];
      y[1] = -y[1];
      return -n;
    }
    return n;
  }
  /* |x| scaled into [2^23, 2^24) and cut into 24-bit pieces */
  int32_t e0 = (ix >> 20) - 1046;
  double z = from_words((uint32_t)(ix - (e0 << 20)), low_word(x));
  double pieces[3];
  for (int i = 0; i < 2; i++) {
    pieces[i] = (double)(int32_t)z;
    z = (z - pieces[i]) * TWO24;
  }
  pieces[2] = z;
  int nx = 3;
  while (pieces[nx - 1] == 0.0) nx--;
  int32_t n = reduce_pio2_large(pieces, y, e0, nx);
  if (hx < 0) {
    y[0] = -y[0];
    y[1] = -y[1];
    return -n;
  }
  return n;
}

/* ---- sine and cosine on [-pi/4, pi/4]; y is the tail of the reduced argument ---- */

static double sin_kernel(double x, double y, int has_tail) {
  const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
               S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
               S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
  if ((high_word(x) & 0x7fffffff) < 0x3e400000 && (int)x == 0) return x;
  double z = x * x;
  double v = z * x;
  double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!has_tail) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/* fdlibm's cosine kernel subtracts an exact quarter of x*x/2 first when |x| >= 0.3. */
static double cos_kernel(double x, double y) {
  const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
               C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
               C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
  uint32_t ix = high_word(x) & 0x7fffffff;
  if (ix < 0x3e400000 && (int)x == 0) return 1.0;
  double z = x * x;
  double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1.0 - (0.5 * z - (z * r - x * y));
  double quarter = ix > 0x3fe90000 ? 0.28125 : from_words(ix - 0x00200000, 0);
  return (1.0 - quarter) - ((0.5 * z - quarter) - (z * r - x * y));
}

double fdlibm_sin(double x) {
  uint32_t ix = high_word(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return sin_kernel(x, 0.0, 0);
  if (ix >= 0x7ff00000) return x - x;
  double y[2];
  switch (reduce_pio2(x, y) & 3) {
    case 0: return sin_kernel(y[0], y[1], 1);
    case 1: return cos_kernel(y[0], y[1]);
    case 2: return -sin_kernel(y[0], y[1], 1);
    default: return -cos_kernel(y[0], y[1]);
  }
}

double fdlibm_cos(double x) {
  uint32_t ix = high_word(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return cos_kernel(x, 0.0);
  if (ix >= 0x7ff00000) return x - x;
  double y[2];
  switch (reduce_pio2(x, y) & 3) {
    case 0: return cos_kernel(y[0], y[1]);
    case 1: return -sin_kernel(y[0], y[1], 1);
    case 2: return -cos_kernel(y[0], y[1]);
    default: return sin_kernel(y[0], y[1], 1);
  }
}

/* ---- exponential and logarithms ---- */

static const double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;

double fdlibm_exp(double x) {
  const double P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03,
               P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06,
               P5 = 4.13813679705723846039e-08;
  const double INV_LN2 = 1.44269504088896338700e+00, TWO_M1000 = 9.33263618503218878990e-302;
  uint32_t hx = high_word(x);
  int negative = hx >> 31;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | low_word(x)) != 0) return x + x;
      return negative ? 0.0 : x;
    }
    if (x > 7.09782712893383973096e+02) return INFINITY;
    if (x < -7.45133219101941108420e+02) return 0.0;
  }
  /* x = k*ln2 + (hi - lo), |hi - lo| <= ln2/2 */
  double hi = 0.0, lo = 0.0;
  int k = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      /* V8 returns e itself for exp(1), which this reduction misses by a bit */
      if (x == 1.0) return 2.718281828459045;
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = (int)(INV_LN2 * x + (negative ? -0.5 : 0.5));
      double t = k;
      hi = x - t * LN2_HI;
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1.0 + x;
  }
  double t = x * x;
  double scale = k >= -1021 ? from_words(0x3ff00000 + ((uint32_t)k << 20), 0) : from_words(0x3ff00000 + ((uint32_t)(k + 1000) << 20), 0);
  double c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  double y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) return k == 1024 ? y * 2.0 * 8.988465674311579539e307 : y * scale;
  return y * scale * TWO_M1000;
}

static const double LG1 = 6.666666666666735130e-01, LG2 = 3.999999999940941908e-01,
                    LG3 = 2.857142874366239149e-01, LG4 = 2.222219843214978396e-01,
                    LG5 = 1.818357216161805012e-01, LG6 = 1.531383769920937332e-01,
                    LG7 = 1.479819860511658591e-01;
static const double TWO54 = 1.80143985094819840000e+16;

double fdlibm_log(double x) {
  uint32_t lx = low_word(x);
  int32_t hx = (int32_t)high_word(x);
  int k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) == 0) return -INFINITY;
    if (hx < 0) return NAN;
    k -= 54;
    x *= TWO54;
    hx = (int32_t)high_word(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  /* scale x into [sqrt(2)/2, sqrt(2)) */
  int32_t i = (hx + 0x95f64) & 0x100000;
  x = with_high_word(x, (uint32_t)(hx | (i ^ 0x3ff00000)));
  k += i >> 20;
  double f = x - 1.0;
  double dk;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f == 0.0) {
      if (k == 0) return 0.0;
      dk = k;
      return dk * LN2_HI + dk * LN2_LO;
    }
    double r = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - r;
    dk = k;
    return dk * LN2_HI - ((r - dk * LN2_LO) - f);
  }
  double s = f / (2.0 + f);
  dk = k;
  double z = s * s;
  int32_t near_low = hx - 0x6147a;
  double w = z * z;
  int32_t near_high = 0x6b851 - hx;
  double odd = w * (LG2 + w * (LG4 + w * LG6));
  double even = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  double r = even + odd;
  if ((near_low | near_high) > 0) {
    double hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
  }
  if (k == 0) return f - s * (f - r);
  return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
}

double fdlibm_log1p(double x) {
  int32_t hx = (int32_t)high_word(x);
  int32_t ax = hx & 0x7fffffff;
  int k = 1;
  int32_t hu = 0;
  double f = 0.0, c = 0.0;
  if (hx < 0x3fda827a) {
    if (ax >= 0x3ff00000) return x == -1.0 ? -INFINITY : NAN;
    if (ax < 0x3e200000) {
      if (ax < 0x3c900000) return x;
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (int32_t)0xbfd2bec4) {
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k != 0) {
    double u;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = (int32_t)high_word(u);
      k = (hu >> 20) - 1023;
      /* what rounding 1 + x lost */
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
      c /= u;
    } else {
      u = x;
      hu = (int32_t)high_word(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = with_high_word(u, (uint32_t)(hu | 0x3ff00000));
    } else {
      k += 1;
      u = with_high_word(u, (uint32_t)(hu | 0x3fe00000));
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  double hfsq = 0.5 * f * f;
  if (hu == 0) {
    if (f == 0.0) {
      if (k == 0) return 0.0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    double r = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k == 0) return f - r;
    return k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
  }
  double s = f / (2.0 + f);
  double z = s * s;
  double r = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  if (k == 0) return f - (hfsq - s * (hfsq + r));
  return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
}

double fdlibm_log2(double x) {
  const double INV_LN2_HI = 1.44269504072144627571e+00, INV_LN2_LO = 1.67517131648865118353e-10;
  uint32_t lx = low_word(x);
  int32_t hx = (int32_t)high_word(x);
  int k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) == 0) return -INFINITY;
    if (hx < 0) return NAN;
    k -= 54;
    x *= TWO54;
    hx = (int32_t)high_word(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  if (hx == 0x3ff00000 && lx == 0) return 0.0;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  int32_t i = (hx + 0x95f64) & 0x100000;
  x = with_high_word(x, (uint32_t)(hx | (i ^ 0x3ff00000)));
  k += i >> 20;
  double y = k;
  double f = x - 1.0;
  double hfsq = 0.5 * f * f;
  /* log(1 + f) - f + f*f/2, as in log */
  double s = f / (2.0 + f);
  double z = s * s;
  double w = z * z;
  double tail = s * (hfsq + (z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6))));
  /* f - hfsq and the sum with k in extra precision (near 1 and sqrt(2)) */
  double hi = head(f - hfsq);
  double lo = (f - hi) - hfsq + tail;
  double val_hi = hi * INV_LN2_HI;
  double val_lo = (lo + hi) * INV_LN2_LO + lo * INV_LN2_HI;
  double sum = y + val_hi;
  val_lo += (y - sum) + val_hi;
  return val_lo + sum;
}

double fdlibm_log10(double x) {
  const double INV_LN10 = 4.34294481903251816668e-01, LOG10_2_HI = 3.01029995663611771306e-01,
               LOG10_2_LO = 3.69423907715893078616e-13;
  uint32_t lx = low_word(x);
  int32_t hx = (int32_t)high_word(x);
  int k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) == 0) return -INFINITY;
    if (hx < 0) return NAN;
    k -= 54;
    x *= TWO54;
    hx = (int32_t)high_word(x);
    lx = low_word(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  if (hx == 0x3ff00000 && lx == 0) return 0.0;
  k += (hx >> 20) - 1023;
  /* x = 2^n * m with m in [1, 2), or [0.5, 1) when the exponent is negative */
  int negative = (uint32_t)k >> 31;
  hx = (hx & 0x000fffff) | ((0x3ff - negative) << 20);
  double n = k + negative;
  x = from_words((uint32_t)hx, lx);
  double z = n * LOG10_2_LO + INV_LN10 * fdlibm_log(x);
  return z + n * LOG10_2_HI;
}

/* ---- pow: log2(x) in extra precision, times y, then 2^(that) ---- */

double fdlibm_pow(double x, double y) {
  static const double BP[] = {1.0, 1.5}, DP_H[] = {0.0, 5.84962487220764160156e-01},
                      DP_L[] = {0.0, 1.35003920212974897128e-08};
  const double L1 = 5.99999999999994648725e-01, L2 = 4.28571428578550184252e-01,
               L3 = 3.33333329818377432918e-01, L4 = 2.72728123808534006489e-01,
               L5 = 2.30660745775561754067e-01, L6 = 2.06975017800338417784e-01;
  const double P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03,
               P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06,
               P5 = 4.13813679705723846039e-08;
  const double LG2 = 6.93147180559945286227e-01, LG2_H = 6.93147182464599609375e-01,
               LG2_L = -1.90465429995776804525e-09, OVT = 8.0085662595372944372e-17,
               CP = 9.61796693925975554329e-01, CP_H = 9.61796700954437255859e-01,
               CP_L = -7.02846165095275826516e-09, IVLN2 = 1.44269504088896338700e+00,
               IVLN2_H = 1.44269502162933349609e+00, IVLN2_L = 1.92596299112661746887e-08,
               TWO53 = 9007199254740992.0, HUGE_ = 1.0e300, TINY = 1.0e-300;

  int32_t hx = (int32_t)high_word(x), hy = (int32_t)high_word(y);
  uint32_t lx = low_word(x), ly = low_word(y);
  int32_t ix = hx & 0x7fffffff, iy = hy & 0x7fffffff;

  if ((iy | ly) == 0) return 1.0;
  if (ix > 0x7ff00000 || (ix == 0x7ff00000 && lx != 0) || iy > 0x7ff00000 || (iy == 0x7ff00000 && ly != 0)) return x + y;

  /* for negative x: 0 when y is not an integer, 1 when odd, 2 when even */
  int y_integer = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) {
      y_integer = 2;
    } else if (iy >= 0x3ff00000) {
      int e = (iy >> 20) - 0x3ff;
      if (e > 20) {
        uint32_t j = ly >> (52 - e);
        if ((j << (52 - e)) == ly) y_integer = 2 - (int)(j & 1);
      } else if (ly == 0) {
        int32_t j = iy >> (20 - e);
        if ((j << (20 - e)) == iy) y_integer = 2 - (j & 1);
      }
    }
  }

  if (ly == 0) {
    if (iy == 0x7ff00000) {
      if (((ix - 0x3ff00000) | lx) == 0) return y - y;
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0.0;
      return hy < 0 ? -y : 0.0;
    }
    if (iy == 0x3ff00000) return hy < 0 ? 1.0 / x : x;
    if (hy == 0x40000000) return x * x;
    if (hy == 0x3fe00000 && hx >= 0) return sqrt(x);
  }

  double ax = fabs(x);
  if (lx == 0 && (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000)) {
    double z = ax;
    if (hy < 0) z = 1.0 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | y_integer) == 0) z = (z - z) / (z - z);
      else if (y_integer == 1) z = -z;
    }
    return z;
  }

  int32_t n = (int32_t)((uint32_t)hx >> 31) ^ 1;
  if ((n | y_integer) == 0) return (x - x) / (x - x);
  double sign = ((n | (y_integer - 1)) == 0) ? -1.0 : 1.0;

  double t1, t2;
  if (iy > 0x41e00000) {
    /* |y| > 2^31: overflow or underflow unless x is within 2^-20 of 1 */
    if (iy > 0x43f00000) {
      if (ix <= 0x3fefffff) return hy < 0 ? HUGE_ * HUGE_ : TINY * TINY;
      if (ix >= 0x3ff00000) return hy > 0 ? HUGE_ * HUGE_ : TINY * TINY;
    }
    if (ix < 0x3fefffff) return hy < 0 ? sign * HUGE_ * HUGE_ : sign * TINY * TINY;
    if (ix > 0x3ff00000) return hy > 0 ? sign * HUGE_ * HUGE_ : sign * TINY * TINY;
    double t = ax - 1.0;
    double w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    double u = IVLN2_H * t;
    double v = t * IVLN2_L - w * IVLN2;
    t1 = head(u + v);
    t2 = v - (t1 - u);
  } else {
    int32_t m = 0;
    if (ix < 0x00100000) {
      ax *= TWO53;
      m -= 53;
      ix = (int32_t)high_word(ax);
    }
    m += (ix >> 20) - 0x3ff;
    int32_t j = ix & 0x000fffff;
    /* ax in [1, sqrt(3/2)) is expanded around 1, [sqrt(3/2), sqrt(3)) around 1.5 */
    int k;
    ix = j | 0x3ff00000;
    if (j <= 0x3988e) {
      k = 0;
    } else if (j < 0xbb67a) {
      k = 1;
    } else {
      k = 0;
      m += 1;
      ix -= 0x00100000;
    }
    ax = with_high_word(ax, (uint32_t)ix);
    /* s = (ax - bp) / (ax + bp) as s_h + s_l */
    double u = ax - BP[k];
    double v = 1.0 / (ax + BP[k]);
    double ss = u * v;
    double s_h = head(ss);
    double t_h = from_words((uint32_t)(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18)), 0);
    double t_l = ax - (t_h - BP[k]);
    double s_l = v * ((u - s_h * t_h) - s_h * t_l);
    double s2 = ss * ss;
    double r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += s_l * (s_h + ss);
    s2 = s_h * s_h;
    t_h = head(3.0 + s2 + r);
    t_l = r - ((t_h - 3.0) - s2);
    u = s_h * t_h;
    v = s_l * t_h + t_l * ss;
    double p_h = head(u + v);
    double p_l = v - (p_h - u);
    double z_h = CP_H * p_h;
    double z_l = CP_L * p_h + p_l * CP + DP_L[k];
    double t = (double)m;
    t1 = head(((z_h + z_l) + DP_H[k]) + t);
    t2 = z_l - (((t1 - t) - DP_H[k]) - z_h);
  }

  /* y * log2(x) = p_h + p_l */
  double y1 = head(y);
  double p_l = (y - y1) * t1 + y * t2;
  double p_h = y1 * t1;
  double z = p_l + p_h;
  int32_t j = (int32_t)high_word(z);
  int32_t i = (int32_t)low_word(z);
  if (j >= 0x40900000) {
    if (((j - 0x40900000) | i) != 0) return sign * HUGE_ * HUGE_;
    if (p_l + OVT > z - p_h) return sign * HUGE_ * HUGE_;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    if ((((uint32_t)j - 0xc090cc00u) | (uint32_t)i) != 0) return sign * TINY * TINY;
    if (p_l <= z - p_h) return sign * TINY * TINY;
  }
  /* 2^(p_h + p_l) = 2^n * 2^(rest), |rest| <= 0.5 */
  i = j & 0x7fffffff;
  int k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) {
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    double t = from_words((uint32_t)(n & ~(0x000fffff >> k)), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    p_h -= t;
  }
  double t = head(p_l + p_h);
  double u = t * LG2_H;
  double v = (p_l - (t - p_h)) * LG2 + t * LG2_L;
  z = u + v;
  double w = v - (z - u);
  t = z * z;
  t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  /* V8 divides by the whole difference, where fdlibm subtracts (w + z*w)
     after dividing by (t1 - 2): keep V8's grouping, it decides the last bit */
  double r = (z * t1) / ((t1 - 2.0) - (w + z * w));
  z = 1.0 - (r - z);
  j = (int32_t)high_word(z);
  j += (int32_t)((uint32_t)n << 20);
  if ((j >> 20) <= 0) z = scalbn(z, n);
  else z = with_high_word(z, (uint32_t)j);
  return sign * z;
}

/* ---- atan2 and the hyperbolic functions ---- */

double fdlibm_atan2(double y, double x) {
  const double PI_O_4 = 7.8539816339744827900e-01, PI_O_2 = 1.5707963267948965580e+00,
               PI = 3.1415926535897931160e+00, PI_LO = 1.2246467991473531772e-16;
  int32_t hx = (int32_t)high_word(x), hy = (int32_t)high_word(y);
  uint32_t lx = low_word(x), ly = low_word(y);
  int32_t ix = hx & 0x7fffffff, iy = hy & 0x7fffffff;
  if ((uint32_t)ix > 0x7ff00000 || (ix == 0x7ff00000 && lx != 0) || (uint32_t)iy > 0x7ff00000 || (iy == 0x7ff00000 && ly != 0)) return x + y;
  if ((((uint32_t)hx - 0x3ff00000u) | lx) == 0) return atan(y);
  /* bit 0: y negative, bit 1: x negative */
  int quadrant = (int)(((uint32_t)hy >> 31) | (((uint32_t)hx >> 30) & 2));
  if ((iy | ly) == 0) {
    if (quadrant < 2) return y;
    return quadrant == 2 ? PI : -PI;
  }
  if ((ix | lx) == 0) return hy < 0 ? -PI_O_2 : PI_O_2;
  if (ix == 0x7ff00000) {
    if (iy == 0x7ff00000) {
      switch (quadrant) {
        case 0: return PI_O_4;
        case 1: return -PI_O_4;
        case 2: return 3.0 * PI_O_4;
        default: return -3.0 * PI_O_4;
      }
    }
    switch (quadrant) {
      case 0: return 0.0;
      case 1: return -0.0;
      case 2: return PI;
      default: return -PI;
    }
  }
  if (iy == 0x7ff00000) return hy < 0 ? -PI_O_2 : PI_O_2;
  int32_t k = (iy - ix) >> 20;
  double z;
  if (k > 60) {
    z = PI_O_2 + 0.5 * PI_LO;
    quadrant &= 1;
  } else if (hx < 0 && k < -60) {
    z = 0.0;
  } else {
    z = atan(fabs(y / x));
  }
  switch (quadrant) {
    case 0: return z;
    case 1: return -z;
    case 2: return PI - (z - PI_LO);
    default: return (z - PI_LO) - PI;
  }
}

static const double OVERFLOW_THRESHOLD = 710.4758600739439;

double fdlibm_cosh(double x) {
  uint32_t ix = high_word(x) & 0x7fffffff;
  if (ix < 0x3fd62e43) {
    double t = expm1(fabs(x));
    double w = 1.0 + t;
    if (ix < 0x3c800000) return w;
    return 1.0 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    double t = fdlibm_exp(fabs(x));
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) return 0.5 * fdlibm_exp(fabs(x));
  if (fabs(x) <= OVERFLOW_THRESHOLD) {
    double w = fdlibm_exp(0.5 * fabs(x));
    double t = 0.5 * w;
    return t * w;
  }
  if (ix >= 0x7ff00000) return x * x;
  return INFINITY;
}

double fdlibm_sinh(double x) {
  double half = x < 0 ? -0.5 : 0.5;
  double ax = fabs(x);
  if (ax < 22) {
    if (ax < 3.725290298461914e-9) return x;
    double t = expm1(ax);
    if (ax < 1) return half * (2 * t - t * t / (t + 1));
    return half * (t + t / (t + 1));
  }
  if (ax < 709.7822265625) return half * fdlibm_exp(ax);
  if (ax <= OVERFLOW_THRESHOLD) {
    double w = fdlibm_exp(0.5 * ax);
    double t = half * w;
    return t * w;
  }
  return x * 1.0e307;
}

double fdlibm_tanh(double x) {
  int32_t jx = (int32_t)high_word(x);
  int32_t ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return jx >= 0 ? 1.0 / x + 1.0 : 1.0 / x - 1.0;
  double z;
  if (ix < 0x40360000) {
    if (ix < 0x3e300000) return x;
    if (ix >= 0x3ff00000) {
      double t = expm1(2.0 * fabs(x));
      z = 1.0 - 2.0 / (t + 2.0);
    } else {
      double t = expm1(-2.0 * fabs(x));
      z = -t / (t + 2.0);
    }
  } else {
    z = 1.0;
  }
  return jx >= 0 ? z : -z;
}

static const double LN2 = 6.93147180559945286227e-01;

double fdlibm_asinh(double x) {
  int32_t hx = (int32_t)high_word(x);
  int32_t ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x;
  if (ix < 0x3e300000) return x;
  double w;
  if (ix > 0x41b00000) {
    w = fdlibm_log(fabs(x)) + LN2;
  } else if (ix > 0x40000000) {
    double t = fabs(x);
    w = fdlibm_log(2.0 * t + 1.0 / (sqrt(x * x + 1.0) + t));
  } else {
    double t = x * x;
    w = fdlibm_log1p(fabs(x) + t / (1.0 + sqrt(1.0 + t)));
  }
  return hx > 0 ? w : -w;
}

double fdlibm_acosh(double x) {
  int32_t hx = (int32_t)high_word(x);
  uint32_t lx = low_word(x);
  if (hx < 0x3ff00000) return NAN;
  if (hx >= 0x41b00000) {
    if (hx >= 0x7ff00000) return x + x;
    return fdlibm_log(x) + LN2;
  }
  if (((hx - 0x3ff00000) | (int32_t)lx) == 0) return 0.0;
  if (hx > 0x40000000) {
    double t = x * x;
    return fdlibm_log(2.0 * x - 1.0 / (x + sqrt(t - 1.0)));
  }
  double t = x - 1.0;
  return fdlibm_log1p(t + sqrt(2.0 * t + t * t));
}

double fdlibm_atanh(double x) {
  int32_t hx = (int32_t)high_word(x);
  uint32_t lx = low_word(x);
  int32_t ix = hx & 0x7fffffff;
  if ((ix | (int32_t)((lx | (0u - lx)) >> 31)) > 0x3ff00000) return NAN;
  if (ix == 0x3ff00000) return x > 0 ? INFINITY : -INFINITY;
  if (ix < 0x3e300000) return x;
  x = with_high_word(x, (uint32_t)ix);
  double t;
  if (ix < 0x3fe00000) {
    t = x + x;
    t = 0.5 * fdlibm_log1p(t + t * x / (1.0 - x));
  } else {
    t = 0.5 * fdlibm_log1p((x + x) / (1.0 - x));
  }
  return hx >= 0 ? t : -t;
}
