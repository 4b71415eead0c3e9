/**
 * The contract between engine.wasm and the build that links it: the
 * build-time entry points, the globals both sides name, the natives and the
 * init report. It is written once, here: the engine build turns it into the
 * C header `contract.h` and refuses C natives that differ from `NATIVES`,
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

/** Every native with the number of arguments it declares (its `length`). */
export const NATIVES: { readonly [K in NativeName]: number } = {
  input: 0,
  input_text: 0,
  output: 1,
  memory_alloc: 1,
  memory_length: 1,
  memory_read: 1,
  memory_write: 2,
  memory_free: 1,
  config_get: 1,
  var_get: 1,
  var_set: 2,
  log_trace: 1,
  log_debug: 1,
  log_info: 1,
  log_warn: 1,
  log_error: 1,
  log_level: 0,
  http_request: 2,
  http_status: 0,
  http_headers: 0,
  clock_now: 0,
  clock_monotonic: 0,
  random_fill: 1,
  host_declare: 4,
  host_call: 1,
  host_function: 1,
  host_initializing: 0,
  utf8_encode: 1,
  utf8_decode: 2,
  msgpack_encode: 1,
  msgpack_decode: 2,
  json_encode: 1,
  json_decode: 1,
  base64_encode: 2,
  base64_decode: 2,
  hex_encode: 1,
  hex_decode: 1,
  clock_sleep: 1,
  digest: 2,
  array_buffer_detach: 1,
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
    "#endif",
    "",
  ].join("\n");
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

/** The natives as the C bridge declares them: `{"name", js_function, length}` entries in its BridgeNative tables. */
export function nativesInC(sources: Record<string, string>): Map<string, number> {
  const found = new Map<string, number>();
  for (const source of Object.values(sources)) {
    for (const table of source.matchAll(/const BridgeNative \w+_natives\[\] = \{([^;]*)\};/g)) {
      for (const entry of table[1]!.matchAll(/\{\s*"(\w+)",\s*\w+,\s*(\d+)\s*(?:,[^{}]*)?\}/g)) found.set(entry[1]!, Number(entry[2]));
    }
  }
  return found;
}

/** Differences between the C natives and NATIVES, one line each; empty when they agree. */
export function nativeMismatches(inC: Map<string, number>): string[] {
  const problems: string[] = [];
  for (const [name, length] of Object.entries(NATIVES)) {
    if (!inC.has(name)) problems.push(`native '${name}' is in the contract but not in the C bridge`);
    else if (inC.get(name) !== length) problems.push(`native '${name}' takes ${length} arguments in the contract but ${inC.get(name)} in the C bridge`);
  }
  for (const name of inC.keys()) if (!(name in NATIVES)) problems.push(`native '${name}' is in the C bridge but not in the contract`);
  return problems;
}
