/* Between engine values and what the ABI areas pass around: Uint8Arrays over
   bridge-owned bytes, bytes out of typed arrays, host lengths checked against
   wasm32's size_t, Extism blocks from bytes and strings, and block offsets. */
#include <stdlib.h>
#include <string.h>
#include "bridge.h"

/* Bytes from malloc, handed to QuickJS: it frees (size 0) or resizes them. */
static void *manage_owned_bytes(JSRuntime *rt, void *opaque, void *ptr, size_t size) {
  (void)rt;
  (void)opaque;
  if (size == 0) {
    free(ptr);
    return NULL;
  }
  return realloc(ptr, size);
}

JSValue bridge_new_uint8array_from(JSContext *ctx, uint8_t *data, size_t length,
                                   JSReallocArrayBufferDataFunc *manage, void *opaque) {
  JSValue array = JS_NewUint8Array(ctx, data, length, manage, opaque, false);
  if (JS_IsException(array)) manage(JS_GetRuntime(ctx), opaque, data, 0);
  return array;
}

JSValue bridge_new_uint8array(JSContext *ctx, uint8_t *data, size_t length) {
  return bridge_new_uint8array_from(ctx, data, length, manage_owned_bytes, NULL);
}

int bridge_get_bytes(JSContext *ctx, JSValueConst value, const char *what,
                     const uint8_t **data, size_t *length) {
  size_t byte_offset, byte_length, element_size;
  JSValue buffer = JS_GetTypedArrayBuffer(ctx, value, &byte_offset, &byte_length, &element_size);
  if (!JS_IsException(buffer)) {
    size_t size;
    uint8_t *base = JS_GetArrayBuffer(ctx, &size, buffer);
    JS_FreeValue(ctx, buffer);
    if (!base && byte_length > 0) return -1;
    *data = base ? base + byte_offset : (const uint8_t *)"";
    *length = byte_length;
    return 0;
  }
  JS_FreeValue(ctx, JS_GetException(ctx));
  size_t size;
  uint8_t *base = JS_GetArrayBuffer(ctx, &size, value);
  if (base) {
    *data = base;
    *length = size;
    return 0;
  }
  JS_FreeValue(ctx, JS_GetException(ctx));
  JS_ThrowTypeError(ctx, "%s must be a Uint8Array or ArrayBuffer", what);
  return -1;
}

int bridge_host_length(JSContext *ctx, uint64_t length, const char *what, size_t *narrowed) {
  if (length > BRIDGE_MAX_HOST_BYTES) {
    JS_ThrowRangeError(ctx, "the host sent %llu bytes of %s: a plug-in holds at most %llu bytes in one piece",
                       (unsigned long long)length, what, (unsigned long long)BRIDGE_MAX_HOST_BYTES);
    return -1;
  }
  *narrowed = (size_t)length;
  return 0;
}

JSValue bridge_block_to_uint8array(JSContext *ctx, ExtismPointer block, const char *what) {
  size_t length;
  if (bridge_host_length(ctx, extism_length(block), what, &length)) return JS_EXCEPTION;
  uint8_t *data = malloc(length ? length : 1);
  if (!data) return JS_ThrowOutOfMemory(ctx);
  block_read(block, data, length);
  return bridge_new_uint8array(ctx, data, length);
}

int bridge_block_from_bytes(JSContext *ctx, const uint8_t *data, size_t length, const char *what, ExtismPointer *block) {
  if (block_from_bytes(data, length, block) == 0) return 0;
  JS_ThrowRangeError(ctx, "the host could not allocate %zu bytes for %s", length, what);
  return -1;
}

int bridge_block_from_string(JSContext *ctx, JSValueConst value, const char *what, ExtismPointer *block) {
  if (!JS_IsString(value)) {
    JS_ThrowTypeError(ctx, "%s must be a string", what);
    return -1;
  }
  size_t length;
  const char *text = bridge_to_utf8(ctx, value, &length);
  if (!text) return -1;
  int status = bridge_block_from_bytes(ctx, (const uint8_t *)text, length, what, block);
  JS_FreeCString(ctx, text);
  return status;
}

int bridge_get_offset(JSContext *ctx, JSValueConst value, ExtismPointer *offset) {
  int64_t signed_offset;
  if (JS_IsBigInt(value)) {
    if (JS_ToBigInt64(ctx, &signed_offset, value)) return -1;
  } else if (JS_IsNumber(value)) {
    double d;
    JS_ToFloat64(ctx, &d, value);
    if (!(d >= 0 && d <= 9007199254740991.0) || d != (double)(int64_t)d) {
      JS_ThrowRangeError(ctx, "a memory offset must be a non-negative integer");
      return -1;
    }
    signed_offset = (int64_t)d;
  } else {
    JS_ThrowTypeError(ctx, "a memory offset must be a bigint or a number");
    return -1;
  }
  *offset = (ExtismPointer)signed_offset;
  return 0;
}
