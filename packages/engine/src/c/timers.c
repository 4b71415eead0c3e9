/* setTimeout and setInterval: the queue lives in JS (globals/timers.ts),
   which leaves its step function in a global when a bundle has timers; the
   engine's call loop drives it through timers_run. This file also lets the
   queue wait for a deadline on the real clock (WASI). */
#include <time.h>
#include "bridge.h"
#include "contract.h"

/* Looked up once, after the bundle was evaluated (its timers module, if any,
   has run by then), and kept in the snapshot: a call without timers pays
   no lookup. */
static JSValue hook; /* read only once hook_looked_up is set: JS_UNDEFINED is no constant where JSValue is a struct (64-bit) */
static int hook_looked_up;

int timers_run(JSContext *ctx, int mode) {
  if (!hook_looked_up) {
    hook_looked_up = 1;
    JSValue global = JS_GetGlobalObject(ctx);
    hook = JS_GetPropertyStr(ctx, global, EXTISM_TS_GLOBAL_TIMERS);
    JS_FreeValue(ctx, global);
    if (!JS_IsFunction(ctx, hook)) {
      JS_FreeValue(ctx, hook);
      hook = JS_UNDEFINED;
    }
  }
  if (JS_IsUndefined(hook)) return 0;
  JSValue argument = JS_NewInt32(ctx, mode);
  JSValue result = JS_Call(ctx, hook, JS_UNDEFINED, 1, &argument);
  if (JS_IsException(result)) return -1;
  int32_t count = 0;
  JS_ToInt32(ctx, &count, result);
  JS_FreeValue(ctx, result);
  return count;
}

static double monotonic_milliseconds(void) {
  struct timespec now;
  if (clock_gettime(CLOCK_MONOTONIC, &now) != 0) return -1;
  return (double)now.tv_sec * 1e3 + (double)now.tv_nsec / 1e6;
}

/* clock_sleep(ms): wait on the monotonic clock. nanosleep is WASI's
   poll_oneoff; a host without it gets a busy wait on the clock instead. */
JSValue js_clock_sleep(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  double milliseconds;
  if (JS_ToFloat64(ctx, &milliseconds, argv[0])) return JS_EXCEPTION;
  if (!(milliseconds > 0)) return JS_UNDEFINED;
  double start = monotonic_milliseconds();
  if (start < 0) return JS_ThrowInternalError(ctx, "clock_sleep: there is no clock (build the plug-in with --wasi)");
  double until = start + milliseconds;
  struct timespec wait = {(time_t)(milliseconds / 1e3), (long)((milliseconds - (double)(time_t)(milliseconds / 1e3) * 1e3) * 1e6)};
  if (nanosleep(&wait, NULL) == 0) return JS_UNDEFINED;
  while (monotonic_milliseconds() < until) {
  }
  return JS_UNDEFINED;
}
