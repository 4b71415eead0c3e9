/* structuredClone's transfer: the transferred ArrayBuffer is detached, as
   the web platform does (byteLength 0, views over it empty). */
#include "bridge.h"

static JSValue js_array_buffer_detach(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  size_t size;
  if (!JS_GetArrayBuffer(ctx, &size, argv[0])) return JS_EXCEPTION;
  JS_DetachArrayBuffer(ctx, argv[0]);
  return JS_UNDEFINED;
}

const BridgeNative array_buffer_natives[] = {
    {"array_buffer_detach", js_array_buffer_detach, 1, NULL},
};
const size_t array_buffer_natives_count = sizeof(array_buffer_natives) / sizeof(array_buffer_natives[0]);
