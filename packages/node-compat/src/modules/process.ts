// The `process` global and module of a plug-in. env is empty: a plug-in's
// settings come from the host's config (Config.get), and code that reads an
// environment variable takes its unset path, as it would on a machine
// without it. process.env.NODE_ENV is replaced at build time.

type Listener = (...args: unknown[]) => void;

/** The Node version whose built-in module APIs the polyfills follow. */
const nodeVersion = "22.0.0";

function hrtimeMilliseconds(): number {
  return typeof performance === "undefined" ? Date.now() : performance.now();
}

function hrtime(previous?: [number, number]): [number, number] {
  const nanoseconds = Math.round(hrtimeMilliseconds() * 1e6) - (previous ? previous[0] * 1e9 + previous[1] : 0);
  return [Math.floor(nanoseconds / 1e9), nanoseconds % 1e9];
}
hrtime.bigint = (): bigint => BigInt(Math.round(hrtimeMilliseconds() * 1e6));

function itself(..._eventAndListener: unknown[]): object {
  return process;
}

export const process = {
  env: {} as Record<string, string | undefined>,
  argv: [] as string[],
  argv0: "",
  execArgv: [] as string[],
  execPath: "",
  pid: 1,
  ppid: 0,
  title: "extism",
  version: `v${nodeVersion}`,
  versions: { node: nodeVersion } as Record<string, string>,
  platform: "linux",
  arch: "wasm32",
  release: { name: "node" },
  exitCode: undefined as number | undefined,
  cwd: (): string => "/",
  chdir(directory: string): never {
    throw new Error(`process.chdir(${JSON.stringify(directory)}): a plug-in has no working directory to change`);
  },
  umask: (): number => 0o022,
  uptime: (): number => hrtimeMilliseconds() / 1000,
  hrtime,
  memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
  nextTick(callback: Listener, ...args: unknown[]): void {
    queueMicrotask(() => callback(...args));
  },
  emitWarning(warning: string | Error, type?: string | { type?: string }): void {
    const name = typeof type === "string" ? type : (type?.type ?? (warning instanceof Error ? warning.name : "Warning"));
    console.warn(`(node) ${name}: ${warning instanceof Error ? warning.message : warning}`);
  },
  exit(code?: number): never {
    throw new Error(`process.exit(${code ?? ""}): a plug-in cannot exit; return an error from the export instead`);
  },
  abort(): never {
    throw new Error("process.abort(): a plug-in cannot abort; return an error from the export instead");
  },
  // No process events happen in a plug-in: listeners are accepted and never called.
  on: itself,
  once: itself,
  off: itself,
  addListener: itself,
  removeListener: itself,
  removeAllListeners: itself,
  prependListener: itself,
  listeners: (): Listener[] => [],
  listenerCount: (): number => 0,
  emit: (): boolean => false,
};

export default process;
