/* Build time: the bundle evaluated once (its natives bound, its timers run
   or cancelled), its exports collected, and the init report the build reads
   (the engine contract's InitReport), which says out of memory in a fixed
   text when it cannot be made. Also the small entry points the build calls. */
#include <stdlib.h>
#include <string.h>
#include "runtime.h"
#include "engine_internals.h"

JSRuntime *plugin_runtime;
JSContext *plugin_context;
JSValue *plugin_exports;
JSValue plugin_export_names;
uint32_t plugin_export_count;
static int initializing;

static char *init_report;
static size_t init_report_length;

int bridge_initializing(void) { return initializing; }

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
  JSValue json = JS_JSONStringify(plugin_context, report, JS_UNDEFINED, JS_UNDEFINED);
  size_t length = 0;
  const char *text = JS_IsException(json) ? NULL : JS_ToCStringLen(plugin_context, &length, json);
  set_init_report(text, length);
  JS_FreeCString(plugin_context, text);
  JS_FreeValue(plugin_context, json);
}

static void report_failure(const char *stage) {
  JSValue exception = JS_GetException(plugin_context);
  JSValue report = JS_NewObject(plugin_context);
  if (bridge_set_field(plugin_context, report, "stage", JS_NewString(plugin_context, stage)) ||
      bridge_set_field(plugin_context, report, "error", errors_describe(plugin_context, exception)))
    set_init_report(NULL, 0);
  else
    report_value(report);
  JS_FreeValue(plugin_context, report);
  JS_FreeValue(plugin_context, exception);
}

/* A global the bundle left for the engine: its value, and the global goes. */
static JSValue take_global(const char *name) {
  JSValue global = JS_GetGlobalObject(plugin_context);
  JSValue value = JS_GetPropertyStr(plugin_context, global, name);
  JSAtom atom = JS_NewAtom(plugin_context, name);
  JS_DeleteProperty(plugin_context, global, atom, 0);
  JS_FreeAtom(plugin_context, atom);
  JS_FreeValue(plugin_context, global);
  return value;
}

static int collect_exports(JSValueConst names_out) {
  JSValue namespace_object = take_global(EXTISM_TS_GLOBAL_EXPORTS);
  if (!JS_IsObject(namespace_object)) {
    JS_FreeValue(plugin_context, namespace_object);
    JS_ThrowTypeError(plugin_context, "the bundle did not define its exports");
    return -1;
  }
  JSPropertyEnum *properties;
  uint32_t count;
  if (JS_GetOwnPropertyNames(plugin_context, &properties, &count, namespace_object,
                             JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY)) {
    JS_FreeValue(plugin_context, namespace_object);
    return -1;
  }
  plugin_exports = calloc(count ? count : 1, sizeof(JSValue));
  int status = plugin_exports ? 0 : -1;
  if (status) JS_ThrowOutOfMemory(plugin_context);
  for (uint32_t i = 0; i < count && status == 0; i++) {
    JSValue value = JS_GetProperty(plugin_context, namespace_object, properties[i].atom);
    if (JS_IsException(value)) {
      status = -1;
    } else if (JS_IsFunction(plugin_context, value)) {
      if (bridge_set_item(plugin_context, names_out, plugin_export_count, JS_AtomToString(plugin_context, properties[i].atom))) status = -1;
      plugin_exports[plugin_export_count++] = value;
      continue;
    }
    JS_FreeValue(plugin_context, value);
  }
  for (uint32_t i = 0; i < count; i++) JS_FreeAtom(plugin_context, properties[i].atom);
  js_free(plugin_context, properties);
  JS_FreeValue(plugin_context, namespace_object);
  return status;
}

EXPORT(EXTISM_TS_ENTRY_ALLOC) void *extism_ts_alloc(size_t length) { return malloc(length); }

EXPORT(EXTISM_TS_ENTRY_REPORT_LENGTH) size_t extism_ts_report_length(void) { return init_report_length; }

EXPORT(EXTISM_TS_ENTRY_ABI_VERSION) int32_t extism_ts_abi_version(void) { return EXTISM_TS_ABI_VERSION; }

static int append_table_index(void *array, uint32_t table_index) {
  JSValue *values = array;
  int64_t length;
  if (JS_GetLength(plugin_context, *values, &length)) return -1;
  return JS_SetPropertyInt64(plugin_context, *values, length, JS_NewUint32(plugin_context, table_index)) < 0 ? -1 : 0;
}

/* Where the heap begins: everything below is the stack and the engine's
   static data. These come from wasm-ld, and are weak (0 when no linker
   defines them) so that the native harness links the same file. */
extern unsigned char __heap_base __attribute__((weak));
/* The stack's range. */
extern unsigned char __stack_low __attribute__((weak));
extern unsigned char __stack_high __attribute__((weak));

/* The heap census (engine_heap_census) as the report's `heap`. */
static JSValue heap_report(const EngineHeapCensus *census) {
  JSValue heap = JS_NewObject(plugin_context);
  const struct {
    const char *name;
    size_t value;
  } fields[] = {
      {"base", (size_t)(uintptr_t)&__heap_base},
      {"quickjs", census->quickjs},
      {"bytecode", census->bytecode},
      {"lineTables", census->line_tables},
      {"functions", census->functions},
      {"atoms", census->atoms},
      {"atomCount", census->atom_count},
      {"strings", census->strings},
      {"shapes", census->shapes},
      {"objects", census->objects},
      {"typedArrayData", census->typed_array_data},
      {"regexps", census->regexps},
      {"maps", census->maps},
  };
  for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
    if (bridge_set_field(plugin_context, heap, fields[i].name, JS_NewFloat64(plugin_context, (double)fields[i].value))) {
      JS_FreeValue(plugin_context, heap);
      return JS_EXCEPTION;
    }
  return heap;
}

/* The init report (the engine contract's InitReport) after a successful
   evaluation; -1 when out of memory. Every value made is handed to the
   report, which owns it from then on, whether or not an earlier step failed. */
static int report_exports(JSValue names, int cancelled_timers, const EngineHeapCensus *census) {
  JSValue report = JS_NewObject(plugin_context);
  int failed = bridge_set_field(plugin_context, report, "exports", names);
  failed |= natives_report(plugin_context, report);
  JSValue skipped = take_global(EXTISM_TS_GLOBAL_SKIPPED_EXPORTS);
  if (!JS_IsArray(skipped)) {
    JS_FreeValue(plugin_context, skipped);
    skipped = JS_NewArray(plugin_context);
  }
  failed |= bridge_set_field(plugin_context, report, "skippedExports", skipped);
  failed |= bridge_set_field(plugin_context, report, "compilerEntry", JS_NewUint32(plugin_context, engine_compiler_entry()));
  failed |= bridge_set_field(plugin_context, report, "hostFunctions", host_calls_declarations(plugin_context));
  failed |= bridge_set_field(plugin_context, report, "cancelledTimers", JS_NewInt32(plugin_context, cancelled_timers));
  uint32_t lists_start, lists_end;
  engine_function_lists(&lists_start, &lists_end);
  JSValue lists = JS_NewArray(plugin_context);
  failed |= bridge_set_item(plugin_context, lists, 0, JS_NewUint32(plugin_context, lists_start)) | bridge_set_item(plugin_context, lists, 1, JS_NewUint32(plugin_context, lists_end));
  failed |= bridge_set_field(plugin_context, report, "functionLists", lists);
  JSValue reached = JS_NewArray(plugin_context);
  if (!failed && !JS_IsException(reached)) failed = engine_reached_builtins(plugin_runtime, append_table_index, &reached) ? -1 : 0;
  failed |= bridge_set_field(plugin_context, report, "reachedBuiltins", reached);
  failed |= bridge_set_field(plugin_context, report, "heap", heap_report(census));
  JSValue stack = JS_NewArray(plugin_context);
  failed |= bridge_set_item(plugin_context, stack, 0, JS_NewUint32(plugin_context, (uint32_t)(uintptr_t)&__stack_low)) |
            bridge_set_item(plugin_context, stack, 1, JS_NewUint32(plugin_context, (uint32_t)(uintptr_t)&__stack_high));
  failed |= bridge_set_field(plugin_context, report, "stack", stack);
  if (!failed) report_value(report);
  JS_FreeValue(plugin_context, report);
  return failed ? -1 : 0;
}

/* Evaluate the bundle once, at build time. Returns a JSON report (see the
   engine contract's InitReport), or {"stage", "error"}. */
EXPORT(EXTISM_TS_ENTRY_INIT) const char *extism_ts_init(const char *source, size_t length, const char *filename,
                                                  uint32_t options, double build_instant_ms) {
  zeroing_allocator_zero_freed(1);
  initializing = 1;
  wasi_set_build_instant(build_instant_ms);
  plugin_runtime = JS_NewRuntime2(&zeroing_allocator, NULL);
  plugin_context = plugin_runtime ? JS_NewContextRaw(plugin_runtime) : NULL;
  if (!plugin_context || intrinsics_add(plugin_context, options)) {
    set_init_report(NULL, 0);
    return init_report;
  }
  if (natives_install(plugin_context)) {
    set_init_report(NULL, 0);
    return init_report;
  }
  wasi_install_math_random(plugin_context);
  limits_install(plugin_runtime, plugin_context);

  JSValue result = JS_Eval(plugin_context, source, length, filename, JS_EVAL_TYPE_GLOBAL | JS_EVAL_FLAG_COMPILE_ONLY);
  if (!(options & EXTISM_TS_INIT_KEEP_COMPILER)) intrinsics_drop_compiler(plugin_context);
  if (!JS_IsException(result)) result = JS_EvalFunction(plugin_context, result);
  int cancelled_timers = 0;
  if (!JS_IsException(result) &&
      (invoke_run_jobs_and_due_timers() < 0 || (cancelled_timers = timers_run(plugin_context, TIMERS_CANCEL)) < 0)) {
    JS_FreeValue(plugin_context, result);
    result = JS_EXCEPTION;
  }
  initializing = 0;
  if (JS_IsException(result)) {
    report_failure("evaluate");
    return init_report;
  }
  JS_FreeValue(plugin_context, result);

  JSValue names = JS_NewArray(plugin_context);
  plugin_export_names = JS_DupValue(plugin_context, names);
  if (collect_exports(names)) {
    JS_FreeValue(plugin_context, names);
    report_failure("exports");
    return init_report;
  }
  /* What the plug-in keeps, counted before the report's own values exist. */
  engine_drop_function_sources(plugin_runtime);
  JS_RunGC(plugin_runtime);
  EngineHeapCensus census;
  if (engine_heap_census(plugin_runtime, &census) || report_exports(names, cancelled_timers, &census)) {
    set_init_report(NULL, 0);
    return init_report;
  }
#ifdef EXTISM_TS_AOT
  if (engine_request_aot(plugin_runtime)) {
    set_init_report(NULL, 0);
    return init_report;
  }
#endif
  engine_zero_free_arena_blocks(plugin_runtime);
  wasi_forget_seed();
  /* The bundle's text is compiled: it goes, and its bytes with it. */
  zeroing_allocator_release((void *)source, length);
  zeroing_allocator_zero_freed(0);
  return init_report;
}
