import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import binaryen from "binaryen";
import { engineWasmPathOf } from "@extism-ts/engine/files";
import { bundle, type BundleModule } from "./bundle.js";
import { compilerUseOffsets, type CompilerUse } from "./compiler-uses.js";
import { contextIntrinsics } from "./intrinsics.js";
import { BUNDLE_FILENAME } from "./stack-map.js";
import { buildInstant, takeSnapshot, type Snapshot } from "./snapshot.js";
import { exposeGlobals, link, type LinkOptions } from "./link.js";
import { compileAhead } from "./aot.js";
import { readTableReferences, staticData } from "./table-references.js";
import { optimize } from "./optimize.js";
import { inspectModule, type Inspection } from "./inspect.js";
import { BuildError } from "./errors.js";
import { snapshotComposition, type SnapshotComposition } from "./composition.js";
import { describeChoice, pageBoundAtInit, type PackageBuild } from "./package-builds.js";
import { readInterfaceFile } from "./interface-file.js";
import { localeModule } from "./intl-locales.js";
import { recordInterface } from "./plugin-interface.js";
import type { PluginInterface } from "@extism-ts/schema";
import { describeSkipped } from "./exports.js";
import { describeHostCall, formatLocation, frozenValueWarnings, initDiagnosticsScript, initReads } from "./diagnostics.js";
import { ENGINE_BUILDS, ENGINE_PROFILES, INTERNAL_GLOBALS, type EngineBuild, type EngineProfile } from "@extism-ts/engine/contract";

export interface BuildOptions {
  /** The plug-in's entry module (TypeScript or JavaScript). */
  entry: string;
  /** Where to write the plug-in; defaults to dist/plugin.wasm. */
  output?: string;
  /** Import WASI for a real clock and randomness; by default only with an interface file (extism-js plug-ins have WASI). */
  wasi?: boolean;
  /**
   * Keep the JavaScript compiler for eval and new Function at run time. By
   * default it is kept only when the bundle uses eval or Function (a mention
   * such as `Function.prototype` or `typeof eval` is not a use).
   */
  eval?: boolean;
  /**
   * An extism-js interface file (.d.ts): its `declare module "main"` exports
   * must all be exported, its `declare module "extism:host"` host functions
   * are declared for Host.getFunctions().
   */
  interface?: string;
  /**
   * Also write the script the engine evaluated next to the output (`<output>.bundle.js`), and keep
   * extism-ts's own frames in error stacks; with `aot`, the module weval read too (`<output>.weval-input.wasm`).
   */
  debug?: boolean;
  /** Export conditions for resolving packages; default browser and worker. */
  conditions?: readonly string[];
  /** What `process.env.NODE_ENV` reads as; default "production". */
  nodeEnv?: string;
  /** Node modules that are imported but never called, bundled as modules whose functions throw (fs, ...), without a warning. */
  stub?: readonly string[];
  /** Fail the build on any other module a plug-in cannot use, instead of stubbing it with a warning (--no-stub). */
  strict?: boolean;
  /** Which build of a package to take, by package name ("joi": "node"); by default the browser build unless it needs a page. */
  resolve?: Readonly<Record<string, PackageBuild>>;
  /** Intl's locales besides English, as BCP 47 tags ("de-DE", "fr"): the plug-in has Intl, with their CLDR data. */
  locales?: readonly string[];
  /** The engine to link: "size" (the default, smallest) or "speed" (compiled at -O2: faster, bigger). */
  optimize?: EngineProfile;
  /**
   * Compile the plug-in's functions ahead of time: weval specializes the
   * engine's interpreter loop for each of them (the --aot engine, built at
   * -O2; needs weval 0.5.1, see compileAhead). Faster, bigger.
   */
  aot?: boolean;
}

export interface BuildResult extends Inspection {
  output: string;
  milliseconds: number;
  /** Whether the plug-in kept the JavaScript compiler (eval, new Function). */
  compiler: boolean;
  /** Why: where the bundle uses eval or Function, in bundle order (`build --report`). */
  compilerUses: CompilerUse[];
  /** The files that went into the bundle (watch mode). */
  inputs: string[];
  /** Bytes each file contributes to the bundle, largest first (`build --report`). */
  modules: BundleModule[];
  /** What the plug-in's bytes are: engine code, static data, the heap by kind (`build --report`). */
  composition: SnapshotComposition;
  /** What the person building should know: exports that are not plug-in exports and why, timers that never ran. */
  warnings: string[];
  /** The plug-in's interface as the module's custom section records it; undefined without TypeScript. */
  interface: PluginInterface | undefined;
  /**
   * With --aot: the functions the engine asked weval for, those it compiled, and those left to the
   * interpreter (weval failed on them, or compiled them past what a wasm engine takes in one function).
   */
  aot?: { requested: number; compiled: number; interpreted: number };
}

/** The engine of a build; one the engine package does not ship (an older @extism-ts/engine) is named. */
async function readEngine(build: EngineBuild): Promise<Uint8Array> {
  if (!Object.hasOwn(ENGINE_BUILDS, build)) {
    throw new BuildError(`optimize: unknown profile ${JSON.stringify(build)} (known: ${Object.keys(ENGINE_PROFILES).join(", ")})`);
  }
  try {
    return await readFile(engineWasmPathOf(build));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const what = build === "aot" ? "the --aot engine" : `the --optimize ${build} engine`;
    throw new BuildError(`@extism-ts/engine has no ${ENGINE_BUILDS[build].file} (${what}): install @extism-ts/cli and @extism-ts/engine of matching versions`);
  }
}

/** How the snapshot's message for a host call while the plug-in initialized begins. */
const HOST_CALL_AT_INIT = "the plug-in called the host";

/**
 * A bundle that uses eval or Function in any form (`new Function(...)`,
 * `const F = Function; new F("")`, `globalThis["eval"]`) may compile code at
 * run time; the word in a message (`"[Function: f]"`) or a mention that cannot
 * reach the compiler (`Function.prototype.call`, `typeof eval`,
 * `x instanceof Function`) is not a use.
 */
export function mayCompileAtRunTime(code: string): boolean {
  return compilerUseOffsets(code).length > 0;
}

/**
 * bundle -> snapshot -> link -> optimize: a TypeScript entry becomes an Extism plug-in.
 * A package whose browser build fails the initialization for want of a page
 * (`document is not defined`) is built again with its worker/Node build.
 */
export async function buildPlugin(options: BuildOptions): Promise<BuildResult> {
  try {
    return await buildOnce(options);
  } catch (error) {
    const choice = error instanceof BuildError ? pageBoundAtInit(error.message, dirname(resolve(options.entry))) : undefined;
    if (choice === undefined || options.resolve?.[choice.name] !== undefined) throw error;
    const result = await buildPlugin({ ...options, resolve: { ...options.resolve, [choice.name]: "worker" } });
    return { ...result, warnings: [describeChoice(choice), ...result.warnings] };
  }
}

async function buildOnce(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const entry = resolve(options.entry);
  const output = resolve(options.output ?? "dist/plugin.wasm");
  const declared = options.interface === undefined ? undefined : await readInterfaceFile(resolve(options.interface));
  const { code, inputs, modules, script, locate, readsClock, warnings: bundleWarnings, compilerUses } = await bundle(entry, undefined, {
    hostFunctions: declared?.hostFunctions ?? [],
    fullStacks: options.debug ?? false,
    ...(options.locales?.length ? { locales: localeModule(options.locales) } : {}),
    resolution: {
      ...(options.conditions === undefined ? {} : { conditions: options.conditions }),
      ...(options.nodeEnv === undefined ? {} : { nodeEnv: options.nodeEnv }),
      ...(options.stub === undefined ? {} : { stub: options.stub }),
      ...(options.strict === undefined ? {} : { strict: options.strict }),
      ...(options.resolve === undefined ? {} : { resolve: options.resolve }),
    },
  });

  if (options.aot && options.optimize === "size") {
    throw new BuildError("--aot compiles against the engine built for speed: leave out --optimize size (or optimize in the project config)");
  }
  const engineBuild: EngineBuild = options.aot ? "aot" : (options.optimize ?? "size");
  let module = binaryen.readBinary(await readEngine(engineBuild));
  try {
    exposeGlobals(module);
    const compiler = options.eval ?? compilerUses.length > 0;
    const intrinsics = contextIntrinsics(code, compiler);
    const engine = module.emitBinary();
    const snapshotOptions = { keepCompiler: compiler, intrinsics, buildInstant: buildInstant() };
    // The same initialization again, instrumented, to find where the user's code did what it should not at build time.
    const readsAtInit = async () => {
      try {
        const instrumented = initDiagnosticsScript(script, INTERNAL_GLOBALS.native);
        // The instrumentation names Date, Reflect and the like: the context needs them.
        await takeSnapshot(engine, instrumented, BUNDLE_FILENAME, { ...snapshotOptions, intrinsics: contextIntrinsics(instrumented, compiler) });
        return [];
      } catch (error) {
        return error instanceof BuildError ? initReads(error.message, locate) : [];
      }
    };
    let snapshot: Snapshot;
    try {
      snapshot = await takeSnapshot(engine, code, BUNDLE_FILENAME, snapshotOptions);
    } catch (error) {
      if (!(error instanceof BuildError && error.message.startsWith(HOST_CALL_AT_INIT))) throw error;
      const call = (await readsAtInit()).find((read) => read.kind === "host");
      throw call ? new BuildError(`${formatLocation(call.location)}: error: ${describeHostCall(call.what)} ${error.message.replace(/^[^)]*\) /, "")}`) : error;
    }
    const missing = (declared?.exports ?? []).filter((name) => !snapshot.exports.includes(name));
    if (missing.length > 0) {
      throw new BuildError(
        `${options.interface}: declare module "main" lists ${missing.map((name) => `'${name}'`).join(", ")}, ` +
          `which the entry does not export (it exports ${snapshot.exports.map((name) => `'${name}'`).join(", ") || "nothing"})`,
      );
    }
    const tableReferences = readTableReferences(engineWasmPathOf(engineBuild));
    let aot: BuildResult["aot"];
    const linkOptions: LinkOptions = { wasi: options.wasi ?? options.interface !== undefined, compiler, tableReferences };
    if (options.aot) {
      const compiled = await compileAhead(engine, snapshot, options.debug ? { keepInput: `${output}.weval-input.wasm` } : {});
      module.dispose();
      module = compiled.module;
      snapshot = { ...snapshot, memory: compiled.memory };
      Object.assign(linkOptions, {
        engineData: staticData(engine),
        specialized: compiled.generic === undefined ? [] : [compiled.generic],
        tableReferences: { ...tableReferences, code: tableReferences.code.map(([index, held]) => [compiled.engineFunctionIndex(index), held]) },
      });
      aot = { requested: compiled.requested, compiled: compiled.compiled, interpreted: compiled.interpreted };
    }
    link(module, snapshot, linkOptions);
    const recorded = await recordInterface(entry, snapshot, optimize(module, snapshot.natives));
    const wasm = recorded.wasm;
    await mkdir(dirname(output), { recursive: true });
    await writeFile(output, wasm);
    if (options.debug) await writeFile(`${output}.bundle.js`, code);
    const warnings = [...bundleWarnings, ...(readsClock ? frozenValueWarnings(await readsAtInit()) : []), ...snapshot.skippedExports.map(describeSkipped)];
    if (snapshot.cancelledTimers > 0) {
      warnings.push(
        `${snapshot.cancelledTimers} timer${snapshot.cancelledTimers === 1 ? "" : "s"} set while the plug-in initialized ` +
          "(setTimeout/setInterval at module level) had not come due when it finished: cancelled, they never run",
      );
    }
    warnings.push(...recorded.warnings);
    return { ...inspectModule(wasm), output, milliseconds: performance.now() - started, compiler, compilerUses, inputs, modules, composition: snapshotComposition(wasm, snapshot.heap), warnings, interface: recorded.description, ...(aot ? { aot } : {}) };
  } finally {
    module.dispose();
  }
}

// Each step on its own, for tools that drive the pipeline themselves.
export { bundle, type Bundle, type BundleModule, type BundleOptions } from "./bundle.js";
export type { CompilerUse } from "./compiler-uses.js";
export { snapshotComposition, type HeapCensus, type SnapshotComposition } from "./composition.js";
export { ALL_INTRINSICS, contextIntrinsics, intrinsicsNamedIn } from "./intrinsics.js";
export { buildInstant, takeSnapshot, type HostFunctionDeclaration, type Snapshot, type SnapshotOptions } from "./snapshot.js";
export { exposeGlobals, link, type LinkOptions } from "./link.js";
export { linkHostCalls } from "./host-calls.js";
export { readTableReferences, type TableReferences } from "./table-references.js";
export { optimize } from "./optimize.js";
export { formatInspection, inspectModule, type ImportedFunction, type Inspection } from "./inspect.js";
export { BuildError } from "./errors.js";
export { WASM_FUNCTION_LIMITS } from "./aot.js";
export { PACKAGE_BUILDS, type PackageBuild } from "./package-builds.js";
export { ENGINE_PROFILES, type EngineProfile } from "@extism-ts/engine/contract";
