// Changes applied to QuickJS-NG's sources in memory at engine build time, each
// with the reason and a test that fails without it. A patch whose text no
// longer matches as expected stops the build, so a version bump re-examines
// every one of them.

export const patches = [
  {
    file: "quickjs.c",
    // Comparing a BigInt with a double of another binary magnitude ignored
    // the sign: -5n >= -1e19 was false, so msgpackr refused to encode
    // -76835561574774 as an int64 (test/convert.test.ts, "engine bugs, fixed").
    why: "BigInt vs negative double of a different magnitude compares as if both were positive",
    find: `        if (f != e) {
            if (f < e)
                return -1;
            else
                return 1;
        } else {`,
    replace: `        if (f != e) {
            /* |a| < |b| means a < b for positives, a > b for negatives */
            if (f < e)
                return 2 * a_sign - 1;
            else
                return 1 - 2 * a_sign;
        } else {`,
  },
  {
    file: "quickjs.c",
    // QuickJS's debugging dumps (bytecode, objects, memory use, leaks) print
    // to stdout when a runtime flag asks for them; nothing in a plug-in sets
    // the flags, and their code would ship in every plug-in.
    why: "no debugging dumps",
    find: `#ifndef NDEBUG
#define ENABLE_DUMPS
#endif`,
    replace: "",
  },
  {
    file: "quickjs.c",
    // The built-in function lists (the functions QuickJS creates on first
    // use) go into one named section, so that the engine can tell which list
    // entries a plug-in's heap still reaches and the link step can drop the
    // functions of the rest (packages/codegen/src/link.test.ts, test/engine.test.ts).
    why: "built-in function lists in the extism_ts_function_lists section",
    pattern: /^static const JSCFunctionListEntry (\w+)\[\] = \{/gm,
    replace: 'static const JSCFunctionListEntry $1[] __attribute__((section("extism_ts_function_lists"))) = {',
    atLeast: 50,
  },
  {
    file: "quickjs.c",
    // The Error.prototype.stack accessor proposal's setter stores any value
    // (SetterThatIgnoresPrototypeProperties), as V8 does; NG threw for
    // non-strings, so superjson's error round trip (`error.stack = undefined`)
    // failed (test/engine.test.ts, "V8's behaviour").
    why: "error.stack accepts any value",
    find: `    if (!JS_IsString(value))
        return JS_ThrowTypeError(ctx, "Error.prototype.stack setter expects a string");
`,
    replace: "",
  },
  {
    file: "libregexp.c",
    // With the v flag, ClassSetReservedDoublePunctuator (&&, !!, ...) and
    // ClassSetSyntaxCharacter (( ) [ ] { } / - |) are reserved inside a
    // class only; outside one they are PatternCharacters as with u. NG's
    // atom parser, shared by both places, rejected them everywhere, so
    // /^(-?\d*):(-?\d*)$/v failed and jsonpath-plus could not load
    // (test/engine.test.ts, test/npm.test.ts).
    why: "v-flag class-only restrictions outside a class",
    find: `        if (s->unicode_sets && p[1] == c) {
            /* forbidden double characters */`,
    replace: `        if (s->unicode_sets && inclass && p[1] == c) {
            /* forbidden double characters */`,
  },
  {
    file: "libregexp.c",
    why: "v-flag class-only restrictions outside a class",
    find: `        if (s->unicode_sets) {
            /* invalid characters in unicode sets */`,
    replace: `        if (s->unicode_sets && inclass) {
            /* invalid characters in unicode sets */`,
  },
  // WeakRef: the spec keeps a WeakRef's target alive until the current job
  // ends (AddToKeptObjects in the constructor and in deref, ClearKeptObjects
  // when the job queue drains, as V8 does at the end of a microtask
  // checkpoint). NG held the target by its reference count only, so
  // `new WeakRef({}).deref()` was already undefined (test/engine.test.ts).
  {
    file: "quickjs.c",
    why: "WeakRef targets kept until the job ends: the runtime's list",
    find: `    struct list_head job_list; /* list of JSJobEntry.link */
`,
    replace: `    struct list_head job_list; /* list of JSJobEntry.link */
    /* WeakRef targets held until the current job ends; a WeakRef adds its
       target once per job, which kept_objects_epoch counts */
    JSValue *kept_objects;
    int kept_objects_count;
    int kept_objects_size;
    uint32_t kept_objects_epoch;
`,
  },
  {
    file: "quickjs.c",
    why: "WeakRef targets kept until the job ends: released when the queue drains",
    find: `int JS_ExecutePendingJob(JSRuntime *rt, JSContext **pctx)
{
    JSContext *ctx;
    JSJobEntry *e;
    JSValue res;
    int i, ret;

    if (list_empty(&rt->job_list)) {
        *pctx = NULL;
        return 0;
    }
`,
    replace: `static void js_clear_kept_objects(JSRuntime *rt)
{
    int i, n = rt->kept_objects_count;

    if (n == 0)
        return;
    rt->kept_objects_count = 0;
    rt->kept_objects_epoch++;
    for(i = 0; i < n; i++)
        JS_FreeValueRT(rt, rt->kept_objects[i]);
}

int JS_ExecutePendingJob(JSRuntime *rt, JSContext **pctx)
{
    JSContext *ctx;
    JSJobEntry *e;
    JSValue res;
    int i, ret;

    if (list_empty(&rt->job_list)) {
        /* the job has ended; a released target may queue
           FinalizationRegistry callbacks, which then run */
        js_clear_kept_objects(rt);
        if (list_empty(&rt->job_list)) {
            *pctx = NULL;
            return 0;
        }
    }
`,
  },
  {
    file: "quickjs.c",
    why: "WeakRef targets kept until the job ends: freed with the runtime",
    find: `    init_list_head(&rt->job_list);

    JS_RunGC(rt);
`,
    replace: `    init_list_head(&rt->job_list);
    js_clear_kept_objects(rt);
    js_free_rt(rt, rt->kept_objects);

    JS_RunGC(rt);
`,
  },
  {
    file: "quickjs.c",
    why: "WeakRef targets kept until the job ends: AddToKeptObjects",
    find: `typedef struct JSWeakRefData {
    JSValueConst target;
    JSValue obj;
} JSWeakRefData;
`,
    replace: `typedef struct JSWeakRefData {
    JSValueConst target;
    JSValue obj;
    uint32_t kept_epoch;
} JSWeakRefData;

static int js_weakref_keep(JSContext *ctx, JSWeakRefData *wrd)
{
    JSRuntime *rt = ctx->rt;

    if (js_resize_array(ctx, (void **)&rt->kept_objects, sizeof(rt->kept_objects[0]),
                        &rt->kept_objects_size, rt->kept_objects_count + 1))
        return -1;
    rt->kept_objects[rt->kept_objects_count++] = js_dup(wrd->target);
    wrd->kept_epoch = rt->kept_objects_epoch;
    return 0;
}
`,
  },
  {
    file: "quickjs.c",
    why: "WeakRef targets kept until the job ends: the constructor keeps its target",
    find: `    insert_weakref_record(arg, wr);

    JS_SetOpaqueInternal(obj, wrd);
    return obj;
`,
    replace: `    insert_weakref_record(arg, wr);

    JS_SetOpaqueInternal(obj, wrd);
    if (js_weakref_keep(ctx, wrd)) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
`,
  },
  {
    file: "quickjs.c",
    why: "WeakRef targets kept until the job ends: deref keeps its target",
    find: `    if (wrd == &js_weakref_sentinel)
        return JS_UNDEFINED;
    return js_dup(wrd->target);
`,
    replace: `    if (wrd == &js_weakref_sentinel)
        return JS_UNDEFINED;
    if (wrd->kept_epoch != ctx->rt->kept_objects_epoch && js_weakref_keep(ctx, wrd))
        return JS_EXCEPTION;
    return js_dup(wrd->target);
`,
  },
  // Math: ECMAScript leaves the precision of pow, exp, log, the
  // trigonometric and the hyperbolic functions to the implementation. V8
  // computes them with fdlibm's algorithms (and hypot with a normalized
  // compensated sum); NG called wasi-libc's musl, whose pow, exp, log, cosine
  // kernel and hyperbolic functions round otherwise in the last bit, so
  // fuse.js's scores and other printed results differed from Node's.
  // src/math/fdlibm.c computes them as V8 does (test/engine.test.ts compares
  // every Math function with Node over fixed inputs; test/npm.test.ts, fuse.js).
  {
    file: "quickjs.c",
    why: "Math as V8 computes it: the functions",
    find: `#include "libregexp.h"
`,
    replace: `#include "libregexp.h"
#include "fdlibm.h"
`,
  },
  {
    file: "quickjs.c",
    why: "Math as V8 computes it: pow and **",
    find: `        d = pow(a, b);
`,
    replace: `        d = fdlibm_pow(a, b);
`,
  },
  {
    file: "quickjs.c",
    why: "Math as V8 computes it: the one-argument functions",
    pattern: /\{ return (sin|cos|exp|log|log1p|log2|log10|sinh|cosh|tanh|asinh|acosh|atanh)\(d\); \}/g,
    replace: "{ return fdlibm_$1(d); }",
    atLeast: 13,
  },
  {
    file: "quickjs.c",
    why: "Math as V8 computes it: atan2",
    find: `{ return atan2(a, b); }`,
    replace: `{ return fdlibm_atan2(a, b); }`,
  },
  {
    file: "quickjs.c",
    // V8 sums the squares of the arguments divided by the largest, with
    // Kahan's compensation, where NG chained libc's two-argument hypot.
    why: "Math as V8 computes it: hypot",
    find: `    double r, a;
    int i;

    r = 0;
    if (argc > 0) {
        if (JS_ToFloat64(ctx, &r, argv[0]))
            return JS_EXCEPTION;
        if (argc == 1) {
            r = fabs(r);
        } else {
            /* use the built-in function to minimize precision loss */
            for (i = 1; i < argc; i++) {
                if (JS_ToFloat64(ctx, &a, argv[i]))
                    return JS_EXCEPTION;
                r = hypot(r, a);
            }
        }
    }
    return js_float64(r);
`,
    replace: `    double fixed[8], *values = fixed, max = 0, sum = 0, compensation = 0;
    bool has_nan = false;
    int i;

    if (argc > countof(fixed)) {
        values = js_malloc(ctx, sizeof(values[0]) * argc);
        if (!values)
            return JS_EXCEPTION;
    }
    for (i = 0; i < argc; i++) {
        if (JS_ToFloat64(ctx, &values[i], argv[i])) {
            if (values != fixed)
                js_free(ctx, values);
            return JS_EXCEPTION;
        }
        if (isnan(values[i])) {
            has_nan = true;
        } else {
            values[i] = fabs(values[i]);
            if (values[i] > max)
                max = values[i];
        }
    }
    if (max != INFINITY && !has_nan && max != 0) {
        for (i = 0; i < argc; i++) {
            double n = values[i] / max;
            double summand = n * n - compensation;
            double preliminary = sum + summand;
            compensation = (preliminary - sum) - summand;
            sum = preliminary;
        }
    }
    if (values != fixed)
        js_free(ctx, values);
    if (max == INFINITY)
        return js_float64(INFINITY);
    if (has_nan)
        return js_float64(NAN);
    if (max == 0)
        return js_float64(0);
    return js_float64(sqrt(sum) * max);
`,
  },
];

/**
 * Apply every patch to a { name: Buffer } tree of sources; throws when a
 * `find` patch does not match exactly once, or a `pattern` patch fewer than
 * `atLeast` times.
 */
export function applyPatches(tree) {
  for (const patch of patches) {
    const source = tree[patch.file].toString("utf8");
    const count = patch.pattern ? (source.match(patch.pattern) ?? []).length : source.split(patch.find).length - 1;
    const expected = patch.pattern ? count >= patch.atLeast : count === 1;
    if (!expected) throw new Error(`QuickJS patch "${patch.why}" matches ${count} times in ${patch.file}: re-examine it for this QuickJS-NG version`);
    tree[patch.file] = Buffer.from(patch.pattern ? source.replace(patch.pattern, patch.replace) : source.replace(patch.find, patch.replace));
  }
}
