/* msgpack_decode and msgpack_encode. First byte: 0 decode any bytes, then
   encode what they held and decode that again (the same value, and encoding
   it once more gives the same bytes); 1 encode a generated value and decode
   the bytes (the value, as msgpack carries it). */
#include <string.h>
#include "harness.h"

static JSValue make_date;
static int have_make_date;

/* A decode error is a TypeError with a string `reason` and an offset inside the input, or none. */
static void check_decode_error(size_t length) {
  JSContext *ctx = harness_ctx;
  const char *message;
  JSValue error = harness_take_exception(&message);
  JSValue reason = JS_GetPropertyStr(ctx, error, "reason"), offset = JS_GetPropertyStr(ctx, error, "offset");
  if (!JS_IsString(reason)) harness_fail("msgpack_decode threw without a reason: %s", message);
  double at = 0;
  if (!JS_IsUndefined(offset) && (JS_ToFloat64(ctx, &at, offset) || at < 0 || at > (double)length))
    harness_fail("msgpack_decode: \"%s\" names a byte outside the %zu bytes", message, length);
  harness_free_text(message);
  JS_FreeValue(ctx, reason);
  JS_FreeValue(ctx, offset);
  JS_FreeValue(ctx, error);
}

static JSValue decode(JSValueConst bytes) {
  JSValueConst args[2] = {bytes, make_date};
  return harness_call("msgpack_decode", 2, args);
}

/* Encoded bytes as a new Uint8Array, JS_UNDEFINED when the encoder left the value to JS. */
static JSValue encode(JSValueConst value, const char *what) {
  JSValue bytes = harness_call("msgpack_encode", 1, &value);
  if (JS_IsException(bytes)) {
    const char *message;
    JSValue error = harness_take_exception(&message);
    /* Only values it cannot write may fail: a cycle or too deep, a string or bytes too long. */
    if (!strstr(message, "nested deeper") && !strstr(message, "too long"))
      harness_fail("msgpack_encode of %s threw \"%s\"", what, message);
    harness_free_text(message);
    JS_FreeValue(harness_ctx, error);
    return JS_UNDEFINED;
  }
  return bytes;
}

static void round_trip(const uint8_t *data, size_t length) {
  JSContext *ctx = harness_ctx;
  JSValue input = harness_bytes(data, length);
  JSValue value = decode(input);
  JS_FreeValue(ctx, input);
  if (JS_IsException(value)) {
    check_decode_error(length);
    return;
  }
  JSValue bytes = encode(value, "a decoded value");
  /* Dates come back from JS: encoding them is the JS implementation's. */
  if (JS_IsUndefined(bytes)) {
    JS_FreeValue(ctx, value);
    return;
  }
  JSValue again = decode(bytes);
  if (JS_IsException(again)) {
    const char *message;
    harness_take_exception(&message);
    harness_fail("msgpack_decode refused msgpack_encode's bytes: %s", message);
  }
  const char *where;
  if (!harness_equal(value, again, EQUAL_ZERO, &where)) {
    const char *a = harness_describe(value), *b = harness_describe(again);
    harness_fail("decode(encode(v)) is not v (%s): %s against %s", where, a, b);
  }
  JSValue bytes_again = encode(again, "a decoded value");
  const uint8_t *first, *second;
  size_t first_length, second_length;
  if (!harness_get_bytes(bytes, &first, &first_length) || !harness_get_bytes(bytes_again, &second, &second_length) ||
      first_length != second_length || memcmp(first, second, first_length) != 0)
    harness_fail("encoding the same value twice gave different bytes");
  JS_FreeValue(ctx, bytes_again);
  JS_FreeValue(ctx, again);
  JS_FreeValue(ctx, bytes);
  JS_FreeValue(ctx, value);
}

static void generated(const uint8_t *data, size_t length) {
  JSContext *ctx = harness_ctx;
  Reader r = {data, length};
  JSValue value = generate_value(&r, GENERATE_DEEP);
  JSValue bytes = encode(value, "a generated value");
  if (!JS_IsUndefined(bytes)) {
    const uint8_t *encoded;
    size_t encoded_length;
    if (!harness_get_bytes(bytes, &encoded, &encoded_length)) harness_fail("msgpack_encode gave no bytes");
    JSValue decoded = decode(bytes);
    if (JS_IsException(decoded)) {
      const char *message;
      harness_take_exception(&message);
      harness_fail("msgpack_decode refused msgpack_encode's bytes: %s", message);
    }
    const char *where;
    if (!harness_equal(value, decoded, EQUAL_MSGPACK | EQUAL_ZERO, &where)) {
      const char *a = harness_describe(value), *b = harness_describe(decoded);
      harness_fail("msgpack lost something (%s): %s became %s", where, a, b);
    }
    JS_FreeValue(ctx, decoded);
  }
  JS_FreeValue(ctx, bytes);
  JS_FreeValue(ctx, value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t length) {
  if (length == 0) return 0;
  harness_set_input(data, length);
  harness_begin();
  if (!have_make_date) {
    make_date = harness_helper_value("makeDate");
    have_make_date = 1;
  }
  if (data[0] & 1) generated(data + 1, length - 1);
  else round_trip(data + 1, length - 1);
  harness_end();
  return 0;
}
