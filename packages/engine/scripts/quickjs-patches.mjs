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
  {
    file: "quickjs.c",
    // The compiled versions --aot makes (see aotInterpreter below): where
    // JS_CallInternal finds a function's, and the offsets it resumes at.
    why: "aot: a bytecode function's compiled version",
    find: `    uint8_t *pc2line_buf;
    char *source;
} JSFunctionBytecode;`,
    replace: `    uint8_t *pc2line_buf;
    char *source;
#ifdef EXTISM_TS_AOT
    JSValue (*aot_call)(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj, JSValueConst new_target,
                        int argc, JSValueConst *argv, int flags, const uint8_t *bytecode, const uint32_t *targets);
    uint32_t *aot_targets;
#endif
} JSFunctionBytecode;`,
  },
  {
    file: "quickjs.c",
    why: "aot: weval's intrinsics",
    find: `#include "libregexp.h"
`,
    replace: `#include "libregexp.h"
#ifdef EXTISM_TS_AOT
#include "aot.h"
#endif
`,
  },
  { file: "quickjs.c", why: "aot: the interpreter loop for weval", transform: aotInterpreter },
];

/** Replaces the `expected` occurrences of `find` in `text`; throws, naming `what`, when there are not exactly that many. */
function replaceExactly(text, find, replace, what, expected = 1) {
  const count = text.split(find).length - 1;
  if (count !== expected) throw new Error(`QuickJS patch "${what}" matches ${count} times: re-examine it for this QuickJS-NG version`);
  return text.split(find).join(replace);
}

const INTERPRETER_START = "static JSValue JS_CallInternal(JSContext *caller_ctx, JSValueConst func_obj,";
const INTERPRETER_END = "    rt->current_stack_frame = sf->prev_frame;\n    return ret_val;\n}\n";
/** The most resume offsets (catch targets, gosub returns) a function may have to be compiled: the resume chain below is unrolled this far. */
export const AOT_MAX_RESUME_OFFSETS = 32;

/**
 * The interpreter loop, a second time, as weval specializes it for one
 * function's bytecode at build time (--aot, the engine built with
 * EXTISM_TS_AOT; docs/decisions/aot.md). The copy reads its bytecode through
 * `aot_bytecode`, which the request marks as constant memory, dispatches with
 * a switch (a load from the computed-goto table would not fold), and tells
 * weval the bytecode offset it goes on at after each instruction, so that
 * each offset becomes straight-line code. The offsets it resumes at from a runtime
 * value (a catch target from the operand stack, a gosub's return offset) are
 * compared against the function's list of them (`aot_targets`, constant
 * too), so that each branch continues at a constant offset. Every throwing
 * instruction shares one exception path (a context of its own) rather than
 * getting a copy. Generators and async functions resume from a saved pc and
 * stay with the generic loop, as do functions without a compiled version.
 */
function aotInterpreter(source) {
  const start = source.indexOf(INTERPRETER_START);
  const end = source.indexOf(INTERPRETER_END, start) + INTERPRETER_END.length;
  if (start < 0 || end < INTERPRETER_END.length) throw new Error("QuickJS patch \"aot interpreter\": JS_CallInternal not found");
  const generic = source.slice(start, end);
  const what = (step) => `aot interpreter: ${step}`;
  let copy = generic;
  copy = replaceExactly(
    copy,
    `static JSValue JS_CallInternal(JSContext *caller_ctx, JSValueConst func_obj,
                               JSValueConst this_obj, JSValueConst new_target,
                               int argc, JSValueConst *argv, int flags)`,
    `static JSValue js_call_aot(JSContext *caller_ctx, JSValueConst func_obj,
                           JSValueConst this_obj, JSValueConst new_target,
                           int argc, JSValueConst *argv, int flags,
                           const uint8_t *aot_bytecode, const uint32_t *aot_targets)`,
    what("signature"),
  );
  copy = replaceExactly(copy, "#if !DIRECT_DISPATCH\n", "#if 1 /* a constant opcode folds a switch, not a table load */\n", what("dispatch"));
  // Each instruction ends by naming the offset it goes on at, so that the loop's head is met with one pc per context.
  copy = replaceExactly(
    copy,
    "#define BREAK           break\n",
    "#define BREAK           if (1) { weval_update_context((uint32_t)(uintptr_t)pc); break; } else (void)0\n",
    what("context per instruction"),
  );
  // JS_CallInternal calls the copy once it knows a bytecode function, not a generator resume.
  const prologueStart = copy.indexOf("    if (js_poll_interrupts(caller_ctx))\n        return JS_EXCEPTION;\n");
  const prologueEnd = copy.indexOf("\n    b = p->u.func.function_bytecode;\n", prologueStart) + 1;
  if (prologueStart < 0 || prologueEnd < 1) throw new Error(`QuickJS patch "${what("prologue")}" does not match`);
  copy = copy.slice(0, prologueStart) + "    p = JS_VALUE_GET_OBJ(func_obj);\n" + copy.slice(prologueEnd);
  // A conditional jump's outcome becomes part of weval's context, so that the ways on after a jump
  // and after none never meet in one context with two pcs, however the compiler merges their code.
  for (const test of ["if (res) {", "if (!res) {"]) {
    const jump = `                sp--;\n                ${test}\n`;
    copy = replaceExactly(copy, jump, `                sp--;\n                res = weval_specialize_value(res != 0, 0, 1);\n                ${test}\n`, what("conditional jumps"), 2);
  }
  copy = replaceExactly(copy, "    pc = b->byte_code_buf;\n", "    pc = (uint8_t *)aot_bytecode;\n    weval_push_context((uint32_t)(uintptr_t)pc);\n", what("entry"));
  copy = replaceExactly(copy, "                sp--;\n                pc = b->byte_code_buf + pos;\n", "                sp--;\n                AOT_RESUME(pos);\n", what("ret"));
  copy = replaceExactly(
    copy,
    " exception:\n    if (needs_backtrace(rt->current_exception)",
    " exception:\n    weval_update_context(AOT_EXCEPTION_CONTEXT);\n    if (needs_backtrace(rt->current_exception)",
    what("one exception path"),
  );
  copy = replaceExactly(copy, "                    pc = b->byte_code_buf + pos;\n                    goto restart;\n", "                    AOT_RESUME(pos);\n", what("catch"));
  copy = replaceExactly(copy, INTERPRETER_END, "    rt->current_stack_frame = sf->prev_frame;\n    weval_pop_context();\n    return ret_val;\n}\n", what("exit"));

  const entry = replaceExactly(
    generic,
    "\n    b = p->u.func.function_bytecode;\n",
    `
    b = p->u.func.function_bytecode;
#ifdef EXTISM_TS_AOT
    if (b->aot_call)
        return b->aot_call(caller_ctx, func_obj, this_obj, new_target, argc, argv, flags, b->byte_code_buf, b->aot_targets);
#endif
`,
    what("call the compiled version"),
  );
  const aot = `
#ifdef EXTISM_TS_AOT
#undef SWITCH
#undef CASE
#undef DEFAULT
#undef BREAK
#undef DUMP_BYTECODE_OR_DONT
/* A context no bytecode offset has: where every instruction's exception path meets. */
#define AOT_EXCEPTION_CONTEXT 0xffffffffu
#define AOT_MAX_RESUME_OFFSETS ${AOT_MAX_RESUME_OFFSETS}
/* aot_targets holds a count and then the offsets. The offset is found at run
   time, then weval turns its index into one branch per listed offset, each
   going on at a constant pc (the last is weval's default branch, for which
   it assumes the value high: the last index, not one past it). */
#define AOT_RESUME(pos) do { \\
    uint32_t aot_index = 0; \\
    while (aot_index < aot_targets[0] && aot_targets[aot_index + 1] != (uint32_t)(pos)) \\
        aot_index++; \\
    if (aot_index == aot_targets[0]) \\
        abort(); \\
    aot_index = weval_specialize_value(aot_index, 0, aot_targets[0] - 1); \\
    pc = (uint8_t *)aot_bytecode + aot_targets[aot_index + 1]; \\
    weval_update_context((uint32_t)(uintptr_t)pc); \\
    goto restart; \\
} while (0)
${copy}#endif
`;
  return source.slice(0, start) + entry + aot + source.slice(end);
}

/**
 * Apply every patch to a { name: Buffer } tree of sources; throws when a
 * `find` patch does not match exactly once, or a `pattern` patch fewer than
 * `atLeast` times.
 */
export function applyPatches(tree) {
  for (const patch of patches) {
    const source = tree[patch.file].toString("utf8");
    if (patch.transform) {
      tree[patch.file] = Buffer.from(patch.transform(source));
      continue;
    }
    const count = patch.pattern ? (source.match(patch.pattern) ?? []).length : source.split(patch.find).length - 1;
    const expected = patch.pattern ? count >= patch.atLeast : count === 1;
    if (!expected) throw new Error(`QuickJS patch "${patch.why}" matches ${count} times in ${patch.file}: re-examine it for this QuickJS-NG version`);
    tree[patch.file] = Buffer.from(patch.pattern ? source.replace(patch.pattern, patch.replace) : source.replace(patch.find, patch.replace));
  }
}
