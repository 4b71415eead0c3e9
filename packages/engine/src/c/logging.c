/* Log messages at the host's five levels, and the level the host asks for. */
#include "bridge.h"

enum level { TRACE, DEBUG, INFO, WARN, ERROR };

/* Each level calls its import directly (not through a pointer), so a plug-in
   that logs only at some levels imports only those. */
static JSValue send(JSContext *ctx, JSValueConst message, enum level level) {
  ExtismPointer block;
  if (bridge_block_from_string(ctx, message, "a log message", &block)) return JS_EXCEPTION;
  switch (level) {
    case TRACE: extism_log_trace(block); break;
    case DEBUG: extism_log_debug(block); break;
    case INFO: extism_log_info(block); break;
    case WARN: extism_log_warn(block); break;
    case ERROR: extism_log_error(block); break;
  }
  if (block) extism_free(block);
  return JS_UNDEFINED;
}

#define LOG_NATIVE(name, level)                                                                  \
  JSValue js_log_##name(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) { \
    (void)this_val;                                                                              \
    (void)argc;                                                                                  \
    return send(ctx, argv[0], level);                                                            \
  }
LOG_NATIVE(trace, TRACE)
LOG_NATIVE(debug, DEBUG)
LOG_NATIVE(info, INFO)
LOG_NATIVE(warn, WARN)
LOG_NATIVE(error, ERROR)

JSValue js_log_level(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  (void)argv;
  return JS_NewInt32(ctx, extism_get_log_level());
}
