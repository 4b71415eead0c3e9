import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { Parser, type Node } from "acorn";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";

/**
 * Mistakes the build can point at in the user's own source, by file:line:column
 * through the bundle's source map: globals a plug-in lacks, codec factories
 * passed where a codec goes, and (with a second, instrumented run of the
 * initialization) host calls, clock reads and Math.random at build time.
 */

/** A place in the user's own source (not a dependency's). */
export interface SourceLocation {
  file: string;
  line: number;
  /** 1-based. */
  column: number;
}

export const formatLocation = (location: SourceLocation): string =>
  `${relative(process.cwd(), location.file) || location.file}:${location.line}:${location.column}`;

/** Whether a file is the project's own code: inside the project, outside node_modules. */
function isUserFile(file: string, projectDir: string): boolean {
  const inProject = relative(projectDir, file);
  return !inProject.startsWith("..") && !inProject.split(sep).includes("node_modules");
}

/** Maps generated positions of the bundle script (1-based line, 0-based column) to the user's source; undefined in dependencies and generated code. */
export type Locator = (line: number, column: number) => SourceLocation | undefined;

export function userLocator(sourceMap: string, projectDir: string): Locator {
  const map = new TraceMap(sourceMap);
  return (line, column) => {
    const original = originalPositionFor(map, { line, column });
    if (original.source === null || original.line === null) return undefined;
    // esbuild writes sources relative to the outdir, which is the project directory.
    const file = resolve(projectDir, original.source);
    return isUserFile(file, projectDir) ? { file, line: original.line, column: original.column + 1 } : undefined;
  };
}

/** Generated (line, column) of each offset in `text`. */
function positions(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! };
  };
}

const noDom = "there is no DOM in a plug-in (docs/web-apis.md lists the web globals there are)";
const noFiles = "a plug-in has no files and no CommonJS loader: import modules, pass data in the input or config";
const noStorage = "a plug-in keeps nothing between calls by itself: use vars (vars.get/vars.set), which the host keeps";
const useFetch = "HTTP goes through the host: use fetch or @extism-ts/http";

/** Globals code written for browsers or Node names that a plug-in does not have, with what to do instead. */
export const MISSING_GLOBALS: Readonly<Record<string, string>> = {
  document: noDom,
  window: noDom,
  location: noDom,
  history: noDom,
  alert: noDom,
  requestAnimationFrame: noDom,
  localStorage: noStorage,
  sessionStorage: noStorage,
  indexedDB: noStorage,
  caches: noStorage,
  XMLHttpRequest: useFetch,
  WebSocket: useFetch,
  __dirname: noFiles,
  __filename: noFiles,
  require: noFiles,
  importScripts: noFiles,
  setImmediate: "use setTimeout(callback, 0) or queueMicrotask",
  Worker: "a plug-in is one thread",
  BroadcastChannel: "a plug-in is one thread",
  MessageChannel: "a plug-in is one thread",
  WebAssembly: "a plug-in cannot compile WebAssembly",
  Atomics: "a plug-in is one thread without shared memory",
};

const FREE_PREFIX = "__extism_ts_free_";

/**
 * esbuild `define`s that mark each free use of a missing global (a name no
 * module binds) in the output, so that the build can find where it came
 * from; `require` is esbuild's own `__require` and needs none.
 */
export function missingGlobalDefines(): Record<string, string> {
  return Object.fromEntries(Object.keys(MISSING_GLOBALS).filter((name) => name !== "require").map((name) => [name, `${FREE_PREFIX}${name}`]));
}

/**
 * A warning for each free use of a missing global in the user's code, and
 * the script with the marks put back to the names. A file that tests the
 * name with `typeof` is taken to guard its uses and gets no warning for it.
 */
export function missingGlobalWarnings(script: string, locate: Locator): { script: string; warnings: string[] } {
  const position = positions(script);
  const uses: Array<{ name: string; location: SourceLocation; guarded: boolean }> = [];
  for (const match of script.matchAll(new RegExp(`\\b(?:${FREE_PREFIX}(\\w+)|__require)\\b`, "g"))) {
    const name = match[1] ?? "require";
    if (!(name in MISSING_GLOBALS)) continue;
    const { line, column } = position(match.index);
    const location = locate(line, column);
    if (location === undefined) continue;
    // esbuild's own helper: `var __require = ...`.
    if (name === "require" && /\bvar\s+$/.test(script.slice(Math.max(0, match.index - 8), match.index))) continue;
    uses.push({ name, location, guarded: /\btypeof\s+$/.test(script.slice(Math.max(0, match.index - 10), match.index)) });
  }
  const guardedIn = new Set(uses.filter((use) => use.guarded).map((use) => `${use.location.file}\0${use.name}`));
  const seen = new Set<string>();
  const warnings: string[] = [];
  for (const { name, location } of uses) {
    const where = formatLocation(location);
    if (guardedIn.has(`${location.file}\0${name}`) || seen.has(`${where}\0${name}`)) continue;
    seen.add(`${where}\0${name}`);
    warnings.push(`${where}: ${name} does not exist in a plug-in: ${MISSING_GLOBALS[name]}`);
  }
  return { script: script.replaceAll(FREE_PREFIX, ""), warnings };
}

/** The npm name of the package a file belongs to (nearest package.json), cached. */
const packageNames = new Map<string, string | undefined>();
function packageOf(file: string): string | undefined {
  const dir = dirname(file);
  if (packageNames.has(dir)) return packageNames.get(dir);
  const manifest = join(dir, "package.json");
  const name = existsSync(manifest)
    ? ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name ?? undefined)
    : dirname(dir) === dir
      ? undefined
      : packageOf(dir);
  packageNames.set(dir, name);
  return name;
}

/** @extism-ts/convert's functions that make codecs: passed uncalled, each is a mistake plugin() names. */
const CODEC_FACTORIES: Readonly<Record<string, string>> = {
  json: "json()",
  msgpack: "msgpack()",
  base64: "base64()",
  base64url: "base64url()",
  hex: "hex()",
  optional: "optional(...)",
  codec: "codec(...)",
};

/** @extism-ts/pdk's functions and objects that take a codec, and which argument it is. */
const CODEC_TAKERS: ReadonlyArray<{ binding: string; method?: string; argument: number; where: string }> = [
  { binding: "config", method: "get", argument: 1, where: "config.get(): the codec (second argument)" },
  { binding: "vars", method: "get", argument: 1, where: "vars.get(): the codec (second argument)" },
  { binding: "vars", method: "set", argument: 2, where: "vars.set(): the codec (third argument)" },
  { binding: "input", argument: 0, where: "input(): the codec" },
  { binding: "output", argument: 1, where: "output(): the codec (second argument)" },
];

type AnyNode = Node & Record<string, unknown>;

function walk(node: unknown, visit: (node: AnyNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (node === null || typeof node !== "object" || typeof (node as AnyNode).type !== "string") return;
  visit(node as AnyNode);
  for (const [key, value] of Object.entries(node)) if (key !== "loc" && value !== null && typeof value === "object") walk(value, visit);
}

/**
 * Calls in the user's code that pass one of convert's codec factories
 * uncalled where the PDK takes a codec (`config.get("k", json)`): each fails
 * at run time with "codec.decode is not a function". The names are the
 * bundle's bindings of the PDK's and convert's own declarations, so an import
 * under another name is seen and a local `json` is not mistaken for it.
 */
export function codecMisuseErrors(script: string, sourceMap: string, projectDir: string, locate: Locator): string[] {
  if (!new RegExp(`[(,]\\s*(?:${Object.keys(CODEC_FACTORIES).join("|")})\\d*\\s*[,)]`).test(script)) return [];
  let program: Node;
  try {
    program = Parser.parse(script, { ecmaVersion: "latest", locations: true, allowHashBang: true });
  } catch {
    // What acorn cannot read, QuickJS reports when the plug-in initializes.
    return [];
  }
  const map = new TraceMap(sourceMap);
  const packageAt = (node: AnyNode): string | undefined => {
    const original = originalPositionFor(map, { line: node.loc!.start.line, column: node.loc!.start.column });
    return original.source === null ? undefined : packageOf(resolve(projectDir, original.source));
  };
  const factories = new Map<string, string>();
  const takers = new Map<string, string>();
  const calls: AnyNode[] = [];
  walk(program, (node) => {
    if (node.type === "CallExpression") calls.push(node);
    const id = (node.type === "FunctionDeclaration" || node.type === "VariableDeclarator" ? node.id : undefined) as AnyNode | undefined;
    if (id?.type !== "Identifier") return;
    const name = id.name as string;
    const original = name.replace(/\d+$/, "");
    if (original in CODEC_FACTORIES && packageAt(node) === "@extism-ts/convert") factories.set(name, original);
    else if (CODEC_TAKERS.some((taker) => taker.binding === original) && packageAt(node) === "@extism-ts/pdk") takers.set(name, original);
  });
  if (factories.size === 0 || takers.size === 0) return [];
  const errors: string[] = [];
  for (const call of calls) {
    const callee = call.callee as AnyNode;
    const object = callee.type === "MemberExpression" && !callee.computed ? (callee.object as AnyNode) : callee;
    const method = callee.type === "MemberExpression" && !callee.computed ? ((callee.property as AnyNode).name as string) : undefined;
    if (object.type !== "Identifier" || !takers.has(object.name as string)) continue;
    const taker = CODEC_TAKERS.find((candidate) => candidate.binding === takers.get(object.name as string) && candidate.method === method);
    const argument = taker ? ((call.arguments as AnyNode[])[taker.argument] as AnyNode | undefined) : undefined;
    if (!taker || argument?.type !== "Identifier" || !factories.has(argument.name as string)) continue;
    const location = locate(argument.loc!.start.line, argument.loc!.start.column);
    if (location === undefined) continue;
    const factory = factories.get(argument.name as string)!;
    errors.push(`${formatLocation(location)}: error: ${taker.where} is the function ${factory}, not a codec: write ${CODEC_FACTORIES[factory]}`);
  }
  return errors;
}

/** The natives that call the Extism host: at build time there is none. */
const HOST_NATIVES = [
  "input",
  "input_text",
  "output",
  "memory_alloc",
  "memory_length",
  "memory_read",
  "memory_write",
  "memory_free",
  "config_get",
  "var_get",
  "var_set",
  "log_trace",
  "log_debug",
  "log_info",
  "log_warn",
  "log_error",
  "log_level",
  "http_request",
  "http_status",
  "http_headers",
];
const CLOCK_NATIVES = ["clock_now", "clock_monotonic"];

/** What the user's code did, by the host native it reached. */
export function describeHostCall(native: string): string {
  if (native.startsWith("log_")) return "the plug-in logged (console, log, info, ...)";
  if (native.startsWith("http_")) return "the plug-in made an HTTP request";
  if (native.startsWith("memory_")) return "the plug-in used Extism memory";
  const described: Record<string, string> = {
    input: "the plug-in read its input",
    input_text: "the plug-in read its input",
    output: "the plug-in set its output",
    config_get: "the plug-in read its config (config.get)",
    var_get: "the plug-in read a var (vars.get)",
    var_set: "the plug-in set a var (vars.set)",
  };
  return described[native] ?? `the plug-in called the host (${native})`;
}
const RECORDS = "__extism_ts_init_reads";
const HOST_MARK = "__extism_ts_host_call:";
const RECORDS_MARK = "__extism_ts_init_reads:";

/**
 * The bundle script (its lines where they were: the prelude is line 1, as
 * the stack map's is) with reads recorded while it initializes: each host
 * native throws where it is called, and the clock (Date, performance) and
 * Math.random note their stack. A last line throws the records out in the
 * init report's error. Run only to find where, never built into a plug-in.
 */
export function initDiagnosticsScript(script: string, nativeGlobal: string): string {
  const prelude =
    `(function(){var r=globalThis.${RECORDS}=[],b=globalThis.${nativeGlobal},h=${JSON.stringify(HOST_NATIVES)},c=${JSON.stringify(CLOCK_NATIVES)};` +
    `function s(){return String(new Error().stack)}` +
    `globalThis.${nativeGlobal}=function(n){var f=b(n);` +
    `if(h.indexOf(n)>=0)return function(){var e=new Error(${JSON.stringify(HOST_MARK)}+n);r.push(["host",n,String(e.stack)]);throw e};` +
    `if(c.indexOf(n)>=0)return function(){r.push(["clock",n==="clock_now"?"Date.now()":"performance.now()",s()]);return f.apply(this,arguments)};return f};` +
    `var D=Date;function W(){if(arguments.length===0)r.push(["clock",new.target?"new Date()":"Date()",s()]);` +
    `return new.target?Reflect.construct(D,arguments,new.target):D.apply(this,arguments)}` +
    `W.prototype=D.prototype;W.UTC=D.UTC;W.parse=D.parse;W.now=function(){r.push(["clock","Date.now()",s()]);return D.now()};globalThis.Date=W;` +
    `var R=Math.random;Math.random=function(){r.push(["random","Math.random()",s()]);return R()}})();`;
  return `${prelude}\n${script}\nthrow new Error(${JSON.stringify(RECORDS_MARK)}+JSON.stringify(globalThis.${RECORDS}));`;
}

export interface InitRead {
  kind: "host" | "clock" | "random";
  /** The native called, or what read the clock. */
  what: string;
  location: SourceLocation;
}

/** The reads the instrumented run recorded, each at the innermost frame of the user's own code; reads outside it are left out. */
export function initReads(reportError: string, locate: Locator): InitRead[] {
  let records: Array<[InitRead["kind"], string, string]> = [];
  const recorded = reportError.indexOf(RECORDS_MARK);
  const host = new RegExp(`${HOST_MARK}(\\w+)`).exec(reportError);
  if (recorded >= 0) {
    const line = reportError.slice(recorded + RECORDS_MARK.length).split("\n")[0]!;
    try {
      records = JSON.parse(line) as typeof records;
    } catch {
      return [];
    }
  } else if (host) records = [["host", host[1]!, reportError]];
  const reads: InitRead[] = [];
  for (const [kind, what, stack] of records) {
    for (const frame of stack.matchAll(/bundle\.js:(\d+):(\d+)/g)) {
      // Line 1 is the prelude: bundle line N is line N - 1 of the script the map describes.
      if (Number(frame[1]) < 2) continue;
      const location = locate(Number(frame[1]) - 1, Math.max(0, Number(frame[2]) - 1));
      if (location) {
        reads.push({ kind, what, location });
        break;
      }
    }
  }
  return reads;
}

/** The warning for each clock or random read while the plug-in initialized, once per place (performance.now() reads two clocks). */
export function frozenValueWarnings(reads: readonly InitRead[]): string[] {
  const warnings = new Map<string, string>();
  for (const read of reads) {
    const place = `${formatLocation(read.location)}\0${read.kind}`;
    if (warnings.has(place)) continue;
    if (read.kind === "clock") {
      warnings.set(
        place,
        `${formatLocation(read.location)}: ${read.what} read the clock while the plug-in initialized (at build time): ` +
          "the value is fixed into the plug-in; read it inside an exported function",
      );
    } else if (read.kind === "random") {
      warnings.set(
        place,
        `${formatLocation(read.location)}: Math.random() ran while the plug-in initialized (at build time): ` +
          "the value is fixed into the plug-in, the same in every instance; call it inside an exported function",
      );
    }
  }
  return [...warnings.values()];
}
