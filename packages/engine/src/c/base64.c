/* base64 (the standard alphabet, "=" padding required) and base64url (the
   URL-safe alphabet, no padding) between bytes and their ASCII text, as
   strict as the base64 crate's STANDARD and URL_SAFE_NO_PAD engines: no
   whitespace, and the unused low bits of the last symbol must be zero. The
   reasons and offsets match @extism-ts/convert's JS implementation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codec.h"

#define PAD '='
#define INVALID 0xff

typedef struct {
  char symbol62, symbol63; /* the two symbols after A-Z, a-z and 0-9 */
  int padded;
  char alphabet[64];
  uint8_t decode[256];
} Variant;

static Variant variants[2] = {{'+', '/', 1, {0}, {0}}, {'-', '_', 0, {0}, {0}}};

/* The tables are filled on first use. */
static const Variant *variant_of(JSContext *ctx, int argc, JSValueConst *argv) {
  Variant *variant = &variants[argc > 1 && JS_ToBool(ctx, argv[1]) ? 1 : 0];
  if (variant->alphabet[0] == 0) {
    for (int i = 0; i < 26; i++) {
      variant->alphabet[i] = (char)('A' + i);
      variant->alphabet[26 + i] = (char)('a' + i);
    }
    for (int i = 0; i < 10; i++) variant->alphabet[52 + i] = (char)('0' + i);
    variant->alphabet[62] = variant->symbol62;
    variant->alphabet[63] = variant->symbol63;
    memset(variant->decode, INVALID, sizeof variant->decode);
    for (int i = 0; i < 64; i++) variant->decode[(uint8_t)variant->alphabet[i]] = (uint8_t)i;
  }
  return variant;
}

/* base64_encode(bytes, url): the base64 (or, with url, base64url) text of the bytes, as ASCII bytes. */
JSValue js_base64_encode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  const Variant *variant = variant_of(ctx, argc, argv);
  const uint8_t *data;
  size_t length;
  if (bridge_get_bytes(ctx, argv[0], "the bytes to encode", &data, &length)) return JS_EXCEPTION;
  if (length > (SIZE_MAX / 4) - 3) return JS_ThrowRangeError(ctx, "%zu bytes are too many to encode", length);
  size_t rest = length % 3;
  size_t out_length = length / 3 * 4 + (rest == 0 ? 0 : variant->padded ? 4 : rest + 1);
  uint8_t *out = malloc(out_length ? out_length : 1);
  if (!out) return JS_ThrowOutOfMemory(ctx);
  const char *symbols = variant->alphabet;
  size_t o = 0, i = 0;
  for (; i + 3 <= length; i += 3) {
    uint32_t n = (uint32_t)data[i] << 16 | (uint32_t)data[i + 1] << 8 | data[i + 2];
    out[o++] = (uint8_t)symbols[n >> 18];
    out[o++] = (uint8_t)symbols[(n >> 12) & 63];
    out[o++] = (uint8_t)symbols[(n >> 6) & 63];
    out[o++] = (uint8_t)symbols[n & 63];
  }
  if (rest > 0) {
    uint32_t n = (uint32_t)data[i] << 16 | (rest == 2 ? (uint32_t)data[i + 1] << 8 : 0);
    out[o++] = (uint8_t)symbols[n >> 18];
    out[o++] = (uint8_t)symbols[(n >> 12) & 63];
    if (rest == 2) out[o++] = (uint8_t)symbols[(n >> 6) & 63];
    if (variant->padded) {
      if (rest == 1) out[o++] = PAD;
      out[o++] = PAD;
    }
  }
  return bridge_new_uint8array(ctx, out, out_length);
}

/* "0x41 ('A')" for printable ASCII, "0x0a" for the rest. */
static const char *describe_byte(uint8_t byte, char *text, size_t size) {
  if (byte >= 0x21 && byte <= 0x7e) snprintf(text, size, "0x%02x ('%c')", byte, byte);
  else snprintf(text, size, "0x%02x", byte);
  return text;
}

/* Decoding failed at or after `from`: say which byte and why. */
static JSValue invalid_byte(JSContext *ctx, const Variant *variant, const uint8_t *text, size_t length, size_t from) {
  char shown[16];
  for (size_t i = from; i < length; i++) {
    uint8_t byte = text[i];
    if (variant->decode[byte] != INVALID) continue;
    if (byte == PAD && variant->padded) return codec_throw_decode_error(ctx, i, "padding '=' before the end");
    if (byte == PAD) return codec_throw_decode_error(ctx, i, "padding '=' (base64url has none)");
    return codec_throw_decode_error(ctx, i, "invalid byte %s", describe_byte(byte, shown, sizeof shown));
  }
  return codec_throw_decode_error(ctx, CODEC_NO_OFFSET, "invalid input");
}

static JSValue unused_bits(JSContext *ctx, const uint8_t *text, size_t last) {
  char shown[16];
  return codec_throw_decode_error(ctx, last, "last symbol %s has non-zero unused bits", describe_byte(text[last], shown, sizeof shown));
}

/* base64_decode(text, url): the bytes of base64 (or base64url) ASCII text.
   Throws a TypeError with `reason` and `offset` (see codec.h) at the first
   byte that is not canonical. */
JSValue js_base64_decode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  const Variant *variant = variant_of(ctx, argc, argv);
  const uint8_t *text;
  size_t length;
  if (bridge_get_bytes(ctx, argv[0], "the text to decode", &text, &length)) return JS_EXCEPTION;
  const uint8_t *table = variant->decode;
  size_t tail; /* symbols after the last whole group of four */
  if (variant->padded) {
    if (length % 4 != 0) {
      for (size_t i = 0; i < length; i++)
        if (table[text[i]] == INVALID) return invalid_byte(ctx, variant, text, length, i);
      return codec_throw_decode_error(ctx, length - length % 4, "%zu bytes is not a multiple of 4 (padding missing?)", length);
    }
    size_t padding = length == 0 ? 0 : text[length - 1] != PAD ? 0 : text[length - 2] == PAD ? 2 : 1;
    tail = padding == 0 ? 0 : 4 - padding;
  } else {
    if (length % 4 == 1) {
      for (size_t i = 0; i < length; i++)
        if (table[text[i]] == INVALID) return invalid_byte(ctx, variant, text, length, i);
      return codec_throw_decode_error(ctx, length - 1, "%zu bytes is not a valid base64url length (4n + 1)", length);
    }
    tail = length % 4;
  }
  size_t whole = length - (variant->padded && tail ? 4 : tail);
  size_t out_length = whole / 4 * 3 + (tail ? tail - 1 : 0);
  uint8_t *out = malloc(out_length ? out_length : 1);
  if (!out) return JS_ThrowOutOfMemory(ctx);
  size_t o = 0;
  for (size_t i = 0; i < whole; i += 4) {
    uint32_t a = table[text[i]], b = table[text[i + 1]], c = table[text[i + 2]], d = table[text[i + 3]];
    /* INVALID is 0xff: any bad symbol sets a bit above the six a symbol carries. */
    if ((a | b | c | d) > 63) {
      free(out);
      return invalid_byte(ctx, variant, text, length, i);
    }
    uint32_t n = a << 18 | b << 12 | c << 6 | d;
    out[o++] = (uint8_t)(n >> 16);
    out[o++] = (uint8_t)(n >> 8);
    out[o++] = (uint8_t)n;
  }
  if (tail) {
    size_t i = whole;
    uint32_t a = table[text[i]], b = table[text[i + 1]], c = tail == 3 ? table[text[i + 2]] : 0;
    if ((a | b | c) > 63) {
      free(out);
      return invalid_byte(ctx, variant, text, length, i);
    }
    if (tail == 3 ? (c & 3) : (b & 15)) {
      free(out);
      return unused_bits(ctx, text, i + tail - 1);
    }
    out[o++] = (uint8_t)(a << 2 | b >> 4);
    if (tail == 3) out[o++] = (uint8_t)((b & 15) << 4 | c >> 2);
  }
  return bridge_new_uint8array(ctx, out, out_length);
}
