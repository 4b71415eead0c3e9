import binaryen from "binaryen";
import { ENTRY_POINTS } from "@extism-ts/engine/contract";
import { BuildError } from "./errors.js";
import { functionTable, redefine, storedIndices, tableRange, type FunctionTable } from "./function-table.js";
import { linkHostCalls } from "./host-calls.js";
import { GLOBAL_EXPORT_PREFIX, type Snapshot } from "./snapshot.js";
import { staticData, type TableReferences } from "./table-references.js";

const ENOSYS = 52;
const WASI_MODULE = "wasi_snapshot_preview1";
/**
 * Consecutive zero bytes that end a run of the snapshot's memory; fewer stay
 * inside one. A run costs its two numbers in the run table (2 bytes for most):
 * shorter gaps would save a little more and give the first call more runs to
 * lay out (greet: 1,491 runs with 12, 5,581 with 4, 9,942 with 3).
 */
const SEGMENT_GAP = 4;

export interface LinkOptions {
  /** Keep WASI imports (real clock and randomness); otherwise they are answered inside the module. */
  wasi: boolean;
  /** Keep QuickJS's parser and compiler, for eval and new Function at run time. */
  compiler: boolean;
  /** Where the engine holds table indices (readTableReferences). */
  tableReferences: TableReferences;
  /** engine.wasm's static data, when `module` carries other data (--aot: the snapshot, for weval); by default the module's. */
  engineData?: Array<[number, Uint8Array]>;
  /**
   * Table indices of engine functions weval compiled copies of (--aot: the interpreter copy):
   * nothing calls them any more, and the table indices their code holds stay live, as the copies hold them too.
   */
  specialized?: readonly number[];
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

/**
 * Built-in functions the plug-in can no longer call leave the function table
 * (those of intrinsics it never added, for the most part), and with them the
 * code only they reach. A function stays when a list entry the heap reaches
 * names it, when memory outside the function lists holds its index (a static
 * word the engine's relocations name, or any word initialization wrote: the
 * heap's function objects), or when live code holds its index as a constant
 * (the relocations again). Dropping code can leave more entries unnamed, so
 * this repeats until nothing more goes.
 */
function pruneFunctionTable(module: binaryen.Module, table: FunctionTable, snapshot: Snapshot, initial: Array<[number, Uint8Array]>, dataReferences: number[]): void {
  const range = tableRange(module);
  const named = new Set(snapshot.reachedBuiltins);
  storedIndices(snapshot.memory, initial, dataReferences, range, snapshot.functionLists, named);
  for (;;) {
    const live = new Set(named);
    table.heldByCode(live);
    if (table.prune((index) => live.has(index)) === 0) return;
    module.runPasses(["remove-unused-module-elements"]);
  }
}

/** A non-zero range of the snapshot's memory. */
interface SnapshotRun {
  /** Where it goes in linear memory. */
  start: number;
  data: Uint8Array;
}

/** The non-zero ranges of the snapshot's memory. */
export function nonZeroRuns(memory: Uint8Array, gap = SEGMENT_GAP): SnapshotRun[] {
  const segments: SnapshotRun[] = [];
  let index = 0;
  while (index < memory.length) {
    while (index < memory.length && memory[index] === 0) index++;
    if (index >= memory.length) break;
    const start = index;
    let end = index;
    while (index < memory.length) {
      if (memory[index] !== 0) {
        end = ++index;
      } else if (index - end >= gap) {
        break;
      } else {
        index++;
      }
    }
    segments.push({ start, data: memory.subarray(start, end) });
  }
  return segments;
}

/** Mutable globals, their snapshot values and types, by name. */
interface GlobalState {
  name: string;
  type: binaryen.Type;
  value: number | bigint;
}

function constant(module: binaryen.Module, state: GlobalState): binaryen.ExpressionRef {
  if (state.type === binaryen.i64) return module.i64.const(BigInt.asIntN(64, BigInt(state.value)));
  if (state.type === binaryen.i32) return module.i32.const(Number(state.value));
  throw new Error(`cannot restore global ${state.name} of its type`);
}

/**
 * The snapshot's memory as two passive data segments: the bytes of its
 * non-zero runs one after another, and a table of where each run goes (for
 * each run, the zero bytes since the previous run's end and its length, both
 * unsigned LEB128, which takes 2 bytes for most runs where a pair of u32
 * took 8). Passive, so that the
 * plug-in can lay them out again: at its first call, and after a call that
 * trapped (see pristineStart). The table is copied into `scratch`, a range
 * the snapshot leaves zero, for as long as the layout takes.
 */
interface MemoryLayout {
  pages: number;
  /** Bytes of the run table. */
  tableBytes: number;
  scratch: number;
}

const RUNS_SEGMENT = "snapshot_runs";
const BYTES_SEGMENT = "snapshot_bytes";
/** The scratch range's alignment. */
const SCRATCH_ALIGN = 8;

function leb128(value: number, out: number[]): void {
  do {
    const low = value % 128;
    value = Math.floor(value / 128);
    out.push(value > 0 ? low | 0x80 : low);
  } while (value > 0);
}

function layOutMemory(module: binaryen.Module, memory: Uint8Array): MemoryLayout {
  const runs = nonZeroRuns(memory);
  const numbers: number[] = [];
  let previousEnd = 0;
  for (const run of runs) {
    leb128(run.start - previousEnd, numbers);
    leb128(run.data.length, numbers);
    previousEnd = run.start + run.data.length;
  }
  const table = Uint8Array.from(numbers);
  const bytes = new Uint8Array(runs.reduce((total, run) => total + run.data.length, 0));
  let offset = 0;
  for (const run of runs) {
    bytes.set(run.data, offset);
    offset += run.data.length;
  }
  // The widest zero range between runs holds the table while it is in use; else a page after them.
  let scratch = 0;
  let widest = 0;
  let end = 0;
  for (const run of [...runs, { start: memory.length, data: new Uint8Array(0) }]) {
    const start = Math.ceil(end / SCRATCH_ALIGN) * SCRATCH_ALIGN;
    if (run.start - start > widest) {
      widest = run.start - start;
      scratch = start;
    }
    end = run.start + run.data.length;
  }
  let pages = memory.length / 65536;
  if (widest < table.length) {
    scratch = memory.length;
    pages += Math.ceil(table.length / 65536);
  }
  const memoryInfo = module.getMemoryInfo("0");
  // A passive segment has no offset: the typings want an expression, binaryen takes none (0).
  const passive = (name: string, data: Uint8Array) => ({ name, data, passive: true, offset: 0 as binaryen.ExpressionRef });
  module.setMemory(pages, memoryInfo.max ?? -1, null, [passive(RUNS_SEGMENT, table), passive(BYTES_SEGMENT, bytes)], false, false, "0");
  return { pages, tableBytes: table.length, scratch };
}

/** The snapshot's globals become the globals' initial values; returns them, to reset after a trap. */
function restoreGlobals(module: binaryen.Module, snapshot: Snapshot): GlobalState[] {
  const globals: GlobalState[] = [];
  const infos: binaryen.GlobalInfo[] = [];
  for (let i = 0; i < module.getNumGlobals(); i++) infos.push(binaryen.getGlobalInfo(module.getGlobalByIndex(i)));
  for (const [index, value] of snapshot.globals) {
    const info = infos[index]!;
    const state = { name: info.name, type: info.type, value };
    module.removeGlobal(info.name);
    module.addGlobal(info.name, info.type, true, constant(module, state));
    globals.push(state);
  }
  return globals;
}

const CALL_STATE = "__extism_ts_call_state";
const RESTORE = "__extism_ts_restore";
const RUN_CURSOR = "__extism_ts_run_cursor";
const READ_RUN_NUMBER = "__extism_ts_run_number";
/** The call state: memory not laid out yet, between calls, inside a call. */
const FRESH = 0;
const IDLE = 1;
const IN_CALL = 2;

/**
 * Every call starts from the snapshot exactly as built when the call before
 * it trapped (the host's timeout, a host function that threw, out of memory):
 * a call that finds the state still "inside a call" zeroes memory, lays the
 * snapshot out again and resets every global. A fresh instance only lays
 * the snapshot out. Returns a maker of the statement that starts an export.
 */
function pristineStart(module: binaryen.Module, layout: MemoryLayout, globals: GlobalState[]): () => binaryen.ExpressionRef {
  module.addGlobal(CALL_STATE, binaryen.i32, true, module.i32.const(FRESH));
  const callState = () => module.global.get(CALL_STATE, binaryen.i32);
  const i32 = (value: number) => module.i32.const(value);
  const tableBytes = layout.tableBytes;
  // The run table's next number (unsigned LEB128), read at the cursor, which it moves past the number.
  module.addGlobal(RUN_CURSOR, binaryen.i32, true, i32(0));
  const cursor = () => module.global.get(RUN_CURSOR, binaryen.i32);
  const local = (index: number) => module.local.get(index, binaryen.i32);
  module.addFunction(
    READ_RUN_NUMBER,
    binaryen.none,
    binaryen.i32,
    // The number, the shift, the byte.
    [binaryen.i32, binaryen.i32, binaryen.i32],
    module.block(null, [
      module.loop(
        "byte",
        module.block(null, [
          module.local.set(2, module.i32.load8_u(0, 1, cursor(), "0")),
          module.global.set(RUN_CURSOR, module.i32.add(cursor(), i32(1))),
          module.local.set(0, module.i32.or(local(0), module.i32.shl(module.i32.and(local(2), i32(0x7f)), local(1)))),
          module.local.set(1, module.i32.add(local(1), i32(7))),
          module.br("byte", module.i32.and(local(2), i32(0x80))),
        ]),
      ),
      module.return(local(0)),
    ], binaryen.i32),
  );
  const next = () => module.call(READ_RUN_NUMBER, [], binaryen.i32);
  // Locals: where the run goes, its length, and its offset in the bytes segment.
  const destination = () => local(0);
  const length = () => local(1);
  const source = () => local(2);
  const layOut = tableBytes === 0 ? [] : [
    module.memory.init(RUNS_SEGMENT, i32(layout.scratch), i32(0), i32(tableBytes), "0"),
    module.global.set(RUN_CURSOR, i32(layout.scratch)),
    module.loop(
      "run",
      module.block(null, [
        module.local.set(0, module.i32.add(destination(), next())),
        module.local.set(1, next()),
        module.memory.init(BYTES_SEGMENT, destination(), source(), length(), "0"),
        module.local.set(0, module.i32.add(destination(), length())),
        module.local.set(2, module.i32.add(source(), length())),
        module.br("run", module.i32.lt_u(cursor(), i32(layout.scratch + tableBytes))),
      ]),
    ),
    module.memory.fill(i32(layout.scratch), i32(0), i32(tableBytes), "0"),
  ];
  const afterTrap = [
    module.memory.fill(i32(0), i32(0), module.i32.mul(module.memory.size("0"), i32(65536)), "0"),
    ...globals.map((global) => module.global.set(global.name, constant(module, global))),
  ];
  module.addFunction(
    RESTORE,
    binaryen.none,
    binaryen.none,
    [binaryen.i32, binaryen.i32, binaryen.i32],
    module.block(null, [module.if(module.i32.eq(callState(), i32(IN_CALL)), module.block(null, afterTrap)), ...layOut]),
  );
  return () => module.if(module.i32.ne(callState(), i32(IDLE)), module.call(RESTORE, [], binaryen.none));
}

/**
 * Natives the bundle never bound can never run: give them an unreachable
 * body, so the optimizer drops the guest-ABI imports only they called.
 */
function dropUnboundNatives(module: binaryen.Module, snapshot: Snapshot, table: FunctionTable): void {
  const bound = new Set(snapshot.natives);
  for (const index of snapshot.allNatives) {
    if (!bound.has(index)) table.makeUnreachable(index);
  }
  for (const [native, companion] of snapshot.companions) {
    if (!bound.has(native)) table.makeUnreachable(companion);
  }
}

/** Without --wasi, WASI calls are answered inside the module (ENOSYS) and nothing is imported. */
function answerWasiInside(module: binaryen.Module, functions: Map<string, binaryen.FunctionInfo>): void {
  for (const info of functions.values()) {
    if (info.module !== WASI_MODULE) continue;
    redefine(module, info, info.results === binaryen.i32 ? module.i32.const(ENOSYS) : module.unreachable());
  }
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
  const invoke = engineExports.get(ENTRY_POINTS.invoke);
  if (!invoke) throw new Error(`the engine lacks ${ENTRY_POINTS.invoke}`);
  for (const name of engineExports.keys()) if (name !== "memory") module.removeExport(name);

  // Before the snapshot's memory replaces the engine's static data, and while functions keep engine.wasm's order.
  const initial = options.engineData ?? staticData(module.emitBinary());
  const codeReferences = new Map<string, readonly number[]>();
  for (const [index, indices] of options.tableReferences.code) {
    codeReferences.set(binaryen.getFunctionInfo(module.getFunctionByIndex(index)).name, indices);
  }
  const table = functionTable(module, functions, codeReferences);
  const start = pristineStart(module, layOutMemory(module, snapshot.memory), restoreGlobals(module, snapshot));
  dropUnboundNatives(module, snapshot, table);
  if (!options.wasi) answerWasiInside(module, functions);
  // The bundle ran with the compiler already replaced (see takeSnapshot): its entry is unreachable.
  if (!options.compiler) table.makeUnreachable(snapshot.compilerEntry);
  for (const index of options.specialized ?? []) table.makeUnreachable(index, true);
  linkHostCalls(module, functions, snapshot.hostFunctions);

  const callState = (value: number) => module.global.set(CALL_STATE, module.i32.const(value));
  snapshot.exports.forEach((name, index) => {
    if (RESERVED_EXPORTS.has(name)) {
      throw new BuildError(`the export '${name}' clashes with a name Extism hosts reserve: rename it`);
    }
    const internal = `__extism_ts_export_${index}`;
    const body = module.block(
      null,
      [
        start(),
        callState(IN_CALL),
        module.local.set(0, module.call(invoke, [module.i32.const(index)], binaryen.i32)),
        callState(IDLE),
        module.local.get(0, binaryen.i32),
      ],
      binaryen.i32,
    );
    module.addFunction(internal, binaryen.none, binaryen.i32, [binaryen.i32], body);
    module.addFunctionExport(internal, name);
  });
  pruneFunctionTable(module, table, snapshot, initial, options.tableReferences.data);
}
