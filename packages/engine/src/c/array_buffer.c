/* structuredClone's transfer: the transferred ArrayBuffer is detached, as
   the web platform does (byteLength 0, views over it empty). */
#include "bridge.h"

JSValue js_array_buffer_detach(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  size_t size;
  if (!JS_GetArrayBuffer(ctx, &size, argv[0])) return JS_EXCEPTION;
  JS_DetachArrayBuffer(ctx, argv[0]);
  return JS_UNDEFINED;
}
