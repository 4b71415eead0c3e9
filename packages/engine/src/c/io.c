/* The call's input and output. */
#include <stdlib.h>
#include <string.h>
#include "bridge.h"
#include "codec.h"

/* The whole input in a block from malloc (the caller frees it), or NULL with an exception set. */
static uint8_t *read_whole_input(JSContext *ctx, size_t *length) {
  if (bridge_host_length(ctx, extism_input_length(), "input", length)) return NULL;
  uint8_t *data = malloc(*length ? *length : 1);
  if (!data) {
    JS_ThrowOutOfMemory(ctx);
    return NULL;
  }
  input_read(data, *length);
  return data;
}

JSValue js_input(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  (void)argv;
  size_t length;
  uint8_t *data = read_whole_input(ctx, &length);
  return data ? bridge_new_uint8array(ctx, data, length) : JS_EXCEPTION;
}

/* input_text(): the input as a string without a Uint8Array in between, or
   null when it is not well-formed UTF-8 (the caller's codec then says where). */
JSValue js_input_text(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  (void)argv;
  size_t length;
  uint8_t *data = read_whole_input(ctx, &length);
  if (!data) return JS_EXCEPTION;
  JSValue text = utf8_invalid_at(data, length) == CODEC_NO_OFFSET ? JS_NewStringLen(ctx, (const char *)data, length) : JS_NULL;
  free(data);
  return text;
}

/* output(bytes | string): a string goes out as UTF-8 (as TextEncoder writes
   it) without a Uint8Array in between. */
JSValue js_output(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  const uint8_t *data;
  size_t length;
  const char *text = NULL;
  if (JS_IsString(argv[0])) {
    text = bridge_to_utf8(ctx, argv[0], &length);
    if (!text) return JS_EXCEPTION;
    data = (const uint8_t *)text;
  } else if (bridge_get_bytes(ctx, argv[0], "output", &data, &length)) {
    return JS_EXCEPTION;
  }
  /* Empty output is no output: the JS SDKs read output_set(0, 0) as one zero byte. */
  ExtismPointer block = 0;
  int status = length > 0 ? bridge_block_from_bytes(ctx, data, length, "the output", &block) : 0;
  if (text) JS_FreeCString(ctx, text);
  if (status) return JS_EXCEPTION;
  if (length > 0) extism_output_set(block, length);
  return JS_UNDEFINED;
}
