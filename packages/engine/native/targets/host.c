/* What the host answers: config and var values, HTTP responses and their
   headers, host-function results, and what plug-in code sends it (log
   lines, var values, host-function parameters, raw memory blocks).
   First byte: the mode (below). Second byte: bits 0-2 make alloc fail after
   0..6 allocations (7: never); bits 3-4 make the host's next answer report a
   length it does not hold (1: 3 bytes more, 2: 4 GiB more, 3: 0 bytes). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

enum { NO_LIE, LIE_LONGER, LIE_HUGE, LIE_EMPTY };

static int64_t allocations;
static int lie;

/* A JS string from fuzz bytes, and its UTF-8 as the bridge will send it. */
static JSValue string_from(Reader *r, size_t max, const char **utf8, size_t *utf8_length) {
  size_t length;
  const uint8_t *bytes = read_bytes(r, read_u8(r) % (max + 1), &length);
  JSValue string = JS_NewStringLen(harness_ctx, (const char *)bytes, length);
  *utf8 = JS_ToCStringLen(harness_ctx, utf8_length, string);
  /* What the host must get is TextEncoder's UTF-8: QuickJS's keeps lone
     surrogates (only in 16-bit strings, whose UTF-8 is made for this call). */
  if (*utf8) reference_replace_lone_surrogates((uint8_t *)*utf8, *utf8_length);
  return string;
}

/* The answer the host gave, as the plug-in must see it once the lie is applied. */
static int answer_fits(size_t real, uint64_t *reported) {
  *reported = lie == LIE_LONGER ? real + 3 : lie == LIE_HUGE ? real + ((uint64_t)1 << 32) : lie == LIE_EMPTY ? 0 : real;
  return *reported <= INT32_MAX;
}

static int oversized(size_t real) {
  uint64_t reported;
  return !answer_fits(real, &reported);
}

static void arm_lie(size_t real) {
  uint64_t reported;
  answer_fits(real, &reported);
  if (lie != NO_LIE) model_lie_next_length(reported);
  else model_tell_truth();
}

/* A value read from the host: undefined for none, else the bytes with the lie applied; an error when it cannot be held. */
static void expect_answer(JSValue got, const uint8_t *value, size_t length, int present, const char *what) {
  uint64_t reported;
  int fits = answer_fits(length, &reported);
  if (JS_IsException(got) && fits && allocations >= 0) {
    /* The request failed before the host answered: its own allocation was refused. */
    const char *message;
    JSValue error = harness_take_exception(&message);
    if (!strstr(message, "could not allocate")) harness_fail("%s: \"%s\" does not say the host refused memory", what, message);
    harness_free_text(message);
    JS_FreeValue(harness_ctx, error);
    return;
  }
  if (!present) {
    if (!JS_IsUndefined(got)) harness_fail("%s of nothing is not undefined", what);
    return;
  }
  if (!fits) {
    if (!JS_IsException(got)) harness_fail("%s took %llu bytes", what, (unsigned long long)reported);
    const char *message;
    JS_FreeValue(harness_ctx, harness_take_exception(&message));
    harness_free_text(message);
    return;
  }
  if (JS_IsException(got)) {
    const char *message;
    harness_take_exception(&message);
    harness_fail("%s threw \"%s\"", what, message);
  }
  const uint8_t *bytes;
  size_t got_length;
  if (!harness_get_bytes(got, &bytes, &got_length)) harness_fail("%s gave no bytes", what);
  size_t expected = (size_t)reported;
  if (got_length != expected || memcmp(bytes, value, expected < length ? expected : length) != 0)
    harness_fail("%s gave %zu bytes, not the host's %zu", what, got_length, expected);
  for (size_t i = length; i < expected; i++)
    if (bytes[i] != MODEL_FILL) harness_fail("%s: byte %zu is not what the host reported", what, i);
}

/* 1 when `result` is an exception, which must be allowed: a refused
   allocation, or (`too_large`) a host answer too large to hold. */
static int allocation_failed(JSValue result, const char *what, int too_large) {
  if (!JS_IsException(result)) return 0;
  const char *message;
  JSValue error = harness_take_exception(&message);
  if (!too_large && allocations < 0) harness_fail("%s threw \"%s\" with every allocation granted", what, message);
  if (!too_large && !strstr(message, "could not allocate")) harness_fail("%s: \"%s\" does not say the host refused memory", what, message);
  harness_free_text(message);
  JS_FreeValue(harness_ctx, error);
  return 1;
}

static void config(Reader *r) {
  JSContext *ctx = harness_ctx;
  const char *keys[3];
  size_t key_lengths[3], value_lengths[3];
  const uint8_t *values[3];
  JSValue key_strings[3];
  for (int i = 0; i < 3; i++) {
    key_strings[i] = string_from(r, 8, &keys[i], &key_lengths[i]);
    values[i] = read_bytes(r, read_u8(r) % 32, &value_lengths[i]);
    if (i < 2) model_config_put((const uint8_t *)keys[i], key_lengths[i], values[i], value_lengths[i]);
  }
  model_fail_alloc_after(allocations);
  for (int i = 0; i < 3; i++) {
    /* The last key may equal an earlier one, whose value then stands. */
    int found = 0;
    const uint8_t *value = NULL;
    size_t value_length = 0;
    for (int j = 0; j < 2; j++)
      if (key_lengths[j] == key_lengths[i] && memcmp(keys[j], keys[i], key_lengths[i]) == 0) {
        found = 1;
        value = values[j];
        value_length = value_lengths[j];
      }
    /* The kernel reads an empty value as absent: no block for it. */
    int present = found && value_length > 0;
    if (present) arm_lie(value_length);
    else model_tell_truth();
    JSValue got = harness_call("config_get", 1, &key_strings[i]);
    if (!allocation_failed(got, "config_get", present && oversized(value_length))) expect_answer(got, value, value_length, present, "config_get");
    JS_FreeValue(ctx, got);
  }
  for (int i = 0; i < 3; i++) {
    JS_FreeCString(ctx, keys[i]);
    JS_FreeValue(ctx, key_strings[i]);
  }
}

static void vars(Reader *r) {
  JSContext *ctx = harness_ctx;
  model_fail_alloc_after(allocations);
  for (int op = 0; op < 4 && r->n > 0; op++) {
    const char *key;
    size_t key_length;
    JSValue key_string = string_from(r, 4, &key, &key_length);
    uint8_t what = read_u8(r);
    if (what & 1) {
      size_t length;
      const uint8_t *bytes = read_bytes(r, what >> 2, &length);
      JSValue args[2] = {key_string, (what & 2) ? JS_UNDEFINED : harness_bytes(bytes, length)};
      JSValue result = harness_call("var_set", 2, args);
      if (!allocation_failed(result, "var_set", 0)) {
        const uint8_t *stored;
        size_t stored_length;
        int set = model_var_find((const uint8_t *)key, key_length, &stored, &stored_length);
        /* undefined removes the var; so does an empty value on the kernel (block 0). */
        if ((what & 2) || length == 0 ? set && stored_length != 0 : !set || stored_length != length || memcmp(stored, bytes, length) != 0)
          harness_fail("var_set did not leave the var as set");
      }
      JS_FreeValue(ctx, args[1]);
      JS_FreeValue(ctx, result);
    } else {
      const uint8_t *stored = NULL;
      size_t stored_length = 0;
      int set = model_var_find((const uint8_t *)key, key_length, &stored, &stored_length);
      int present = set && stored_length > 0;
      if (present) arm_lie(stored_length);
      else model_tell_truth();
      JSValue got = harness_call("var_get", 1, &key_string);
      if (!allocation_failed(got, "var_get", present && oversized(stored_length))) expect_answer(got, stored, stored_length, present, "var_get");
      JS_FreeValue(ctx, got);
    }
    JS_FreeCString(ctx, key);
    JS_FreeValue(ctx, key_string);
  }
}

static void http(Reader *r) {
  JSContext *ctx = harness_ctx;
  const char *request;
  size_t request_length;
  JSValue request_string = string_from(r, 64, &request, &request_length);
  uint8_t how = read_u8(r);
  size_t body_length, response_length, headers_length;
  const uint8_t *body = read_bytes(r, read_u8(r) % 64, &body_length);
  const uint8_t *response = read_bytes(r, read_u8(r), &response_length);
  const uint8_t *headers = read_bytes(r, read_u8(r), &headers_length);
  int32_t status = (int32_t)read_u32(r);
  model_http_answer((how & 1) ? NULL : response, response_length, status, (how & 2) ? NULL : headers, headers_length);
  int answered = !(how & 1) && response_length > 0;
  if (answered) arm_lie(response_length);
  else model_tell_truth();
  model_fail_alloc_after(allocations);
  JSValue args[2] = {request_string, (how & 4) ? JS_UNDEFINED : harness_bytes(body, body_length)};
  JSValue got = harness_call("http_request", 2, args);
  if (!allocation_failed(got, "http_request", answered && oversized(response_length))) {
    size_t sent_length;
    const uint8_t *sent = model_http_request_text(&sent_length);
    if (sent_length != request_length || memcmp(sent, request, sent_length) != 0) harness_fail("the host got another request text");
    int body_sent;
    sent = model_http_request_body(&sent_length, &body_sent);
    if (!(how & 4) && (sent_length != body_length || memcmp(sent, body, body_length) != 0)) harness_fail("the host got another request body");
    if (answered) {
      expect_answer(got, response, response_length, 1, "http_request");
    } else {
      /* No response block: an empty body. */
      const uint8_t *bytes;
      size_t length;
      if (!harness_get_bytes(got, &bytes, &length) || length != 0) harness_fail("http_request without a response body is not empty bytes");
    }
    JSValue code = harness_call("http_status", 0, NULL);
    int32_t got_status;
    if (JS_ToInt32(ctx, &got_status, code) || got_status != status) harness_fail("http_status is not the host's");
    int have_headers = !(how & 2) && headers_length > 0;
    if (have_headers) arm_lie(headers_length);
    else model_tell_truth();
    uint64_t reported;
    int fits = answer_fits(headers_length, &reported);
    JSValue text = harness_call("http_headers", 0, NULL);
    if (!have_headers) {
      if (!JS_IsUndefined(text)) harness_fail("http_headers without headers is not undefined");
    } else if (!fits) {
      if (!JS_IsException(text)) harness_fail("http_headers took %llu bytes", (unsigned long long)reported);
      const char *message;
      JS_FreeValue(ctx, harness_take_exception(&message));
      harness_free_text(message);
    } else if (JS_IsException(text)) {
      const char *message;
      harness_take_exception(&message);
      harness_fail("http_headers threw \"%s\"", message);
    } else if (lie == NO_LIE) {
      /* The text as the engine makes a string of those bytes. */
      JSValue expected = JS_NewStringLen(ctx, (const char *)headers, headers_length);
      const char *where;
      if (!harness_equal(text, expected, EQUAL_EXACT, &where)) harness_fail("http_headers is not the host's text");
      JS_FreeValue(ctx, expected);
    }
    JS_FreeValue(ctx, text);
  }
  JS_FreeValue(ctx, got);
  JS_FreeValue(ctx, args[1]);
  JS_FreeCString(ctx, request);
  JS_FreeValue(ctx, request_string);
}

/* The declared signatures, as the harness bundle lists them. */
static const char *const signatures[][2] = {{"M", "M"}, {"MM", "M"}, {"", "M"}, {"M", ""}, {"iIfF", "I"}, {"I", "i"}, {"f", "F"}, {"MIM", "M"}, {"", ""}};

static void host_call(Reader *r) {
  JSContext *ctx = harness_ctx;
  uint8_t how = read_u8(r);
  int index = how % 9;
  const char *params = signatures[index][0], result = signatures[index][1][0];
  int count = (int)strlen(params);
  JSValue args[8];
  const uint8_t *param_bytes[8];
  size_t param_lengths[8];
  for (int i = 0; i < count; i++) {
    switch (params[i]) {
      case 'M': param_bytes[i] = read_bytes(r, read_u8(r) % 48, &param_lengths[i]); args[i] = harness_bytes(param_bytes[i], param_lengths[i]); break;
      case 'i': args[i] = JS_NewInt32(ctx, (int32_t)read_u32(r)); break;
      case 'I': args[i] = (read_u8(r) & 1) ? JS_NewBigInt64(ctx, (int64_t)read_u64(r)) : JS_NewFloat64(ctx, (double)(int64_t)read_u64(r) * 0.75); break;
      default: {
        uint64_t bits = read_u64(r);
        double d;
        memcpy(&d, &bits, sizeof d);
        args[i] = JS_NewFloat64(ctx, d);
      }
    }
  }
  uint8_t answer = read_u8(r);
  size_t answer_length;
  const uint8_t *answer_bytes = read_bytes(r, read_u8(r) % 48, &answer_length);
  uint64_t slot = read_u64(r);
  int echo = (answer & 3) == 2 && count > 0 && params[0] == 'M' && result == 'M';
  if (echo) model_host_answer(HOST_ANSWER_ECHO, 0, NULL, 0, 0);
  else if (result == 'M' && (answer & 3) != 3) model_host_answer(HOST_ANSWER_BYTES, 0, answer_bytes, answer_length, 0);
  else model_host_answer(HOST_ANSWER_SLOT, result == 'M' ? 0 : slot, NULL, 0, 0);
  /* A bogus offset from the host is freed like any answer: the kernel ignores it. */
  model_lenient_free(result == 'M' && (answer & 3) == 3);
  int lied_to = result == 'M' && !echo && (answer & 3) != 3 && answer_length > 0;
  if (lied_to) arm_lie(answer_length);
  else lie = NO_LIE, model_tell_truth();
  size_t live = model_live_blocks();
  uint32_t calls = model_host_calls();
  model_fail_alloc_after(allocations);
  JSValue got;
  if (answer & 4) {
    JSValue functions = harness_helper_value("host");
    JSValue function = JS_GetPropertyUint32(ctx, functions, (uint32_t)index);
    got = JS_Call(ctx, function, JS_UNDEFINED, count, (JSValueConst *)args);
    JS_FreeValue(ctx, function);
    JS_FreeValue(ctx, functions);
  } else {
    JSValue indices = harness_helper_value("hostIndex");
    JSValueConst all[9];
    all[0] = JS_GetPropertyUint32(ctx, indices, (uint32_t)index);
    for (int i = 0; i < count; i++) all[i + 1] = args[i];
    got = harness_call("host_call", count + 1, all);
    JS_FreeValue(ctx, (JSValue)all[0]);
    JS_FreeValue(ctx, indices);
  }
  if (!allocation_failed(got, "a host function call", lied_to && oversized(answer_length))) {
    if (model_host_calls() != calls + 1) harness_fail("the host function was not called once");
    uint32_t called;
    const uint64_t *slots = model_host_last_slots(&called);
    if ((int)called != index) harness_fail("host function %u was called for %d", called, index);
    for (int i = 0; i < count; i++) {
      if (params[i] == 'M') {
        size_t length;
        const uint8_t *sent = model_host_param_bytes(i, &length);
        if (param_lengths[i] == 0 ? slots[i] != 0 : !sent || length != param_lengths[i] || memcmp(sent, param_bytes[i], length) != 0)
          harness_fail("parameter %d did not reach the host as its bytes", i);
      } else if (params[i] == 'i') {
        int32_t v;
        JS_ToInt32(ctx, &v, args[i]);
        if (slots[i] != (uint32_t)v) harness_fail("i32 parameter %d reached the host as %llu", i, (unsigned long long)slots[i]);
      }
    }
    if (result == 'M') {
      if (echo) expect_answer(got, param_bytes[0], param_lengths[0], 1, "an echoed host function result");
      else if ((answer & 3) == 3 || answer_length == 0) {
        const uint8_t *bytes;
        size_t length;
        if (!harness_get_bytes(got, &bytes, &length) || length != 0) harness_fail("a host function result that is no block is not empty bytes");
      } else {
        expect_answer(got, answer_bytes, answer_length, 1, "a host function result");
      }
    } else if (result == 'I') {
      int64_t v;
      if (!JS_IsBigInt(got) || JS_ToBigInt64(ctx, &v, got) || (uint64_t)v != slot) harness_fail("an i64 result is not the host's");
    } else if (result == 'i') {
      int32_t v;
      if (JS_ToInt32(ctx, &v, got) || v != (int32_t)(uint32_t)slot) harness_fail("an i32 result is not the host's");
    } else if (result == 'F') {
      double expected, v;
      memcpy(&expected, &slot, sizeof expected);
      if (JS_ToFloat64(ctx, &v, got) || !(v == expected || (isnan(v) && isnan(expected)))) harness_fail("an f64 result is not the host's");
    } else if (!JS_IsUndefined(got)) {
      harness_fail("a host function without a result gave something");
    }
    JS_FreeValue(ctx, got);
  }
  /* Every block made for the call, parameters and result, is freed by the end of it. */
  if (model_live_blocks() != live) harness_fail("a host function call left %zu blocks allocated", model_live_blocks() - live);
  for (int i = 0; i < count; i++) JS_FreeValue(ctx, args[i]);
}

static void logs(Reader *r) {
  JSContext *ctx = harness_ctx;
  static const char *const natives[] = {"log_trace", "log_debug", "log_info", "log_warn", "log_error"};
  uint8_t how = read_u8(r);
  int level = how % 5;
  model_set_log_level((int32_t)how);
  const char *utf8;
  size_t utf8_length;
  JSValue message = string_from(r, 255, &utf8, &utf8_length);
  model_fail_alloc_after(allocations);
  size_t live = model_live_blocks();
  JSValue result = harness_call(natives[level], 1, &message);
  if (!allocation_failed(result, natives[level], 0)) {
    size_t length;
    const uint8_t *logged = model_last_log(level, &length);
    if (!logged || length != utf8_length || memcmp(logged, utf8, length) != 0) harness_fail("the host did not get the log line");
  }
  if (model_live_blocks() != live) harness_fail("a log line left its block allocated");
  JSValue level_value = harness_call("log_level", 0, NULL);
  int32_t got;
  if (JS_ToInt32(ctx, &got, level_value) || got != (int32_t)how) harness_fail("log_level is not the host's");
  JS_FreeCString(ctx, utf8);
  JS_FreeValue(ctx, message);
  JS_FreeValue(ctx, result);
}

/* Raw blocks through the memory natives, with offsets plug-in code chooses. */
static void memory(Reader *r) {
  JSContext *ctx = harness_ctx;
  model_lenient_free(1);
  model_fail_alloc_after(allocations);
  JSValue blocks[4] = {JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED};
  while (r->n > 0) {
    uint8_t op = read_u8(r);
    int which = op >> 3 & 3;
    JSValue offset = (op & 32) ? JS_NewBigUint64(ctx, read_u64(r)) : JS_DupValue(ctx, blocks[which]);
    JSValue result;
    switch (op & 7) {
      case 0: {
        JSValue length = JS_NewInt64(ctx, (int64_t)(int8_t)read_u8(r) * 3);
        result = harness_call("memory_alloc", 1, &length);
        if (!JS_IsException(result)) {
          JS_FreeValue(ctx, blocks[which]);
          blocks[which] = JS_DupValue(ctx, result);
        }
        break;
      }
      case 1: result = harness_call("memory_length", 1, &offset); break;
      case 2: result = harness_call("memory_read", 1, &offset); break;
      case 3: {
        size_t length;
        const uint8_t *bytes = read_bytes(r, read_u8(r) % 64, &length);
        JSValue args[2] = {offset, harness_bytes(bytes, length)};
        result = harness_call("memory_write", 2, args);
        JS_FreeValue(ctx, args[1]);
        break;
      }
      case 4: result = harness_call("memory_free", 1, &offset); break;
      case 5: {
        JSValue number = JS_NewFloat64(ctx, (double)(int32_t)read_u32(r) / 2);
        result = harness_call("memory_length", 1, &number);
        break;
      }
      default: {
        lie = (op >> 6) & 3;
        arm_lie(read_u8(r));
        result = JS_UNDEFINED;
      }
    }
    /* Errors are the plug-in's (a bad offset, a block too small); only crashes and ABI violations count. */
    if (JS_IsException(result)) JS_FreeValue(ctx, JS_GetException(ctx));
    JS_FreeValue(ctx, result);
    JS_FreeValue(ctx, offset);
  }
  for (int i = 0; i < 4; i++) JS_FreeValue(ctx, blocks[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t length) {
  if (length < 2) return 0;
  harness_set_input(data, length);
  harness_begin();
  Reader r = {data + 2, length - 2};
  allocations = (data[1] & 7) == 7 ? -1 : (data[1] & 7);
  lie = data[1] >> 3 & 3;
  switch (data[0] % 6) {
    case 0: config(&r); break;
    case 1: vars(&r); break;
    case 2: http(&r); break;
    case 3: host_call(&r); break;
    case 4: logs(&r); break;
    default: memory(&r); break;
  }
  harness_end();
  return 0;
}
