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
