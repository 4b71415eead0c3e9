/* Limits that keep deep input from exhausting the host's native stack,
   which QuickJS cannot see: past it the host traps instead of the plug-in
   throwing. */
#include <string.h>
#include "bridge.h"
#include "engine_internals.h"

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
      if (++depth > LIMITS_JSON_MAX_DEPTH) return 1;
    } else if (c == ']' || c == '}') {
      depth--;
    }
  }
  return 0;
}

/* JSON.parse recurses natively without a check of its own: the text is scanned first. */
int limits_check_json_depth(JSContext *ctx, const char *text, size_t length) {
  if (length <= LIMITS_JSON_MAX_DEPTH || !json_depth_exceeds(text, length)) return 0;
  JS_ThrowSyntaxError(ctx, "JSON.parse: nested more than %d levels deep", LIMITS_JSON_MAX_DEPTH);
  return -1;
}

/* Without a reviver the text converted for the check is parsed as it is;
   JSON.parse itself would convert the string to UTF-8 a second time. */
static JSValue js_json_parse_guarded(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  if (argc > 0 && JS_IsString(argv[0])) {
    size_t length;
    const char *text = JS_ToCStringLen(ctx, &length, argv[0]);
    if (!text) return JS_EXCEPTION;
    JSValue result = JS_UNDEFINED;
    if (limits_check_json_depth(ctx, text, length)) result = JS_EXCEPTION;
    else if (argc < 2 || !JS_IsFunction(ctx, argv[1])) result = JS_ParseJSON(ctx, text, length, "<input>");
    JS_FreeCString(ctx, text);
    if (!JS_IsUndefined(result)) return result;
  }
  return JS_Call(ctx, original_json_parse, this_val, argc, argv);
}

/* EXTISM_TS_STACK_LIMIT: bytes of linear stack a call may use, each engine's
   own, measured against the hosts' native stacks (ENGINE_PROFILES in
   src/contract.ts). */
void limits_install(JSRuntime *rt, JSContext *ctx) {
  engine_set_stack_limit(rt, EXTISM_TS_STACK_LIMIT);
  JSValue global = JS_GetGlobalObject(ctx);
  JSValue json = JS_GetPropertyStr(ctx, global, "JSON");
  original_json_parse = JS_GetPropertyStr(ctx, json, "parse");
  JS_SetPropertyStr(ctx, json, "parse", JS_NewCFunction(ctx, js_json_parse_guarded, "parse", 2));
  JS_FreeValue(ctx, json);
  JS_FreeValue(ctx, global);
}

/* The stack limit counts from the export's own frame, not from where the
   runtime was made at build time. */
void limits_enter_call(JSRuntime *rt) { engine_set_stack_limit(rt, EXTISM_TS_STACK_LIMIT); }
