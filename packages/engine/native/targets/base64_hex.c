/* base64, base64url and hex, against reference decoders. First byte: 0
   base64_decode, 1 base64_decode (url), 2 hex_decode, each of any bytes
   (same answer as the reference, and a refusal names a byte inside the
   text); 3 the three encoders on any bytes (the reference's text, and it
   decodes back). */
#include <stdlib.h>
#include <string.h>
#include "harness.h"

static void expect_bytes(JSValueConst value, const uint8_t *expected, size_t length, const char *what) {
  const uint8_t *got;
  size_t got_length;
  if (!harness_get_bytes(value, &got, &got_length)) harness_fail("%s gave no bytes", what);
  if (got_length != length || memcmp(got, expected, length) != 0)
    harness_fail("%s gave %zu bytes, the reference %zu (or other bytes)", what, got_length, length);
}

static void decode(const uint8_t *data, size_t length, int mode) {
  JSContext *ctx = harness_ctx;
  const char *what = mode == 0 ? "base64_decode" : mode == 1 ? "base64_decode (url)" : "hex_decode";
  JSValue args[2] = {harness_bytes(data, length), JS_NewBool(ctx, mode == 1)};
  JSValue got = harness_call(mode == 2 ? "hex_decode" : "base64_decode", 2, args);
  JS_FreeValue(ctx, args[0]);
  uint8_t *expected = malloc(length + 1);
  if (!expected) harness_fail("out of memory");
  long expected_length = mode == 2 ? reference_hex_decode(data, length, expected) : reference_base64_decode(data, length, mode, expected);
  if (expected_length < 0) {
    if (!JS_IsException(got)) harness_fail("%s took text the reference refuses", what);
    const char *message;
    JSValue error = harness_take_exception(&message);
    JSValue reason = JS_GetPropertyStr(ctx, error, "reason"), offset = JS_GetPropertyStr(ctx, error, "offset");
    double at = 0;
    if (!JS_IsString(reason)) harness_fail("%s threw without a reason: %s", what, message);
    if (JS_IsUndefined(offset) ? length > 0 : (JS_ToFloat64(ctx, &at, offset) || at < 0 || at >= (double)length))
      harness_fail("%s: \"%s\" names no byte of the %zu", what, message, length);
    harness_free_text(message);
    JS_FreeValue(ctx, reason);
    JS_FreeValue(ctx, offset);
    JS_FreeValue(ctx, error);
  } else {
    if (JS_IsException(got)) {
      const char *message;
      harness_take_exception(&message);
      harness_fail("%s refused text the reference takes: %s", what, message);
    }
    expect_bytes(got, expected, (size_t)expected_length, what);
  }
  JS_FreeValue(ctx, got);
  free(expected);
}

static void encode(const uint8_t *data, size_t length) {
  JSContext *ctx = harness_ctx;
  uint8_t *expected = malloc(length * 2 + 8);
  if (!expected) harness_fail("out of memory");
  for (int mode = 0; mode < 3; mode++) {
    JSValue args[2] = {harness_bytes(data, length), JS_NewBool(ctx, mode == 1)};
    JSValue text = harness_call(mode == 2 ? "hex_encode" : "base64_encode", 2, args);
    size_t expected_length;
    if (mode == 2) {
      static const char digits[] = "0123456789abcdef";
      for (size_t i = 0; i < length; i++) {
        expected[2 * i] = (uint8_t)digits[data[i] >> 4];
        expected[2 * i + 1] = (uint8_t)digits[data[i] & 15];
      }
      expected_length = length * 2;
    } else {
      expected_length = reference_base64_encode(data, length, mode, expected);
    }
    expect_bytes(text, expected, expected_length, mode == 2 ? "hex_encode" : "base64_encode");
    JSValue back_args[2] = {text, args[1]};
    JSValue back = harness_call(mode == 2 ? "hex_decode" : "base64_decode", 2, back_args);
    if (JS_IsException(back)) {
      const char *message;
      harness_take_exception(&message);
      harness_fail("decoding what the encoder wrote failed: %s", message);
    }
    expect_bytes(back, data, length, "decode(encode(bytes))");
    JS_FreeValue(ctx, back);
    JS_FreeValue(ctx, text);
    JS_FreeValue(ctx, args[0]);
  }
  free(expected);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t length) {
  if (length == 0) return 0;
  harness_set_input(data, length);
  harness_begin();
  if ((data[0] & 3) == 3) encode(data + 1, length - 1);
  else decode(data + 1, length - 1, data[0] & 3);
  harness_end();
  return 0;
}
