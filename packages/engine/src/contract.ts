/**
 * The contract between engine.wasm and the build that links it: the
 * build-time entry points, the globals both sides name, the natives and the
 * init report. It is written once, here: the engine build turns it into the
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

/** Bits of `init`'s options argument. */
export const INIT_OPTIONS = {
  /** Keep the JavaScript compiler (eval, new Function): decided before the bundle runs. */
  keepCompiler: 1,
  /**
   * The intrinsics beyond the base objects, eval and JSON that the context
   * starts with; the build asks for those the bundle names (see
   * `intrinsicsNamedIn` in @extism-ts/codegen).
   */
  date: 2,
  regExp: 4,
  proxy: 8,
  mapSet: 16,
  typedArrays: 32,
  promise: 64,
  weakRef: 128,
} as const;

/** Globals the bundle and the engine share. */
export const GLOBALS = {
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
  native: "__extism_ts_native",
  /**
   * `(mode: 0 | 1 | 2) => number`, defined by globals/timers.ts when the bundle
   * has timers: run a due timer, run the next timer (waiting for its
   * deadline), or cancel them all; returns how many it ran or cancelled.
   */
  timers: "__extism_ts_timers",
} as const;

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

/** A host function the bundle declared: types as letters, i i32, I i64, f f32, F f64, M a memory block (its i64 offset). */
export interface HostFunctionDeclaration {
  namespace: string;
  name: string;
  params: string;
  result: string;
}

/** What `init` reports: the bundle's exports and what it bound, or where it failed. */
export type InitReport =
  | {
      /** Exported functions, in invoke order. */
      exports: string[];
      /** The entry's exports that are not plug-in exports, and why (a class, a value, the default export). */
      skippedExports: Array<{ name: string; reason: string }>;
      /** Function-table indices of the natives the bundle bound, and of every native. */
      natives: number[];
      allNatives: number[];
      /** [native, companion] table indices: a C function only that native hands out, dropped with it. */
      companions: Array<[number, number]>;
      /** Function-table index of the compiler's entry. */
      compilerEntry: number;
      hostFunctions: HostFunctionDeclaration[];
      /** Timers the bundle set that had not come due when it finished initializing: cancelled. */
      cancelledTimers: number;
      /** [start, end) of the memory holding QuickJS's built-in function lists. */
      functionLists: [number, number];
      /** Table indices of the functions named by the list entries the heap still reaches. */
      reachedBuiltins: number[];
    }
  | { stage: string; error: string };

/** The C header the engine is compiled with, made from this contract. */
export function contractHeader(): string {
  const define = (name: string, value: string | number) => `#define ${name} ${typeof value === "string" ? JSON.stringify(value) : value}`;
  return [
    "/* Made by the engine build from src/contract.ts: edit that file, not this one. */",
    "#ifndef EXTISM_TS_CONTRACT_H",
    "#define EXTISM_TS_CONTRACT_H",
    define("EXTISM_TS_ABI_VERSION", ENGINE_ABI_VERSION),
    ...Object.entries(ENTRY_POINTS).map(([key, name]) => define(`EXTISM_TS_ENTRY_${snake(key)}`, name)),
    ...Object.entries(INIT_OPTIONS).map(([key, bit]) => define(`EXTISM_TS_INIT_${snake(key)}`, bit)),
    ...Object.entries(GLOBALS).map(([key, name]) => define(`EXTISM_TS_GLOBAL_${snake(key)}`, name)),
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
