import { readFile } from "node:fs/promises";
import { basename, dirname, extname, resolve } from "node:path";
import type { CurrentPlugin, ExtismPluginOptions, LogLevel, Plugin } from "@extism/extism";
import { CliError } from "./errors.js";

/** A module linked beside the plug-in (`--link name=path`): the plug-in may import its exports. */
export interface LinkedModule {
  name: string;
  /** A file path or an http(s) URL. */
  path: string;
}

export interface CallOptions {
  input?: Uint8Array;
  config?: Record<string, string>;
  logLevel?: LogLevel;
  allowedHosts?: string[];
  /** Paths the plug-in may open with WASI: the path inside the plug-in to the path on disk. */
  allowedPaths?: Record<string, string>;
  wasi?: boolean;
  timeoutMs?: number;
  memoryMaxPages?: number;
  maxHttpResponseBytes?: number;
  maxVarBytes?: number;
  httpResponseHeaders?: boolean;
  /** Call the function this many times on one instance. */
  loop?: number;
  /** Modules to link beside the plug-in. */
  link?: LinkedModule[];
  /** `path` is an Extism manifest (JSON) rather than a wasm file; the options above add to it. */
  manifest?: boolean;
  /** Where the plug-in's logs go; defaults to stderr. */
  logger?: Console;
  /** Told what the host refused a call that still produced its output (an HTTP request the plug-in caught the failure of). */
  onNote?: (message: string) => void;
}

const LOG_LEVELS: readonly LogLevel[] = ["trace", "debug", "info", "warn", "error", "silent"];
const ENV = "extism:host/env";
const WASI = "wasi_snapshot_preview1";
const PLUGIN_ERROR = "Plugin-originated error: ";

export function parseLogLevel(value: string): LogLevel {
  const level = (value === "off" ? "silent" : value) as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new CliError(`unknown log level '${value}': use one of trace, debug, info, warn, error, off`);
  }
  return level;
}

/** What went wrong on the host's side of a call: the SDK logs these instead of failing the call. */
interface HostFailures {
  /** Each message once, in order. */
  messages: string[];
  /** The plug-in could not have seen it (its input or memory was refused): the call failed whatever it returned. */
  fatal: boolean;
}

function record(failures: HostFailures, message: string, fatal: boolean): void {
  if (!failures.messages.includes(message)) failures.messages.push(message);
  failures.fatal ||= fatal;
}

/**
 * A logger for the plug-in's logs that also catches what the SDK itself logs
 * when it refuses the plug-in something: those fail the call, with a message
 * that names the flag to change.
 */
function callLogger(failures: HostFailures, target: Console | undefined, limits: { memoryMaxPages?: number }): Console {
  const write =
    (level: string, method: keyof Console) =>
    (...args: unknown[]): void => {
      const text = args.join(" ");
      const memory = /^memory limit exceeded: (\d+) pages requested, (\d+) allowed$/.exec(text);
      if (memory) {
        record(
          failures,
          `the plug-in needs ${memory[1]} pages (64 KiB each) of memory and --memory-max allows ${limits.memoryMaxPages ?? memory[2]}: raise --memory-max (e.g. --memory-max ${Math.ceil((Number(memory[1]) * 65536) / 1048576) + 1}MiB)`,
          true,
        );
        return;
      }
      if (/^http_(request|status_code|headers) is not enabled$/.test(text)) return;
      if (target) (target[method] as (...args: unknown[]) => void)(...args);
      else process.stderr.write(`${level} ${text}\n`);
    };
  return {
    trace: write("TRACE", "trace"),
    debug: write("DEBUG", "debug"),
    info: write("INFO", "info"),
    warn: write("WARN", "warn"),
    error: write("ERROR", "error"),
    log: write("INFO", "log"),
  } as unknown as Console;
}

/**
 * A stand-in for each host function the plug-in imports, which `call` has no
 * way to provide: the plug-in loads and its other exports work, and a call
 * that reaches one fails with a message that names it.
 */
function absentHostFunctions(module: WebAssembly.Module, linked: ReadonlySet<string>): NonNullable<ExtismPluginOptions["functions"]> {
  const functions: NonNullable<ExtismPluginOptions["functions"]> = {};
  for (const entry of WebAssembly.Module.imports(module)) {
    if (entry.kind !== "function" || entry.module === ENV || entry.module === WASI || linked.has(entry.module)) continue;
    (functions[entry.module] ??= {})[entry.name] = () => {
      throw new Error(`the host function ${entry.module}::${entry.name} is not provided by extism-ts call; call this export from a host that provides it (in tests, a mock() of @extism-ts/testing)`);
    };
  }
  return functions;
}

/**
 * Until the returned function is called, timers set for `ms` milliseconds are
 * unreferenced: the SDK races the start of its worker and each call against a
 * timer of timeoutMs that it never clears, which would keep the command
 * running that long after its last call. A call holds the worker meanwhile.
 */
function unrefTimers(ms: number | undefined): () => void {
  const setTimer = globalThis.setTimeout;
  if (ms === undefined) return () => undefined;
  globalThis.setTimeout = ((handler: () => void, delay?: number, ...args: unknown[]) => {
    const timer = setTimer(handler, delay, ...args);
    if (delay === ms) (timer as unknown as { unref?(): void }).unref?.();
    return timer;
  }) as typeof setTimeout;
  return () => {
    globalThis.setTimeout = setTimer;
  };
}

const isUrl = (path: string): boolean => /^https?:\/\//i.test(path);

/** A module's bytes from a file or a URL, with a message that names which and why not. */
async function readModule(path: string, what: string): Promise<Uint8Array> {
  if (isUrl(path)) {
    let response: Response;
    try {
      response = await fetch(path);
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause;
      throw new CliError(`cannot download ${what} from ${path}: ${cause?.message ?? (error as Error).message}`);
    }
    if (!response.ok) throw new CliError(`cannot download ${what} from ${path}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`${path}: no such file (build the plug-in first: extism-ts build)`);
    if (code === "EISDIR") throw new CliError(`${path} is a directory, not a wasm file`);
    throw error;
  }
}

async function compile(bytes: Uint8Array, path: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  } catch (error) {
    throw new CliError(`${path} is not a WebAssembly module (${(error as Error).message.replace(/^WebAssembly\.compile\(\): /, "")}); give the .wasm that extism-ts build wrote`);
  }
}

/** The parts of an Extism manifest (its JSON form) that `call` reads. */
interface Manifest {
  wasm?: Array<{ path?: string; url?: string; name?: string }>;
  config?: Record<string, string>;
  allowed_hosts?: string[];
  allowed_paths?: Record<string, string>;
  memory?: { max_pages?: number; max_http_response_bytes?: number; max_var_bytes?: number };
  timeout_ms?: number;
}

async function readManifest(path: string): Promise<{ modules: LinkedModule[]; options: CallOptions }> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(await readModule(path, "the manifest"))) as Manifest;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${path} is not a JSON manifest (${(error as Error).message}); without --manifest, give a .wasm file`);
  }
  const wasm = manifest.wasm ?? [];
  if (!Array.isArray(wasm) || wasm.length === 0) throw new CliError(`${path}: the manifest lists no modules in "wasm"`);
  const base = isUrl(path) ? path : dirname(resolve(path));
  const modules = wasm.map((entry, index) => {
    const location = entry.path ?? entry.url;
    if (typeof location !== "string") throw new CliError(`${path}: wasm[${index}] has neither "path" nor "url" (data and hashes are not supported by extism-ts call)`);
    const where = isUrl(location) ? location : isUrl(base) ? new URL(location, base).href : resolve(base, location);
    return { name: entry.name ?? (index === wasm.length - 1 ? "main" : basename(location, extname(location))), path: where };
  });
  const memory = manifest.memory ?? {};
  return {
    modules,
    options: {
      ...(manifest.config ? { config: manifest.config } : {}),
      ...(manifest.allowed_hosts ? { allowedHosts: manifest.allowed_hosts } : {}),
      // The manifest maps the path on disk to the path inside the plug-in; the SDK the other way round.
      ...(manifest.allowed_paths ? { allowedPaths: Object.fromEntries(Object.entries(manifest.allowed_paths).map(([disk, guest]) => [guest, disk])) } : {}),
      ...(memory.max_pages ? { memoryMaxPages: memory.max_pages } : {}),
      ...(memory.max_http_response_bytes ? { maxHttpResponseBytes: memory.max_http_response_bytes } : {}),
      ...(memory.max_var_bytes ? { maxVarBytes: memory.max_var_bytes } : {}),
      ...(manifest.timeout_ms ? { timeoutMs: manifest.timeout_ms } : {}),
    },
  };
}

/**
 * The SDK's HTTP function, made to hand the plug-in a failed request (no
 * response, status 0: the PDK's request() throws) instead of ending the call,
 * and to say which request failed and what to do about it.
 */
function reportHttpFailures(functions: NonNullable<ExtismPluginOptions["functions"]>, failures: HostFailures): void {
  const request = functions[ENV]?.http_request;
  if (!request) return;
  functions[ENV]!.http_request = async (context: CurrentPlugin, requestOffset: bigint, bodyOffset: bigint) => {
    try {
      return await request(context, requestOffset, bodyOffset);
    } catch (error) {
      let method = "GET";
      let url = "";
      try {
        const asked = context.read(requestOffset)?.json() as { method?: string; url?: string } | undefined;
        method = (asked?.method ?? method).toUpperCase();
        url = asked?.url ?? url;
      } catch {
        // Unreadable: the SDK's own message says what it could.
      }
      const message = (error as Error).message;
      if (/is not allowed/.test(message) && url) {
        const host = new URL(url).hostname;
        record(failures, `HTTP ${method} ${url} is not allowed: add --allow-host ${host}`, false);
      } else {
        const cause = (error as Error & { cause?: Error }).cause;
        record(failures, `HTTP ${method} ${url} failed: ${cause?.message ?? message}`, false);
      }
      return 0n;
    }
  };
}

/**
 * Load a plug-in in @extism/extism and call one of its exports; resolves to
 * each call's output. Fails with a CliError whenever a call does not produce
 * its output: the plug-in's error, or what the host refused it.
 */
export async function callPlugin(path: string, functionName: string, options: CallOptions = {}): Promise<Uint8Array[]> {
  let modules: LinkedModule[];
  let settings = options;
  if (options.manifest) {
    const manifest = await readManifest(path);
    modules = manifest.modules;
    // Flags add to the manifest, as in `extism call`.
    settings = {
      ...manifest.options,
      ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
      config: { ...manifest.options.config, ...options.config },
      allowedHosts: [...(manifest.options.allowedHosts ?? []), ...(options.allowedHosts ?? [])],
      allowedPaths: { ...manifest.options.allowedPaths, ...options.allowedPaths },
    };
  } else {
    modules = [{ name: "main", path }];
  }
  modules = [...(settings.link ?? []), ...modules];
  const [main, ...linked] = [modules[modules.length - 1]!, ...modules.slice(0, -1)];
  const module = await compile(await readModule(main.path, "the plug-in"), main.path);
  const linkedModules = await Promise.all(linked.map(async (entry) => ({ name: entry.name, module: await compile(await readModule(entry.path, `the module ${entry.name}`), entry.path) })));

  const imports = WebAssembly.Module.imports(module);
  const wasi = settings.wasi ?? false;
  if (!wasi && imports.some((entry) => entry.module === WASI)) {
    throw new CliError(`${main.path} imports WASI (it was built with --wasi): call it with --wasi`);
  }
  const usesHttp = imports.some((entry) => entry.module === ENV && entry.name === "http_request");
  const failures: HostFailures = { messages: [], fatal: false };
  const functions = absentHostFunctions(module, new Set(linked.map((entry) => entry.name)));
  const pluginOptions: ExtismPluginOptions = {
    useWasi: wasi,
    config: settings.config ?? {},
    logLevel: settings.logLevel ?? "silent",
    logger: callLogger(failures, settings.logger, settings),
    allowedHosts: settings.allowedHosts ?? [],
    allowedPaths: settings.allowedPaths ?? {},
    allowHttpResponseHeaders: settings.httpResponseHeaders ?? false,
    memory: {
      ...(settings.memoryMaxPages ? { maxPages: settings.memoryMaxPages } : {}),
      ...(settings.maxHttpResponseBytes ? { maxHttpResponseBytes: settings.maxHttpResponseBytes } : {}),
      ...(settings.maxVarBytes ? { maxVarBytes: settings.maxVarBytes } : {}),
    },
    // The JS SDK enforces timeouts and makes HTTP requests only from a worker:
    // a plug-in that makes requests runs in one even with no host allowed, to be told no.
    runInWorker: settings.timeoutMs !== undefined || (settings.allowedHosts ?? []).length > 0 || usesHttp,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    functions,
  };
  const { default: createPlugin } = await import("@extism/extism");
  let plugin: Plugin;
  // Every request to the worker (its start, functionExists, each call) sets such a timer, some after an await.
  const restoreTimers = unrefTimers(settings.timeoutMs);
  try {
    plugin = await createPlugin({ wasm: [...linkedModules, { module, name: "main" }] }, pluginOptions);
  } catch (error) {
    restoreTimers();
    // A link error that names an ABI import this SDK lacks, a module that traps as it starts.
    throw new CliError(`${main.path} does not load: ${(error as Error).message}`);
  }
  reportHttpFailures(functions, failures);
  try {
    if (!(await plugin.functionExists(functionName))) {
      const exported = (await plugin.getExports())
        .filter((entry) => entry.kind === "function")
        .map((entry) => entry.name);
      throw new CliError(`${main.path} has no export '${functionName}'; it exports: ${exported.join(", ") || "(nothing)"}`);
    }
    const outputs: Uint8Array[] = [];
    for (let i = 0; i < (settings.loop ?? 1); i++) {
      let output;
      try {
        output = await plugin.call(functionName, options.input ?? new Uint8Array());
      } catch (error) {
        const message = (error as Error).message;
        // What the host refused is the cause; the plug-in's error only follows from it.
        const reason = failures.messages[0] ?? (message.startsWith(PLUGIN_ERROR) ? message.slice(PLUGIN_ERROR.length) : message);
        throw new CliError(`${functionName} failed: ${/timed out|timeout/i.test(reason) && settings.timeoutMs !== undefined ? `it ran longer than --timeout ${settings.timeoutMs} ms` : reason}`);
      }
      if (failures.fatal) throw new CliError(`${functionName} failed: ${failures.messages[0]}`);
      outputs.push(output ? output.bytes().slice() : new Uint8Array());
    }
    // The plug-in saw the failure and went on: say what the host refused, once.
    for (const message of failures.messages) settings.onNote?.(message);
    return outputs;
  } finally {
    await plugin.close();
    restoreTimers();
  }
}
