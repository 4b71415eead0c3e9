/* Shared pieces of the JS side of the bridge: the natives each ABI area
   defines, and conversions between JS values and bytes. */
#ifndef EXTISM_TS_BRIDGE_H
#define EXTISM_TS_BRIDGE_H

#include "quickjs.h"
#include "abi.h"
#include "contract.h"

typedef struct {
  const char *name;
  JSCFunction *fn;
  int length;
  /* A C function that only this native hands out (as a JS function it
     makes): the link step drops it with the native when the native is unbound. */
  void (*companion)(void); /* only its table index matters: any function type */
} BridgeNative;

/* Every native's C function, js_<name>, as src/contract.ts lists them (contract.h). */
#define BRIDGE_DECLARE_NATIVE(name, length, companion) \
  JSValue js_##name(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv);
EXTISM_TS_NATIVES(BRIDGE_DECLARE_NATIVE)
#undef BRIDGE_DECLARE_NATIVE
/* host_function's companion (host_calls.c): the JS function it makes calls this. */
JSValue js_host_function_call(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic);

/* Stack and JSON nesting limits that keep deep input an exception, not a trap. */
void limits_install(JSRuntime *rt, JSContext *ctx);
/* How deep JSON may nest: JSON.parse and the native parser recurse natively. */
#define LIMITS_JSON_MAX_DEPTH 1000
/* -1 with JSON.parse's SyntaxError when JSON text nests deeper than the limit. */
int limits_check_json_depth(JSContext *ctx, const char *text, size_t length);
/* At the start of each export: the stack limit counts from here. */
void limits_enter_call(JSRuntime *rt);
/* True while the bundle is evaluated at build time. */
int bridge_initializing(void);
/* The declared host functions, for the init report; JS_EXCEPTION when out of memory. */
JSValue host_calls_declarations(JSContext *ctx);

/* Set a field or an item of an object the bridge builds: -1 when the value or
   the setting failed (out of memory). The value is always handed over: a
   failed value needs no freeing and a failed set frees it. */
static inline int bridge_set_field(JSContext *ctx, JSValueConst object, const char *name, JSValue value) {
  if (JS_IsException(value)) return -1;
  return JS_SetPropertyStr(ctx, object, name, value) < 0 ? -1 : 0;
}
static inline int bridge_set_item(JSContext *ctx, JSValueConst array, uint32_t index, JSValue value) {
  if (JS_IsException(value)) return -1;
  return JS_SetPropertyUint32(ctx, array, index, value) < 0 ? -1 : 0;
}

/* Drive the JS timer queue, if the bundle has one: run one due timer, run
   the next timer (waiting for its deadline), or cancel every pending timer.
   Returns how many timers ran (or were cancelled), -1 with an exception. */
enum { TIMERS_RUN_DUE = 0, TIMERS_RUN_NEXT = 1, TIMERS_CANCEL = 2 };
int timers_run(JSContext *ctx, int mode);

/* Replace Math.random with one seeded per instance on first use. */
void wasi_install_math_random(JSContext *ctx);
/* Called before the snapshot is taken: a seed drawn at build time must not be shared by every instance. */
void wasi_forget_seed(void);
/* The instant (ms since the Unix epoch) Date reads while the bundle initializes. */
void wasi_set_build_instant(double milliseconds);

/* A Uint8Array that takes ownership of `data` (from malloc); on failure it
   frees `data` and returns an exception. */
JSValue bridge_new_uint8array(JSContext *ctx, uint8_t *data, size_t length);
/* The same over memory that `manage(rt, opaque, data, 0)` frees (and that
   `manage` may resize, or refuse to by answering NULL). */
JSValue bridge_new_uint8array_from(JSContext *ctx, uint8_t *data, size_t length,
                                   JSReallocArrayBufferDataFunc *manage, void *opaque);
/* Borrow the bytes of a Uint8Array, other typed array, DataView or ArrayBuffer.
   Returns -1 with a TypeError naming `what` when `value` holds no bytes. */
int bridge_get_bytes(JSContext *ctx, JSValueConst value, const char *what,
                     const uint8_t **data, size_t *length);
/* The most bytes a host may hand the plug-in in one piece: QuickJS's ArrayBuffers
   (and so Uint8Arrays) hold at most INT32_MAX bytes, and wasm32 has a 32-bit size_t. */
#define BRIDGE_MAX_HOST_BYTES ((uint64_t)INT32_MAX)
/* A length the host reported, narrowed to size_t: -1 with a RangeError naming
   `what` and the length when the plug-in cannot hold that many bytes. */
int bridge_host_length(JSContext *ctx, uint64_t length, const char *what, size_t *narrowed);
/* The bytes of an Extism block as a Uint8Array; `what` names them in errors. */
JSValue bridge_block_to_uint8array(JSContext *ctx, ExtismPointer block, const char *what);
/* A new Extism block holding `length` bytes; -1 with a RangeError naming `what`
   when the host refuses. An empty block is offset 0 on kernel hosts (alloc(0) = 0). */
int bridge_block_from_bytes(JSContext *ctx, const uint8_t *data, size_t length, const char *what, ExtismPointer *block);
/* The same for the UTF-8 of a JS string; a TypeError when `value` is not a string. */
int bridge_block_from_string(JSContext *ctx, JSValueConst value, const char *what, ExtismPointer *block);
/* An Extism offset argument, given as a bigint or a non-negative safe integer. */
int bridge_get_offset(JSContext *ctx, JSValueConst value, ExtismPointer *offset);
/* A JS string as well-formed UTF-8, as TextEncoder writes it (lone surrogates
   as U+FFFD): the kernel refuses anything else in a key, a log message or a
   request. Freed with JS_FreeCString; NULL with an exception set. */
const char *bridge_to_utf8(JSContext *ctx, JSValueConst value, size_t *length);
/* QuickJS's UTF-8 of a string with lone surrogates is not UTF-8: find and
   replace them (in place, same length) with U+FFFD as TextEncoder does. */
void bridge_replace_lone_surrogates(uint8_t *data, size_t length);
/* Turn a pending JS exception into an Extism error; returns the call's return code. */
int32_t bridge_report_exception(JSContext *ctx);

#endif
