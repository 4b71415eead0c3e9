import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expectCodec, type Codec } from "@extism-ts/convert";
import { hostFunctionName, type HostInstance, type HostOptions, type LogEntry, type LogLevel, type ProvidedFunction, type Session } from "./host.js";
import { HttpMock, passthrough, type MockRequest, type Routes } from "./http.js";
import { startJsInstance } from "./js-host.js";
import { isMock, type Mock } from "./mock.js";
import { startPythonInstance } from "./python-host.js";

/** Mocks by namespace, then by function name: `{ "extism:host/user": { a_python_func: mock(...) } }`. */
export type HostFunctions = Record<string, Record<string, Mock>>;

export interface LoadOptions {
  /**
   * The SDK that runs the plug-in: "js" is @extism/extism in this process (the
   * default), "python" the Python `extism` SDK (the reference Rust runtime) in
   * a process of its own. The rest of the API is the same on both.
   */
  host?: "js" | "python";
  /** The Python interpreter that has the `extism` package, for host "python". Default "python3". */
  python?: string;
  config?: Record<string, string>;
  /**
   * Run with WASI. Default: whether the module imports it (a plug-in built with
   * `--wasi` does); false for such a module is refused, as it could not load.
   */
  wasi?: boolean;
  /** Hosts the plug-in may send requests to (`*` wildcards); with `http`, checked before the routes. */
  allowedHosts?: string[];
  /**
   * End a call that runs longer, failing it. Default 30 000: a plug-in in an endless
   * loop fails its test instead of hanging it. `close()` ends a call that runs, too.
   */
  timeoutMs?: number;
  /** Largest the plug-in's memory may grow, in 64 KiB pages. */
  memoryMaxPages?: number;
  hostFunctions?: HostFunctions;
  /** Answer the plug-in's HTTP requests from these routes instead of the network. */
  http?: Routes;
  /** Let the plug-in see response headers (the JS SDK's allowHttpResponseHeaders). */
  httpResponseHeaders?: boolean;
  /** The level the plug-in is told to log at, and the least one captured. Default "trace": every line. */
  logLevel?: LogLevel | "off";
}

/** The plug-in's vars as the host holds them, read between calls. */
export interface Vars {
  get(key: string): Uint8Array | undefined;
  get<T>(key: string, codec: Codec<T>): T | undefined;
  keys(): string[];
}

export interface Plugin {
  readonly path: string;
  readonly host: "js" | "python";
  /** Call an export with bytes or a string (sent as UTF-8) and get its output's bytes. */
  call(name: string, input?: string | Uint8Array): Promise<Uint8Array>;
  /** The same, with codecs for the input, the output or both: the ones the plug-in uses. */
  call<I, O>(name: string, input: I, codecs: { input: Codec<I>; output: Codec<O> }): Promise<O>;
  call<O>(name: string, input: string | Uint8Array | undefined, codecs: { output: Codec<O> }): Promise<O>;
  call<I>(name: string, input: I, codecs: { input: Codec<I> }): Promise<Uint8Array>;
  /** What the plug-in logged, in order, from every call so far. */
  readonly logs: LogEntry[];
  /** The HTTP requests the plug-in made, in order, mocked or sent on (refused ones too). */
  readonly requests: MockRequest[];
  readonly vars: Vars;
  /** End the instance, and a call that runs (it fails); calls made after it fail. */
  close(): Promise<void>;
}

/** A call that failed: the plug-in's error message, or the failure on the host's side (a mock, an unmatched request). */
export class CallError extends Error {
  override name = "CallError";
  constructor(
    message: string,
    /** The export that was called. */
    readonly functionName: string,
    /**
     * The export's return code: as the host reports it, or on @extism/extism, which
     * does not, as the plug-in's error text gives it (a PluginError's code; -1 otherwise).
     * Undefined for failures on the host's side.
     */
    readonly code?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const modules = new Map<string, { version: string; module: Promise<WebAssembly.Module> }>();

/** Compile once per file version: every test loads a fresh instance of the same module. */
async function compile(path: string): Promise<WebAssembly.Module> {
  let version: string;
  try {
    const info = await stat(path);
    version = `${info.mtimeMs}:${info.size}`;
  } catch {
    throw new Error(`cannot load ${path}: there is no such file (build the plug-in first, e.g. npx extism-ts build)`);
  }
  let cached = modules.get(path);
  if (cached?.version !== version) {
    cached = { version, module: readFile(path).then((bytes) => WebAssembly.compile(bytes)) };
    modules.set(path, cached);
  }
  try {
    return await cached.module;
  } catch (error) {
    modules.delete(path);
    throw new Error(`cannot load ${path}: it is not a WebAssembly module (${(error as Error).message})`);
  }
}

function providedFunctions(hostFunctions: HostFunctions = {}): ProvidedFunction[] {
  const provided: ProvidedFunction[] = [];
  for (const [namespace, functions] of Object.entries(hostFunctions)) {
    if (namespace === "extism:host/env") throw new TypeError(`hostFunctions: "extism:host/env" is the Extism ABI the host provides; mock HTTP with \`http\` instead`);
    for (const [name, mock] of Object.entries(functions ?? {})) {
      if (!isMock(mock)) throw new TypeError(`hostFunctions["${namespace}"].${name}: make it with mock(params, result, fn)`);
      provided.push({ namespace, name, mock });
    }
  }
  return provided;
}

/** Name every host function the plug-in imports and the test does not provide, before a host fails on it. */
function checkImports(module: WebAssembly.Module, provided: ProvidedFunction[], path: string): void {
  const have = new Set(provided.map(hostFunctionName));
  const missing = WebAssembly.Module.imports(module)
    .filter((entry) => entry.kind === "function" && entry.module !== "extism:host/env" && entry.module !== "wasi_snapshot_preview1")
    .map((entry) => hostFunctionName({ namespace: entry.module, name: entry.name }))
    .filter((name) => !have.has(name));
  if (missing.length > 0) {
    throw new Error(`${path} imports host functions that hostFunctions does not provide: ${missing.join(", ")}; give each a mock()`);
  }
}

/** Long enough for any call a test means to make, short enough that an endless loop fails the test rather than hangs it. */
const DEFAULT_TIMEOUT_MS = 30_000;

const WASI_MODULE = "wasi_snapshot_preview1";

/** WASI as the module asks for it, unless the test says otherwise; a module that imports it cannot load without it. */
function useWasi(module: WebAssembly.Module, wanted: boolean | undefined, path: string): boolean {
  const imports = WebAssembly.Module.imports(module).some((entry) => entry.module === WASI_MODULE);
  if (wanted === false && imports) {
    throw new Error(`${path} imports WASI (it was built with --wasi), so it cannot load with wasi: false; pass wasi: true, or leave wasi out`);
  }
  return wanted ?? imports;
}

function hostOptions(options: LoadOptions): HostOptions {
  const logLevel = options.logLevel ?? "trace";
  if (!["trace", "debug", "info", "warn", "error", "off"].includes(logLevel)) {
    throw new TypeError(`logLevel: expected one of trace, debug, info, warn, error, off, got ${String(logLevel)}`);
  }
  for (const key of ["timeoutMs", "memoryMaxPages"] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) throw new TypeError(`${key}: expected a positive whole number, got ${String(value)}`);
  }
  return {
    config: options.config ?? {},
    wasi: options.wasi ?? false,
    allowedHosts: options.allowedHosts ?? [],
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    memoryMaxPages: options.memoryMaxPages,
    httpResponseHeaders: options.httpResponseHeaders ?? false,
    logLevel,
    python: options.python ?? "python3",
  };
}

function inputBytes(input: unknown, codec: Codec<unknown> | undefined): Uint8Array {
  if (codec) return codec.encode(input);
  if (input === undefined) return new Uint8Array();
  if (typeof input === "string") return new TextEncoder().encode(input);
  if (input instanceof Uint8Array) return input;
  throw new TypeError(`call: the input is a ${typeof input}: pass a string or bytes, or give an input codec`);
}

class LoadedPlugin implements Plugin {
  readonly vars: Vars;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(
    readonly path: string,
    readonly host: "js" | "python",
    readonly logs: LogEntry[],
    readonly requests: MockRequest[],
    private readonly instance: HostInstance,
    /** Host-side failures of the call that runs (Session.fail). */
    private readonly failures: Error[],
  ) {
    this.vars = {
      get: <T>(key: string, codec?: Codec<T>) => {
        if (codec !== undefined) expectCodec(codec, "vars.get(): the codec");
        const bytes = instance.readVar(key);
        return bytes === undefined || !codec ? bytes : codec.decode(bytes);
      },
      keys: () => instance.varKeys(),
    } as Vars;
  }

  /** The overloads of Plugin.call say what the promise holds. */
  call(name: string, input?: unknown, codecs: { input?: Codec<unknown>; output?: Codec<unknown> } = {}): Promise<never> {
    try {
      if (codecs.input !== undefined) expectCodec(codecs.input, `call(${JSON.stringify(name)}): the input codec`);
      if (codecs.output !== undefined) expectCodec(codecs.output, `call(${JSON.stringify(name)}): the output codec`);
    } catch (error) {
      return Promise.reject(error);
    }
    // One call at a time, in order: an instance is not reentrant.
    const run = this.#queue.then(async () => {
      if (this.#closed) throw new CallError(`cannot call ${name}: the plug-in is closed`, name);
      const bytes = inputBytes(input, codecs.input);
      this.failures.length = 0;
      const outcome = await this.instance.call(name, bytes);
      const [failure] = this.failures;
      if (failure) throw new CallError(failure.message, name, undefined, { cause: failure.cause ?? failure });
      if (!outcome.ok) throw new CallError(outcome.message, name, outcome.code);
      return codecs.output ? codecs.output.decode(outcome.output) : outcome.output;
    });
    this.#queue = run.catch(() => undefined);
    return run as Promise<never>;
  }

  close(): Promise<void> {
    this.#closed = true;
    return this.instance.close();
  }
}

/**
 * Load a built plug-in in a fresh instance. The module is compiled once per
 * file version, so loading one per test is cheap: nothing a test leaves in
 * an instance (vars, memory) reaches the next one.
 */
export async function loadPlugin(path: string | URL, options: LoadOptions = {}): Promise<Plugin> {
  const wasmPath = path instanceof URL ? fileURLToPath(path) : resolve(path);
  const host = options.host ?? "js";
  if (host !== "js" && host !== "python") throw new TypeError(`host: expected "js" or "python", got ${String(host)}`);
  const settings = hostOptions(options);
  const functions = providedFunctions(options.hostFunctions);
  const module = await compile(wasmPath);
  checkImports(module, functions, wasmPath);
  settings.wasi = useWasi(module, options.wasi, wasmPath);
  // Without mocks, real requests still go through the kit, to the hosts allowedHosts allows (none
  // by default): both hosts then refuse the others alike, with a message that says what to add.
  const http = options.http ? new HttpMock(options.http, options.allowedHosts) : new HttpMock({}, options.allowedHosts ?? [], passthrough);
  const failures: Error[] = [];
  const logs: LogEntry[] = [];
  const session: Session = {
    functions,
    http,
    logs,
    fail(error, context) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(new Error(context ? `${context}: ${message}` : message, { cause: error }));
    },
  };
  const instance = host === "python" ? await startPythonInstance(wasmPath, settings, session) : await startJsInstance(module, settings, session);
  return new LoadedPlugin(wasmPath, host, logs, http.requests, instance, failures);
}
