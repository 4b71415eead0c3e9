import binaryen from "binaryen";
import { CliError } from "../errors.js";
import { linkHostCalls } from "./host-calls.js";
import { GLOBAL_EXPORT_PREFIX, type Snapshot } from "./snapshot.js";

const ENOSYS = 52;
const WASI_MODULE = "wasi_snapshot_preview1";
/** Consecutive zero bytes that end a data segment; shorter runs stay inside one. */
const SEGMENT_GAP = 32;

export interface LinkOptions {
  /** Keep WASI imports (real clock and randomness); otherwise they are answered inside the module. */
  wasi: boolean;
  /** Keep QuickJS's parser and compiler, for eval and new Function at run time. */
  compiler: boolean;
}

/** QuickJS's one entry to its parser and compiler (eval, new Function, scripts). */
const COMPILER_ENTRY = "__JS_EvalInternal";
const EVAL_UNAVAILABLE = "extism_ts_eval_unavailable";

/**
 * The bundle was compiled at build time; unless it may compile more code at
 * run time, route the compiler's entry to an error and let the parser and
 * compiler drop out of the module.
 */
function dropCompiler(module: binaryen.Module, functions: Map<string, binaryen.FunctionInfo>, unavailable: string): void {
  const entry = functions.get(COMPILER_ENTRY);
  if (!entry) throw new Error(`the engine has no ${COMPILER_ENTRY}`);
  redefine(module, entry, module.call(unavailable, [module.local.get(0, binaryen.i32)], binaryen.i64));
}

/** Export every mutable global, so the snapshot can read their values. */
export function exposeGlobals(module: binaryen.Module): void {
  for (let i = 0; i < module.getNumGlobals(); i++) {
    const global = binaryen.getGlobalInfo(module.getGlobalByIndex(i));
    if (global.mutable && !global.module) module.addGlobalExport(global.name, `${GLOBAL_EXPORT_PREFIX}${i}`);
  }
}

function functionsByName(module: binaryen.Module): Map<string, binaryen.FunctionInfo> {
  const functions = new Map<string, binaryen.FunctionInfo>();
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    functions.set(info.name, info);
  }
  return functions;
}

/** Replace a function (defined or imported) with one of the same name and type. */
function redefine(module: binaryen.Module, info: binaryen.FunctionInfo, body: binaryen.ExpressionRef): void {
  module.removeFunction(info.name);
  module.addFunction(info.name, info.params, info.results, [], body);
}

/** Data segments for the non-zero ranges of the snapshot's memory. */
function memorySegments(module: binaryen.Module, memory: Uint8Array): binaryen.MemorySegment[] {
  const segments: binaryen.MemorySegment[] = [];
  let index = 0;
  while (index < memory.length) {
    while (index < memory.length && memory[index] === 0) index++;
    if (index >= memory.length) break;
    const start = index;
    let end = index;
    while (index < memory.length) {
      if (memory[index] !== 0) {
        end = ++index;
      } else if (index - end >= SEGMENT_GAP) {
        break;
      } else {
        index++;
      }
    }
    segments.push({
      name: `snapshot${segments.length}`,
      offset: module.i32.const(start),
      data: memory.subarray(start, end),
      passive: false,
    } as binaryen.MemorySegment);
  }
  return segments;
}

function restoreState(module: binaryen.Module, snapshot: Snapshot): void {
  const memoryInfo = module.getMemoryInfo("0");
  const pages = snapshot.memory.length / 65536;
  module.setMemory(pages, memoryInfo.max ?? -1, null, memorySegments(module, snapshot.memory), false, false, "0");
  const globals: binaryen.GlobalInfo[] = [];
  for (let i = 0; i < module.getNumGlobals(); i++) globals.push(binaryen.getGlobalInfo(module.getGlobalByIndex(i)));
  for (const [index, value] of snapshot.globals) {
    const global = globals[index]!;
    const init =
      global.type === binaryen.i64
        ? module.i64.const(Number(BigInt.asUintN(32, BigInt(value))), Number(BigInt.asUintN(32, BigInt(value) >> 32n)))
        : global.type === binaryen.i32
          ? module.i32.const(Number(value))
          : null;
    if (init === null) throw new Error(`cannot restore global ${global.name} of its type`);
    module.removeGlobal(global.name);
    module.addGlobal(global.name, global.type, true, init);
  }
}

/**
 * Natives the bundle never bound can never run: give them an unreachable
 * body, so the optimizer drops the guest-ABI imports only they called.
 */
function dropUnboundNatives(module: binaryen.Module, snapshot: Snapshot, functions: Map<string, binaryen.FunctionInfo>): void {
  const table = new Map<number, string>();
  for (let i = 0; i < module.getNumElementSegments(); i++) {
    const segment = binaryen.getElementSegmentInfo(module.getElementSegmentByIndex(i));
    // The typings call the offset a number; it is a constant expression.
    const offset = (binaryen.getExpressionInfo(segment.offset) as binaryen.ConstInfo).value as number;
    segment.data.forEach((name, position) => table.set(offset + position, name));
  }
  const bound = new Set(snapshot.boundNatives);
  for (const index of snapshot.allNatives) {
    if (bound.has(index)) continue;
    const name = table.get(index);
    if (name === undefined) throw new Error(`native at table index ${index} is not in the function table`);
    redefine(module, functions.get(name)!, module.unreachable());
  }
}

/** Without --wasi, WASI calls are answered inside the module (ENOSYS) and nothing is imported. */
function answerWasiInside(module: binaryen.Module, functions: Map<string, binaryen.FunctionInfo>): void {
  for (const info of functions.values()) {
    if (info.module !== WASI_MODULE) continue;
    redefine(module, info, info.results === binaryen.i32 ? module.i32.const(ENOSYS) : module.unreachable());
  }
}

/** An expression that sets the shadow stack pointer back to its value in the snapshot. */
function stackPointerReset(module: binaryen.Module, snapshot: Snapshot): () => binaryen.ExpressionRef {
  for (let i = 0; i < module.getNumGlobals(); i++) {
    const global = binaryen.getGlobalInfo(module.getGlobalByIndex(i));
    const value = snapshot.globals.get(i);
    if (global.name === "__stack_pointer" && value !== undefined) {
      return () => module.global.set(global.name, module.i32.const(Number(value)));
    }
  }
  throw new Error("the engine has no __stack_pointer global");
}

const RESERVED_EXPORTS = new Set(["memory", "_start", "_initialize", "__wasm_call_ctors"]);

/**
 * Turn the engine plus a snapshot into the plug-in module: the snapshot's
 * memory and globals become its initial state, each plug-in export becomes a
 * `() -> i32` wasm export, declared host functions become imports, and every
 * build-time export goes away.
 */
export function link(module: binaryen.Module, snapshot: Snapshot, options: LinkOptions): void {
  const functions = functionsByName(module);
  const engineExports = new Map<string, string>();
  for (let i = 0; i < module.getNumExports(); i++) {
    const info = binaryen.getExportInfo(module.getExportByIndex(i));
    engineExports.set(info.name, info.value);
  }
  const invoke = engineExports.get("extism_ts_invoke");
  const evalUnavailable = engineExports.get(EVAL_UNAVAILABLE);
  if (!invoke || !evalUnavailable) throw new Error("the engine lacks extism_ts_invoke or extism_ts_eval_unavailable");
  for (const name of engineExports.keys()) if (name !== "memory") module.removeExport(name);

  // Read before restoreState re-adds the globals (which renumbers them).
  const stackPointer = stackPointerReset(module, snapshot);
  restoreState(module, snapshot);
  dropUnboundNatives(module, snapshot, functions);
  if (!options.wasi) answerWasiInside(module, functions);
  if (!options.compiler) dropCompiler(module, functions, evalUnavailable);
  linkHostCalls(module, functions, snapshot.hostFunctions);

  // Every export starts from the snapshot's stack pointer: a call that trapped
  // (a failing host function, the host's own stack limit) cannot leave the
  // next one with a stack it never unwound.
  snapshot.exports.forEach((name, index) => {
    if (RESERVED_EXPORTS.has(name)) {
      throw new CliError(`the export '${name}' clashes with a name Extism hosts reserve: rename it`);
    }
    const internal = `__extism_ts_export_${index}`;
    const call = module.call(invoke, [module.i32.const(index)], binaryen.i32);
    module.addFunction(internal, binaryen.none, binaryen.i32, [], module.block(null, [stackPointer(), call], binaryen.i32));
    module.addFunctionExport(internal, name);
  });
}
