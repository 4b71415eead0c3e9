/**
 * Calling a plug-in with @extism/extism's browser build: logs captured per
 * level, host functions compiled from the page's bodies, the export's return
 * code recorded, and the time each step took.
 */
import createPlugin, { CAPABILITIES, type CallContext, type ExtismPluginOptions, type LogLevel, type Plugin } from "@extism/extism";
import { EXTISM_ENV, type ImportInfo, type PluginInfo } from "./wasm-info.js";

export type { LogLevel };
export type LogLineLevel = "trace" | "debug" | "info" | "warn" | "error";

export interface LogLine {
  level: LogLineLevel;
  message: string;
}

export interface HostFunctionSource {
  module: string;
  name: string;
  body: string;
}

export interface RunOptions {
  info: PluginInfo;
  functionName: string;
  input: Uint8Array;
  config: Record<string, string>;
  logLevel: LogLevel;
  wasi: boolean;
  allowedHosts: string[];
  hostFunctions: HostFunctionSource[];
  /** Run the plug-in in a worker (needs a cross-origin isolated page); the only way to get a timeout. */
  runInWorker: boolean;
  timeoutMs?: number;
}

export interface RunResult {
  ok: boolean;
  output: Uint8Array;
  /** The failure's message: the plug-in's error, a trap, or why it could not be loaded. */
  error?: string;
  /** Where it failed: loading (instantiating, linking) or the call itself. */
  phase?: "host functions" | "load" | "call";
  /** The export's return code, when the page could see it (not in a worker). */
  returnCode?: number;
  logs: LogLine[];
  loadMs: number;
  callMs: number;
}

export const workersAvailable = (): boolean => CAPABILITIES.hasWorkerCapability;

type HostFunction = (callContext: CallContext, ...args: unknown[]) => unknown;

/** Coerce a body's result to what the import's wasm result type accepts, so `return 1` works for an i64. */
function coerceResult(entry: ImportInfo, value: unknown): unknown {
  const type = entry.signature?.results[0];
  if (type === undefined) return undefined;
  if (type === "i64") {
    if (value === undefined || value === null) return 0n;
    if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
    return value;
  }
  if (type === "i32" || type === "f32" || type === "f64") {
    if (value === undefined || value === null) return 0;
    if (typeof value === "bigint") return Number(value);
  }
  return value;
}

export class HostFunctionError extends Error {}

/** Compile the page's bodies into host functions; a syntax error names the function. */
export function compileHostFunctions(
  imports: ImportInfo[],
  sources: HostFunctionSource[],
): Record<string, Record<string, HostFunction>> {
  const functions: Record<string, Record<string, HostFunction>> = {};
  for (const entry of imports) {
    const body = sources.find((source) => source.module === entry.module && source.name === entry.name)?.body ?? "";
    let compiled: (...args: unknown[]) => unknown;
    try {
      // The page's own code, typed by the user into their own page: this is the feature.
      compiled = new Function("callContext", "...args", body) as (...args: unknown[]) => unknown;
    } catch (error) {
      throw new HostFunctionError(`host function ${entry.module} ${entry.name}: ${(error as Error).message}`);
    }
    (functions[entry.module] ??= {})[entry.name] = (callContext, ...args) => {
      let result: unknown;
      try {
        result = compiled(callContext, ...args);
      } catch (error) {
        throw new HostFunctionError(`host function ${entry.name} threw: ${(error as Error)?.message ?? String(error)}`);
      }
      if (result instanceof Promise) {
        throw new HostFunctionError(`host function ${entry.name} returned a Promise; host function bodies run synchronously`);
      }
      return coerceResult(entry, result);
    };
  }
  return functions;
}

/** The return code of the last call of a recorded export. */
let lastReturnCode: number | undefined;

/** An instance whose function exports record what they return; otherwise the instance itself. */
function recordingInstance(instance: WebAssembly.Instance): WebAssembly.Instance {
  const exports: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(instance.exports)) {
    exports[name] =
      typeof value === "function"
        ? (...args: unknown[]) => {
            const result = (value as (...a: unknown[]) => unknown)(...args);
            lastReturnCode = typeof result === "number" ? result : undefined;
            return result;
          }
        : value;
  }
  return Object.create(instance, { exports: { value: Object.freeze(exports), enumerable: true } }) as WebAssembly.Instance;
}

/**
 * The SDK ignores an export's return code (a plug-in fails through error_set);
 * Extism hosts treat a non-zero one as a failure, so the page records it by
 * wrapping the instance's exports while the SDK instantiates the module.
 * Not when the SDK wraps the export for JSPI itself (http_request on the main thread).
 */
async function withRecordedReturnCodes<T>(record: boolean, create: () => Promise<T>): Promise<T> {
  if (!record) return create();
  const original = WebAssembly.instantiate;
  const patched = async (source: unknown, imports?: WebAssembly.Imports): Promise<unknown> => {
    const result = await (original as (s: unknown, i?: WebAssembly.Imports) => Promise<unknown>)(source, imports);
    return result instanceof WebAssembly.Instance ? recordingInstance(result) : result;
  };
  WebAssembly.instantiate = patched as typeof WebAssembly.instantiate;
  try {
    return await create();
  } finally {
    WebAssembly.instantiate = original;
  }
}

function canRecordReturnCodes(info: PluginInfo, runInWorker: boolean): boolean {
  if (runInWorker) return false;
  const jspi = typeof (WebAssembly as { promising?: unknown }).promising === "function";
  const usesHttp = info.imports.some((entry) => entry.module === EXTISM_ENV && entry.name === "http_request");
  return !(jspi && usesHttp);
}

function now(): number {
  return performance.now();
}

/** Load the plug-in, call one export once, close it. Never throws: failures are in the result. */
export async function runPlugin(options: RunOptions, userImports: ImportInfo[]): Promise<RunResult> {
  const logs: LogLine[] = [];
  const capture =
    (level: LogLineLevel) =>
    (...args: unknown[]): void => {
      logs.push({ level, message: args.map((arg) => (typeof arg === "string" ? arg : String(arg))).join(" ") });
    };
  const logger = {
    trace: capture("trace"),
    debug: capture("debug"),
    info: capture("info"),
    warn: capture("warn"),
    error: capture("error"),
    log: capture("info"),
  } as unknown as Console;
  const result: RunResult = { ok: false, output: new Uint8Array(), logs, loadMs: 0, callMs: 0 };

  let functions;
  try {
    functions = compileHostFunctions(userImports, options.hostFunctions);
  } catch (error) {
    return { ...result, error: (error as Error).message, phase: "host functions" };
  }

  const pluginOptions: ExtismPluginOptions = {
    useWasi: options.wasi,
    config: options.config,
    logger,
    logLevel: options.logLevel,
    allowedHosts: options.allowedHosts,
    functions,
    runInWorker: options.runInWorker,
    ...(options.runInWorker && options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
  const record = canRecordReturnCodes(options.info, options.runInWorker);
  let plugin: Plugin;
  const loadStart = now();
  try {
    plugin = await withRecordedReturnCodes(record, () =>
      createPlugin({ wasm: [{ module: options.info.module }] }, pluginOptions),
    );
  } catch (error) {
    return { ...result, loadMs: now() - loadStart, error: (error as Error)?.message ?? String(error), phase: "load" };
  }
  result.loadMs = now() - loadStart;

  lastReturnCode = undefined;
  const callStart = now();
  try {
    const output = await plugin.call(options.functionName, options.input);
    result.callMs = now() - callStart;
    result.output = output ? output.bytes().slice() : new Uint8Array();
    if (record) result.returnCode = lastReturnCode;
    // Extism hosts fail a call on a non-zero return code even without an error message.
    if (result.returnCode !== undefined && result.returnCode !== 0) {
      result.error = `${options.functionName} returned ${result.returnCode}`;
      result.phase = "call";
    } else {
      result.ok = true;
    }
  } catch (error) {
    result.callMs = now() - callStart;
    if (record) result.returnCode = lastReturnCode;
    result.error = (error as Error)?.message ?? String(error);
    result.phase = "call";
  } finally {
    try {
      await plugin.close();
    } catch {
      // a plug-in that failed in a worker may already be gone
    }
  }
  return result;
}
