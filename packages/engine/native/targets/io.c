/* The call's input and output. First byte: bits 0-1 pick input(),
   input_text(), output(bytes) or output(string of any UTF-16); bits 2-3 make
   the host report an input length it does not hold (+1..16 bytes, or 4 GiB
   more: what a 64-bit host could send and a 32-bit plug-in cannot take);
   bits 4-6 make alloc fail after 0..6 allocations (7: never). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

static void check_error_only(JSValue result, const char *what) {
  if (!JS_IsException(result)) harness_fail("%s succeeded where it cannot", what);
  const char *message;
  JSValue error = harness_take_exception(&message);
  if (!strstr(message, "Error")) harness_fail("%s threw something that is no error: %s", what, message);
  harness_free_text(message);
  JS_FreeValue(harness_ctx, error);
}

static void input(const uint8_t *data, size_t length, uint64_t reported, int text) {
  JSContext *ctx = harness_ctx;
  model_set_input(data, length);
  model_set_input_length(reported);
  JSValue result = harness_call(text ? "input_text" : "input", 0, NULL);
  if (reported > INT32_MAX) {
    /* No Uint8Array or string holds that many bytes in a 32-bit plug-in. */
    check_error_only(result, text ? "input_text" : "input");
    return;
  }
  if (JS_IsException(result)) {
    const char *message;
    harness_take_exception(&message);
    harness_fail("input threw \"%s\" for %llu bytes", message, (unsigned long long)reported);
  }
  uint8_t *expected = malloc(reported ? (size_t)reported : 1);
  if (!expected) harness_fail("out of memory");
  memcpy(expected, data, length);
  memset(expected + length, MODEL_FILL, (size_t)reported - length);
  if (!text) {
    const uint8_t *got;
    size_t got_length;
    if (!harness_get_bytes(result, &got, &got_length) || got_length != reported || memcmp(got, expected, got_length) != 0)
      harness_fail("input() is not the input's %llu bytes", (unsigned long long)reported);
  } else if (reference_utf8_invalid_at(expected, (size_t)reported) != SIZE_MAX) {
    if (!JS_IsNull(result)) harness_fail("input_text() of ill-formed UTF-8 is not null");
  } else {
    size_t got_length;
    const char *got = JS_ToCStringLen(ctx, &got_length, result);
    if (!JS_IsString(result) || got_length != reported || memcmp(got, expected, got_length) != 0)
      harness_fail("input_text() is not the input's text");
    JS_FreeCString(ctx, got);
  }
  free(expected);
  JS_FreeValue(ctx, result);
}

static void output(const uint8_t *data, size_t length, int string, int64_t allocations) {
  JSContext *ctx = harness_ctx;
  JSValue value;
  uint8_t *expected = malloc(length * 3 / 2 + 1);
  size_t expected_length = length;
  if (!expected) harness_fail("out of memory");
  if (string) {
    size_t count = length / 2;
    uint16_t *units = malloc((count ? count : 1) * sizeof *units);
    if (!units) harness_fail("out of memory");
    JSValue array = JS_NewArray(ctx);
    for (size_t i = 0; i < count; i++) {
      units[i] = (uint16_t)(data[2 * i] << 8 | data[2 * i + 1]);
      JS_SetPropertyUint32(ctx, array, (uint32_t)i, JS_NewInt32(ctx, units[i]));
    }
    value = harness_helper("fromUnits", 1, &array);
    JS_FreeValue(ctx, array);
    expected_length = reference_utf16_to_utf8(units, count, expected);
    free(units);
  } else {
    value = harness_bytes(data, length);
    memcpy(expected, data, length);
  }
  model_fail_alloc_after(allocations);
  JSValue result = harness_call("output", 1, &value);
  size_t got_length;
  const uint8_t *got = model_output(&got_length);
  if (JS_IsException(result)) {
    if (allocations < 0 || expected_length == 0) {
      const char *message;
      harness_take_exception(&message);
      harness_fail("output threw \"%s\"", message);
    }
    check_error_only(result, "output");
    if (got) harness_fail("output threw but set an output");
  } else if (expected_length == 0 ? got && got_length != 0 : !got || got_length != expected_length || memcmp(got, expected, got_length) != 0) {
    harness_fail("the host got %zu bytes of output, not the %zu expected", got ? got_length : 0, expected_length);
  }
  JS_FreeValue(ctx, result);
  JS_FreeValue(ctx, value);
  free(expected);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t length) {
  if (length == 0) return 0;
  harness_set_input(data, length);
  harness_begin();
  uint8_t how = data[0];
  const uint8_t *rest = data + 1;
  size_t rest_length = length - 1;
  uint64_t reported = rest_length;
  if ((how >> 2 & 3) == 1) reported += 1 + rest_length % 16;
  if ((how >> 2 & 3) == 2) reported += (uint64_t)1 << 32;
  if ((how >> 2 & 3) == 3) reported = UINT64_MAX - rest_length;
  int64_t allocations = (how >> 4 & 7) == 7 ? -1 : (how >> 4 & 7);
  switch (how & 3) {
    case 0: input(rest, rest_length, reported, 0); break;
    case 1: input(rest, rest_length, reported, 1); break;
    case 2: output(rest, rest_length, 0, allocations); break;
    default: output(rest, rest_length, 1, allocations); break;
  }
  harness_end();
  return 0;
}
