/* JS values built from fuzz input, for the encoders. Each byte picks a
   kind; the kinds cover what the native encoders write themselves and what
   they must hand to the JS implementation (or refuse): toJSON, getters,
   Dates, Maps, class instances, proxies, holes, non-enumerable and
   "__proto__" keys, lone surrogates, bigints, shared and deep nesting. */
#include <string.h>
#include "harness.h"

#define MAX_DEPTH 40
#define MAX_ITEMS 12

static JSValue helper1(const char *name, JSValue argument) {
  JSValue result = harness_helper(name, 1, (JSValueConst *)&argument);
  JS_FreeValue(harness_ctx, argument);
  if (JS_IsException(result)) harness_fail("the harness helper %s threw", name);
  return result;
}

static JSValue string_value(Reader *r) {
  JSContext *ctx = harness_ctx;
  uint8_t how = read_u8(r);
  size_t length;
  const uint8_t *bytes = read_bytes(r, how & 0x3f, &length);
  if ((how & 0xc0) != 0xc0) return JS_NewStringLen(ctx, (const char *)bytes, length);
  /* UTF-16 code units, lone surrogates included. */
  uint16_t units[32];
  size_t count = length / 2;
  for (size_t i = 0; i < count; i++) units[i] = (uint16_t)(bytes[2 * i] << 8 | bytes[2 * i + 1]);
  JSValue array = JS_NewArray(ctx);
  for (size_t i = 0; i < count; i++) JS_SetPropertyUint32(ctx, array, (uint32_t)i, JS_NewInt32(ctx, units[i]));
  return helper1("fromUnits", array);
}

static JSValue key_value(Reader *r) {
  uint8_t how = read_u8(r);
  switch (how % 8) {
    case 0: return JS_NewString(harness_ctx, "__proto__");
    case 1: return JS_NewString(harness_ctx, "toJSON");
    case 2: return JS_NewString(harness_ctx, "hasOwnProperty");
    case 3: return JS_NewString(harness_ctx, how & 8 ? "1" : "01");
    default: return string_value(r);
  }
}

static JSValue generate(Reader *r, int flags, int depth);

/* Values that hold another value twice double the walk: at most a few per value. */
static int duplications;
#define MAX_DUPLICATIONS 4

static JSValue container(Reader *r, int flags, int depth, int object) {
  JSContext *ctx = harness_ctx;
  JSValue value = object ? JS_NewObject(ctx) : JS_NewArray(ctx);
  uint32_t count = read_u8(r) % MAX_ITEMS;
  for (uint32_t i = 0; i < count; i++) {
    if (object) {
      JSValue key = key_value(r);
      JSAtom atom = JS_ValueToAtom(ctx, key);
      JS_FreeValue(ctx, key);
      JS_DefinePropertyValue(ctx, value, atom, generate(r, flags, depth + 1), JS_PROP_C_W_E);
      JS_FreeAtom(ctx, atom);
    } else {
      JS_SetPropertyUint32(ctx, value, i, generate(r, flags, depth + 1));
    }
  }
  return value;
}

static JSValue generate(Reader *r, int flags, int depth) {
  JSContext *ctx = harness_ctx;
  if (r->n == 0) return JS_NULL;
  uint8_t kind = read_u8(r);
  /* Deep values: a chain of one-item arrays or objects as long as a byte says. */
  if (depth >= MAX_DEPTH && kind % 32 >= 10) kind = 0;
  if ((kind % 32 == 18 || kind % 32 == 20 || kind % 32 == 21) && duplications++ >= MAX_DUPLICATIONS) kind = 0;
  switch (kind % 32) {
    case 0: return JS_NULL;
    case 1: return JS_UNDEFINED;
    case 2: return JS_NewBool(ctx, kind & 32);
    case 3: return JS_NewInt32(ctx, (int32_t)read_u32(r));
    case 4: {
      uint64_t bits = read_u64(r);
      double d;
      memcpy(&d, &bits, sizeof d);
      return JS_NewFloat64(ctx, d);
    }
    case 5: return JS_NewFloat64(ctx, (double)(int64_t)read_u64(r) / (double)(1 + (kind >> 5)));
    case 6:
    case 7: return string_value(r);
    case 8: return JS_NewBigInt64(ctx, (int64_t)read_u64(r));
    case 9: {
      /* A bigint beyond 64 bits. */
      char digits[48];
      int n = 0;
      if (kind & 32) digits[n++] = '-';
      digits[n++] = '1';
      for (int i = 0; i < 21 + (kind >> 6); i++) digits[n++] = (char)('0' + read_u8(r) % 10);
      digits[n] = 0;
      return helper1("bigint", JS_NewString(ctx, digits));
    }
    case 10:
    case 11:
    case 12: return container(r, flags, depth, 0);
    case 13:
    case 14:
    case 15: return container(r, flags, depth, 1);
    case 16: {
      size_t length;
      const uint8_t *bytes = read_bytes(r, read_u8(r), &length);
      JSValue array = harness_bytes(bytes, length);
      if (!(kind & 32) || length < 2) return array;
      JSValue args[3] = {array, JS_NewInt32(ctx, 1), JS_NewInt32(ctx, (int32_t)length - 1)};
      JSValue sub = harness_helper("subarray", 3, args);
      JS_FreeValue(ctx, array);
      return sub;
    }
    case 17: {
      /* One value nested `n` levels: past the encoders' depth limit when n is large. */
      /* Around the encoders' limit when asked: JSON.stringify's cycle check makes deep values slow. */
      uint8_t how = read_u8(r);
      uint32_t levels = (flags & GENERATE_DEEP) && (kind & 32) ? 1000u + how % 40u : how % 32u;
      JSValue value = generate(r, flags, MAX_DEPTH);
      for (uint32_t i = 0; i < levels; i++) {
        JSValue outer = (i & 1) ? JS_NewObject(ctx) : JS_NewArray(ctx);
        if (i & 1) JS_SetPropertyStr(ctx, outer, "a", value);
        else JS_SetPropertyUint32(ctx, outer, 0, value);
        value = outer;
      }
      return value;
    }
    case 18: {
      /* The same object twice (not a cycle). */
      JSValue shared = container(r, flags, depth, kind & 32);
      JSValue pair = JS_NewArray(ctx);
      JS_SetPropertyUint32(ctx, pair, 0, JS_DupValue(ctx, shared));
      JS_SetPropertyUint32(ctx, pair, 1, shared);
      return pair;
    }
    case 19: return helper1("nullProto", generate(r, flags, depth + 1)) ;
    case 20: return helper1("sparse", generate(r, flags, depth + 1));
    case 21: return helper1("withProp", generate(r, flags, depth + 1));
    case 22: {
      JSValue object = container(r, flags, depth, 1);
      JSValue args[3] = {object, JS_NewString(ctx, "hidden"), generate(r, flags, depth + 1)};
      JSValue result = harness_helper("define", 3, args);
      JS_FreeValue(ctx, args[1]);
      JS_FreeValue(ctx, args[2]);
      JS_FreeValue(ctx, object);
      return result;
    }
    case 23: return helper1("proxy", container(r, flags, depth, kind & 32));
    default:
      break;
  }
  if (!(flags & GENERATE_NON_DATA)) return JS_NewInt32(ctx, kind);
  switch (kind % 32) {
    case 24: return helper1("toJSON", generate(r, flags, depth + 1));
    case 25: return (flags & GENERATE_GETTERS) ? helper1("getter", generate(r, flags, depth + 1)) : JS_NULL;
    case 26: return helper1("date", JS_NewFloat64(ctx, (double)(int32_t)read_u32(r) * 1000));
    case 27: return helper1("klass", generate(r, flags, depth + 1));
    case 28: {
      JSValue args[2] = {generate(r, flags, depth + 1), generate(r, flags, depth + 1)};
      JSValue result = harness_helper("map", 2, args);
      JS_FreeValue(ctx, args[0]);
      JS_FreeValue(ctx, args[1]);
      return result;
    }
    case 29: return harness_helper("symbol", 0, NULL);
    case 30: return harness_helper("fn", 0, NULL);
    default: {
      /* A cycle. */
      JSValue object = JS_NewObject(ctx);
      JS_SetPropertyStr(ctx, object, "self", JS_DupValue(ctx, object));
      return object;
    }
  }
}

JSValue generate_value(Reader *r, int flags) {
  duplications = 0;
  return generate(r, flags, 0);
}
