import type { CurrentPlugin, ExtismPluginOptions, Plugin as ExtismPlugin } from "@extism/extism";
import { hostFunctionName, readReturnCode, type HostInstance, type HostOptions, type LogLevel, type Session } from "./host.js";
import { invokeMock, zeroOf, type RawValue } from "./mock.js";
import { importExtism } from "./sdk.js";

type HostFunction = (context: CurrentPlugin, ...args: Array<number | bigint>) => unknown;
type Functions = Record<string, Record<string, HostFunction>>;

const ENV = "extism:host/env";
const PLUGIN_ERROR = "Plugin-originated error: ";

/** The worker the SDK runs the plug-in in: a handle that would keep Node running while the plug-in idles. */
function workerOf(plugin: ExtismPlugin): { ref(): void; unref(): void } | undefined {
  const worker = (plugin as unknown as { worker?: { ref?: () => void; unref?: () => void } | null }).worker;
  return worker?.ref && worker.unref ? (worker as { ref(): void; unref(): void }) : undefined;
}

/**
 * Until the returned function is called, timers set for `ms` milliseconds are
 * unreferenced. The SDK races each call (and the start of its worker) against
 * a timer of timeoutMs that it never clears: referenced, it would keep Node
 * running for that long after the last call. A call holds the worker, so the
 * timer still fires while one runs.
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

/**
 * The plug-in on @extism/extism, always in a worker thread: it is how the SDK
 * makes HTTP requests and enforces timeouts on Node 20, and it lets host
 * functions be async. Host functions, HTTP and vars run on this thread.
 */
export async function startJsInstance(module: WebAssembly.Module, options: HostOptions, session: Session): Promise<HostInstance> {
  const { default: createPlugin } = await importExtism();
  const functions: Functions = {};
  for (const provided of session.functions) {
    const { mock } = provided;
    (functions[provided.namespace] ??= {})[provided.name] = async (context, ...args) => {
      const raw: RawValue[] = args.map((arg, index) =>
        typeof mock.params[index] === "string" ? arg : (context.read(arg)?.bytes().slice() ?? new Uint8Array()),
      );
      try {
        const result = await invokeMock(mock, raw);
        return result instanceof Uint8Array ? context.store(result) : result;
      } catch (error) {
        session.fail(error, `host function ${hostFunctionName(provided)} failed`);
        return zeroOf(mock.result);
      }
    };
  }
  const logger = Object.fromEntries(
    (["trace", "debug", "info", "warn", "error"] as LogLevel[]).map((level) => [level, (message: string) => session.logs.push({ level, message })]),
  );
  const pluginOptions: ExtismPluginOptions = {
    useWasi: options.wasi,
    runInWorker: true,
    config: options.config,
    functions,
    // With mocked HTTP the routes decide, after HttpMock has applied allowedHosts itself.
    allowedHosts: session.http ? ["*"] : options.allowedHosts,
    ...(session.http ? { fetch: session.http.fetch } : {}),
    allowHttpResponseHeaders: options.httpResponseHeaders,
    memory: options.memoryMaxPages === undefined ? {} : { maxPages: options.memoryMaxPages },
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    logger: { ...logger, log: logger.info } as unknown as Console,
    logLevel: options.logLevel === "off" ? "silent" : options.logLevel,
  };
  // The worker's start sets its timer after an await: the window stays open until the plug-in is ready.
  const restoreTimers = unrefTimers(options.timeoutMs);
  const plugin = await createPlugin({ wasm: [{ module }] }, pluginOptions).finally(restoreTimers);

  // In a worker, the SDK adds its vars and HTTP functions to `functions` and
  // calls them on this thread by name: wrapping them here sees every var the
  // plug-in sets, and turns a failed request into a failed call instead of a
  // closed plug-in (the SDK ends the worker when a host function throws).
  const env = functions[ENV] ?? {};
  let varsContext: CurrentPlugin | undefined;
  const varKeys = new Set<string>();
  const setVar = env.var_set;
  if (setVar) {
    env.var_set = (context, key, value) => {
      varsContext = context;
      const name = context.read(key)?.text();
      const done = setVar(context, key, value);
      if (name !== undefined) varKeys.add(name);
      return done;
    };
  }
  const httpRequest = env.http_request;
  if (httpRequest) {
    env.http_request = async (context, ...args) => {
      try {
        return await httpRequest(context, ...args);
      } catch (error) {
        session.fail(error);
        return 0n;
      }
    };
  }

  workerOf(plugin)?.unref();
  // close() ends a call that runs: the SDK ends the worker but never settles the call's promise.
  let closing: ((error: Error) => void) | undefined;
  const closed = new Promise<never>((_resolve, reject) => (closing = reject));
  closed.catch(() => undefined);
  let running: string | undefined;
  return {
    async call(name, input) {
      // A timeout replaces the worker: take whichever is current.
      workerOf(plugin)?.ref();
      running = name;
      try {
        // A call sets its timer before its first await.
        const restoreTimers = unrefTimers(options.timeoutMs);
        let calling: ReturnType<typeof plugin.call>;
        try {
          calling = plugin.call(name, input);
        } finally {
          restoreTimers();
        }
        const output = await Promise.race([calling, closed]);
        return { ok: true, output: output ? output.bytes().slice() : new Uint8Array() };
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        if (!message.startsWith(PLUGIN_ERROR)) return { ok: false, message };
        return { ok: false, ...readReturnCode(message.slice(PLUGIN_ERROR.length)) };
      } finally {
        running = undefined;
        workerOf(plugin)?.unref();
      }
    },
    readVar: (key) => varsContext?.getVariable(key)?.bytes().slice(),
    varKeys: () => [...varKeys].filter((key) => varsContext?.getVariable(key)).sort(),
    async close() {
      closing?.(new Error(`the plug-in was closed while ${running ?? "a call"} ran`));
      await plugin.close();
    },
  };
}
