#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "dtoa_rounding.h"

#undef snprintf

static int rounding_mode = FE_TONEAREST;

int dtoa_set_rounding(int mode) {
  rounding_mode = mode;
  return 0;
}

/* A double's exact decimal expansion has at most 767 significant digits and
   1074 digits after the point, so printing with this many more digits than
   asked is exact: what follows the kept digits tells whether it was. */
#define EXACT_EXTRA_DIGITS 1100
static char exact[EXACT_EXTRA_DIGITS + 512];

/* Add one unit in the last place of the digit run digits[0..count); returns
   the carry out of the first digit. Non-digits (the point) are skipped. */
static int increment_digits(char *digits, int count) {
  for (int i = count - 1; i >= 0; i--) {
    if (digits[i] < '0' || digits[i] > '9') continue;
    if (digits[i] != '9') {
      digits[i]++;
      return 0;
    }
    digits[i] = '0';
  }
  return 1;
}

static int any_nonzero_digit(const char *s, const char *end) {
  for (; s < end; s++)
    if (*s >= '1' && *s <= '9') return 1;
  return 0;
}

/* "%+.*e" under a directed rounding mode. */
static int print_exponential(char *buffer, size_t size, int precision, double value) {
  snprintf(exact, sizeof(exact), "%+.*e", precision + EXACT_EXTRA_DIGITS, value);
  int negative = exact[0] == '-';
  char *exponent_mark = strchr(exact, 'e');
  int exponent = atoi(exponent_mark + 1);
  /* Kept part: sign, digit, point, `precision` digits. */
  char *kept_end = exact + 2 + (precision > 0 ? 1 + precision : 0);
  int round_away = any_nonzero_digit(kept_end, exponent_mark) &&
                   (negative ? rounding_mode == FE_DOWNWARD : rounding_mode == FE_UPWARD);
  if (round_away && increment_digits(exact + 1, (int)(kept_end - exact - 1))) {
    exact[1] = '1';
    exponent++;
  }
  *kept_end = 0;
  return snprintf(buffer, size, "%se%c%02d", exact, exponent < 0 ? '-' : '+',
                  exponent < 0 ? -exponent : exponent);
}

/* "%.*f" under a directed rounding mode. */
static int print_fixed(char *buffer, size_t size, int precision, double value) {
  snprintf(exact + 1, sizeof(exact) - 1, "%.*f", precision + EXACT_EXTRA_DIGITS, value);
  char *start = exact + 1;
  int negative = *start == '-';
  char *digits = start + negative;
  char *point = strchr(digits, '.');
  char *kept_end = precision > 0 ? point + 1 + precision : point;
  int round_away = any_nonzero_digit(kept_end, kept_end + strlen(kept_end)) &&
                   (negative ? rounding_mode == FE_DOWNWARD : rounding_mode == FE_UPWARD);
  *kept_end = 0;
  if (round_away && increment_digits(digits, (int)(kept_end - digits))) {
    /* All nines carried out: one more integer digit, written before the run. */
    digits[-1] = '1';
    if (negative) {
      digits[-2] = '-';
      start = digits - 2;
    } else {
      start = digits - 1;
    }
  }
  return snprintf(buffer, size, "%s", start);
}

int dtoa_snprintf(char *buffer, size_t size, const char *format, ...) {
  va_list args;
  va_start(args, format);
  int written;
  if (rounding_mode != FE_TONEAREST && strcmp(format, "%+.*e") == 0) {
    int precision = va_arg(args, int);
    written = print_exponential(buffer, size, precision, va_arg(args, double));
  } else if (rounding_mode != FE_TONEAREST && strcmp(format, "%.*f") == 0) {
    int precision = va_arg(args, int);
    written = print_fixed(buffer, size, precision, va_arg(args, double));
  } else {
    written = vsnprintf(buffer, size, format, args);
  }
  va_end(args);
  return written;
}
