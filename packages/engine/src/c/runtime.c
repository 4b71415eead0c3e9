/* The engine's lifecycle: build-time initialization (evaluate the bundle,
   enumerate its exports, record which natives it bound) and run-time
   invocation of an export by index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bridge.h"
#include "engine_internals.h"
#include "contract.h"

/* Entry points for the build, named by the contract (contract.h). */
#define EXPORT(name) __attribute__((export_name(name)))

size_t malloc_usable_size(void *pointer);

static JSRuntime *runtime;
static JSContext *context;
static JSValue *exported_functions;
/* The exports' names, by invoke index (an array kept alive in the snapshot). */
static JSValue export_names;
static uint32_t exported_count;
static int initializing;
/* Set for the whole of extism_ts_init: see engine_free. */
static int zero_freed_memory;

/* The natives the bundle bound while it initialized, by table index: the
   link step keeps the ABI imports reachable from these and drops the rest.
   Each native is recorded once, so every_native_count entries always fit. */
static uint32_t *bound_natives;
static uint32_t bound_count;

static char *init_report;
static size_t init_report_length;

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

int bridge_initializing(void) { return initializing; }

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
  if (!initializing) {
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

static int run_pending_jobs(void) {
  JSContext *job_context;
  int status;
  while ((status = JS_ExecutePendingJob(runtime, &job_context)) > 0) {
  }
  return status;
}

/* Jobs, then each due timer followed by the jobs it queued, until neither is left. */
static int run_jobs_and_due_timers(void) {
  int ran;
  do {
    if (run_pending_jobs() < 0) return -1;
    ran = timers_run(context, TIMERS_RUN_DUE);
  } while (ran > 0);
  return ran;
}

/* Rewrite bundle lines in a stack to TypeScript files and lines, with the
   map the build put in front of the bundle. */
static JSValue map_stack(JSContext *ctx, JSValue stack) {
  JSValue global = JS_GetGlobalObject(ctx);
  JSValue mapper = JS_GetPropertyStr(ctx, global, EXTISM_TS_GLOBAL_MAP_STACK);
  JS_FreeValue(ctx, global);
  if (JS_IsFunction(ctx, mapper)) {
    JSValue mapped = JS_Call(ctx, mapper, JS_UNDEFINED, 1, (JSValueConst *)&stack);
    if (JS_IsString(mapped)) {
      JS_FreeValue(ctx, stack);
      stack = mapped;
    } else {
      JS_FreeValue(ctx, JS_IsException(mapped) ? JS_GetException(ctx) : mapped);
    }
  }
  JS_FreeValue(ctx, mapper);
  return stack;
}

/* A thrown value that is not an Error: objects and arrays as JSON (their
   String() is "[object Object]"), anything else as String() made it. */
static JSValue describe_value(JSContext *ctx, JSValueConst exception, JSValue text) {
  if (!JS_IsObject(exception) || JS_IsFunction(ctx, exception)) return text;
  JSValue json = JS_JSONStringify(ctx, exception, JS_UNDEFINED, JS_UNDEFINED);
  if (JS_IsString(json)) {
    JS_FreeValue(ctx, text);
    return json;
  }
  /* A cycle or a BigInt: String() is all there is. */
  if (JS_IsException(json)) JS_FreeValue(ctx, JS_GetException(ctx));
  JS_FreeValue(ctx, json);
  return text;
}

/* "Name: message" and, for errors, the stack below it. */
static JSValue describe_exception(JSContext *ctx, JSValueConst exception) {
  JSValue text = JS_ToString(ctx, exception);
  if (JS_IsException(text)) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    return JS_NewString(ctx, "an exception that cannot be converted to a string");
  }
  if (!JS_IsError(exception)) return describe_value(ctx, exception, text);
  JSValue stack = JS_GetPropertyStr(ctx, exception, "stack");
  if (JS_IsString(stack)) {
    stack = map_stack(ctx, stack);
    size_t head_length, tail_length;
    const char *head = JS_ToCStringLen(ctx, &head_length, text);
    const char *tail = JS_ToCStringLen(ctx, &tail_length, stack);
    /* QuickJS ends stacks with a newline: the host shows the message as is. */
    while (tail && tail_length > 0 && tail[tail_length - 1] == '\n') tail_length--;
    char *joined = head && tail ? malloc(head_length + tail_length + 1) : NULL;
    if (joined && tail_length > 0) {
      memcpy(joined, head, head_length);
      joined[head_length] = '\n';
      memcpy(joined + head_length + 1, tail, tail_length);
      JS_FreeValue(ctx, text);
      text = JS_NewStringLen(ctx, joined, head_length + 1 + tail_length);
    }
    free(joined);
    JS_FreeCString(ctx, head);
    JS_FreeCString(ctx, tail);
  }
  JS_FreeValue(ctx, stack);
  return text;
}

/* The return code of a PluginError (packages/pdk/src/errors.ts): the non-zero
   int32 it carries under Symbol.for(EXTISM_TS_PLUGIN_ERROR_BRAND). Any other thrown
   value gives -1, whatever `code` it has. */
static int32_t return_code_of(JSContext *ctx, JSValueConst exception) {
  int32_t code = -1;
  if (!JS_IsObject(exception)) return code;
  JSValue global = JS_GetGlobalObject(ctx);
  JSValue symbol = JS_GetPropertyStr(ctx, global, "Symbol");
  JSValue symbol_for = JS_GetPropertyStr(ctx, symbol, "for");
  JSValue key = JS_NewString(ctx, EXTISM_TS_PLUGIN_ERROR_BRAND);
  JSValue brand = JS_Call(ctx, symbol_for, symbol, 1, (JSValueConst *)&key);
  JSValue value = JS_UNDEFINED;
  if (JS_IsSymbol(brand)) {
    JSAtom atom = JS_ValueToAtom(ctx, brand);
    value = JS_GetProperty(ctx, exception, atom);
    JS_FreeAtom(ctx, atom);
  }
  double d;
  if (JS_IsNumber(value) && JS_ToFloat64(ctx, &d, value) == 0 && d == (double)(int32_t)d && d != 0)
    code = (int32_t)d;
  /* A replaced Symbol.for or a throwing getter: the code stays -1. */
  if (JS_IsException(brand) || JS_IsException(value)) JS_FreeValue(ctx, JS_GetException(ctx));
  JS_FreeValue(ctx, value);
  JS_FreeValue(ctx, brand);
  JS_FreeValue(ctx, key);
  JS_FreeValue(ctx, symbol_for);
  JS_FreeValue(ctx, symbol);
  JS_FreeValue(ctx, global);
  return code;
}

int32_t bridge_report_exception(JSContext *ctx) {
  JSValue exception = JS_GetException(ctx);
  int32_t code = return_code_of(ctx, exception);
  JSValue message = describe_exception(ctx, exception);
  size_t length;
  const char *text = bridge_to_utf8(ctx, message, &length);
  if (text) {
    ExtismPointer block;
    /* An empty block (0 on the kernel) would set no error. */
    if (block_from_bytes((const uint8_t *)text, length, &block) == 0 && block != 0) extism_error_set(block);
    JS_FreeCString(ctx, text);
  }
  JS_FreeValue(ctx, message);
  JS_FreeValue(ctx, exception);
  return code;
}

/* The report is the build's only view of what happened: when it cannot be
   made, it still says so, in a fixed text the build knows how to read. */
static const char REPORT_OUT_OF_MEMORY[] = "{\"stage\":\"report\",\"error\":\"out of memory while writing the init report\"}";

static void set_init_report(const char *text, size_t length) {
  if (init_report != REPORT_OUT_OF_MEMORY) free(init_report);
  init_report = text ? malloc(length + 1) : NULL;
  if (!init_report) {
    init_report = (char *)REPORT_OUT_OF_MEMORY;
    init_report_length = sizeof(REPORT_OUT_OF_MEMORY) - 1;
    return;
  }
  memcpy(init_report, text, length);
  init_report[length] = 0;
  init_report_length = length;
}

static void report_value(JSValueConst report) {
  JSValue json = JS_JSONStringify(context, report, JS_UNDEFINED, JS_UNDEFINED);
  size_t length = 0;
  const char *text = JS_IsException(json) ? NULL : JS_ToCStringLen(context, &length, json);
  set_init_report(text, length);
  JS_FreeCString(context, text);
  JS_FreeValue(context, json);
}

static void report_failure(const char *stage) {
  JSValue exception = JS_GetException(context);
  JSValue report = JS_NewObject(context);
  if (bridge_set_field(context, report, "stage", JS_NewString(context, stage)) ||
      bridge_set_field(context, report, "error", describe_exception(context, exception)))
    set_init_report(NULL, 0);
  else
    report_value(report);
  JS_FreeValue(context, report);
  JS_FreeValue(context, exception);
}

/* A global the bundle left for the engine: its value, and the global goes. */
static JSValue take_global(const char *name) {
  JSValue global = JS_GetGlobalObject(context);
  JSValue value = JS_GetPropertyStr(context, global, name);
  JSAtom atom = JS_NewAtom(context, name);
  JS_DeleteProperty(context, global, atom, 0);
  JS_FreeAtom(context, atom);
  JS_FreeValue(context, global);
  return value;
}

static int collect_exports(JSValueConst names_out) {
  JSValue namespace_object = take_global(EXTISM_TS_GLOBAL_EXPORTS);
  if (!JS_IsObject(namespace_object)) {
    JS_FreeValue(context, namespace_object);
    JS_ThrowTypeError(context, "the bundle did not define its exports");
    return -1;
  }
  JSPropertyEnum *properties;
  uint32_t count;
  if (JS_GetOwnPropertyNames(context, &properties, &count, namespace_object,
                             JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY)) {
    JS_FreeValue(context, namespace_object);
    return -1;
  }
  exported_functions = calloc(count ? count : 1, sizeof(JSValue));
  int status = exported_functions ? 0 : -1;
  if (status) JS_ThrowOutOfMemory(context);
  for (uint32_t i = 0; i < count && status == 0; i++) {
    JSValue value = JS_GetProperty(context, namespace_object, properties[i].atom);
    if (JS_IsException(value)) {
      status = -1;
    } else if (JS_IsFunction(context, value)) {
      if (bridge_set_item(context, names_out, exported_count, JS_AtomToString(context, properties[i].atom))) status = -1;
      exported_functions[exported_count++] = value;
      continue;
    }
    JS_FreeValue(context, value);
  }
  for (uint32_t i = 0; i < count; i++) JS_FreeAtom(context, properties[i].atom);
  js_free(context, properties);
  JS_FreeValue(context, namespace_object);
  return status;
}

EXPORT(EXTISM_TS_ENTRY_ALLOC) void *extism_ts_alloc(size_t length) { return malloc(length); }

/* What eval and new Function do in a plug-in built without the JavaScript
   compiler. It replaces the compiler before the bundle runs, so that code
   probing for eval while it initializes sees what it will see at run time. */
static JSValue eval_unavailable(JSContext *ctx, JSValueConst this_obj, const char *input, size_t input_len,
                                const char *filename, int line, int flags, int scope_idx) {
  (void)this_obj, (void)input, (void)input_len, (void)filename, (void)line, (void)flags, (void)scope_idx;
  return JS_ThrowSyntaxError(ctx,
                             "eval and new Function are not available: this plug-in was built without the "
                             "JavaScript compiler, as its code never mentions eval or Function (build with --eval to keep it)");
}

EXPORT(EXTISM_TS_ENTRY_REPORT_LENGTH) size_t extism_ts_report_length(void) { return init_report_length; }

/* The C library's allocator, except that memory freed while the bundle
   initializes is zeroed first: the snapshot keeps only non-zero memory, so
   stale bytes in free blocks would otherwise ship in every plug-in. QuickJS
   keeps its own accounts of what it allocated. */

/* Called through a volatile pointer: a plain memset before free is a dead
   store the compiler removes. */
static void *(*volatile zero_memory)(void *, int, size_t) = memset;

static void *engine_calloc(void *opaque, size_t count, size_t size) {
  (void)opaque;
  return calloc(count, size);
}

static void *engine_malloc(void *opaque, size_t size) {
  (void)opaque;
  return malloc(size);
}

static void engine_free(void *opaque, void *pointer) {
  (void)opaque;
  if (pointer && zero_freed_memory) zero_memory(pointer, 0, malloc_usable_size(pointer));
  free(pointer);
}

static void *engine_realloc(void *opaque, void *pointer, size_t size) {
  if (!zero_freed_memory || !pointer || size == 0) return realloc(pointer, size);
  /* realloc would free the old block unzeroed when it moves it. */
  void *moved = malloc(size);
  if (!moved) return NULL;
  size_t old_size = malloc_usable_size(pointer);
  memcpy(moved, pointer, old_size < size ? old_size : size);
  engine_free(opaque, pointer);
  return moved;
}

static const JSMallocFunctions engine_allocator = {
    engine_calloc,
    engine_malloc,
    engine_free,
    engine_realloc,
    (size_t (*)(const void *))malloc_usable_size,
};

/* The intrinsics a plug-in's context starts with: the base objects, eval
   (through which the compiler is kept or replaced) and JSON always, the
   others when the build asks for them (the bundle names them). Never
   performance (its timeOrigin would be the build's) nor atob/btoa: the
   engine's globals provide those on first use in each instance. */
static int add_intrinsics(JSContext *ctx, uint32_t options) {
  /* Called directly, never through a table of function pointers: the link
     step keeps whatever memory points at. */
  int failed = JS_AddIntrinsicBaseObjects(ctx) || JS_AddIntrinsicEval(ctx) || JS_AddIntrinsicJSON(ctx) ||
               ((options & EXTISM_TS_INIT_DATE) && JS_AddIntrinsicDate(ctx)) ||
               ((options & EXTISM_TS_INIT_REG_EXP) && JS_AddIntrinsicRegExp(ctx)) ||
               ((options & EXTISM_TS_INIT_PROXY) && JS_AddIntrinsicProxy(ctx)) ||
               ((options & EXTISM_TS_INIT_MAP_SET) && JS_AddIntrinsicMapSet(ctx)) ||
               ((options & EXTISM_TS_INIT_TYPED_ARRAYS) && JS_AddIntrinsicTypedArrays(ctx)) ||
               ((options & EXTISM_TS_INIT_PROMISE) && JS_AddIntrinsicPromise(ctx)) ||
               ((options & EXTISM_TS_INIT_WEAK_REF) && JS_AddIntrinsicWeakRef(ctx));
  if (failed) return -1;
  if (options & EXTISM_TS_INIT_DATE) engine_install_clock_checks(ctx);
  return 0;
}

static int append_table_index(void *array, uint32_t table_index) {
  JSValue *values = array;
  int64_t length;
  if (JS_GetLength(context, *values, &length)) return -1;
  return JS_SetPropertyInt64(context, *values, length, JS_NewUint32(context, table_index)) < 0 ? -1 : 0;
}

EXPORT(EXTISM_TS_ENTRY_ABI_VERSION) int32_t extism_ts_abi_version(void) { return EXTISM_TS_ABI_VERSION; }

/* A native's function-table index, as the report gives it. */
static JSValue table_index_of(uintptr_t function) { return JS_NewUint32(context, (uint32_t)function); }

/* The init report (the engine contract's InitReport) after a successful
   evaluation; -1 when out of memory. Every value made is handed to the
   report, which owns it from then on, whether or not an earlier step failed. */
static int report_exports(JSValue names, int cancelled_timers) {
  JSValue report = JS_NewObject(context);
  int failed = bridge_set_field(context, report, "exports", names);
  JSValue natives = JS_NewArray(context);
  for (uint32_t i = 0; i < bound_count && !failed; i++) failed = bridge_set_item(context, natives, i, JS_NewUint32(context, bound_natives[i]));
  failed |= bridge_set_field(context, report, "natives", natives);
  JSValue every_native = JS_NewArray(context);
  JSValue companions = JS_NewArray(context);
  uint32_t native_count = 0, companion_count = 0;
  for (size_t a = 0; a < sizeof(areas) / sizeof(areas[0]); a++)
    for (size_t i = 0; i < *areas[a].count && !failed; i++) {
      const BridgeNative *native = &areas[a].natives[i];
      failed = bridge_set_item(context, every_native, native_count++, table_index_of((uintptr_t)native->fn));
      if (failed || !native->companion) continue;
      JSValue pair = JS_NewArray(context);
      failed = bridge_set_item(context, pair, 0, table_index_of((uintptr_t)native->fn)) |
               bridge_set_item(context, pair, 1, table_index_of((uintptr_t)native->companion));
      failed |= bridge_set_item(context, companions, companion_count++, pair);
    }
  failed |= bridge_set_field(context, report, "allNatives", every_native);
  failed |= bridge_set_field(context, report, "companions", companions);
  JSValue skipped = take_global(EXTISM_TS_GLOBAL_SKIPPED_EXPORTS);
  if (!JS_IsArray(skipped)) {
    JS_FreeValue(context, skipped);
    skipped = JS_NewArray(context);
  }
  failed |= bridge_set_field(context, report, "skippedExports", skipped);
  failed |= bridge_set_field(context, report, "compilerEntry", JS_NewUint32(context, engine_compiler_entry()));
  failed |= bridge_set_field(context, report, "hostFunctions", host_calls_declarations(context));
  failed |= bridge_set_field(context, report, "cancelledTimers", JS_NewInt32(context, cancelled_timers));
  uint32_t lists_start, lists_end;
  engine_function_lists(&lists_start, &lists_end);
  JSValue lists = JS_NewArray(context);
  failed |= bridge_set_item(context, lists, 0, JS_NewUint32(context, lists_start)) | bridge_set_item(context, lists, 1, JS_NewUint32(context, lists_end));
  failed |= bridge_set_field(context, report, "functionLists", lists);
  JSValue reached = JS_NewArray(context);
  if (!failed && !JS_IsException(reached)) failed = engine_reached_builtins(runtime, append_table_index, &reached) ? -1 : 0;
  failed |= bridge_set_field(context, report, "reachedBuiltins", reached);
  if (!failed) report_value(report);
  JS_FreeValue(context, report);
  return failed ? -1 : 0;
}

/* Evaluate the bundle once, at build time. Returns a JSON report (see the
   engine contract's InitReport), or {"stage", "error"}. */
EXPORT(EXTISM_TS_ENTRY_INIT) const char *extism_ts_init(const char *source, size_t length, const char *filename,
                                                  uint32_t options, double build_instant_ms) {
  zero_freed_memory = 1;
  initializing = 1;
  wasi_set_build_instant(build_instant_ms);
  runtime = JS_NewRuntime2(&engine_allocator, NULL);
  context = runtime ? JS_NewContextRaw(runtime) : NULL;
  if (!context || add_intrinsics(context, options)) {
    set_init_report(NULL, 0);
    return init_report;
  }
  JSValue global = JS_GetGlobalObject(context);
  int failed = bridge_set_field(context, global, EXTISM_TS_GLOBAL_NATIVE, JS_NewCFunction(context, js_native, EXTISM_TS_GLOBAL_NATIVE, 1));
  JS_FreeValue(context, global);
  if (failed) {
    set_init_report(NULL, 0);
    return init_report;
  }
  wasi_install_math_random(context);
  limits_install(runtime, context);

  JSValue result = JS_Eval(context, source, length, filename, JS_EVAL_TYPE_GLOBAL | JS_EVAL_FLAG_COMPILE_ONLY);
  if (!(options & EXTISM_TS_INIT_KEEP_COMPILER)) engine_remove_compiler(context, eval_unavailable);
  if (!JS_IsException(result)) result = JS_EvalFunction(context, result);
  int cancelled_timers = 0;
  if (!JS_IsException(result) &&
      (run_jobs_and_due_timers() < 0 || (cancelled_timers = timers_run(context, TIMERS_CANCEL)) < 0)) {
    JS_FreeValue(context, result);
    result = JS_EXCEPTION;
  }
  initializing = 0;
  if (JS_IsException(result)) {
    report_failure("evaluate");
    return init_report;
  }
  JS_FreeValue(context, result);

  JSValue names = JS_NewArray(context);
  export_names = JS_DupValue(context, names);
  if (collect_exports(names)) {
    JS_FreeValue(context, names);
    report_failure("exports");
    return init_report;
  }
  if (report_exports(names, cancelled_timers)) {
    set_init_report(NULL, 0);
    return init_report;
  }
  engine_drop_function_sources(runtime);
  JS_RunGC(runtime);
  engine_zero_free_arena_blocks(runtime);
  wasi_forget_seed();
  /* The bundle's text is compiled: it goes, and its bytes with it. */
  zero_memory((void *)source, 0, length);
  free((void *)source);
  zero_freed_memory = 0;
  return init_report;
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
  JSValue then = JS_GetPropertyStr(context, value, "then");
  if (!JS_IsFunction(context, then)) {
    JS_FreeValue(context, then);
    return value;
  }
  settled_state = 0;
  settled_value = JS_UNDEFINED;
  JSValue generation = JS_NewInt32(context, ++settle_generation);
  JSValue handlers[2] = {
      JS_NewCFunctionData(context, on_settled, 1, 1, 1, &generation),
      JS_NewCFunctionData(context, on_settled, 1, 2, 1, &generation),
  };
  JSValue chained = JS_Call(context, then, value, 2, (JSValueConst *)handlers);
  JS_FreeValue(context, handlers[0]);
  JS_FreeValue(context, handlers[1]);
  JS_FreeValue(context, then);
  JS_FreeValue(context, value);
  if (JS_IsException(chained)) return chained;
  JS_FreeValue(context, chained);
  /* Until it settles: jobs, due timers, then the next timer in deadline order. */
  for (;;) {
    if (run_jobs_and_due_timers() < 0) return JS_EXCEPTION;
    if (settled_state != 0) break;
    int ran = timers_run(context, TIMERS_RUN_NEXT);
    if (ran < 0) return JS_EXCEPTION;
    if (ran == 0) break;
  }
  if (settled_state == 1) return settled_value;
  if (settled_state == 2) return JS_Throw(context, settled_value);
  return JS_ThrowInternalError(context, "the export returned a promise that never settled: nothing was left to run");
}

/* A raw export returned non-zero without throwing: say so as the call's error. */
static void report_return_code(uint32_t index, int32_t code) {
  JSValue name = JS_GetPropertyUint32(context, export_names, index);
  size_t name_length = 0;
  const char *text = bridge_to_utf8(context, name, &name_length);
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
  JS_FreeCString(context, text);
  JS_FreeValue(context, name);
  if (!text) JS_FreeValue(context, JS_GetException(context));
}

/* An exception after the export returned fails the call, unless it failed already. */
static int32_t report_after_call(int32_t code) {
  if (code == 0) return bridge_report_exception(context);
  JS_FreeValue(context, JS_GetException(context));
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
    code = return_code_of(context, reason);
    JSValue message = describe_exception(context, reason);
    size_t length = 0;
    const char *text = bridge_to_utf8(context, message, &length);
    char *joined = text ? malloc(sizeof UNHANDLED_REJECTION - 1 + length) : NULL;
    if (joined) {
      memcpy(joined, UNHANDLED_REJECTION, sizeof UNHANDLED_REJECTION - 1);
      memcpy(joined + sizeof UNHANDLED_REJECTION - 1, text, length);
      ExtismPointer block;
      if (block_from_bytes((const uint8_t *)joined, sizeof UNHANDLED_REJECTION - 1 + length, &block) == 0 && block != 0)
        extism_error_set(block);
    }
    free(joined);
    JS_FreeCString(context, text);
    JS_FreeValue(context, message);
    if (!text) JS_FreeValue(context, JS_GetException(context));
  }
  for (size_t i = 0; i < rejection_count; i++) {
    JS_FreeValue(context, rejections[i].promise);
    JS_FreeValue(context, rejections[i].reason);
  }
  rejection_count = 0;
  return code;
}

EXPORT(EXTISM_TS_ENTRY_INVOKE) int32_t extism_ts_invoke(uint32_t index) {
  limits_enter_call(runtime);
  JS_SetHostPromiseRejectionTracker(runtime, track_rejection, NULL);
  JSValue result = JS_Call(context, exported_functions[index], JS_UNDEFINED, 0, NULL);
  if (!JS_IsException(result) && JS_IsObject(result)) result = settle(result);
  int32_t code = 0;
  if (JS_IsException(result)) {
    code = bridge_report_exception(context);
  } else if (JS_IsNumber(result)) {
    JS_ToInt32(context, &code, result);
    /* Some hosts (the JS SDKs) look only at the error, not the return code. */
    if (code != 0) report_return_code(index, code);
  }
  JS_FreeValue(context, result);
  /* Due timers run before the call ends; the rest are cancelled, never run in a later call. */
  if (run_jobs_and_due_timers() < 0) code = report_after_call(code);
  if (timers_run(context, TIMERS_CANCEL) < 0) code = report_after_call(code);
  return report_unhandled_rejection(code);
}
