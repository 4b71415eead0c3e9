/* UTF-8 both ways, and the digests over plug-in bytes. First byte: 0
   utf8_decode against the WHATWG decoder (replacement), 1 utf8_decode fatal
   (throws exactly when the bytes are ill-formed, naming the first bad byte),
   2 utf8_encode of any UTF-16 string against a reference encoder (lone
   surrogates as U+FFFD), 3 digest of the bytes whole and in two parts. Bit 2
   of the first byte passes the bytes as a view into a larger buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

static JSValue view_of(const uint8_t *data, size_t length, int offset_view) {
  if (!offset_view) return harness_bytes(data, length);
  /* The same bytes at offset 3 of a larger buffer. */
  uint8_t *padded = malloc(length + 6);
  if (!padded) harness_fail("out of memory");
  memset(padded, 0xff, length + 6);
  if (length) memcpy(padded + 3, data, length);
  JSValue whole = harness_bytes(padded, length + 6);
  free(padded);
  JSValue args[3] = {whole, JS_NewInt32(harness_ctx, 3), JS_NewInt32(harness_ctx, (int32_t)length + 3)};
  JSValue view = harness_helper("subarray", 3, args);
  JS_FreeValue(harness_ctx, whole);
  return view;
}

static void expect_text(JSValueConst value, const uint8_t *expected, size_t expected_length, const char *what) {
  if (!JS_IsString(value)) harness_fail("%s gave no string", what);
  size_t length;
  const char *text = JS_ToCStringLen(harness_ctx, &length, value);
  if (length != expected_length || memcmp(text, expected, length) != 0)
    harness_fail("%s gave %zu bytes of text, the reference %zu", what, length, expected_length);
  JS_FreeCString(harness_ctx, text);
}

static void decode(const uint8_t *data, size_t length, int fatal, int offset_view) {
  JSContext *ctx = harness_ctx;
  JSValue args[2] = {view_of(data, length, offset_view), JS_NewBool(ctx, fatal)};
  JSValue text = harness_call("utf8_decode", 2, args);
  JS_FreeValue(ctx, args[0]);
  size_t bad = reference_utf8_invalid_at(data, length);
  if (fatal && bad != SIZE_MAX) {
    if (!JS_IsException(text)) harness_fail("utf8_decode (fatal) took ill-formed UTF-8 (first bad byte %zu)", bad);
    const char *message;
    JSValue error = harness_take_exception(&message);
    char expected[64];
    snprintf(expected, sizeof expected, "TypeError: invalid UTF-8 at byte %zu", bad);
    if (strcmp(message, expected) != 0) harness_fail("utf8_decode (fatal) threw \"%s\", expected \"%s\"", message, expected);
    harness_free_text(message);
    JS_FreeValue(ctx, error);
    return;
  }
  if (JS_IsException(text)) {
    const char *message;
    harness_take_exception(&message);
    harness_fail("utf8_decode threw \"%s\"", message);
  }
  uint8_t *expected = malloc(length * 3 + 1);
  if (!expected) harness_fail("out of memory");
  size_t expected_length = reference_utf8_replace(data, length, expected);
  expect_text(text, expected, expected_length, "utf8_decode");
  free(expected);
  JS_FreeValue(ctx, text);
}

static void encode(const uint8_t *data, size_t length) {
  JSContext *ctx = harness_ctx;
  size_t count = length / 2;
  uint16_t *units = malloc((count ? count : 1) * sizeof *units);
  uint8_t *expected = malloc(count * 3 + 1);
  if (!units || !expected) harness_fail("out of memory");
  JSValue array = JS_NewArray(ctx);
  for (size_t i = 0; i < count; i++) {
    units[i] = (uint16_t)(data[2 * i] << 8 | data[2 * i + 1]);
    JS_SetPropertyUint32(ctx, array, (uint32_t)i, JS_NewInt32(ctx, units[i]));
  }
  JSValue string = harness_helper("fromUnits", 1, &array);
  JS_FreeValue(ctx, array);
  JSValue bytes = harness_call("utf8_encode", 1, &string);
  size_t expected_length = reference_utf16_to_utf8(units, count, expected);
  const uint8_t *got;
  size_t got_length;
  if (!harness_get_bytes(bytes, &got, &got_length)) harness_fail("utf8_encode gave no bytes");
  if (got_length != expected_length || memcmp(got, expected, got_length) != 0)
    harness_fail("utf8_encode wrote %zu bytes, the reference %zu", got_length, expected_length);
  /* And back: well-formed UTF-8 decodes to the same text. */
  JSValue args[2] = {bytes, JS_TRUE};
  JSValue text = harness_call("utf8_decode", 2, args);
  expect_text(text, expected, expected_length, "utf8_decode of utf8_encode's bytes");
  JS_FreeValue(ctx, text);
  JS_FreeValue(ctx, bytes);
  JS_FreeValue(ctx, string);
  free(units);
  free(expected);
}

static void digest(const uint8_t *data, size_t length, int offset_view) {
  JSContext *ctx = harness_ctx;
  static const char *const names[] = {"SHA-1", "SHA-256", "SHA-384", "SHA-512"};
  static const size_t sizes[] = {20, 32, 48, 64};
  if (length == 0) return;
  int which = data[0] % 4;
  size_t split = length > 1 ? data[1] % length : 0;
  data++, length--;
  if (split > length) split = length;
  JSValue name = JS_NewString(ctx, names[which]);
  JSValue whole[2] = {name, view_of(data, length, offset_view)};
  JSValue parts[3] = {name, harness_bytes(data, split), harness_bytes(data + split, length - split)};
  JSValue one = harness_call("digest", 2, whole), two = harness_call("digest", 3, parts);
  const uint8_t *a, *b;
  size_t la, lb;
  if (!harness_get_bytes(one, &a, &la) || !harness_get_bytes(two, &b, &lb)) harness_fail("digest gave no bytes");
  if (la != sizes[which] || lb != la || memcmp(a, b, la) != 0) harness_fail("%s of the bytes whole and in two parts differ", names[which]);
  JS_FreeValue(ctx, one);
  JS_FreeValue(ctx, two);
  JS_FreeValue(ctx, whole[1]);
  JS_FreeValue(ctx, parts[1]);
  JS_FreeValue(ctx, parts[2]);
  JS_FreeValue(ctx, name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t length) {
  if (length == 0) return 0;
  harness_set_input(data, length);
  harness_begin();
  int offset_view = data[0] & 4;
  switch (data[0] & 3) {
    case 0: decode(data + 1, length - 1, 0, offset_view); break;
    case 1: decode(data + 1, length - 1, 1, offset_view); break;
    case 2: encode(data + 1, length - 1); break;
    default: digest(data + 1, length - 1, offset_view); break;
  }
  harness_end();
  return 0;
}
