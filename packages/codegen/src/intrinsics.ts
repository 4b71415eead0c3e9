import { GLOBALS, INIT_OPTIONS } from "@extism-ts/engine/contract";
import { namesIn, REGEXP_LITERAL } from "./names.js";

type Intrinsic = Exclude<keyof typeof INIT_OPTIONS, "keepCompiler">;

/**
 * The words that make a plug-in need each optional intrinsic. A plug-in
 * whose code names none of an intrinsic's words starts without it, and its
 * engine code goes at link time (see pruneFunctionTable). Typed arrays come
 * with the natives, which hand out Uint8Arrays; RegExp with the String
 * methods that build one from a string.
 */
const NAMES: { readonly [K in Intrinsic]: readonly string[] } = {
  date: ["Date"],
  regExp: [REGEXP_LITERAL, "match", "matchAll", "search"],
  proxy: ["Proxy"],
  mapSet: ["Map", "Set", "WeakMap", "WeakSet"],
  typedArrays: [
    GLOBALS.native,
    "ArrayBuffer",
    "SharedArrayBuffer",
    "DataView",
    "Atomics",
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "BigInt64Array",
    "BigUint64Array",
    "Float16Array",
    "Float32Array",
    "Float64Array",
  ],
  promise: ["Promise", "async", "await"],
  weakRef: ["WeakRef", "FinalizationRegistry"],
};

const INTRINSICS = Object.keys(NAMES) as Intrinsic[];
const ALL_NAMES: ReadonlySet<string> = new Set(INTRINSICS.flatMap((intrinsic) => NAMES[intrinsic]));

/** Every optional intrinsic, as init option bits: for a plug-in that may compile code at run time. */
export const ALL_INTRINSICS = INTRINSICS.reduce((bits, intrinsic) => bits | INIT_OPTIONS[intrinsic], 0);

/** The optional intrinsics the code names, as init option bits. */
export function intrinsicsNamedIn(code: string): number {
  const found = namesIn(code, ALL_NAMES);
  return INTRINSICS.reduce((bits, intrinsic) => (NAMES[intrinsic].some((name) => found.has(name)) ? bits | INIT_OPTIONS[intrinsic] : bits), 0);
}
