/* HTTP through the host: the host decides which URLs are allowed. */
#include "bridge.h"

/* http_request(requestJson, body?) -> response body bytes. */
JSValue js_http_request(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  ExtismPointer body_block = 0;
  if (argc > 1 && !JS_IsUndefined(argv[1])) {
    const uint8_t *data;
    size_t length;
    if (bridge_get_bytes(ctx, argv[1], "a request body", &data, &length)) return JS_EXCEPTION;
    if (bridge_block_from_bytes(ctx, data, length, "a request body", &body_block)) return JS_EXCEPTION;
  }
  ExtismPointer request_block;
  if (bridge_block_from_string(ctx, argv[0], "an HTTP request", &request_block)) {
    if (body_block) extism_free(body_block);
    return JS_EXCEPTION;
  }
  ExtismPointer response_block = extism_http_request(request_block, body_block);
  /* Read the response before freeing the request: with the reference
     runtime, freeing a large request body first empties the response. */
  JSValue body = response_block == 0 ? bridge_new_uint8array(ctx, NULL, 0)
                                     : bridge_block_to_uint8array(ctx, response_block, "an HTTP response body");
  if (response_block) extism_free(response_block);
  if (request_block) extism_free(request_block);
  if (body_block) extism_free(body_block);
  return body;
}

JSValue js_http_status(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  (void)argv;
  return JS_NewInt32(ctx, extism_http_status_code());
}

/* The last response's headers as a JSON string, or undefined when the host keeps them. */
JSValue js_http_headers(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  (void)argv;
  ExtismPointer block = extism_http_headers();
  if (block == 0) return JS_UNDEFINED;
  size_t length;
  if (bridge_host_length(ctx, extism_length(block), "HTTP response headers", &length)) {
    extism_free(block);
    return JS_EXCEPTION;
  }
  char *text = js_malloc(ctx, length ? length : 1);
  if (!text) {
    extism_free(block);
    return JS_EXCEPTION;
  }
  block_read(block, (uint8_t *)text, length);
  extism_free(block);
  JSValue headers = JS_NewStringLen(ctx, text, length);
  js_free(ctx, text);
  return headers;
}
