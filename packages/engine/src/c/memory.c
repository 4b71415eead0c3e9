/* Extism memory blocks, for plug-ins that pass offsets around by hand. */
#include "bridge.h"

JSValue js_memory_alloc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  int64_t length;
  if (JS_ToInt64(ctx, &length, argv[0])) return JS_EXCEPTION;
  if (length < 0) return JS_ThrowRangeError(ctx, "cannot allocate a negative length (%lld)", (long long)length);
  ExtismPointer block = extism_alloc((uint64_t)length);
  if (block == 0 && length > 0)
    return JS_ThrowRangeError(ctx, "the host could not allocate %lld bytes", (long long)length);
  return JS_NewBigUint64(ctx, block);
}

JSValue js_memory_length(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  ExtismPointer block;
  if (bridge_get_offset(ctx, argv[0], &block)) return JS_EXCEPTION;
  return JS_NewBigUint64(ctx, extism_length(block));
}

JSValue js_memory_read(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  ExtismPointer block;
  if (bridge_get_offset(ctx, argv[0], &block)) return JS_EXCEPTION;
  return bridge_block_to_uint8array(ctx, block, "a memory block");
}

JSValue js_memory_write(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  ExtismPointer block;
  const uint8_t *data;
  size_t length;
  if (bridge_get_offset(ctx, argv[0], &block)) return JS_EXCEPTION;
  if (bridge_get_bytes(ctx, argv[1], "memory.write's value", &data, &length)) return JS_EXCEPTION;
  uint64_t capacity = extism_length(block);
  if (length > capacity)
    return JS_ThrowRangeError(ctx, "%zu bytes do not fit in a block of %llu bytes", length,
                              (unsigned long long)capacity);
  block_write(block, data, length);
  return JS_UNDEFINED;
}

JSValue js_memory_free(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  ExtismPointer block;
  if (bridge_get_offset(ctx, argv[0], &block)) return JS_EXCEPTION;
  extism_free(block);
  return JS_UNDEFINED;
}
