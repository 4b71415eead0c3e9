/* Host config (read-only strings) and plug-in vars (bytes kept by the host). */
#include "bridge.h"

/* Imports are called directly, never through a pointer: an import whose
   address is taken stays in the function table, and in every plug-in. */
enum store { CONFIG, VARS };

/* A value block of 0 is absent: the kernel answers 0 for a missing key and
   for an empty value alike, as the Rust PDK reads them (None). */
static JSValue lookup(JSContext *ctx, JSValueConst key, enum store store) {
  ExtismPointer key_block;
  if (bridge_block_from_string(ctx, key, store == CONFIG ? "a config key" : "a var key", &key_block)) return JS_EXCEPTION;
  ExtismPointer value_block = store == CONFIG ? extism_config_get(key_block) : extism_var_get(key_block);
  /* Read the answer before freeing what was sent: the reference runtime can
     hand back a block that a free of an earlier one disturbs. */
  JSValue value = value_block == 0 ? JS_UNDEFINED
                                   : bridge_block_to_uint8array(ctx, value_block, store == CONFIG ? "a config value" : "a var value");
  /* A var's block is not freed, as the Rust PDK does not: @extism/extism 1.x
     answers with the block that holds the var itself, which a free would
     empty for every later call. The host reclaims call memory anyway. */
  if (value_block && store == CONFIG) extism_free(value_block);
  if (key_block) extism_free(key_block);
  return value;
}

JSValue js_config_get(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  return lookup(ctx, argv[0], CONFIG);
}

JSValue js_var_get(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  return lookup(ctx, argv[0], VARS);
}

/* var_set(key, bytes | undefined): undefined removes the var. Empty bytes go
   as the host's empty block, as the Rust PDK sends them: offset 0 on the
   kernel, where that removes the var too. */
JSValue js_var_set(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  ExtismPointer value_block = 0;
  if (argc > 1 && !JS_IsUndefined(argv[1])) {
    const uint8_t *data;
    size_t length;
    if (bridge_get_bytes(ctx, argv[1], "a var value", &data, &length)) return JS_EXCEPTION;
    if (bridge_block_from_bytes(ctx, data, length, "a var value", &value_block)) return JS_EXCEPTION;
  }
  ExtismPointer key_block;
  if (bridge_block_from_string(ctx, argv[0], "a var key", &key_block)) {
    if (value_block) extism_free(value_block);
    return JS_EXCEPTION;
  }
  extism_var_set(key_block, value_block);
  if (key_block) extism_free(key_block);
  /* The value block is not freed: some hosts (@extism/extism 1.x) keep the
     block itself as the var's value. The host reclaims call memory anyway. */
  return JS_UNDEFINED;
}
