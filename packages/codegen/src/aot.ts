import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import binaryen from "binaryen";
import { BuildError } from "./errors.js";
import { nonZeroRuns } from "./link.js";
import type { Snapshot } from "./snapshot.js";
import { segments } from "./function-table.js";
import { staticData } from "./table-references.js";
import { WasmReader } from "./wasm-reader.js";

/** The export through which weval finds the engine's request list (the engine's aot.h). */
const PENDING_HEAD_EXPORT = "weval.pending.head";
/** Bytes of one request in the snapshot's memory: next, prev, user id, globals, function, arguments, their length, where the result goes. */
const REQUEST_SIZE = 32;

/** A request the engine made, as the snapshot holds it. */
interface Request {
  address: number;
  /** Table index of the interpreter copy to specialize. */
  generic: number;
  arguments: number;
  argumentsLength: number;
  /** Where weval writes the compiled function's table index. */
  result: number;
}

export interface AotResult {
  /** The engine with the compiled functions added, to link as the engine. */
  module: binaryen.Module;
  /**
   * Where the engine's function at `index` is in `module`: weval drops its own imports,
   * which moves every function defined after them, and keeps the defined ones in order.
   */
  engineFunctionIndex(index: number): number;
  /** The snapshot's memory with each compiled function's index written in, and the requests gone. */
  memory: Uint8Array;
  /** Table index of the interpreter copy the requests named: nothing calls it once weval has run. */
  generic: number | undefined;
  /** Functions the engine asked for, those weval compiled, and those it failed on (left to the interpreter). */
  requested: number;
  compiled: number;
  interpreted: number;
  /** weval's own time. */
  milliseconds: number;
}

/** Where weval is: $EXTISM_TS_WEVAL, else `weval` on PATH. */
export function wevalCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.EXTISM_TS_WEVAL || "weval";
}

function u32(memory: Uint8Array, address: number): number {
  return new DataView(memory.buffer, memory.byteOffset).getUint32(address, true);
}

/** The address `weval.pending.head` returns: the function's body is that constant. */
function pendingHeadAddress(module: binaryen.Module): number {
  const exported = module.getExport(PENDING_HEAD_EXPORT);
  if (!exported) throw new BuildError(`the engine has no ${PENDING_HEAD_EXPORT} export: --aot needs @extism-ts/engine's engine-aot.wasm`);
  const body = binaryen.getFunctionInfo(module.getFunction(binaryen.getExportInfo(exported).value)).body;
  let info = binaryen.getExpressionInfo(body);
  if (info.id === binaryen.ReturnId) info = binaryen.getExpressionInfo((info as binaryen.ReturnInfo).value);
  if (info.id !== binaryen.ConstId) throw new Error(`${PENDING_HEAD_EXPORT} does not return a constant`);
  return (info as binaryen.ConstInfo).value as number;
}

function requests(memory: Uint8Array, head: number): Request[] {
  const found: Request[] = [];
  for (let address = u32(memory, head); address !== 0; address = u32(memory, address)) {
    found.push({
      address,
      generic: u32(memory, address + 16),
      arguments: u32(memory, address + 20),
      argumentsLength: u32(memory, address + 24),
      result: u32(memory, address + 28),
    });
  }
  return found;
}

/** Data segments the module weval reads may have. */
const MOST_WEVAL_SEGMENTS = 1000;

/**
 * The module weval reads: the engine with the snapshot's memory as active
 * data segments (weval rebuilds memory from those only).
 */
function wevalInput(engine: Uint8Array, memory: Uint8Array): Uint8Array {
  const module = binaryen.readBinary(engine);
  try {
    const info = module.getMemoryInfo("0");
    // binaryen.js passes the segment list on its own small stack: longer zero gaps, fewer segments.
    let gap = 64;
    let runs = nonZeroRuns(memory, gap);
    while (runs.length > MOST_WEVAL_SEGMENTS) runs = nonZeroRuns(memory, (gap *= 4));
    const segments = runs.map((run) => ({ data: run.data, passive: false, offset: module.i32.const(run.start) }));
    module.setMemory(memory.length / 65536, info.max ?? -1, null, segments, false, false, "0");
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}

/** A panic's message (the lines after "panicked at", before the backtrace), else the output's last lines. */
function wevalFailure(output: string): string {
  const lines = output.trim().split("\n");
  const panic = lines.findIndex((line) => line.includes("panicked at"));
  if (panic < 0) return lines.slice(-5).join("\n");
  const backtrace = lines.findIndex((line, index) => index > panic && /^(stack backtrace:|note: )/.test(line));
  return lines.slice(panic, backtrace < 0 ? panic + 3 : backtrace).join("\n");
}

/** The snapshot's memory with only the requests `keep` accepts in weval's list. */
function withRequests(memory: Uint8Array, head: number, pending: Request[], keep: (request: Request) => boolean): Uint8Array {
  const copy = memory.slice();
  const view = new DataView(copy.buffer);
  const kept = pending.filter(keep);
  view.setUint32(head, kept[0]?.address ?? 0, true);
  kept.forEach((request, index) => {
    view.setUint32(request.address, kept[index + 1]?.address ?? 0, true);
    view.setUint32(request.address + 4, kept[index - 1]?.address ?? 0, true);
  });
  return copy;
}

/**
 * What a browser or Node compiles per function (the WebAssembly JS API's
 * implementation limits): a function with a long bytecode can be compiled past them.
 */
export const WASM_FUNCTION_LIMITS = { bytes: 7_654_321, locals: 50_000 } as const;

/** Body size in bytes of the function in each slot of the module's table (active element segments at constant offsets). */
export function functionSizesByTableIndex(binary: Uint8Array): Map<number, number> {
  const reader = new WasmReader(binary);
  const limits = () => {
    const flags = reader.u32();
    reader.u32();
    if (flags & 1) reader.u32();
  };
  /** A constant expression: i32.const's or ref.func's immediate, or undefined for any other. */
  const expression = (): number | undefined => {
    const opcode = binary[reader.position++];
    // i32.const, ref.func and global.get have an immediate that may hold the end byte.
    const value = opcode === 0x41 || opcode === 0xd2 || opcode === 0x23 ? reader.u32() : undefined;
    while (binary[reader.position++] !== 0x0b);
    return opcode === 0x41 || opcode === 0xd2 ? value : undefined;
  };
  let importedFunctions = 0;
  const tableSlots = new Map<number, number>();
  const sizes = new Map<number, number>();
  for (const { id } of reader.sections()) {
    if (id === 2) {
      for (let count = reader.u32(); count > 0; count--) {
        reader.skipBytes(); // module
        reader.skipBytes(); // field
        const kind = binary[reader.position++];
        if (kind === 0) (importedFunctions++, reader.u32());
        else if (kind === 1) (reader.position++, limits());
        else if (kind === 2) limits();
        else reader.position += 2;
      }
    } else if (id === 9) {
      for (let count = reader.u32(); count > 0; count--) {
        const flags = reader.u32();
        const active = (flags & 1) === 0;
        if (flags & 2 && active) reader.u32();
        const offset = active ? expression() : undefined;
        if (flags & 3) reader.position++; // elemkind or reftype
        const items = reader.u32();
        for (let item = 0; item < items; item++) {
          const target = flags & 4 ? expression() : reader.u32();
          if (active && offset !== undefined && target !== undefined) tableSlots.set(offset + item, target);
        }
      }
    } else if (id === 10) {
      const count = reader.u32();
      for (let index = 0; index < count; index++) {
        const size = reader.u32();
        sizes.set(importedFunctions + index, size);
        reader.position += size;
      }
    }
  }
  return new Map([...tableSlots].map(([slot, target]) => [slot, sizes.get(target) ?? 0]));
}

/** "module.base" of each imported function, in function index order. */
function importedFunctions(module: binaryen.Module): string[] {
  const found: string[] = [];
  for (let index = 0; index < module.getNumFunctions(); index++) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(index));
    if (info.module) found.push(`${info.module}.${info.base}`);
  }
  return found;
}

/** The table slots (slot 0, null, left out) whose function `matches`. */
function tableFunctions(module: binaryen.Module, matches: (info: binaryen.FunctionInfo) => boolean): Set<number> {
  const found = new Set<number>();
  for (const segment of segments(module)) {
    segment.functions.forEach((name, position) => {
      if (segment.offset + position !== 0 && matches(binaryen.getFunctionInfo(module.getFunction(name)))) found.add(segment.offset + position);
    });
  }
  return found;
}

/** How many functions weval may fail on before --aot gives up. */
const MOST_LEFT_INTERPRETED = 64;

/**
 * After the snapshot, before the link step: weval specializes the engine's
 * copy of the interpreter loop for each function the engine asked for (the
 * bytecode the snapshot holds), and writes each compiled version's table
 * index where the engine looks for it. A function weval fails on (it stops
 * with "PC is a runtime value" where the copy's control flow meets with two
 * pcs, docs/decisions/aot.md) stays with the interpreter: weval runs again
 * without it, one thread at a time, which names the request it was on.
 */
export async function compileAhead(engine: Uint8Array, snapshot: Snapshot, options: { command?: string; keepInput?: string } = {}): Promise<AotResult> {
  const command = options.command ?? wevalCommand();
  const module = binaryen.readBinary(engine);
  let head: number;
  let engineImports: string[];
  try {
    head = pendingHeadAddress(module);
    engineImports = importedFunctions(module);
  } finally {
    module.dispose();
  }
  const pending = requests(snapshot.memory, head);
  const userId = (request: Request) => u32(snapshot.memory, request.address + 8);
  const interpreted = new Set<number>();
  const directory = await mkdtemp(join(tmpdir(), "extism-ts-aot-"));
  try {
    const input = join(directory, "snapshot.wasm");
    const output = join(directory, "compiled.wasm");
    const started = performance.now();
    // After a failure weval runs on one thread with its log on, which names the request it stopped on.
    let oneByOne = false;
    let compiled: binaryen.Module | undefined;
    const memory = new Uint8Array(snapshot.memory.length);
    for (;;) {
      const inputBinary = wevalInput(engine, withRequests(snapshot.memory, head, pending, (request) => !interpreted.has(userId(request))));
      await writeFile(input, inputBinary);
      // --debug: the module weval read, to run weval on by hand (RUST_LOG=trace).
      if (options.keepInput) {
        await mkdir(dirname(options.keepInput), { recursive: true });
        await writeFile(options.keepInput, inputBinary);
      }
      try {
        await promisify(execFile)(command, ["weval", "-i", input, "-o", output], {
          maxBuffer: 1024 * 1024 * 1024,
          env: oneByOne ? { ...process.env, RAYON_NUM_THREADS: "1", RUST_LOG: "weval::eval=info" } : process.env,
        });
      } catch (error) {
        const failure = error as NodeJS.ErrnoException & { stderr?: string };
        if (failure.code === "ENOENT") {
          throw new BuildError(
            `--aot needs weval 0.5.1, which is not installed (looked for '${command}'): ` +
              "install it with `cargo install weval --version 0.5.1 --locked`, or set EXTISM_TS_WEVAL to its path",
          );
        }
        const stderr = failure.stderr || failure.message;
        const panic = stderr.indexOf("panicked at");
        if (panic < 0 || interpreted.size >= MOST_LEFT_INTERPRETED) {
          throw new BuildError(`weval could not compile this plug-in's functions (build without --aot): ${wevalFailure(stderr)}`);
        }
        if (oneByOne) {
          const current = [...stderr.slice(0, panic).matchAll(/Specializing: Directive \{ user_id: (\d+),/g)].at(-1);
          if (!current) throw new BuildError(`weval failed on this plug-in (build without --aot): ${wevalFailure(stderr)}`);
          interpreted.add(Number(current[1]));
        }
        oneByOne = true;
        continue;
      }
      const compiledBinary = new Uint8Array(await readFile(output));
      memory.fill(0);
      for (const [address, bytes] of staticData(compiledBinary)) memory.set(bytes, address);
      compiled?.dispose();
      compiled = binaryen.readBinary(compiledBinary);
      // A function compiled past what a browser compiles stays with the interpreter. It is
      // measured as binaryen holds and writes it, as the plug-in will: binaryen gives weval's
      // stack-machine code locals of its own (ten times as many) and up to twice the bytes.
      // Locals first: binaryen warns on stderr when it writes a function with too many.
      const byLocals = tableFunctions(compiled, (info) => binaryen.expandType(info.params).length + info.vars.length > WASM_FUNCTION_LIMITS.locals);
      const tooMany = pending.filter((request) => byLocals.has(u32(memory, request.result)));
      const sizes = tooMany.length > 0 ? new Map<number, number>() : functionSizesByTableIndex(compiled.emitBinary());
      const tooBig = pending.filter((request) => (sizes.get(u32(memory, request.result)) ?? 0) > WASM_FUNCTION_LIMITS.bytes);
      if (tooMany.length === 0 && tooBig.length === 0) break;
      for (const request of [...tooMany, ...tooBig]) interpreted.add(userId(request));
    }
    const milliseconds = performance.now() - started;
    const compiledCount = pending.filter((request) => u32(memory, request.result) !== 0).length;
    // The requests and their copies of the bytecode were for weval only.
    for (const request of pending) {
      memory.fill(0, request.arguments, request.arguments + request.argumentsLength);
      memory.fill(0, request.address, request.address + REQUEST_SIZE);
    }
    const compiledImports = importedFunctions(compiled!);
    const engineFunctionIndex = (index: number): number => {
      if (index >= engineImports.length) return index - engineImports.length + compiledImports.length;
      const moved = compiledImports.indexOf(engineImports[index]!);
      if (moved < 0) throw new Error(`weval's output lacks the engine's import ${engineImports[index]}`);
      return moved;
    };
    return { module: compiled!, engineFunctionIndex, memory, generic: pending[0]?.generic, requested: pending.length, compiled: compiledCount, interpreted: interpreted.size, milliseconds };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
