/* Limits that keep deep input from exhausting the host's native stack,
   which QuickJS cannot see: past it the host traps instead of the plug-in
   throwing. */
#include <string.h>
#include "bridge.h"
#include "engine_internals.h"

/* QuickJS's own check counts the stack in linear memory; the host's native
   stack holds the same calls' wasm frames, which the engine cannot see.
   Measured with the check off, wasmtime's 512 KiB (the reference runtime's
   default, the smallest of the hosts) runs out after 175 KiB of linear stack
   for the costliest kind of recursion (async functions awaiting themselves;
   plain recursive calls get to 241 KiB): stop at 144 KiB. */
#define JS_STACK_LIMIT (144 * 1024)
/* JSON.parse recurses natively without a check of its own. */
#define JSON_MAX_DEPTH 1000

static JSValue original_json_parse;

/* Nesting depth of JSON text, ignoring brackets inside strings; stops counting past the limit. */
static int json_depth_exceeds(const char *text, size_t length) {
  int depth = 0, in_string = 0;
  for (size_t i = 0; i < length; i++) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') i++;
      else if (c == '"') in_string = 0;
    } else if (c == '"') {
      in_string = 1;
    } else if (c == '[' || c == '{') {
      if (++depth > JSON_MAX_DEPTH) return 1;
    } else if (c == ']' || c == '}') {
      depth--;
    }
  }
  return 0;
}

static JSValue js_json_parse_guarded(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  if (argc > 0 && JS_IsString(argv[0])) {
    size_t length;
    const char *text = JS_ToCStringLen(ctx, &length, argv[0]);
    if (!text) return JS_EXCEPTION;
    int too_deep = length > JSON_MAX_DEPTH && json_depth_exceeds(text, length);
    JS_FreeCString(ctx, text);
    if (too_deep) return JS_ThrowSyntaxError(ctx, "JSON.parse: nested more than %d levels deep", JSON_MAX_DEPTH);
  }
  return JS_Call(ctx, original_json_parse, this_val, argc, argv);
}

void limits_install(JSRuntime *rt, JSContext *ctx) {
  engine_set_stack_limit(rt, JS_STACK_LIMIT);
  JSValue global = JS_GetGlobalObject(ctx);
  JSValue json = JS_GetPropertyStr(ctx, global, "JSON");
  original_json_parse = JS_GetPropertyStr(ctx, json, "parse");
  JS_SetPropertyStr(ctx, json, "parse", JS_NewCFunction(ctx, js_json_parse_guarded, "parse", 2));
  JS_FreeValue(ctx, json);
  JS_FreeValue(ctx, global);
}

/* The stack limit counts from the export's own frame, not from where the
   runtime was made at build time. */
void limits_enter_call(JSRuntime *rt) { engine_set_stack_limit(rt, JS_STACK_LIMIT); }
