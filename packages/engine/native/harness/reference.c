/* Reference codecs for the differential targets, written from the
   specifications (WHATWG Encoding's UTF-8 decoder, RFC 4648) and sharing
   nothing with the bridge's implementations. */
#include <stdint.h>
#include <string.h>
#include "harness.h"

/* One step of the WHATWG UTF-8 decoder from data[i]: the length of a
   well-formed sequence (*valid = 1), or of the ill-formed prefix that becomes
   one U+FFFD (*valid = 0). */
static size_t whatwg_step(const uint8_t *data, size_t length, size_t i, int *valid) {
  uint8_t b = data[i];
  size_t needed;
  uint8_t lower = 0x80, upper = 0xBF;
  if (b <= 0x7F) {
    *valid = 1;
    return 1;
  } else if (b >= 0xC2 && b <= 0xDF) {
    needed = 1;
  } else if (b >= 0xE0 && b <= 0xEF) {
    if (b == 0xE0) lower = 0xA0;
    if (b == 0xED) upper = 0x9F;
    needed = 2;
  } else if (b >= 0xF0 && b <= 0xF4) {
    if (b == 0xF0) lower = 0x90;
    if (b == 0xF4) upper = 0x8F;
    needed = 3;
  } else {
    *valid = 0;
    return 1;
  }
  size_t seen = 0;
  while (seen < needed) {
    size_t at = i + 1 + seen;
    if (at >= length || data[at] < lower || data[at] > upper) {
      *valid = 0;
      return 1 + seen;
    }
    lower = 0x80;
    upper = 0xBF;
    seen++;
  }
  *valid = 1;
  return 1 + needed;
}

size_t reference_utf8_invalid_at(const uint8_t *data, size_t length) {
  for (size_t i = 0; i < length;) {
    int valid;
    size_t step = whatwg_step(data, length, i, &valid);
    if (!valid) return i;
    i += step;
  }
  return SIZE_MAX;
}

size_t reference_utf8_replace(const uint8_t *data, size_t length, uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i < length;) {
    int valid;
    size_t step = whatwg_step(data, length, i, &valid);
    if (valid) {
      memcpy(out + o, data + i, step);
      o += step;
    } else {
      memcpy(out + o, "\xEF\xBF\xBD", 3);
      o += 3;
    }
    i += step;
  }
  return o;
}

static size_t put_code_point(uint32_t c, uint8_t *out) {
  if (c < 0x80) {
    out[0] = (uint8_t)c;
    return 1;
  }
  if (c < 0x800) {
    out[0] = (uint8_t)(0xC0 | c >> 6);
    out[1] = (uint8_t)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (uint8_t)(0xE0 | c >> 12);
    out[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (uint8_t)(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = (uint8_t)(0xF0 | c >> 18);
  out[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
  out[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
  out[3] = (uint8_t)(0x80 | (c & 0x3F));
  return 4;
}

size_t reference_utf16_to_utf8(const uint16_t *units, size_t count, uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i < count; i++) {
    uint32_t c = units[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < count && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (units[i + 1] - 0xDC00u);
      i++;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    o += put_code_point(c, out + o);
  }
  return o;
}

void reference_replace_lone_surrogates(uint8_t *data, size_t length) {
  for (size_t i = 0; i < length;) {
    uint8_t b = data[i];
    size_t step = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (b == 0xED && i + 2 < length && data[i + 1] >= 0xA0) memcpy(data + i, "\xEF\xBF\xBD", 3);
    i += step;
  }
}

static int base64_value(uint8_t c, int url) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == (url ? '-' : '+')) return 62;
  if (c == (url ? '_' : '/')) return 63;
  return -1;
}

long reference_base64_decode(const uint8_t *text, size_t length, int url, uint8_t *out) {
  size_t symbols = length;
  if (!url) {
    if (length % 4 != 0) return -1;
    while (symbols > 0 && length - symbols < 2 && text[symbols - 1] == '=') symbols--;
  }
  if (symbols % 4 == 1) return -1;
  long o = 0;
  uint32_t bits = 0;
  int held = 0;
  for (size_t i = 0; i < symbols; i++) {
    int v = base64_value(text[i], url);
    if (v < 0) return -1;
    bits = bits << 6 | (uint32_t)v;
    held += 6;
    if (held >= 8) {
      held -= 8;
      out[o++] = (uint8_t)(bits >> held);
      bits &= (1u << held) - 1;
    }
  }
  /* Canonical: the bits left over from the last symbol are zero. */
  if (bits != 0) return -1;
  return o;
}

size_t reference_base64_encode(const uint8_t *data, size_t length, int url, uint8_t *out) {
  static const char standard[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const char *alphabet = url ? safe : standard;
  size_t o = 0;
  for (size_t i = 0; i < length; i += 3) {
    size_t take = length - i < 3 ? length - i : 3;
    uint32_t n = (uint32_t)data[i] << 16 | (take > 1 ? (uint32_t)data[i + 1] << 8 : 0) | (take > 2 ? data[i + 2] : 0);
    for (size_t k = 0; k < take + 1; k++) out[o++] = (uint8_t)alphabet[(n >> (18 - 6 * k)) & 63];
    if (!url)
      for (size_t k = take + 1; k < 4; k++) out[o++] = '=';
  }
  return o;
}

long reference_hex_decode(const uint8_t *text, size_t length, uint8_t *out) {
  if (length % 2) return -1;
  for (size_t i = 0; i < length; i += 2) {
    int v[2];
    for (int k = 0; k < 2; k++) {
      uint8_t c = text[i + (size_t)k];
      v[k] = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (v[k] < 0) return -1;
    }
    out[i / 2] = (uint8_t)(v[0] << 4 | v[1]);
  }
  return (long)(length / 2);
}
