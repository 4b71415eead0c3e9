// Fixes applied to QuickJS-NG's sources in memory at engine build time, each
// with the reason and a test that fails without it. A patch whose text no
// longer matches exactly once stops the build, so a version bump re-examines
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
];

/** Apply every patch to a { name: Buffer } tree of sources; throws when one does not apply exactly once. */
export function applyPatches(tree) {
  for (const patch of patches) {
    const source = tree[patch.file].toString("utf8");
    const count = source.split(patch.find).length - 1;
    if (count !== 1) throw new Error(`QuickJS patch "${patch.why}" matches ${count} times in ${patch.file}: re-examine it for this QuickJS-NG version`);
    tree[patch.file] = Buffer.from(source.replace(patch.find, patch.replace));
  }
}
