import { build, type BuildOptions, type Message } from "esbuild";
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { globalsPath } from "@extism-ts/engine/files";
import { GLOBALS } from "@extism-ts/engine/contract";
import { CliError } from "../errors.js";
import { exportsFilter } from "./exports.js";
import { stackMapPrelude } from "./stack-map.js";
import { nodeModulesPlugin, processInject, resolutionOptions, unavailableModuleErrors, withoutRequireProbes, type ResolutionOptions } from "./node-modules.js";
import { COMMONJS_BANNER, commonjsFooter, hostFunctionsPlugin, jsPdkGlobalsPath, readsCommonjsGlobals } from "./js-pdk.js";
import type { JsPdkHostFunction } from "@extism-ts/pdk/js-pdk-declare";

/** The global the bundle leaves its module namespace in, for the engine to enumerate. */
export const EXPORTS_GLOBAL = GLOBALS.exports;

export interface Bundle {
  /** The script the engine evaluates: a one-line stack map, the bundle, then the line that picks the plug-in exports. */
  code: string;
  /** Files that went into the bundle (absolute paths where they are files), for watch mode and reports. */
  inputs: string[];
  /** Bytes each input contributes to the bundle, largest first (esbuild's metafile), for `build --report`. */
  modules: BundleModule[];
}

export interface BundleModule {
  path: string;
  bytes: number;
}

/** The nearest directory above the entry with a package.json: paths in stack traces are relative to it. */
function findProjectDir(entry: string): string {
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return dirname(entry);
  }
}

/**
 * esbuild heads each module with a `// path` comment, relative to the project:
 * blank them (keeping the lines, which the stack map counts), so that where
 * the dependencies live cannot change the heap layout of the snapshot.
 */
function withoutPathComments(code: string, inputs: string[]): string {
  const paths = new Set(inputs);
  return code
    .split("\n")
    .map((line) => {
      const comment = /^\s*\/\/ (.+)$/.exec(line);
      return comment && paths.has(comment[1]!) ? "" : line;
    })
    .join("\n");
}

/** `file:line:col: error: text`, with the file relative to where the command runs. */
function formatMessage(message: Message, projectDir: string): string {
  const location = message.location;
  const file = location ? relative(process.cwd(), resolve(projectDir, location.file)) : "";
  const where = location ? `${file}:${location.line}:${location.column + 1}: ` : "";
  return `${where}error: ${message.text}`;
}

export interface BundleOptions {
  /** Host functions from an extism-js interface file, for Host.getFunctions(). */
  hostFunctions?: readonly JsPdkHostFunction[];
  /** Export conditions, NODE_ENV and stubbed Node modules. */
  resolution?: ResolutionOptions;
}

/**
 * Bundle the entry and everything it imports into one script for QuickJS. Free
 * references to web globals the engine implements are bound to the engine's
 * versions; unused ones are shaken out with the natives they would bind.
 * Lines are kept as they are (QuickJS reports lines only) so that errors
 * can be traced back to the TypeScript source.
 */
export async function bundle(entry: string, projectDir = findProjectDir(entry), options: BundleOptions = {}): Promise<Bundle> {
  // extism-js's globals (Host, Memory, ...) bind like the web globals, only where used.
  const hostFunctions = options.hostFunctions?.length ? hostFunctionsPlugin(options.hostFunctions) : undefined;
  try {
    const esbuildOptions = {
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "iife",
      globalName: EXPORTS_GLOBAL,
      ...resolutionOptions(options.resolution ?? {}),
      // What the engine (QuickJS-NG) runs natively is left as written.
      target: "es2024",
      // esbuild evaluates these last to first where their code depends on each
      // other (evanw/esbuild#4429): the engine's web globals must come last.
      inject: [...(hostFunctions ? [hostFunctions.inject] : []), processInject, jsPdkGlobalsPath, globalsPath],
      plugins: [nodeModulesPlugin(options.resolution ?? {}), ...(hostFunctions ? [hostFunctions.plugin] : [])],
      legalComments: "none",
      sourcemap: "external",
      sourcesContent: false,
      outdir: projectDir,
      absWorkingDir: projectDir,
      charset: "utf8",
      metafile: true,
      logLevel: "silent",
    } satisfies BuildOptions;
    let result = await build(esbuildOptions);
    if (readsCommonjsGlobals(result.warnings)) {
      result = await build({ ...esbuildOptions, banner: { js: COMMONJS_BANNER }, footer: { js: commonjsFooter(EXPORTS_GLOBAL) } });
    }
    const unavailable = unavailableModuleErrors(result.warnings, result.metafile, entry, projectDir);
    if (unavailable.length > 0) throw Object.assign(new Error("unavailable Node modules"), { errors: unavailable });
    const script = result.outputFiles.find((file) => file.path.endsWith(".js"))!;
    const sourceMap = result.outputFiles.find((file) => file.path.endsWith(".map"))!;
    return {
      code: `${stackMapPrelude(sourceMap.text, projectDir)}\n${withoutPathComments(withoutRequireProbes(script.text), Object.keys(result.metafile.inputs))}\n${exportsFilter(EXPORTS_GLOBAL)}`,
      inputs: Object.keys(result.metafile.inputs).map((path) => resolve(projectDir, path)),
      modules: Object.entries(Object.values(result.metafile.outputs).find((output) => output.entryPoint)?.inputs ?? {})
        .map(([path, { bytesInOutput }]) => ({ path: resolve(projectDir, path), bytes: bytesInOutput }))
        .sort((a, b) => b.bytes - a.bytes),
    };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors) throw error;
    throw new CliError(errors.map((message) => formatMessage(message, projectDir)).join("\n"));
  }
}
