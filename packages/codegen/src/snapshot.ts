import { ENGINE_ABI_VERSION, ENTRY_POINTS, INIT_OPTIONS, readInitReport, type HostFunctionDeclaration, type InitReport, type InitSuccess } from "@extism-ts/engine/contract";
import { BuildError } from "./errors.js";
import { describeSkipped } from "./exports.js";

export type { HostFunctionDeclaration };

const ENOSYS = 52;

/** The engine's init report (the contract's INIT_REPORT, as it is) and the state initialization left. */
export interface Snapshot extends InitSuccess {
  /** Linear memory after initialization. */
  memory: Uint8Array;
  /** Values of the module's mutable globals after initialization, by global index. */
  globals: Map<number, number | bigint>;
}

/** Prefix of the exports that expose mutable globals while the snapshot is taken. */
export const GLOBAL_EXPORT_PREFIX = "__extism_ts_global_";

class HostCallAtInit extends Error {}

/**
 * Imports while the bundle initializes: no Extism host exists at build time,
 * so any host call fails the build; WASI answers ENOSYS so that nothing
 * per-machine (clock, randomness) is frozen into the snapshot.
 */
function buildTimeImports(module: WebAssembly.Module): WebAssembly.Imports {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  for (const entry of WebAssembly.Module.imports(module)) {
    if (entry.kind !== "function") continue;
    const namespace = (imports[entry.module] ??= {});
    namespace[entry.name] =
      entry.module === "wasi_snapshot_preview1" && entry.name !== "proc_exit"
        ? () => ENOSYS
        : () => {
            throw new HostCallAtInit(
              `the plug-in called the host (${entry.module} ${entry.name}) while it initialized: ` +
                "host calls (input, output, config, vars, logging, HTTP, host functions) " +
                "only work inside an exported function",
            );
          };
  }
  return imports;
}

/**
 * Run the engine's initialization in Node's WebAssembly: evaluate the bundle,
 * let module-level code run, and capture the resulting state.
 */
export interface SnapshotOptions {
  /** Keep the JavaScript compiler: decided before the bundle runs, so that it sees what run time will see. */
  keepCompiler: boolean;
  /** The optional intrinsics the context starts with (the contract's INTRINSICS bits). */
  intrinsics: number;
  /** The instant Date reads while the bundle initializes (ms since the Unix epoch). */
  buildInstant: number;
}

/**
 * The instant Date reads at build time: SOURCE_DATE_EPOCH (seconds) when it
 * is set, as reproducible builds do, else 2000-01-01T00:00:00Z.
 */
export function buildInstant(env: NodeJS.ProcessEnv = process.env): number {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return Date.UTC(2000, 0, 1);
  if (!/^\d+$/.test(epoch)) throw new BuildError(`SOURCE_DATE_EPOCH must be a whole number of seconds, not '${epoch}'`);
  return Number(epoch) * 1000;
}

export async function takeSnapshot(engine: Uint8Array, code: string, filename: string, options: SnapshotOptions): Promise<Snapshot> {
  // binaryen hands out arrays over plain ArrayBuffers, never shared ones.
  const module = await WebAssembly.compile(engine as Uint8Array<ArrayBuffer>);
  const instance = await WebAssembly.instantiate(module, buildTimeImports(module));
  const exports = instance.exports as Record<string, WebAssembly.ExportValue>;
  const memory = exports.memory as WebAssembly.Memory;
  const call = (name: string, ...args: number[]): number => (exports[name] as (...a: number[]) => number)(...args);
  const flags = (options.keepCompiler ? INIT_OPTIONS.keepCompiler : 0) | options.intrinsics;
  const abiVersion = typeof exports[ENTRY_POINTS.abiVersion] === "function" ? call(ENTRY_POINTS.abiVersion) : "none";
  if (abiVersion !== ENGINE_ABI_VERSION) {
    throw new BuildError(
      `engine.wasm speaks engine contract ${abiVersion}, this build speaks ${ENGINE_ABI_VERSION}: ` +
        "install @extism-ts/cli and @extism-ts/engine of matching versions",
    );
  }

  const encoder = new TextEncoder();
  const write = (text: string): number => {
    const bytes = encoder.encode(text + "\0");
    const pointer = call(ENTRY_POINTS.alloc, bytes.length);
    new Uint8Array(memory.buffer, pointer, bytes.length).set(bytes);
    return pointer;
  };

  let reportText: string;
  let reportBytes: Uint8Array;
  try {
    call("_initialize");
    const source = encoder.encode(code);
    const sourcePointer = call(ENTRY_POINTS.alloc, source.length + 1);
    new Uint8Array(memory.buffer).set(source, sourcePointer);
    new Uint8Array(memory.buffer)[sourcePointer + source.length] = 0;
    const reportPointer = call(ENTRY_POINTS.init, sourcePointer, source.length, write(filename), flags, options.buildInstant);
    const reportLength = call(ENTRY_POINTS.reportLength);
    reportBytes = new Uint8Array(memory.buffer, reportPointer, reportLength);
    reportText = new TextDecoder().decode(reportBytes);
  } catch (error) {
    if (error instanceof HostCallAtInit) throw new BuildError(error.message);
    throw error;
  }
  let report: InitReport;
  try {
    report = readInitReport(reportText);
  } catch (error) {
    throw new BuildError(`engine.wasm: ${(error as Error).message}: install @extism-ts/cli and @extism-ts/engine of matching versions`);
  }
  if ("error" in report) {
    throw new BuildError(`the plug-in failed while it initialized: ${report.error}`);
  }
  if (report.exports.length === 0) {
    throw new BuildError(
      `the entry exports no function: export at least one, e.g. \`export const greet = plugin(string, string, (name) => \`Hello, \${name}!\`)\`` +
        report.skippedExports.map((entry) => `\n  ${describeSkipped(entry)}`).join(""),
    );
  }

  const globals = new Map<number, number | bigint>();
  for (const [name, value] of Object.entries(exports)) {
    if (name.startsWith(GLOBAL_EXPORT_PREFIX)) {
      globals.set(Number(name.slice(GLOBAL_EXPORT_PREFIX.length)), (value as WebAssembly.Global).value);
    }
  }
  // The report was for the build: plug-ins do not carry it.
  reportBytes.fill(0);
  // Nor the frames init left below the stack pointer: no call is running.
  new Uint8Array(memory.buffer).fill(0, report.stack[0], report.stack[1]);
  return { ...report, memory: new Uint8Array(memory.buffer).slice(), globals };
}
