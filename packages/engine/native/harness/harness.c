/* The engine a fuzz target drives (see harness.h). It is made by
   extism_ts_init, as at a plug-in's build, from a small bundle that declares
   host functions and leaves helpers on globalThis.__harness; the natives are
   then called as the C functions they are, without a JS call in between. */
#include "harness.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "runtime.h"
#include "engine_internals.h"

const char *extism_ts_init(const char *source, size_t length, const char *filename, uint32_t options,
                           double build_instant_ms);

JSContext *harness_ctx;
static JSValue helpers;
static const uint8_t *current_input;
static size_t current_input_length;

/* The context extism_ts_init makes (init.c), as bridges of any commit make it: the link step
   (--wrap) hands it over on its way out. */
JSContext *__real_JS_NewContextRaw(JSRuntime *rt);
JSContext *__wrap_JS_NewContextRaw(JSRuntime *rt) {
  JSContext *ctx = __real_JS_NewContextRaw(rt);
  harness_ctx = ctx;
  return ctx;
}

/* Every intrinsic, and the compiler (the helpers below are JS). */
#define ALL_OPTIONS 0xff

/* Host functions of every shape the bridge handles, and helpers that make
   values a generator cannot make through the C API. */
const char harness_bundle[] =
    "const native = globalThis.__extism_ts_native;\n"
    "const declare = native('host_declare'), bind = native('host_function');\n"
    "const h = (globalThis.__harness = {});\n"
    "h.signatures = [['M','M'],['MM','M'],['','M'],['M',''],['iIfF','I'],['I','i'],['f','F'],['MIM','M'],['','']];\n"
    "h.host = h.signatures.map(([p, r], i) => bind(declare('harness', 'f' + i, p, r)));\n"
    "h.hostIndex = h.signatures.map(([p, r], i) => declare('harness', 'f' + i, p, r));\n"
    "h.makeDate = (ms) => new Date(ms);\n"
    "h.fromUnits = (units) => { let s = ''; for (let i = 0; i < units.length; i++) s += String.fromCharCode(units[i]); return s; };\n"
    "h.getter = (v) => { let n = 0; return { get g() { n++; return n === 1 ? v : ['read again', n]; } }; };\n"
    "h.toJSON = (v) => ({ toJSON() { return v; } });\n"
    "h.proxy = (v) => new Proxy(v, {});\n"
    "h.map = (k, v) => new Map([[k, v]]);\n"
    "h.klass = (v) => { class Thing { constructor() { this.v = v; } } return new Thing(); };\n"
    "h.nullProto = (v) => { const o = Object.create(null); o.k = v; return o; };\n"
    "h.sparse = (v) => { const a = [v]; a[3] = v; return a; };\n"
    "h.withProp = (v) => { const a = [v]; a.extra = v; return a; };\n"
    "h.bigint = (s) => BigInt(s);\n"
    "h.symbol = () => Symbol('s');\n"
    "h.fn = () => function f() {};\n"
    "h.date = (ms) => new Date(ms);\n"
    "h.define = (o, k, v) => { Object.defineProperty(o, k, { value: v, enumerable: false }); return o; };\n"
    "h.subarray = (v, a, b) => v.subarray(a, b);\n"
    "h.describe = (v) => { try { const seen = new Set(); return JSON.stringify(v, (k, x) => typeof x === 'bigint' ? x + 'n' : x instanceof Uint8Array ? 'Uint8Array[' + Array.from(x) + ']' : x === undefined ? '(undefined)' : (typeof x === 'object' && x !== null) ? (seen.has(x) ? '(seen)' : (seen.add(x), x)) : x) ?? String(v); } catch (e) { return String(v) + ' (' + e + ')'; } };\n"
    "h.stringify = (v) => JSON.stringify(v);\n"
    "h.parse = (s) => JSON.parse(s);\n"
    "globalThis.__extism_ts_exports = {};\n";

/* The bundle a test-driver run evaluates after the harness's own (driver.c), and the init report. */
const char *harness_extra_source;
const char *harness_report;

static void init(void) {
  size_t base = sizeof harness_bundle - 1, extra = harness_extra_source ? strlen(harness_extra_source) : 0;
  char *source = malloc(base + extra + 1);
  if (!source) abort();
  memcpy(source, harness_bundle, base);
  if (extra) memcpy(source + base, harness_extra_source, extra);
  source[base + extra] = 0;
  /* The engine frees the bundle's text once it is compiled. */
  const char *report = harness_report = extism_ts_init(source, base + extra, "harness.js", ALL_OPTIONS, 0);
  if (!harness_ctx || strncmp(report, "{\"stage\"", 8) == 0) {
    fprintf(stderr, "the harness bundle failed: %s\n", report);
    exit(2);
  }
  JSValue global = JS_GetGlobalObject(harness_ctx);
  helpers = JS_GetPropertyStr(harness_ctx, global, "__harness");
  JS_FreeValue(harness_ctx, global);
}

void harness_begin(void) {
  if (!harness_ctx) init();
  model_reset();
  /* Natively, and under the sanitizers, frames are larger than in wasm: a
     limit of its own, so that the JS reference paths do not stop first. */
  engine_set_stack_limit(JS_GetRuntime(harness_ctx), 2 << 20);
}

void harness_end(void) {
  if (JS_HasException(harness_ctx)) harness_fail("an exception was left pending");
  /* Cycles the generator makes wait for the collector: run it now and then, as a long-lived plug-in would. */
  static unsigned iterations;
  if (++iterations % 256 == 0) JS_RunGC(JS_GetRuntime(harness_ctx));
}

void harness_set_input(const uint8_t *data, size_t length) {
  current_input = data;
  current_input_length = length;
}

void harness_fail(const char *format, ...) {
  va_list args;
  va_start(args, format);
  fputs("harness: ", stderr);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  va_end(args);
  fprintf(stderr, "input (%zu bytes):", current_input_length);
  for (size_t i = 0; i < current_input_length && i < 512; i++) fprintf(stderr, " %02x", current_input[i]);
  fputc('\n', stderr);
  abort();
}

JSValue harness_call(const char *name, int argc, JSValueConst *argv) {
  const BridgeNative *native = natives_find(name);
  if (!native) harness_fail("no native named %s", name);
  JSValueConst padded[16];
  int count = argc > native->length ? argc : native->length;
  if (count > 16) harness_fail("too many arguments for %s", name);
  for (int i = 0; i < count; i++) padded[i] = i < argc ? argv[i] : JS_UNDEFINED;
  return native->fn(harness_ctx, JS_UNDEFINED, argc, padded);
}

JSValue harness_helper(const char *name, int argc, JSValueConst *argv) {
  JSValue function = JS_GetPropertyStr(harness_ctx, helpers, name);
  JSValue result = JS_Call(harness_ctx, function, JS_UNDEFINED, argc, argv);
  JS_FreeValue(harness_ctx, function);
  return result;
}

JSValue harness_helper_value(const char *name) { return JS_GetPropertyStr(harness_ctx, helpers, name); }

JSValue harness_bytes(const uint8_t *data, size_t length) {
  JSValue value = JS_NewUint8ArrayCopy(harness_ctx, data, length);
  if (JS_IsException(value)) harness_fail("could not make a Uint8Array of %zu bytes", length);
  return value;
}

int harness_get_bytes(JSValueConst value, const uint8_t **data, size_t *length) {
  if (JS_GetTypedArrayType(value) != JS_TYPED_ARRAY_UINT8) return 0;
  size_t size;
  uint8_t *bytes = JS_GetUint8Array(harness_ctx, &size, value);
  if (!bytes && size > 0) harness_fail("a Uint8Array without bytes");
  *data = bytes ? bytes : (const uint8_t *)"";
  *length = size;
  return 1;
}

JSValue harness_take_exception(const char **text) {
  JSValue exception = JS_GetException(harness_ctx);
  *text = JS_ToCString(harness_ctx, exception);
  if (!*text) {
    JS_FreeValue(harness_ctx, JS_GetException(harness_ctx));
    *text = JS_ToCString(harness_ctx, JS_NULL);
  }
  return exception;
}

void harness_free_text(const char *text) { JS_FreeCString(harness_ctx, text); }

const char *harness_describe(JSValueConst value) {
  JSValue text = harness_helper("describe", 1, &value);
  if (JS_IsException(text)) JS_FreeValue(harness_ctx, JS_GetException(harness_ctx));
  const char *described = JS_ToCString(harness_ctx, text);
  JS_FreeValue(harness_ctx, text);
  if (!described) {
    JS_FreeValue(harness_ctx, JS_GetException(harness_ctx));
    described = JS_ToCString(harness_ctx, JS_NULL);
  }
  return described;
}

/* ------------------------------------------------------------ comparison */

static int same_number(double a, double b, int mode) {
  if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
  if (a == b) return (mode & EQUAL_ZERO) || a != 0 || signbit(a) == signbit(b);
  return (mode & EQUAL_ULP) && (nextafter(a, b) == b);
}

static int same_text(JSValueConst a, JSValueConst b, int replace_left) {
  size_t la, lb;
  const char *ta = JS_ToCStringLen(harness_ctx, &la, a);
  const char *tb = JS_ToCStringLen(harness_ctx, &lb, b);
  if (!ta || !tb) harness_fail("out of memory comparing strings");
  int same;
  if (replace_left) {
    uint8_t *fixed = malloc(la ? la : 1);
    if (!fixed) harness_fail("out of memory comparing strings");
    memcpy(fixed, ta, la);
    reference_replace_lone_surrogates(fixed, la);
    same = la == lb && memcmp(fixed, tb, la) == 0;
    free(fixed);
  } else {
    same = la == lb && memcmp(ta, tb, la) == 0;
  }
  JS_FreeCString(harness_ctx, ta);
  JS_FreeCString(harness_ctx, tb);
  return same;
}

/* A bigint on the left, a number or bigint on the right: the same integer. */
static int same_integer(JSValueConst a, JSValueConst b) {
  if (!JS_IsBigInt(b) && !JS_IsNumber(b)) return 0;
  if (JS_IsNumber(b)) {
    double d;
    JS_ToFloat64(harness_ctx, &d, b);
    if (d != trunc(d) || fabs(d) > 9007199254740992.0) return 0;
  }
  return same_text(a, b, 0);
}

static int equal(JSValueConst a, JSValueConst b, int mode, const char **where, int depth);

/* Two keys that msgpack writes alike ("\ud800" and "\udbff", "__proto__" and
   "__proto_") become one: such objects cannot come back as they were. */
static int normalized_keys_collide(const JSPropertyEnum *keys, uint32_t count) {
  int collide = 0;
  char **names = calloc(count ? count : 1, sizeof *names);
  if (!names) harness_fail("out of memory comparing keys");
  for (uint32_t i = 0; i < count && !collide; i++) {
    size_t length;
    const char *text = JS_AtomToCStringLen(harness_ctx, &length, keys[i].atom);
    names[i] = malloc(length + 1);
    if (!names[i]) harness_fail("out of memory comparing keys");
    memcpy(names[i], text, length + 1);
    JS_FreeCString(harness_ctx, text);
    reference_replace_lone_surrogates((uint8_t *)names[i], length);
    if (strcmp(names[i], "__proto__") == 0) names[i][8] = 0;
    for (uint32_t k = 0; k < i && !collide; k++) collide = strcmp(names[k], names[i]) == 0;
  }
  for (uint32_t i = 0; i < count; i++) free(names[i]);
  free(names);
  return collide;
}

static int equal_keys(JSValueConst a, JSValueConst b, int mode, const char **where, int depth) {
  JSContext *ctx = harness_ctx;
  JSPropertyEnum *pa = NULL, *pb = NULL;
  uint32_t na = 0, nb = 0;
  int flags = JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY;
  if (JS_GetOwnPropertyNames(ctx, &pa, &na, a, flags) || JS_GetOwnPropertyNames(ctx, &pb, &nb, b, flags))
    harness_fail("could not list the keys of a value being compared");
  int same = 1;
  uint32_t j = 0;
  int skip = (mode & EQUAL_MSGPACK) && normalized_keys_collide(pa, na);
  for (uint32_t i = 0; i < na && same && !skip; i++) {
    JSValue va = JS_GetProperty(ctx, a, pa[i].atom);
    if (JS_IsException(va)) harness_fail("a property read threw while comparing");
    /* msgpack leaves out undefined members, as JSON does. */
    if ((mode & EQUAL_MSGPACK) && JS_IsUndefined(va)) continue;
    if (j >= nb) {
      *where = "the right side has fewer keys";
      same = 0;
      JS_FreeValue(ctx, va);
      break;
    }
    JSAtom key_a = pa[i].atom;
    if (mode & EQUAL_MSGPACK) {
      /* msgpack carries keys as UTF-8 (lone surrogates become U+FFFD) and
         msgpack_decode reads the key "__proto__" as "__proto_". */
      JSValue name_a = JS_AtomToString(ctx, key_a), name_b = JS_AtomToString(ctx, pb[j].atom);
      const char *text_a = JS_ToCString(ctx, name_a);
      int proto = strcmp(text_a, "__proto__") == 0;
      JS_FreeCString(ctx, text_a);
      JSValue expected = proto ? JS_NewString(ctx, "__proto_") : JS_DupValue(ctx, name_a);
      if (!same_text(expected, name_b, 1)) {
        *where = "a key differs (or keys come in another order)";
        same = 0;
      }
      JS_FreeValue(ctx, expected);
      JS_FreeValue(ctx, name_a);
      JS_FreeValue(ctx, name_b);
    } else if (key_a != pb[j].atom) {
      *where = "a key differs (or keys come in another order)";
      same = 0;
    }
    if (same) {
      JSValue vb = JS_GetProperty(ctx, b, pb[j].atom);
      same = equal(va, vb, mode, where, depth + 1);
      JS_FreeValue(ctx, vb);
    }
    JS_FreeValue(ctx, va);
    j++;
  }
  if (same && !skip && j != nb) {
    *where = "the right side has more keys";
    same = 0;
  }
  for (uint32_t i = 0; i < na; i++) JS_FreeAtom(ctx, pa[i].atom);
  for (uint32_t i = 0; i < nb; i++) JS_FreeAtom(ctx, pb[i].atom);
  js_free(ctx, pa);
  js_free(ctx, pb);
  return same;
}

static int equal(JSValueConst a, JSValueConst b, int mode, const char **where, int depth) {
  JSContext *ctx = harness_ctx;
  if (depth > 2000) harness_fail("values nested deeper than any codec makes them");
  if (JS_IsUndefined(a)) {
    if ((mode & EQUAL_MSGPACK) ? JS_IsNull(b) : JS_IsUndefined(b)) return 1;
    *where = "undefined on the left only";
    return 0;
  }
  if (JS_IsNull(a) || JS_IsBool(a)) {
    if (JS_VALUE_GET_TAG(a) == JS_VALUE_GET_TAG(b) && JS_VALUE_GET_BOOL(a) == JS_VALUE_GET_BOOL(b)) return 1;
    *where = "null or a boolean differs";
    return 0;
  }
  if (JS_IsNumber(a)) {
    double x, y;
    if (JS_IsNumber(b) && !JS_ToFloat64(ctx, &x, a) && !JS_ToFloat64(ctx, &y, b) && same_number(x, y, mode)) return 1;
    *where = "a number differs";
    return 0;
  }
  if (JS_IsBigInt(a)) {
    if ((mode & EQUAL_MSGPACK) ? same_integer(a, b) : (JS_IsBigInt(b) && same_text(a, b, 0))) return 1;
    *where = "a bigint differs";
    return 0;
  }
  if (JS_IsString(a)) {
    if (JS_IsString(b) && same_text(a, b, mode & EQUAL_MSGPACK)) return 1;
    *where = "a string differs";
    return 0;
  }
  if (!JS_IsObject(a) || !JS_IsObject(b)) {
    *where = "the left is neither a primitive the codecs make nor an object, or the right is no object";
    return 0;
  }
  const uint8_t *da, *db;
  size_t la, lb;
  int bytes_a = harness_get_bytes(a, &da, &la), bytes_b = harness_get_bytes(b, &db, &lb);
  if (bytes_a || bytes_b) {
    if (bytes_a && bytes_b && la == lb && memcmp(da, db, la) == 0) return 1;
    *where = "bytes differ";
    return 0;
  }
  if (JS_IsDate(a) || JS_IsDate(b)) {
    double x = NAN, y = NAN;
    if (JS_IsDate(a) && JS_IsDate(b)) {
      JSValue ta = JS_ToNumber(ctx, a), tb = JS_ToNumber(ctx, b);
      JS_ToFloat64(ctx, &x, ta);
      JS_ToFloat64(ctx, &y, tb);
      if (same_number(x, y, 0)) return 1;
    }
    *where = "a date differs";
    return 0;
  }
  int array_a = JS_IsArray(a), array_b = JS_IsArray(b);
  if (array_a != array_b) {
    *where = "an array on one side only";
    return 0;
  }
  if (array_a) {
    int64_t na, nb;
    if (JS_GetLength(ctx, a, &na) || JS_GetLength(ctx, b, &nb)) harness_fail("could not read an array's length");
    if (na != nb) {
      *where = "array lengths differ";
      return 0;
    }
    for (int64_t i = 0; i < na; i++) {
      JSValue va = JS_GetPropertyInt64(ctx, a, i), vb = JS_GetPropertyInt64(ctx, b, i);
      int same = equal(va, vb, mode, where, depth + 1);
      JS_FreeValue(ctx, va);
      JS_FreeValue(ctx, vb);
      if (!same) return 0;
    }
    return 1;
  }
  return equal_keys(a, b, mode, where, depth);
}

int harness_equal(JSValueConst left, JSValueConst right, int mode, const char **where) {
  *where = "";
  return equal(left, right, mode, where, 0);
}

/* ---------------------------------------------------------------- reader */

uint8_t read_u8(Reader *r) {
  if (r->n == 0) return 0;
  r->n--;
  return *r->p++;
}

uint32_t read_u32(Reader *r) {
  uint32_t value = 0;
  for (int i = 0; i < 4; i++) value = value << 8 | read_u8(r);
  return value;
}

uint64_t read_u64(Reader *r) { return (uint64_t)read_u32(r) << 32 | read_u32(r); }

const uint8_t *read_bytes(Reader *r, size_t max, size_t *length) {
  *length = r->n < max ? r->n : max;
  const uint8_t *start = r->p;
  r->p += *length;
  r->n -= *length;
  return start;
}
