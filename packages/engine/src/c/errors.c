/* Exceptions turned into what the host sees: the error text ("Name:
   message" and the stack, mapped to the plug-in's TypeScript lines) and the
   return code (a PluginError's own, else -1). */
#include <stdlib.h>
#include <string.h>
#include "runtime.h"

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
JSValue errors_describe(JSContext *ctx, JSValueConst exception) {
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
int32_t errors_return_code(JSContext *ctx, JSValueConst exception) {
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
  int32_t code = errors_return_code(ctx, exception);
  JSValue message = errors_describe(ctx, exception);
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
