/* What the engine's lifecycle files share: natives.c (the registry of
   natives), errors.c (exceptions as the host's errors), allocator.c (the
   zeroing allocator), intrinsics.c (what a context starts with), init.c
   (build-time initialization and its report) and invoke.c (running an
   export, settling what it returns). */
#ifndef EXTISM_TS_RUNTIME_H
#define EXTISM_TS_RUNTIME_H

#include "bridge.h"
#include "contract.h"

/* Entry points for the build, named by the contract (contract.h). */
#define EXPORT(name) __attribute__((export_name(name)))

/* init.c: the one runtime and context, kept in the snapshot, and the
   bundle's exports by invoke index (the names array is kept alive too). */
extern JSRuntime *plugin_runtime;
extern JSContext *plugin_context;
extern JSValue *plugin_exports;
extern JSValue plugin_export_names;
extern uint32_t plugin_export_count;

/* natives.c: the __extism_ts_native global, a native by name (NULL when
   there is none), and the report's "natives" (bound by the bundle),
   "allNatives" and "companions" fields; -1 when out of memory. */
int natives_install(JSContext *ctx);
const BridgeNative *natives_find(const char *name);
int natives_report(JSContext *ctx, JSValueConst report);

/* errors.c: "Name: message" and the stack (mapped to TypeScript lines) of a
   thrown value; the return code a PluginError carries, else -1. */
JSValue errors_describe(JSContext *ctx, JSValueConst exception);
int32_t errors_return_code(JSContext *ctx, JSValueConst exception);

/* allocator.c: QuickJS-NG's allocator, which zeroes what is freed while
   zeroing is on (all of initialization); release zeroes and frees a block. */
extern const JSMallocFunctions zeroing_allocator;
void zeroing_allocator_zero_freed(int on);
void zeroing_allocator_release(void *pointer, size_t length);

/* intrinsics.c: the context's intrinsics (the build's options say which),
   -1 when out of memory; and the compiler replaced by an error. */
int intrinsics_add(JSContext *ctx, uint32_t options);
void intrinsics_drop_compiler(JSContext *ctx);

/* invoke.c: jobs, then each due timer and the jobs it queued, until neither
   is left; -1 with an exception. */
int invoke_run_jobs_and_due_timers(void);

#endif
