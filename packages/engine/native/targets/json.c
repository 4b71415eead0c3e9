/* json_decode and json_encode against QuickJS-NG's own JSON.parse and
   JSON.stringify in the same engine. First byte: bit 0 clear: decode; set:
   encode a generated value, or for 0xff, a value nested around the
   encoder's depth limit. That last mode runs only when
   EXTISM_TS_HARNESS_DEEP is set (the corpus replay sets it): JSON.stringify
   takes time quadratic in the depth, 25 ms an input under the sanitizers,
   and the fuzzer would spend most of its time there. */
#include <stdlib.h>
#include <string.h>
#include "harness.h"

static void decode(const uint8_t *data, size_t length) {
  JSContext *ctx = harness_ctx;
  JSValue bytes = harness_bytes(data, length);
  JSValue native = harness_call("json_decode", 1, &bytes);
  JS_FreeValue(ctx, bytes);
  size_t bad = reference_utf8_invalid_at(data, length);
  if (bad != SIZE_MAX) {
    /* Ill-formed UTF-8: a TypeError naming the first bad byte, whatever else is wrong. */
    if (!JS_IsException(native)) harness_fail("json_decode took ill-formed UTF-8 (first bad byte %zu)", bad);
    const char *message;
    JSValue error = harness_take_exception(&message);
    JSValue offset = JS_GetPropertyStr(ctx, error, "offset");
    double at = -1;
    JS_ToFloat64(ctx, &at, offset);
    if (at != (double)bad) harness_fail("json_decode: \"%s\", the first bad byte is %zu", message, bad);
    harness_free_text(message);
    JS_FreeValue(ctx, offset);
    JS_FreeValue(ctx, error);
    return;
  }
  const char *native_error = NULL, *reference_error = NULL;
  JSValue native_exception = JS_UNDEFINED, reference_exception = JS_UNDEFINED;
  if (JS_IsException(native)) native_exception = harness_take_exception(&native_error);
  JSValue text = JS_NewStringLen(ctx, (const char *)data, length);
  JSValue reference = harness_helper("parse", 1, &text);
  JS_FreeValue(ctx, text);
  if (JS_IsException(reference)) reference_exception = harness_take_exception(&reference_error);
  if (native_error && reference_error) {
    if (strcmp(native_error, reference_error) != 0)
      harness_fail("json_decode threw \"%s\", JSON.parse \"%s\"", native_error, reference_error);
  } else if (native_error) {
    harness_fail("json_decode threw \"%s\", JSON.parse did not", native_error);
  } else if (reference_error) {
    harness_fail("JSON.parse threw \"%s\", json_decode did not", reference_error);
  } else {
    const char *where;
    if (!harness_equal(native, reference, EQUAL_ULP, &where)) {
      const char *a = harness_describe(native), *b = harness_describe(reference);
      harness_fail("json_decode and JSON.parse disagree (%s): %s against %s", where, a, b);
    }
  }
  if (native_error) harness_free_text(native_error);
  if (reference_error) harness_free_text(reference_error);
  JS_FreeValue(ctx, native_exception);
  JS_FreeValue(ctx, reference_exception);
  JS_FreeValue(ctx, native);
  JS_FreeValue(ctx, reference);
}

static void encode(const uint8_t *data, size_t length, int deep) {
  JSContext *ctx = harness_ctx;
  /* The same input makes the same value twice: one for each side, so that getters count from zero on both. */
  Reader r1 = {data, length}, r2 = {data, length};
  int flags = GENERATE_GETTERS | GENERATE_NON_DATA;
  if (deep) {
    /* A chain of nesting (kind 17 with bit 5 set, GENERATE_DEEP), the rest of the input inside it. */
    static uint8_t chain[4096];
    if (length > sizeof chain - 2) length = sizeof chain - 2;
    chain[0] = 17 | 32;
    chain[1] = length ? data[0] : 0;
    if (length > 1) memcpy(chain + 2, data + 1, length - 1);
    r1 = r2 = (Reader){chain, length + 1};
    flags |= GENERATE_DEEP;
  }
  JSValue value = generate_value(&r1, flags);
  JSValue twin = generate_value(&r2, flags);
  const char *native_error = NULL, *reference_error = NULL;
  JSValue native_exception = JS_UNDEFINED, reference_exception = JS_UNDEFINED;
  JSValue native = harness_call("json_encode", 1, &value);
  if (JS_IsException(native)) native_exception = harness_take_exception(&native_error);
  JSValue reference = harness_helper("stringify", 1, &twin);
  if (JS_IsException(reference)) reference_exception = harness_take_exception(&reference_error);
  if (native_error || reference_error) {
    if (!native_error || !reference_error || strcmp(native_error, reference_error) != 0)
      harness_fail("json_encode threw \"%s\", JSON.stringify \"%s\"", native_error ? native_error : "nothing",
                   reference_error ? reference_error : "nothing");
  } else if (JS_IsUndefined(reference)) {
    if (!JS_IsUndefined(native)) harness_fail("JSON.stringify gave undefined, json_encode did not");
  } else {
    const uint8_t *bytes;
    size_t count;
    if (!harness_get_bytes(native, &bytes, &count)) harness_fail("json_encode gave no bytes where JSON.stringify gave text");
    size_t expected_length;
    const char *expected = JS_ToCStringLen(ctx, &expected_length, reference);
    /* JSON.stringify escapes lone surrogates, so its text is UTF-8 as it is. */
    if (expected_length != count || memcmp(expected, bytes, count) != 0)
      harness_fail("json_encode wrote %.*s, JSON.stringify %s", (int)(count < 400 ? count : 400), (const char *)bytes, expected);
    JS_FreeCString(ctx, expected);
  }
  if (native_error) harness_free_text(native_error);
  if (reference_error) harness_free_text(reference_error);
  JS_FreeValue(ctx, native_exception);
  JS_FreeValue(ctx, reference_exception);
  JS_FreeValue(ctx, native);
  JS_FreeValue(ctx, reference);
  JS_FreeValue(ctx, value);
  JS_FreeValue(ctx, twin);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t length) {
  if (length == 0) return 0;
  harness_set_input(data, length);
  harness_begin();
  static int deep_allowed = -1;
  if (deep_allowed < 0) deep_allowed = getenv("EXTISM_TS_HARNESS_DEEP") != NULL;
  if (data[0] & 1) encode(data + 1, length - 1, deep_allowed && data[0] == 0xff);
  else decode(data + 1, length - 1);
  harness_end();
  return 0;
}
