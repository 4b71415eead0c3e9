import { readFile } from "node:fs/promises";
import type { ExtismPluginOptions, LogLevel } from "@extism/extism";
import { CliError } from "./errors.js";

export interface CallOptions {
  input?: Uint8Array;
  config?: Record<string, string>;
  logLevel?: LogLevel;
  allowedHosts?: string[];
  wasi?: boolean;
  timeoutMs?: number;
  memoryMaxPages?: number;
  httpResponseHeaders?: boolean;
  /** Call the function this many times on one instance. */
  loop?: number;
  /** Where the plug-in's logs go; defaults to stderr. */
  logger?: Console;
}

const LOG_LEVELS: readonly LogLevel[] = ["trace", "debug", "info", "warn", "error", "silent"];

export function parseLogLevel(value: string): LogLevel {
  const level = (value === "off" ? "silent" : value) as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new CliError(`unknown log level '${value}': use one of trace, debug, info, warn, error, off`);
  }
  return level;
}

function stderrLogger(): Console {
  const write =
    (level: string) =>
    (...args: unknown[]) =>
      process.stderr.write(`${level} ${args.join(" ")}\n`);
  return {
    trace: write("TRACE"),
    debug: write("DEBUG"),
    info: write("INFO"),
    warn: write("WARN"),
    error: write("ERROR"),
    log: write("INFO"),
  } as unknown as Console;
}

/**
 * A stand-in for each host function the plug-in imports, which `call` has no
 * way to provide: the plug-in loads and its other exports work, and a call
 * that reaches one fails with a message that names it.
 */
function absentHostFunctions(module: WebAssembly.Module): NonNullable<ExtismPluginOptions["functions"]> {
  const functions: NonNullable<ExtismPluginOptions["functions"]> = {};
  for (const entry of WebAssembly.Module.imports(module)) {
    if (entry.kind !== "function" || entry.module === "extism:host/env" || entry.module === "wasi_snapshot_preview1") continue;
    (functions[entry.module] ??= {})[entry.name] = () => {
      throw new Error(`the host function ${entry.module}::${entry.name} is not provided by extism-ts call; call this export from a host that provides it (in tests, a mock() of @extism-ts/testing)`);
    };
  }
  return functions;
}

/**
 * Load a plug-in in @extism/extism and call one of its exports; resolves to
 * each call's output. Fails with the plug-in's error message.
 */
export async function callPlugin(path: string, functionName: string, options: CallOptions = {}): Promise<Uint8Array[]> {
  const wasm = await readFile(path);
  const pluginOptions: ExtismPluginOptions = {
    useWasi: options.wasi ?? false,
    config: options.config ?? {},
    logLevel: options.logLevel ?? "silent",
    logger: options.logger ?? stderrLogger(),
    allowedHosts: options.allowedHosts ?? [],
    allowHttpResponseHeaders: options.httpResponseHeaders ?? false,
    memory: options.memoryMaxPages === undefined ? {} : { maxPages: options.memoryMaxPages },
    // The JS SDK enforces timeouts and makes HTTP requests only from a worker.
    runInWorker: options.timeoutMs !== undefined || (options.allowedHosts ?? []).length > 0,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  // Loaded on demand: the SDK pulls in node:wasi, which warns on import.
  const { default: createPlugin } = await import("@extism/extism");
  let plugin;
  try {
    const module = await WebAssembly.compile(wasm);
    plugin = await createPlugin({ wasm: [{ module }] }, { ...pluginOptions, functions: absentHostFunctions(module) });
  } catch (error) {
    // Not wasm, or a link error that names an ABI import this SDK lacks.
    throw new CliError(`${path} does not load: ${(error as Error).message}`);
  }
  try {
    if (!(await plugin.functionExists(functionName))) {
      const exported = (await plugin.getExports())
        .filter((entry) => entry.kind === "function")
        .map((entry) => entry.name);
      throw new CliError(
        `${path} has no export '${functionName}'; it exports: ${exported.join(", ") || "(nothing)"}`,
      );
    }
    const outputs: Uint8Array[] = [];
    for (let i = 0; i < (options.loop ?? 1); i++) {
      let output;
      try {
        output = await plugin.call(functionName, options.input ?? new Uint8Array());
      } catch (error) {
        throw new CliError(`${functionName} failed: ${(error as Error).message}`);
      }
      outputs.push(output ? output.bytes().slice() : new Uint8Array());
    }
    return outputs;
  } finally {
    await plugin.close();
  }
}
