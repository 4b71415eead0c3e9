/* Hexadecimal text between bytes and ASCII: lowercase out, either case in. */
#include <stdio.h>
#include <stdlib.h>
#include "codec.h"

/* hex_encode(bytes): two lowercase hex digits per byte, as ASCII bytes. */
JSValue js_hex_encode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  static const char digits[] = "0123456789abcdef";
  const uint8_t *data;
  size_t length;
  if (bridge_get_bytes(ctx, argv[0], "the bytes to encode", &data, &length)) return JS_EXCEPTION;
  if (length > SIZE_MAX / 2) return JS_ThrowRangeError(ctx, "%zu bytes are too many to encode", length);
  uint8_t *out = malloc(length ? length * 2 : 1);
  if (!out) return JS_ThrowOutOfMemory(ctx);
  for (size_t i = 0; i < length; i++) {
    out[2 * i] = (uint8_t)digits[data[i] >> 4];
    out[2 * i + 1] = (uint8_t)digits[data[i] & 15];
  }
  return bridge_new_uint8array(ctx, out, length * 2);
}

static int digit_value(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  c |= 0x20; /* lowercase */
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/* hex_decode(text): the bytes of hex ASCII text. Throws a TypeError with
   `reason` and `offset` (see codec.h) at the first byte that is not a hex
   digit, or at the last digit when it has no pair. */
JSValue js_hex_decode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  const uint8_t *text;
  size_t length;
  if (bridge_get_bytes(ctx, argv[0], "the text to decode", &text, &length)) return JS_EXCEPTION;
  /* One more byte than whole pairs need: an odd last digit is written before it is refused. */
  uint8_t *out = malloc(length / 2 + 1);
  if (!out) return JS_ThrowOutOfMemory(ctx);
  for (size_t i = 0; i < length; i++) {
    int value = digit_value(text[i]);
    if (value < 0) {
      free(out);
      uint8_t byte = text[i];
      if (byte >= 0x21 && byte <= 0x7e) return codec_throw_decode_error(ctx, i, "invalid hex digit 0x%02x ('%c')", byte, byte);
      return codec_throw_decode_error(ctx, i, "invalid hex digit 0x%02x", byte);
    }
    if (i % 2 == 0) out[i / 2] = (uint8_t)(value << 4);
    else out[i / 2] |= (uint8_t)value;
  }
  if (length % 2 != 0) {
    free(out);
    return codec_throw_decode_error(ctx, length - 1, "odd number of hex digits (%zu)", length);
  }
  return bridge_new_uint8array(ctx, out, length / 2);
}
