/* JSON between engine values and UTF-8 bytes, for @extism-ts/convert's
   json() inside a plug-in. QuickJS parses UTF-8 text: decoding parses the
   bytes themselves, where JSON.parse(new TextDecoder().decode(bytes)) would
   make a JS string of them and convert it back to UTF-8 (twice, with the
   nesting guard) before parsing. */
#include <stdlib.h>
#include <string.h>
#include "codec.h"

/* json_decode(bytes): JSON.parse of UTF-8 bytes. Ill-formed UTF-8 throws a
   TypeError with `reason` and `offset` (see codec.h); malformed JSON throws
   JSON.parse's SyntaxError. */
JSValue js_json_decode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  const uint8_t *data;
  size_t length;
  if (bridge_get_bytes(ctx, argv[0], "the bytes to decode", &data, &length)) return JS_EXCEPTION;
  size_t bad = utf8_invalid_at(data, length);
  if (bad != CODEC_NO_OFFSET) return codec_throw_decode_error(ctx, bad, "invalid UTF-8");
  if (limits_check_json_depth(ctx, (const char *)data, length)) return JS_EXCEPTION;
  /* The parser reads up to a terminating zero. */
  char *text = malloc(length + 1);
  if (!text) return JS_ThrowOutOfMemory(ctx);
  memcpy(text, data, length);
  text[length] = 0;
  JSValue value = JS_ParseJSON(ctx, text, length, "<input>");
  free(text);
  return value;
}

/* json_encode(value): JSON.stringify's text as UTF-8 bytes (lone surrogates
   as U+FFFD, as TextEncoder writes them), or undefined when the value has no
   JSON text (undefined, a function, a symbol). */
JSValue js_json_encode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  JSValue text = JS_JSONStringify(ctx, argv[0], JS_UNDEFINED, JS_UNDEFINED);
  if (!JS_IsString(text)) return text;
  JSValue bytes = codec_utf8_bytes(ctx, text);
  JS_FreeValue(ctx, text);
  return bytes;
}
