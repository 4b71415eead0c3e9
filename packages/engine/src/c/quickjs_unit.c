/* QuickJS itself, compiled as part of this translation unit so that the
   bridge can reach the runtime's internals where the public API has no way
   to say what it needs. */
#include "quickjs.c"

/* An export starts with no JS frame running. After a trap in an earlier call
   (a host function that failed, the host's stack limit), the runtime still
   points at that call's frames, which no longer exist: forget them. */
void engine_forget_stale_frames(JSRuntime *rt) { rt->current_stack_frame = NULL; }

/* Function.prototype.toString's source text: QuickJS keeps a copy of each
   function's source, nested functions included, which would otherwise make
   up most of a large bundle's snapshot. Line numbers for stacks stay. */
void engine_drop_function_sources(JSRuntime *rt) {
  struct list_head *el;
  list_for_each(el, &rt->gc_obj_list) {
    JSGCObjectHeader *object = list_entry(el, JSGCObjectHeader, link);
    if (object->gc_obj_type != JS_GC_OBJ_TYPE_FUNCTION_BYTECODE) continue;
    JSFunctionBytecode *function = (JSFunctionBytecode *)object;
    if (function->has_debug && function->debug.source) {
      js_free_rt(rt, function->debug.source);
      function->debug.source = NULL;
      function->debug.source_len = 0;
    }
  }
}
