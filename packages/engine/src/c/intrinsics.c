/* The intrinsics a plug-in's context starts with, and the compiler: kept
   when the build asks for it, else replaced before the bundle runs. */
#include "runtime.h"
#include "engine_internals.h"

/* The intrinsics a plug-in's context starts with: the base objects, eval
   (through which the compiler is kept or replaced) and JSON always, the
   others (the contract's INTRINSICS) when the build asks for them (the bundle
   names them). Never performance (its timeOrigin would be the build's) nor
   atob/btoa: the engine's globals provide those on first use in each instance. */
int intrinsics_add(JSContext *ctx, uint32_t options) {
  /* Called directly, never through a table of function pointers: the link
     step keeps whatever memory points at. */
#define ADD_INTRINSIC(bit, add) || ((options & (bit)) && add(ctx))
  int failed = JS_AddIntrinsicBaseObjects(ctx) || JS_AddIntrinsicEval(ctx) || JS_AddIntrinsicJSON(ctx)
               EXTISM_TS_INTRINSICS(ADD_INTRINSIC);
#undef ADD_INTRINSIC
  if (failed) return -1;
  if (options & EXTISM_TS_INTRINSIC_DATE) engine_install_clock_checks(ctx);
  return 0;
}

/* What eval and new Function do in a plug-in built without the JavaScript
   compiler. It replaces the compiler before the bundle runs, so that code
   probing for eval while it initializes sees what it will see at run time. */
static JSValue eval_unavailable(JSContext *ctx, JSValueConst this_obj, const char *input, size_t input_len,
                                const char *filename, int line, int flags, int scope_idx) {
  (void)this_obj, (void)input, (void)input_len, (void)filename, (void)line, (void)flags, (void)scope_idx;
  return JS_ThrowSyntaxError(ctx,
                             "eval and new Function are not available: this plug-in was built without the "
                             "JavaScript compiler, as its code never uses eval or Function (build with --eval to keep it)");
}

void intrinsics_drop_compiler(JSContext *ctx) { engine_remove_compiler(ctx, eval_unavailable); }
