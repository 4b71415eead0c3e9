/**
 * Node's built-in modules inside Extism plug-ins. `extism-ts build` resolves
 * `node:x` and bare `x` through this table, so a module is bundled only when
 * something imports it. docs/decisions/node-compat.md says why each one.
 */

/** What each module resolves to, from this package's directory: an npm package (a trailing "/" names the package, not the built-in) or a module of this package. */
export const nodeModules: Readonly<Record<string, string>> = {
  assert: "assert/",
  "assert/strict": "./dist/modules/assert-strict.js",
  buffer: "./dist/modules/buffer.js",
  crypto: "./dist/modules/crypto.js",
  events: "events/",
  os: "./dist/modules/os.js",
  path: "path-browserify",
  "path/posix": "path-browserify",
  process: "./dist/modules/process.js",
  querystring: "querystring-es3",
  stream: "./dist/modules/stream.js",
  "stream/promises": "./dist/modules/stream-promises.js",
  string_decoder: "string_decoder/",
  timers: "./dist/modules/timers.js",
  "timers/promises": "./dist/modules/timers-promises.js",
  url: "./dist/modules/url.js",
  util: "util/",
  "util/types": "./dist/modules/util-types.js",
  zlib: "browserify-zlib",
};

/**
 * Modules of this package whose `require()` gives their default export, as
 * Node's does: `require("stream")` is the Stream class, which old code extends.
 */
export const requireDefault: ReadonlySet<string> = new Set(["stream", "stream/promises", "timers", "timers/promises", "url"]);

const useHttp = "HTTP goes through the host: use @extism-ts/http or fetch";
const oneThread = "a plug-in is one thread in a sandbox, without processes or threads";

/** Modules that cannot work in a plug-in, with what to use instead. */
export const unavailableModules: Readonly<Record<string, string>> = {
  fs: "a plug-in has no file system: pass data in the call's input or the plug-in's config (Config.get)",
  net: useHttp,
  http: useHttp,
  https: useHttp,
  http2: useHttp,
  tls: useHttp,
  dns: useHttp,
  dgram: useHttp,
  child_process: oneThread,
  worker_threads: oneThread,
  cluster: oneThread,
  vm: "compile code with eval or new Function (the build keeps the compiler when the code names them)",
  inspector: "a plug-in has no debugger protocol: log with console or the PDK's log",
};

/** The module the bundle's free `process` references are bound to. */
export const processGlobal = "./dist/modules/process.js";

/** This package's directory, where the table's specifiers resolve from. */
export const resolveDir: string = decodeURIComponent(new URL("..", import.meta.url).pathname);
