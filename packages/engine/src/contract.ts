/**
 * The contract between engine.wasm and the build that links it: the
 * build-time entry points, the internal globals both sides name, the natives
 * and the init report. It is written once, here: the engine build turns it into the
 * C header `contract.h`, from which the C registry of natives is made,
 * and the build refuses an engine.wasm whose `ENGINE_ABI_VERSION` differs.
 */
import type { NativeName } from "./natives.js";

/** Bump when anything below, or what the engine does with it, changes. */
export const ENGINE_ABI_VERSION = 5;

/** Functions engine.wasm exports for the build. None of them survives linking. */
export const ENTRY_POINTS = {
  /** `() -> i32`: ENGINE_ABI_VERSION as compiled into the engine. */
  abiVersion: "extism_ts_abi_version",
  /** `(length: i32) -> i32`: a block of linear memory for the build to write into. */
  alloc: "extism_ts_alloc",
  /** `(source, length, filename, options: i32, buildInstantMs: f64) -> i32`: evaluate the bundle; returns the report's address. */
  init: "extism_ts_init",
  /** `() -> i32`: the report's length in bytes. */
  reportLength: "extism_ts_report_length",
  /** `(index: i32) -> i32`: run export `index`; the linked plug-in calls it from each of its exports. */
  invoke: "extism_ts_invoke",
} as const;

/**
 * The engines the package ships, one per `extism-ts build --optimize`
 * profile, each compiled from the same sources with its own optimization
 * level and its own stack limit.
 *
 * The stack limit: QuickJS-NG counts each JS call's frame in linear memory,
 * the host keeps the same call's wasm frames on its native stack, which the
 * engine cannot see. The limit (bytes of linear stack, counted from each
 * export's frame) must stop every kind of recursion before the smallest host
 * stack runs out, so that it ends in a catchable RangeError instead of a
 * trap. Measured with the check off, the costliest kind is an async function
 * awaiting itself.
 */
export const ENGINE_PROFILES = {
  /**
   * The default: smallest code. wasmtime's 512 KiB (the reference runtime's
   * default) runs out first: after about 155 KiB of linear stack for async
   * recursion (318 levels; plain calls: 815 frames): 132 KiB leaves a margin
   * of about 17%.
   */
  size: { file: "engine.wasm", clang: "-Oz", binaryenShrinkLevel: 2, stackLimit: 132 * 1024 },
  /**
   * quickjs.c and the bridge at -O2, and binaryen without shrinking (it keeps
   * inlining and unrolling): a faster interpreter loop for more code, and
   * bigger frames per JS call on both stacks. With the check off, V8 (Node's
   * default stack, @extism/extism) runs out first: after about 167 KiB of
   * linear stack for async recursion (264 levels; plain calls: 572 frames),
   * wasmtime after 181 KiB (286; 720), wazero not within 960 KiB. 132 KiB
   * leaves a margin of about 21% on that kind (plain calls: 398 frames).
   */
  speed: { file: "engine-speed.wasm", clang: "-O2", binaryenShrinkLevel: 0, stackLimit: 132 * 1024 },
} as const;

export type EngineProfile = keyof typeof ENGINE_PROFILES;

/**
 * The engine `--aot` builds on: the speed profile's, with a second copy of
 * the interpreter loop that weval specializes for each of a plug-in's
 * functions at build time (EXTISM_TS_AOT; docs/decisions/aot.md). Its imports
 * from the `weval` module are weval's intrinsics, gone once weval has run.
 */
export const AOT_ENGINE = {
  ...ENGINE_PROFILES.speed,
  file: "engine-aot.wasm",
  defines: ["EXTISM_TS_AOT"],
  stackLimit: 96 * 1024,
} as const;

/** Every engine the engine package builds: one per profile, and the --aot engine. */
export const ENGINE_BUILDS = { ...ENGINE_PROFILES, aot: AOT_ENGINE } as const;

export type EngineBuild = keyof typeof ENGINE_BUILDS;

/** Bits of `init`'s options argument besides the intrinsics' (INTRINSICS). */
export const INIT_OPTIONS = {
  /** Keep the JavaScript compiler (eval, new Function): decided before the bundle runs. */
  keepCompiler: 1,
} as const;

/** The global through which the bundle binds the engine's natives. */
const NATIVE_GLOBAL = "__extism_ts_native";

/**
 * Globals through which the bundle and the engine hand each other values,
 * all named `__extism_ts_*`: internal, unlike the web globals a plug-in may
 * name (globals/names.ts).
 */
export const INTERNAL_GLOBALS = {
  /** The bundle's module namespace, left by the bundle for the engine to enumerate (and delete). */
  exports: "__extism_ts_exports",
  /**
   * `Array<{ name, reason }>`, left by the bundle's exports filter: the entry's
   * exports that are not plug-in exports. The engine moves it into the init report.
   */
  skippedExports: "__extism_ts_skipped_exports",
  /** `(stack: string) => string`, defined by the bundle's first line: maps bundle lines to sources. */
  mapStack: "__extism_ts_map_stack",
  /** `(name) => native`: the engine's natives, bound while the bundle initializes. */
  native: NATIVE_GLOBAL,
  /**
   * `(mode: 0 | 1 | 2) => number`, defined by globals/timers.ts when the bundle
   * has timers: run a due timer, run the next timer (waiting for its
   * deadline), or cancel them all; returns how many it ran or cancelled.
   */
  timers: "__extism_ts_timers",
} as const;

/** An intrinsic a plug-in's context may start with. */
export interface IntrinsicDefinition {
  /** Its bit in `init`'s options. */
  readonly bit: number;
  /** The QuickJS function that adds it to a context. */
  readonly add: string;
  /** Words that make a bundle need it: the globals it defines. */
  readonly namedBy: readonly string[];
  /**
   * Methods of other objects that reach it when called: a bundle needs it
   * where it may call one (methodCallsIn in @extism-ts/codegen), not where
   * it only reads a property of that name (a URL's `search`).
   */
  readonly calledBy?: readonly string[];
}

/**
 * The intrinsics beyond the base objects, eval and JSON: the one list. A
 * plug-in's context starts with those its bundle names (intrinsicsNamedIn in
 * @extism-ts/codegen reads `namedBy` and `calledBy`); the engine adds them through
 * contract.h's EXTISM_TS_INTRINSICS (src/c/intrinsics.c), and one never
 * added leaves its engine code at link time.
 */
export const INTRINSICS = {
  date: { bit: 2, add: "JS_AddIntrinsicDate", namedBy: ["Date"] },
  // A regular expression literal counts as naming RegExp; String's match, matchAll and search build one from a string.
  regExp: { bit: 4, add: "JS_AddIntrinsicRegExp", namedBy: ["RegExp"], calledBy: ["match", "matchAll", "search"] },
  proxy: { bit: 8, add: "JS_AddIntrinsicProxy", namedBy: ["Proxy"] },
  mapSet: { bit: 16, add: "JS_AddIntrinsicMapSet", namedBy: ["Map", "Set", "WeakMap", "WeakSet"] },
  typedArrays: {
    bit: 32,
    add: "JS_AddIntrinsicTypedArrays",
    // The natives hand out Uint8Arrays: a bundle that binds one needs them.
    namedBy: [
      NATIVE_GLOBAL,
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
  },
  promise: { bit: 64, add: "JS_AddIntrinsicPromise", namedBy: ["Promise", "async", "await"] },
  weakRef: { bit: 128, add: "JS_AddIntrinsicWeakRef", namedBy: ["WeakRef", "FinalizationRegistry"] },
} as const satisfies Record<string, IntrinsicDefinition>;

export type Intrinsic = keyof typeof INTRINSICS;

/**
 * `Symbol.for(PLUGIN_ERROR_BRAND)` is the property under which a thrown
 * PluginError carries its return code; any other thrown value returns -1.
 */
export const PLUGIN_ERROR_BRAND = "extism-ts.PluginError";

/** The import the engine's host-call dispatcher comes from; the link step gives it a body. */
export const HOST_CALL_DISPATCHER = { module: "extism-ts:link", name: "host_call" } as const;

/** The bridge's ABI areas: the concern each native belongs to in src/c. */
export type NativeArea = "io" | "memory" | "config_vars" | "logging" | "http" | "wasi" | "host_calls" | "text" | "codec" | "timers" | "digest" | "array_buffer";

/** A native: the number of arguments it declares (its `length`), its area, and a C function it alone hands out. */
export interface NativeDefinition {
  readonly length: number;
  readonly area: NativeArea;
  /** Made into a JS function by this native only: the link step drops it when the native is unbound. */
  readonly companion?: string;
}

/**
 * Every native. The one list: the C registry (src/c/natives.c) is made from
 * it through contract.h's EXTISM_TS_NATIVES, whose entry `name` is the C
 * function `js_<name>`; natives.ts types each name, and a name missing from
 * either side fails the type check.
 */
export const NATIVES: { readonly [K in NativeName]: NativeDefinition } = {
  input: { length: 0, area: "io" },
  input_text: { length: 0, area: "io" },
  output: { length: 1, area: "io" },
  memory_alloc: { length: 1, area: "memory" },
  memory_length: { length: 1, area: "memory" },
  memory_read: { length: 1, area: "memory" },
  memory_write: { length: 2, area: "memory" },
  memory_free: { length: 1, area: "memory" },
  config_get: { length: 1, area: "config_vars" },
  var_get: { length: 1, area: "config_vars" },
  var_set: { length: 2, area: "config_vars" },
  log_trace: { length: 1, area: "logging" },
  log_debug: { length: 1, area: "logging" },
  log_info: { length: 1, area: "logging" },
  log_warn: { length: 1, area: "logging" },
  log_error: { length: 1, area: "logging" },
  log_level: { length: 0, area: "logging" },
  http_request: { length: 2, area: "http" },
  http_status: { length: 0, area: "http" },
  http_headers: { length: 0, area: "http" },
  clock_now: { length: 0, area: "wasi" },
  clock_monotonic: { length: 0, area: "wasi" },
  random_fill: { length: 1, area: "wasi" },
  host_declare: { length: 4, area: "host_calls" },
  host_call: { length: 1, area: "host_calls" },
  host_function: { length: 1, area: "host_calls", companion: "js_host_function_call" },
  host_initializing: { length: 0, area: "host_calls" },
  utf8_encode: { length: 1, area: "text" },
  utf8_decode: { length: 2, area: "text" },
  msgpack_encode: { length: 1, area: "codec" },
  msgpack_decode: { length: 2, area: "codec" },
  json_encode: { length: 1, area: "codec" },
  json_decode: { length: 1, area: "codec" },
  base64_encode: { length: 2, area: "codec" },
  base64_decode: { length: 2, area: "codec" },
  hex_encode: { length: 1, area: "codec" },
  hex_decode: { length: 1, area: "codec" },
  clock_sleep: { length: 1, area: "timers" },
  digest: { length: 2, area: "digest" },
  array_buffer_detach: { length: 1, area: "array_buffer" },
};

/**
 * A field of the init report as the build reads it: one description gives
 * both the report's TypeScript type (ReportValue) and its check (readInitReport).
 */
export type ReportField =
  | { readonly kind: "number" }
  | { readonly kind: "string"; readonly oneOf?: readonly string[] }
  | { readonly kind: "array"; readonly items: ReportField }
  | { readonly kind: "tuple"; readonly items: readonly ReportField[] }
  | { readonly kind: "object"; readonly fields: { readonly [name: string]: ReportField } };

/** The value a report field describes. */
export type ReportValue<F> = F extends { kind: "number" }
  ? number
  : F extends { kind: "string"; oneOf: readonly (infer S)[] }
    ? S
    : F extends { kind: "string" }
      ? string
      : F extends { kind: "array"; items: infer I }
        ? ReportValue<I>[]
        : F extends { kind: "tuple"; items: infer T }
          ? { -readonly [K in keyof T]: ReportValue<T[K]> }
          : F extends { kind: "object"; fields: infer O }
            ? { -readonly [K in keyof O]: ReportValue<O[K]> }
            : never;

// Plain literals, not calls to helpers: plug-ins bundle this module (for its
// names), and a literal nobody reads leaves the bundle where a call would stay
// (as would a property read, such as INTERNAL_GLOBALS.native).
const NUMBER = { kind: "number" } as const;
const STRING = { kind: "string" } as const;
const TABLE_INDICES = { kind: "array", items: NUMBER } as const;
const PAIR = { kind: "tuple", items: [NUMBER, NUMBER] } as const;

/** A host function the bundle declared: types as letters, i i32, I i64, f f32, F f64, M a memory block (its i64 offset). */
const HOST_FUNCTION = { kind: "object", fields: { namespace: STRING, name: STRING, params: STRING, result: STRING } } as const;
export type HostFunctionDeclaration = ReportValue<typeof HOST_FUNCTION>;

/**
 * Why the bundle's exports filter (exportsFilter in @extism-ts/codegen) left
 * an export out: a class, the default export, or the type of a value.
 */
const SKIP_REASON = { kind: "string", oneOf: ["class", "default", "object", "string", "number", "bigint", "boolean", "symbol", "undefined", "null"] } as const;

/** What `init` reports when the bundle evaluated: its exports and what it bound. */
export const INIT_REPORT = {
  kind: "object",
  fields: {
    /** Exported functions, in invoke order. */
    exports: { kind: "array", items: STRING },
    /** The entry's exports that are not plug-in exports, and why. */
    skippedExports: { kind: "array", items: { kind: "object", fields: { name: STRING, reason: SKIP_REASON } } },
    /** Function-table indices of the natives the bundle bound. */
    natives: TABLE_INDICES,
    /** Function-table indices of every native. */
    allNatives: TABLE_INDICES,
    /** [native, companion] table indices: a C function only that native hands out, dropped with it. */
    companions: { kind: "array", items: PAIR },
    /** Function-table index of the compiler's entry. */
    compilerEntry: NUMBER,
    hostFunctions: { kind: "array", items: HOST_FUNCTION },
    /** Timers the bundle set that had not come due when it finished initializing: cancelled. */
    cancelledTimers: NUMBER,
    /** [start, end) of the memory holding QuickJS's built-in function lists. */
    functionLists: PAIR,
    /** Table indices of the functions named by the list entries the heap still reaches. */
    reachedBuiltins: TABLE_INDICES,
    /**
     * What the heap holds once the bundle has initialized (`build --report`'s
     * snapshot composition): where it begins in memory (below are the stack
     * and the engine's static data), then bytes of QuickJS's allocations, each
     * with its block header: all of them by QuickJS's accounts, and by kind.
     */
    heap: {
      kind: "object",
      fields: {
        base: NUMBER,
        quickjs: NUMBER,
        /** Compiled functions: code, constants, variable and closure tables. */
        bytecode: NUMBER,
        /** Their pc-to-line tables, which error stacks' file:line come from. */
        lineTables: NUMBER,
        functions: NUMBER,
        /** The atom table and the atoms' strings. */
        atoms: NUMBER,
        atomCount: NUMBER,
        /** Other strings values hold, each counted once. */
        strings: NUMBER,
        shapes: NUMBER,
        /** Objects, their properties, array elements, closures' variables. */
        objects: NUMBER,
        typedArrayData: NUMBER,
        /** Compiled regular expressions and their source text. */
        regexps: NUMBER,
        /** Map, Set, WeakMap and WeakSet entries and hash tables. */
        maps: NUMBER,
      },
    },
    /**
     * [low, high) of the stack: nothing in it is live once init has returned,
     * so the build zeroes it and no frame's leftovers ship (0, 0 when the
     * engine was linked without the linker's stack symbols).
     */
    stack: PAIR,
  },
} as const satisfies ReportField;

/** What `init` reports when the bundle failed: the stage (evaluate, exports, report) and the error. */
export const INIT_FAILURE = { kind: "object", fields: { stage: STRING, error: STRING } } as const satisfies ReportField;

export type InitSuccess = ReportValue<typeof INIT_REPORT>;
export type InitFailure = ReportValue<typeof INIT_FAILURE>;
export type InitReport = InitSuccess | InitFailure;

/** Where a value breaks its field's description, e.g. "`natives[2]` is a string, not a number"; undefined when it fits. */
function mismatch(field: ReportField, value: unknown, path: string): string | undefined {
  const shown = path === "" ? "the report" : `\`${path}\``;
  const what = Array.isArray(value) ? "an array" : typeof value === "object" && value !== null ? "an object" : typeof value === "string" || typeof value === "number" ? `the ${typeof value} ${JSON.stringify(value)}` : String(value);
  switch (field.kind) {
    case "number":
      return typeof value === "number" ? undefined : `${shown} is ${what}, not a number`;
    case "string":
      if (typeof value !== "string") return `${shown} is ${what}, not a string`;
      return field.oneOf && !field.oneOf.includes(value) ? `${shown} is ${what}, not one of ${field.oneOf.map((option) => JSON.stringify(option)).join(", ")}` : undefined;
    case "array":
    case "tuple": {
      if (!Array.isArray(value)) return `${shown} is ${what}, not an array`;
      if (field.kind === "tuple" && value.length !== field.items.length) return `${shown} has ${value.length} items, not ${field.items.length}`;
      for (const [index, item] of value.entries()) {
        const found = mismatch(field.kind === "array" ? field.items : field.items[index]!, item, `${path}[${index}]`);
        if (found) return found;
      }
      return undefined;
    }
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return `${shown} is ${what}, not an object`;
      for (const [name, inner] of Object.entries(field.fields)) {
        const at = path === "" ? name : `${path}.${name}`;
        if (!(name in value)) return `\`${at}\` is missing`;
        const found = mismatch(inner, (value as Record<string, unknown>)[name], at);
        if (found) return found;
      }
      const unknown = Object.keys(value).find((name) => !(name in field.fields));
      return unknown === undefined ? undefined : `\`${path === "" ? unknown : `${path}.${unknown}`}\` is not in the contract`;
    }
  }
}

/**
 * The init report from its JSON text, checked field by field against
 * INIT_REPORT (or INIT_FAILURE, when it has an `error`). Throws a TypeError
 * naming the first field that differs.
 */
export function readInitReport(text: string): InitReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TypeError(`the init report is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
  const failed = typeof value === "object" && value !== null && "error" in value;
  const found = mismatch(failed ? INIT_FAILURE : INIT_REPORT, value, "");
  if (found) throw new TypeError(`the init report does not match the engine contract: ${found}`);
  return value as InitReport;
}

/** The C header an engine of `profile` is compiled with, made from this contract. */
export function contractHeader(profile: EngineBuild): string {
  const define = (name: string, value: string | number) => `#define ${name} ${typeof value === "string" ? JSON.stringify(value) : value}`;
  return [
    "/* Made by the engine build from src/contract.ts: edit that file, not this one. */",
    "#ifndef EXTISM_TS_CONTRACT_H",
    "#define EXTISM_TS_CONTRACT_H",
    define("EXTISM_TS_ABI_VERSION", ENGINE_ABI_VERSION),
    define("EXTISM_TS_STACK_LIMIT", ENGINE_BUILDS[profile].stackLimit),
    ...Object.entries(ENTRY_POINTS).map(([key, name]) => define(`EXTISM_TS_ENTRY_${snake(key)}`, name)),
    ...Object.entries(INIT_OPTIONS).map(([key, bit]) => define(`EXTISM_TS_INIT_${snake(key)}`, bit)),
    ...Object.entries(INTRINSICS).map(([key, { bit }]) => define(`EXTISM_TS_INTRINSIC_${snake(key)}`, bit)),
    "/* INTRINSIC(bit, add): the QuickJS function that adds the intrinsic of that bit. */",
    "#define EXTISM_TS_INTRINSICS(INTRINSIC) \\",
    ...Object.values(INTRINSICS).map(({ bit, add }) => `  INTRINSIC(${bit}, ${add}) \\`),
    "",
    ...Object.entries(INTERNAL_GLOBALS).map(([key, name]) => define(`EXTISM_TS_GLOBAL_${snake(key)}`, name)),
    define("EXTISM_TS_PLUGIN_ERROR_BRAND", PLUGIN_ERROR_BRAND),
    define("EXTISM_TS_DISPATCHER_MODULE", HOST_CALL_DISPATCHER.module),
    define("EXTISM_TS_DISPATCHER_NAME", HOST_CALL_DISPATCHER.name),
    define("EXTISM_TS_NATIVE_COUNT", Object.keys(NATIVES).length),
    "/* NATIVE(name, length, companion): the C function js_<name>, and its companion or NULL. */",
    "#define EXTISM_TS_NATIVES(NATIVE) \\",
    ...Object.entries(NATIVES).map(([name, { length, companion }]) => `  NATIVE(${name}, ${length}, ${companion ?? "NULL"}) \\`),
    "",
    "#endif",
    "",
  ].join("\n");
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

/**
 * Where an engine holds function-table indices, read off its linker's
 * relocations (scripts/table-references.mjs): the link step keeps a table
 * entry only when memory or code the plug-in keeps holds its index, and this
 * tells it which static words and which constants are indices, where a scan
 * could only guess from the value. Shipped beside each engine as
 * tableReferencesFile(its file); plug-ins never carry it.
 */
export interface TableReferences {
  /** SHA-256 (hex) of the engine.wasm this describes. */
  engine: string;
  /** Addresses of the static-data words that hold a table index, ascending. */
  data: number[];
  /** [function index in engine.wasm, the table indices its code holds as constants]. */
  code: Array<[number, number[]]>;
}

/** The file beside an engine (`engine.wasm`) that holds its TableReferences. */
export function tableReferencesFile(engineFile: string): string {
  return engineFile.replace(/\.wasm$/, ".table-refs.json");
}
