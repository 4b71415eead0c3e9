/* The registry of natives: the C functions plug-in code reaches through
   __extism_ts_native, which of them the bundle bound while it initialized,
   and what the init report says of them, so that the link step keeps
   exactly the imports those reach. */
#include <stdlib.h>
#include <string.h>
#include "runtime.h"

/* The natives the bundle bound while it initialized, by table index.
   Each native is recorded once, so NATIVE_COUNT entries always fit. */
static uint32_t *bound_natives;
static uint32_t bound_count;

/* The registry, made from src/contract.ts's NATIVES (contract.h). */
static const BridgeNative natives[] = {
#define BRIDGE_NATIVE_ENTRY(name, length, companion) {#name, js_##name, length, (void (*)(void))(companion)},
    EXTISM_TS_NATIVES(BRIDGE_NATIVE_ENTRY)
#undef BRIDGE_NATIVE_ENTRY
};
#define NATIVE_COUNT (sizeof natives / sizeof natives[0])

const BridgeNative *natives_find(const char *name) {
  for (size_t i = 0; i < NATIVE_COUNT; i++)
    if (strcmp(natives[i].name, name) == 0) return &natives[i];
  return NULL;
}

static int record_bound(uint32_t table_index) {
  if (!bound_natives && !(bound_natives = calloc(NATIVE_COUNT, sizeof(uint32_t)))) return -1;
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
  const BridgeNative *native = natives_find(name);
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
  JSValue bound = JS_NewArray(ctx);
  for (uint32_t i = 0; i < bound_count && !failed; i++) failed = bridge_set_item(ctx, bound, i, JS_NewUint32(ctx, bound_natives[i]));
  failed |= bridge_set_field(ctx, report, "natives", bound);
  JSValue every_native = JS_NewArray(ctx);
  JSValue companions = JS_NewArray(ctx);
  uint32_t native_count = 0, companion_count = 0;
  for (size_t i = 0; i < NATIVE_COUNT && !failed; i++) {
    const BridgeNative *native = &natives[i];
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
