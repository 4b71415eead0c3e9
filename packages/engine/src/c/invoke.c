/* Run time: an export called by invoke index, the promise or thenable it
   returns settled by running jobs and timers, and what went wrong (a thrown
   value, a non-zero return code, a rejection nobody handled) handed to the
   host as the call's error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "runtime.h"

static int run_pending_jobs(void) {
  JSContext *job_context;
  int status;
  while ((status = JS_ExecutePendingJob(plugin_runtime, &job_context)) > 0) {
  }
  return status;
}

/* Jobs, then each due timer followed by the jobs it queued, until neither is left. */
int invoke_run_jobs_and_due_timers(void) {
  int ran;
  do {
    if (run_pending_jobs() < 0) return -1;
    ran = timers_run(plugin_context, TIMERS_RUN_DUE);
  } while (ran > 0);
  return ran;
}

/* Promise settlement of an async export, observed through then(). */
static int settled_state; /* 0 pending, 1 fulfilled, 2 rejected */
static JSValue settled_value;
/* Which call's thenable the handlers belong to: a thenable may keep them and
   call them again in a later call. */
static int32_t settle_generation;

/* The first settlement counts, as with a promise: a thenable that calls its
   handlers again (or both) changes nothing, and leaks nothing. */
static JSValue on_settled(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                          int magic, JSValue *data) {
  (void)this_val;
  if (settled_state != 0 || JS_VALUE_GET_INT(data[0]) != settle_generation) return JS_UNDEFINED;
  settled_state = magic;
  settled_value = JS_DupValue(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
  return JS_UNDEFINED;
}

/* Wait for a thenable by running queued jobs; returns the settled value or an exception. */
static JSValue settle(JSValue value) {
  JSValue then = JS_GetPropertyStr(plugin_context, value, "then");
  if (!JS_IsFunction(plugin_context, then)) {
    JS_FreeValue(plugin_context, then);
    return value;
  }
  settled_state = 0;
  settled_value = JS_UNDEFINED;
  JSValue generation = JS_NewInt32(plugin_context, ++settle_generation);
  JSValue handlers[2] = {
      JS_NewCFunctionData(plugin_context, on_settled, 1, 1, 1, &generation),
      JS_NewCFunctionData(plugin_context, on_settled, 1, 2, 1, &generation),
  };
  JSValue chained = JS_Call(plugin_context, then, value, 2, (JSValueConst *)handlers);
  JS_FreeValue(plugin_context, handlers[0]);
  JS_FreeValue(plugin_context, handlers[1]);
  JS_FreeValue(plugin_context, then);
  JS_FreeValue(plugin_context, value);
  if (JS_IsException(chained)) return chained;
  JS_FreeValue(plugin_context, chained);
  /* Until it settles: jobs, due timers, then the next timer in deadline order. */
  for (;;) {
    if (invoke_run_jobs_and_due_timers() < 0) return JS_EXCEPTION;
    if (settled_state != 0) break;
    int ran = timers_run(plugin_context, TIMERS_RUN_NEXT);
    if (ran < 0) return JS_EXCEPTION;
    if (ran == 0) break;
  }
  if (settled_state == 1) return settled_value;
  if (settled_state == 2) return JS_Throw(plugin_context, settled_value);
  return JS_ThrowInternalError(plugin_context, "the export returned a promise that never settled: nothing was left to run");
}

/* A raw export returned non-zero without throwing: say so as the call's error. */
static void report_return_code(uint32_t index, int32_t code) {
  JSValue name = JS_GetPropertyUint32(plugin_context, plugin_export_names, index);
  size_t name_length = 0;
  const char *text = bridge_to_utf8(plugin_context, name, &name_length);
  char suffix[24];
  int suffix_length = snprintf(suffix, sizeof suffix, " returned %d", (int)code);
  /* The name is as long as the plug-in's author made it: no fixed buffer. */
  char *message = text && suffix_length > 0 ? malloc(name_length + (size_t)suffix_length) : NULL;
  if (message) {
    memcpy(message, text, name_length);
    memcpy(message + name_length, suffix, (size_t)suffix_length);
    ExtismPointer block;
    if (block_from_bytes((const uint8_t *)message, name_length + (size_t)suffix_length, &block) == 0)
      extism_error_set(block);
  }
  free(message);
  JS_FreeCString(plugin_context, text);
  JS_FreeValue(plugin_context, name);
  if (!text) JS_FreeValue(plugin_context, JS_GetException(plugin_context));
}

/* An exception after the export returned fails the call, unless it failed already. */
static int32_t report_after_call(int32_t code) {
  if (code == 0) return bridge_report_exception(plugin_context);
  JS_FreeValue(plugin_context, JS_GetException(plugin_context));
  return code;
}

/* Promises rejected with no handler during a call, until one is given. */
static struct rejection {
  JSValue promise, reason;
} *rejections;
static size_t rejection_count, rejection_capacity;

static void track_rejection(JSContext *ctx, JSValueConst promise, JSValueConst reason, bool is_handled, void *opaque) {
  (void)opaque;
  if (is_handled) {
    for (size_t i = 0; i < rejection_count; i++) {
      if (!JS_IsSameValue(ctx, rejections[i].promise, promise)) continue;
      JS_FreeValue(ctx, rejections[i].promise);
      JS_FreeValue(ctx, rejections[i].reason);
      rejections[i] = rejections[--rejection_count];
      return;
    }
    return;
  }
  if (rejection_count == rejection_capacity) {
    size_t capacity = rejection_capacity ? 2 * rejection_capacity : 4;
    struct rejection *grown = realloc(rejections, capacity * sizeof *grown);
    /* Out of memory: this rejection goes untracked, as it would in a host without a tracker. */
    if (!grown) return;
    rejections = grown;
    rejection_capacity = capacity;
  }
  rejections[rejection_count++] = (struct rejection){JS_DupValue(ctx, promise), JS_DupValue(ctx, reason)};
}

static const char UNHANDLED_REJECTION[] = "Unhandled promise rejection: ";

/* A rejection no handler took by the end of the call fails the call, as one
   ends a Node process: the first such rejection's reason is the error, unless
   the call failed already. None carries over to the next call. */
static int32_t report_unhandled_rejection(int32_t code) {
  if (rejection_count > 0 && code == 0) {
    JSValue reason = rejections[0].reason;
    code = errors_return_code(plugin_context, reason);
    JSValue message = errors_describe(plugin_context, reason);
    size_t length = 0;
    const char *text = bridge_to_utf8(plugin_context, message, &length);
    char *joined = text ? malloc(sizeof UNHANDLED_REJECTION - 1 + length) : NULL;
    if (joined) {
      memcpy(joined, UNHANDLED_REJECTION, sizeof UNHANDLED_REJECTION - 1);
      memcpy(joined + sizeof UNHANDLED_REJECTION - 1, text, length);
      ExtismPointer block;
      if (block_from_bytes((const uint8_t *)joined, sizeof UNHANDLED_REJECTION - 1 + length, &block) == 0 && block != 0)
        extism_error_set(block);
    }
    free(joined);
    JS_FreeCString(plugin_context, text);
    JS_FreeValue(plugin_context, message);
    if (!text) JS_FreeValue(plugin_context, JS_GetException(plugin_context));
  }
  for (size_t i = 0; i < rejection_count; i++) {
    JS_FreeValue(plugin_context, rejections[i].promise);
    JS_FreeValue(plugin_context, rejections[i].reason);
  }
  rejection_count = 0;
  return code;
}

EXPORT(EXTISM_TS_ENTRY_INVOKE) int32_t extism_ts_invoke(uint32_t index) {
  limits_enter_call(plugin_runtime);
  JS_SetHostPromiseRejectionTracker(plugin_runtime, track_rejection, NULL);
  JSValue result = JS_Call(plugin_context, plugin_exports[index], JS_UNDEFINED, 0, NULL);
  if (!JS_IsException(result) && JS_IsObject(result)) result = settle(result);
  int32_t code = 0;
  if (JS_IsException(result)) {
    code = bridge_report_exception(plugin_context);
  } else if (JS_IsNumber(result)) {
    JS_ToInt32(plugin_context, &code, result);
    /* Some hosts (the JS SDKs) look only at the error, not the return code. */
    if (code != 0) report_return_code(index, code);
  }
  JS_FreeValue(plugin_context, result);
  /* Due timers run before the call ends; the rest are cancelled, never run in a later call. */
  if (invoke_run_jobs_and_due_timers() < 0) code = report_after_call(code);
  if (timers_run(plugin_context, TIMERS_CANCEL) < 0) code = report_after_call(code);
  return report_unhandled_rejection(code);
}
