/* The registry of natives: every ABI area's table of natives (the C
   functions plug-in code reaches through __extism_ts_native), which of them
   the bundle bound while it initialized, and what the init report says of
   them, so that the link step keeps exactly the imports those reach. */
#include <stdlib.h>
#include <string.h>
#include "runtime.h"

/* The natives the bundle bound while it initialized, by table index.
   Each native is recorded once, so every_native_count entries always fit. */
static uint32_t *bound_natives;
static uint32_t bound_count;

static const struct {
  const BridgeNative *natives;
  const size_t *count;
} areas[] = {
    {io_natives, &io_natives_count},
    {memory_natives, &memory_natives_count},
    {config_vars_natives, &config_vars_natives_count},
    {logging_natives, &logging_natives_count},
    {http_natives, &http_natives_count},
    {text_natives, &text_natives_count},
    {wasi_natives, &wasi_natives_count},
    {host_calls_natives, &host_calls_natives_count},
    {codec_natives, &codec_natives_count},
    {digest_natives, &digest_natives_count},
    {timers_natives, &timers_natives_count},
    {array_buffer_natives, &array_buffer_natives_count},
};

static const BridgeNative *find_native(const char *name) {
  for (size_t a = 0; a < sizeof(areas) / sizeof(areas[0]); a++)
    for (size_t i = 0; i < *areas[a].count; i++)
      if (strcmp(areas[a].natives[i].name, name) == 0) return &areas[a].natives[i];
  return NULL;
}

static size_t every_native_count(void) {
  size_t count = 0;
  for (size_t a = 0; a < sizeof(areas) / sizeof(areas[0]); a++) count += *areas[a].count;
  return count;
}

static int record_bound(uint32_t table_index) {
  if (!bound_natives && !(bound_natives = calloc(every_native_count(), sizeof(uint32_t)))) return -1;
  for (uint32_t i = 0; i < bound_count; i++)
    if (bound_natives[i] == table_index) return 0;
  bound_natives[bound_count++] = table_index;
  return 0;
}

/* __extism_ts_native(name): the engine's native interface. It only answers
   while the bundle initializes, so every native a plug-in can reach is known
   when the module is linked. */
static JSValue js_native(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  const char *name = JS_ToCString(ctx, argv[0]);
  if (!name) return JS_EXCEPTION;
  const BridgeNative *native = find_native(name);
  JSValue result;
  if (!bridge_initializing()) {
    result = JS_ThrowInternalError(ctx, "native '%s' was requested after initialization; bind natives at module level", name);
  } else if (!native) {
    result = JS_ThrowReferenceError(ctx, "the engine has no native '%s'", name);
  } else if (record_bound((uint32_t)(uintptr_t)native->fn)) {
    result = JS_ThrowOutOfMemory(ctx);
  } else {
    result = JS_NewCFunction(ctx, native->fn, native->name, native->length);
  }
  JS_FreeCString(ctx, name);
  return result;
}

int natives_install(JSContext *ctx) {
  JSValue global = JS_GetGlobalObject(ctx);
  int failed = bridge_set_field(ctx, global, EXTISM_TS_GLOBAL_NATIVE, JS_NewCFunction(ctx, js_native, EXTISM_TS_GLOBAL_NATIVE, 1));
  JS_FreeValue(ctx, global);
  return failed;
}

/* A native's function-table index, as the report gives it. */
static JSValue table_index_of(JSContext *ctx, uintptr_t function) { return JS_NewUint32(ctx, (uint32_t)function); }

/* Every value made is handed to the report, which owns it from then on,
   whether or not an earlier step failed. */
int natives_report(JSContext *ctx, JSValueConst report) {
  int failed = 0;
  JSValue natives = JS_NewArray(ctx);
  for (uint32_t i = 0; i < bound_count && !failed; i++) failed = bridge_set_item(ctx, natives, i, JS_NewUint32(ctx, bound_natives[i]));
  failed |= bridge_set_field(ctx, report, "natives", natives);
  JSValue every_native = JS_NewArray(ctx);
  JSValue companions = JS_NewArray(ctx);
  uint32_t native_count = 0, companion_count = 0;
  for (size_t a = 0; a < sizeof(areas) / sizeof(areas[0]); a++)
    for (size_t i = 0; i < *areas[a].count && !failed; i++) {
      const BridgeNative *native = &areas[a].natives[i];
      failed = bridge_set_item(ctx, every_native, native_count++, table_index_of(ctx, (uintptr_t)native->fn));
      if (failed || !native->companion) continue;
      JSValue pair = JS_NewArray(ctx);
      failed = bridge_set_item(ctx, pair, 0, table_index_of(ctx, (uintptr_t)native->fn)) |
               bridge_set_item(ctx, pair, 1, table_index_of(ctx, (uintptr_t)native->companion));
      failed |= bridge_set_item(ctx, companions, companion_count++, pair);
    }
  failed |= bridge_set_field(ctx, report, "allNatives", every_native);
  failed |= bridge_set_field(ctx, report, "companions", companions);
  return failed ? -1 : 0;
}
