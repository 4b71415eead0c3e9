/* Host functions the plug-in declares. Declarations happen while the bundle
   initializes (at build time); the link step then adds one wasm import per
   declaration and writes the body of link_host_call, which calls the import
   with the arguments in `slots`.

   A call goes from JS to the import without JS in between: host_function(index)
   is a C function bound to its declaration, numbers need no bigint (an i64
   parameter takes a number as Rust's `as i64` converts it), and a memory
   block parameter or result (type M) is written, read and freed here, its
   offset never leaving C. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "codec.h"
#include "contract.h"

/* Defined by the link step; the engine alone only imports it. */
__attribute__((import_module(EXTISM_TS_DISPATCHER_MODULE), import_name(EXTISM_TS_DISPATCHER_NAME)))
void link_host_call(uint32_t index, uint64_t *slots);

#define MAX_HOST_FUNCTIONS 256
#define MAX_PARAMS 16

typedef struct {
  char *namespace;
  char *name;
  /* One letter a param: i i32, I i64, f f32, F f64, M a memory block (bytes
     in JS, its i64 offset in wasm). */
  char params[MAX_PARAMS + 1];
  char result; /* one of the letters, or 0 for none */
} HostFunction;

static HostFunction declared[MAX_HOST_FUNCTIONS];
static uint32_t declared_count;

static int valid_types(const char *types) {
  for (; *types; types++)
    if (!strchr("iIfFM", *types)) return 0;
  return 1;
}

/* host_declare(namespace, name, params, result) -> index. */
JSValue js_host_declare(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  if (!bridge_initializing())
    return JS_ThrowInternalError(ctx, "host functions are declared at module level, not inside an export");
  const char *namespace = JS_ToCString(ctx, argv[0]);
  const char *name = JS_ToCString(ctx, argv[1]);
  const char *params = JS_ToCString(ctx, argv[2]);
  const char *result = JS_ToCString(ctx, argv[3]);
  JSValue answer = JS_UNDEFINED;
  if (!namespace || !name || !params || !result) {
    answer = JS_EXCEPTION;
  } else if (strlen(params) > MAX_PARAMS || !valid_types(params) || strlen(result) > 1 || !valid_types(result)) {
    answer = JS_ThrowTypeError(ctx, "host function %s: invalid signature", name);
  } else {
    for (uint32_t i = 0; i < declared_count && JS_IsUndefined(answer); i++) {
      if (strcmp(declared[i].namespace, namespace) || strcmp(declared[i].name, name)) continue;
      if (strcmp(declared[i].params, params) || declared[i].result != result[0])
        answer = JS_ThrowTypeError(ctx, "host function %s/%s is declared twice with different signatures", namespace, name);
      else
        answer = JS_NewUint32(ctx, i);
    }
    if (JS_IsUndefined(answer)) {
      if (declared_count == MAX_HOST_FUNCTIONS) {
        answer = JS_ThrowRangeError(ctx, "a plug-in can declare at most %d host functions", MAX_HOST_FUNCTIONS);
      } else {
        HostFunction *function = &declared[declared_count];
        function->namespace = strdup(namespace);
        function->name = strdup(name);
        if (!function->namespace || !function->name) {
          free(function->namespace);
          free(function->name);
          function->namespace = function->name = NULL;
          answer = JS_ThrowOutOfMemory(ctx);
        } else {
          strcpy(function->params, params);
          function->result = result[0];
          answer = JS_NewUint32(ctx, declared_count++);
        }
      }
    }
  }
  JS_FreeCString(ctx, namespace);
  JS_FreeCString(ctx, name);
  JS_FreeCString(ctx, params);
  JS_FreeCString(ctx, result);
  return answer;
}

/* A number as Rust's `as i64` converts an f64: toward zero, saturating, NaN as 0. */
static int64_t saturating_i64(double d) {
  if (isnan(d)) return 0;
  if (d >= 9223372036854775808.0) return INT64_MAX;
  if (d <= -9223372036854775808.0) return INT64_MIN;
  return (int64_t)d;
}

static int to_slot(JSContext *ctx, char type, JSValueConst value, uint64_t *slot) {
  switch (type) {
    case 'i': {
      int32_t v;
      if (JS_ToInt32(ctx, &v, value)) return -1;
      *slot = (uint32_t)v;
      return 0;
    }
    case 'I': {
      int64_t v;
      if (JS_VALUE_GET_TAG(value) == JS_TAG_INT) {
        v = JS_VALUE_GET_INT(value);
      } else if (JS_IsBigInt(value)) {
        if (JS_ToBigInt64(ctx, &v, value)) return -1;
      } else {
        double d;
        if (JS_ToFloat64(ctx, &d, value)) return -1;
        v = saturating_i64(d);
      }
      *slot = (uint64_t)v;
      return 0;
    }
    case 'f': {
      double d;
      if (JS_ToFloat64(ctx, &d, value)) return -1;
      float f = (float)d;
      *slot = 0;
      memcpy(slot, &f, sizeof f);
      return 0;
    }
    default: {
      double d;
      if (JS_ToFloat64(ctx, &d, value)) return -1;
      memcpy(slot, &d, sizeof d);
      return 0;
    }
  }
}

/* A memory block parameter: a new block holding the bytes. */
static int to_block(JSContext *ctx, const HostFunction *function, int position, JSValueConst value, uint64_t *slot) {
  const uint8_t *data;
  size_t length;
  if (bridge_get_bytes(ctx, value, "a host function's encoded argument", &data, &length)) return -1;
  ExtismPointer block;
  if (block_from_bytes(data, length, &block)) {
    JS_ThrowRangeError(ctx, "host function %s: the host could not allocate %zu bytes for argument %d", function->name,
                       length, position + 1);
    return -1;
  }
  *slot = block;
  return 0;
}

static JSValue from_slot(JSContext *ctx, char type, uint64_t slot) {
  switch (type) {
    case 'i':
      return JS_NewInt32(ctx, (int32_t)(uint32_t)slot);
    case 'I':
      return JS_NewBigInt64(ctx, (int64_t)slot);
    case 'M': {
      /* The block the host returned, as bytes (none for offset 0); it is ours to free. */
      if (slot == 0) return bridge_new_uint8array(ctx, malloc(1), 0);
      JSValue bytes = bridge_block_to_uint8array(ctx, slot, "a host function's result");
      extism_free(slot);
      return bytes;
    }
    case 'f': {
      float f;
      memcpy(&f, &slot, sizeof f);
      return JS_NewFloat64(ctx, f);
    }
    default: {
      double d;
      memcpy(&d, &slot, sizeof d);
      return JS_NewFloat64(ctx, d);
    }
  }
}

static JSValue call_host(JSContext *ctx, uint32_t index, int argc, JSValueConst *argv) {
  HostFunction *function = &declared[index];
  if (bridge_initializing())
    return JS_ThrowInternalError(ctx,
                                 "host function %s was called while the plug-in initialized (at build time): "
                                 "call host functions inside an exported function",
                                 function->name);
  int count = (int)strlen(function->params);
  if (argc != count)
    return JS_ThrowTypeError(ctx, "host function %s takes %d arguments, got %d", function->name, count, argc);
  uint64_t slots[MAX_PARAMS] = {0};
  int converted = 0;
  for (; converted < count; converted++) {
    char type = function->params[converted];
    int status = type == 'M' ? to_block(ctx, function, converted, argv[converted], &slots[converted])
                             : to_slot(ctx, type, argv[converted], &slots[converted]);
    if (status) break;
  }
  uint64_t result = 0;
  if (converted == count) {
    /* The dispatcher leaves the result in the first slot: the blocks' offsets stay in `slots`. */
    uint64_t exchange[MAX_PARAMS];
    memcpy(exchange, slots, sizeof exchange);
    link_host_call(index, exchange);
    result = exchange[0];
  }
  /* The result first: a host may answer with the very block it was given
     (an echo), which from_slot reads and frees; the others are freed after. */
  JSValue answer = converted < count ? JS_EXCEPTION : function->result ? from_slot(ctx, function->result, result) : JS_UNDEFINED;
  int result_is_block = converted == count && function->result == 'M';
  for (int i = 0; i < converted; i++)
    if (function->params[i] == 'M' && slots[i] != 0 && !(result_is_block && slots[i] == result)) extism_free(slots[i]);
  return answer;
}

/* host_call(index, ...args): i64 arguments as bigints or numbers, i64 results as bigints. */
JSValue js_host_call(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  uint32_t index;
  if (argc < 1 || JS_ToUint32(ctx, &index, argv[0]) || index >= declared_count)
    return JS_ThrowRangeError(ctx, "no host function with that index");
  return call_host(ctx, index, argc - 1, argv + 1);
}

JSValue js_host_function_call(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic) {
  (void)this_val;
  return call_host(ctx, (uint32_t)magic, argc, argv);
}

/* host_function(index): the declared function as a JS function that calls the host. */
JSValue js_host_function(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  uint32_t index;
  if (argc < 1 || JS_ToUint32(ctx, &index, argv[0]) || index >= declared_count)
    return JS_ThrowRangeError(ctx, "no host function with that index");
  HostFunction *function = &declared[index];
  return JS_NewCFunctionMagic(ctx, js_host_function_call, function->name, (int)strlen(function->params),
                              JS_CFUNC_generic_magic, (int)index);
}

/* host_initializing(): true while the bundle is evaluated at build time, when no host exists. */
JSValue js_host_initializing(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  (void)argv;
  return JS_NewBool(ctx, bridge_initializing());
}

/* The declarations, for the build's report: [{namespace, name, params, result}]. */
JSValue host_calls_declarations(JSContext *ctx) {
  JSValue list = JS_NewArray(ctx);
  int failed = JS_IsException(list);
  for (uint32_t i = 0; i < declared_count && !failed; i++) {
    JSValue entry = JS_NewObject(ctx);
    if (JS_IsException(entry)) {
      failed = 1;
      break;
    }
    failed = bridge_set_field(ctx, entry, "namespace", JS_NewString(ctx, declared[i].namespace)) ||
             bridge_set_field(ctx, entry, "name", JS_NewString(ctx, declared[i].name)) ||
             bridge_set_field(ctx, entry, "params", JS_NewString(ctx, declared[i].params)) ||
             bridge_set_field(ctx, entry, "result", JS_NewStringLen(ctx, &declared[i].result, declared[i].result ? 1 : 0));
    if (failed) JS_FreeValue(ctx, entry);
    else failed = bridge_set_item(ctx, list, i, entry);
  }
  if (!failed) return list;
  JS_FreeValue(ctx, list);
  return JS_EXCEPTION;
}
