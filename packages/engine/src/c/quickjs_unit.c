/* QuickJS-NG itself, compiled as part of this translation unit so that the
   bridge can reach the few runtime internals the public API has no way to
   express. Everything that touches an internal lives in this file. */
#include "cutils.h"

/* Date reads the wall clock through the bridge (clock.c): a fixed instant
   while the bundle initializes at build time, WASI's clock at run time.
   cutils.h is already included, so only quickjs.c's uses are redirected. */
int64_t bridge_wall_clock_us(void);
#define js__gettimeofday_us bridge_wall_clock_us
#include "quickjs.c"
#undef js__gettimeofday_us

#include "engine_internals.h"

/* QuickJS-NG turns its stack check off under WASI. The bridge sets the
   limit itself, counted down from the current frame, before each call. */
void engine_set_stack_limit(JSRuntime *rt, size_t size) {
  rt->stack_size = size;
  rt->stack_top = js_get_stack_pointer();
  rt->stack_limit = rt->stack_top - size;
}

/* Function.prototype.toString's source text: QuickJS keeps a copy of each
   function's source, which would otherwise make up most of a large bundle's
   snapshot. Line numbers for stacks stay. */
void engine_drop_function_sources(JSRuntime *rt) {
  struct list_head *el;
  list_for_each(el, &rt->gc_obj_list) {
    JSGCObjectHeader *object = list_entry(el, JSGCObjectHeader, link);
    if (JS_GC_TYPE(object) != JS_GC_OBJ_TYPE_FUNCTION_BYTECODE) continue;
    JSFunctionBytecode *function = (JSFunctionBytecode *)object;
    if (function->source) {
      js_free_rt(rt, function->source);
      function->source = NULL;
      function->source_len = 0;
    }
  }
}

/* Small blocks live in QuickJS's own arenas, so freeing one never reaches
   the bridge's allocator: zero their free blocks' payloads, or the snapshot
   would carry whatever they last held. */
void engine_zero_free_arena_blocks(JSRuntime *rt) {
  for (int size_index = 0; size_index < JS_ARENA_BLOCK_SIZE_COUNT; size_index++) {
    unsigned int block_size = arena_block_sizes[size_index];
    struct list_head *el;
    list_for_each(el, &rt->arena_state.arena_list[size_index]) {
      JSArena *arena = list_entry(el, JSArena, link);
      for (unsigned int index = arena->first_free_block; index != JS_ARENA_FREE_NIL;) {
        JSMallocBlockHeader *block = arena_get_block(arena, index, block_size);
        index = block->u.free_next;
        memset(block->user_data, 0, block_size - sizeof(JSMallocBlockHeader));
        block->ref_count = 0;
        block->gc_obj_type = 0;
        block->mark = 0;
      }
    }
  }
}

/* The parser and compiler's one entry, as a function-table index: the link
   step gives it an unreachable body when the plug-in has no compiler. */
uint32_t engine_compiler_entry(void) { return (uint32_t)(uintptr_t)__JS_EvalInternal; }

void engine_remove_compiler(JSContext *ctx, EngineEvalFunction *replacement) { ctx->eval_internal = replacement; }

/* Date() and new Date() with no arguments read the clock; without one
   (no WASI) they throw, as Date.now does, instead of reporting 1970. */
static JSValue engine_date_constructor(JSContext *ctx, JSValueConst new_target, int argc, JSValueConst *argv) {
  if ((argc == 0 || JS_IsUndefined(new_target)) && bridge_clock_missing(ctx)) return JS_EXCEPTION;
  return js_date_constructor(ctx, new_target, argc, argv);
}

static JSValue engine_date_now(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  if (bridge_clock_missing(ctx)) return JS_EXCEPTION;
  return js_Date_now(ctx, this_val, argc, argv);
}

void engine_install_clock_checks(JSContext *ctx) {
  JSValue date = js_dup(ctx->class_proto[JS_CLASS_DATE]);
  JSValue constructor = JS_GetPropertyStr(ctx, date, "constructor");
  JS_FreeValue(ctx, date);
  JS_VALUE_GET_OBJ(constructor)->u.cfunc.c_function.constructor = engine_date_constructor;
  JS_SetPropertyStr(ctx, constructor, "now", JS_NewCFunction(ctx, engine_date_now, "now", 0));
  JS_FreeValue(ctx, constructor);
}
