import { build, type BuildOptions, type Message, type Metafile, type Plugin } from "esbuild";
import { existsSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { WEB_GLOBAL_IMPLIED, WEB_GLOBAL_MEMBERS, WEB_GLOBAL_MODULES, WEB_GLOBAL_NAMES, globalsPath } from "@extism-ts/engine/files";
import { INTERNAL_GLOBALS } from "@extism-ts/engine/contract";
import { BuildError } from "./errors.js";
import { exportsFilter } from "./exports.js";
import { membersIn, namesIn, typeofProbesIn } from "./names.js";
import { bundledModules } from "./bundled-modules.js";
import { BUNDLE_FILENAME, stackMapPrelude } from "./stack-map.js";
import { compilerUses, type CompilerUse } from "./compiler-uses.js";
import { nodeModulesPlugin, processInject, resolutionOptions, stubbedModuleWarnings, unavailableModuleErrors, withoutRequireProbes, type ResolutionOptions } from "./node-modules.js";
import { checkPackageBuilds, describeChoice, packageBuildsPlugin, pageBoundPackages, type PackageBuild, type PackageBuildChoice } from "./package-builds.js";
import { COMMONJS_BANNER, commonjsFooter, hostFunctionsPlugin, readsCommonjsGlobals } from "./js-pdk.js";
import { projectPdk } from "./project-pdk.js";
import type { JsPdkHostFunction } from "@extism-ts/pdk/js-pdk-declare";
import { codecMisuseErrors, missingGlobalDefines, missingGlobalWarnings, userLocator, type Locator } from "./diagnostics.js";
import type { LocaleModule } from "./intl-locales.js";

/** The global the bundle leaves its module namespace in, for the engine to enumerate. */
export const EXPORTS_GLOBAL = INTERNAL_GLOBALS.exports;
const SKIPPED_GLOBAL = `globalThis.${INTERNAL_GLOBALS.skippedExports}`;

export interface Bundle {
  /** The script the engine evaluates: a one-line stack map, the bundle, then the line that picks the plug-in exports. */
  code: string;
  /** Files that went into the bundle (absolute paths where they are files), for watch mode and reports. */
  inputs: string[];
  /** Bytes each input contributes to the bundle, largest first (esbuild's metafile), for `build --report`. */
  modules: BundleModule[];
  /** The bundle alone (lines 2 and on of `code`), for the build's instrumented run of its initialization. */
  script: string;
  /** Maps script lines to the user's source (file:line:column), undefined elsewhere. */
  locate: Locator;
  /** Whether the user's own code names Date, Math.random or performance.now: the build then looks for reads at build time. */
  readsClock: boolean;
  /** Globals the user's code names that a plug-in does not have, each with its place. */
  warnings: string[];
  /** Where the bundle uses eval or Function (not only mentions them): the plug-in then keeps the JavaScript compiler. */
  compilerUses: CompilerUse[];
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

/** The line of esbuild's `__commonJS` helper that runs a CommonJS module's body the first time it is required. */
const COMMONJS_FIRST_REQUIRE = /return mod \|\| \(0, cb\[(__getOwnPropNames\d*)\(cb\)\[0\]\]\)\(\(mod = \{ exports: \{\} \}\)\.exports, mod\), mod\.exports;/;

/**
 * A CommonJS module's body runs once, but esbuild's `__commonJS` keeps it
 * (`cb`) for as long as its `require` lives, which is for good: every body
 * that ran while the plug-in initialized would ship as bytecode nothing can
 * call. Once a body has returned, `cb` goes (one that threw stays, to run
 * again on the next require, as esbuild does).
 */
export function releasingModuleBodies(code: string): string {
  return code.replace(COMMONJS_FIRST_REQUIRE, "return mod || ((0, cb[$1(cb)[0]])((mod = { exports: {} }).exports, mod), cb = 0), mod.exports;");
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
  // A bare specifier that does not resolve is, nearly always, a package that is not installed.
  const unresolved = /^Could not resolve "((?:@[^/"]+\/)?[^./"][^/"]*)[^"]*"$/.exec(message.text);
  const relativePath = /^Could not resolve "(\.{1,2}\/[^"]*)"$/.test(message.text);
  const fix = unresolved ? `: the package is not installed (npm install ${unresolved[1]})` : relativePath ? ": no such file (check the path, relative to the importing file)" : "";
  return `${where}error: ${message.text}${fix}`;
}

const GLOBALS_PATH = "extism-ts:web-globals";
const GLOBALS_NAMESPACE = "extism-ts-web-globals";
const installable = new Set(WEB_GLOBAL_NAMES);
const implying = new Set(Object.keys(WEB_GLOBAL_IMPLIED));
const members = new Set(Object.keys(WEB_GLOBAL_MEMBERS));
/**
 * Globals that libraries probe for (`typeof Buffer !== "undefined"`) to take
 * Node's path when there is one and a web path otherwise: a module that
 * probes one is written to work without it, so its uses of the name (behind
 * the probe) do not bring it.
 */
const PROBED: ReadonlySet<string> = new Set(["Buffer"]);

/**
 * The engine's web globals a bundle names: as an identifier, a property name
 * or a whole string literal (`globalThis["URL"]`), in the modules the entry
 * reaches without going through the globals' own implementation (whose npm
 * packages probe for other globals: core-js looks up `"Headers"`). A module
 * that probes `typeof Buffer` does not name Buffer (PROBED). A member read
 * where the global's module that needs it is bundled names that global
 * (WEB_GLOBAL_MEMBERS: `response.body` with fetch brings ReadableStream).
 */
export function namedGlobals(output: string, metafile: Metafile, entry: string, projectDir: string): string[] {
  const globalsDir = dirname(globalsPath);
  // Inputs are named relative to the project; imports of injected modules by the path given to esbuild.
  const inputByPath = new Map(Object.keys(metafile.inputs).map((input) => [resolve(projectDir, input), input]));
  const inputOf = (path: string): string | undefined => (path in metafile.inputs ? path : inputByPath.get(resolve(projectDir, path)));
  const reached = new Set<string>();
  const pending = [inputOf(entry)];
  while (pending.length > 0) {
    const input = pending.pop();
    if (input === undefined || reached.has(input) || input.startsWith(`${GLOBALS_NAMESPACE}:`)) continue;
    if (resolve(projectDir, input).startsWith(globalsDir)) continue;
    reached.add(input);
    for (const imported of metafile.inputs[input]!.imports) if (imported.path !== GLOBALS_PATH) pending.push(inputOf(imported.path));
  }
  const modules = bundledModules(output, metafile);
  const bundledGlobals = new Set<string>();
  for (const { input } of modules) {
    const path = input === undefined ? "" : resolve(projectDir, input);
    if (path.startsWith(globalsDir)) bundledGlobals.add(basename(path, ".js"));
  }
  const readable = new Set([...members].filter((member) => bundledGlobals.has(WEB_GLOBAL_MEMBERS[member]!.of)));
  const named = new Set<string>();
  for (const { input, code } of modules) {
    if (input !== undefined && !reached.has(input)) continue;
    const probed = typeofProbesIn(code, PROBED);
    for (const name of namesIn(code, installable)) if (!probed.has(name)) named.add(name);
    for (const word of namesIn(code, implying)) named.add(WEB_GLOBAL_IMPLIED[word]!);
    for (const member of membersIn(code, readable)) named.add(WEB_GLOBAL_MEMBERS[member]!.brings);
  }
  return [...named].sort();
}

/**
 * The module injected into every bundle that names one of the engine's web
 * globals: free identifiers that name one bind to its export, and each is
 * defined on globalThis (writable and configurable, not enumerable, as
 * WebIDL's are), so that `globalThis.X`, `self.X`, `typeof X` and
 * destructuring find the same object. Each is imported from its own module:
 * the npm packages behind the others are not even parsed.
 */
function webGlobalsPlugin(names: readonly string[], locales: LocaleModule | undefined): Plugin {
  const byModule = new Map<string, string[]>();
  for (const name of names) byModule.set(WEB_GLOBAL_MODULES[name]!, [...(byModule.get(WEB_GLOBAL_MODULES[name]!) ?? []), name]);
  const contents =
    [...byModule].map(([module, imported]) => `import { ${imported.join(", ")} } from "./${module}.js";\n`).join("") +
    `export { ${names.join(", ")} };\n` +
    `for (const [name, value] of Object.entries({ ${names.join(", ")} })) ` +
    `Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });\n` +
    // The locales the build adds to Intl, with the code that formats them, only where Intl is.
    (names.includes("Intl") && locales !== undefined && Object.keys(locales.locales).length > 0
      ? `import { intlInternals } from "./intl.js";\nimport { addLocales } from "./intl-locales.js";\naddLocales(intlInternals, ${JSON.stringify(locales.locales)}, ${JSON.stringify(locales.aliases)});\n`
      : "");
  return {
    name: "extism-ts-web-globals",
    setup(build) {
      build.onResolve({ filter: /^extism-ts:web-globals$/ }, (args) => ({ path: args.path, namespace: GLOBALS_NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: GLOBALS_NAMESPACE }, () => ({ contents, loader: "js", resolveDir: dirname(globalsPath) }));
    },
  };
}

const CLOCK_NAMES: ReadonlySet<string> = new Set(["Date", "random", "now"]);

/** Whether the user's own code (not its dependencies) names one of `names`. */
function namesUserCode(script: string, locate: Locator, names: ReadonlySet<string>): boolean {
  const lines = script.split("\n");
  return lines.some((line, index) => {
    for (const match of line.matchAll(/[A-Za-z_$][\w$]*/g)) if (names.has(match[0]) && locate(index + 1, match.index) !== undefined) return true;
    return false;
  });
}

export interface BundleOptions {
  /** Host functions from an extism-js interface file, for Host.getFunctions(). */
  hostFunctions?: readonly JsPdkHostFunction[];
  /** Keep extism-ts's own frames in the plug-in's error stacks. */
  fullStacks?: boolean;
  /** Intl's locales besides English (`--locales`), checked. */
  locales?: LocaleModule;
  /** Export conditions, NODE_ENV and stubbed Node modules. */
  resolution?: ResolutionOptions;
}

/**
 * Bundle the entry and everything it imports into one script for QuickJS.
 * The engine's web globals that the bundle names are defined on globalThis
 * before any of its code runs; the others, with the natives and npm packages
 * only they use, stay out. Lines are kept as they are (QuickJS reports lines
 * only) so that errors can be traced back to the TypeScript source.
 */
export async function bundle(entry: string, projectDir = findProjectDir(entry), options: BundleOptions = {}): Promise<Bundle> {
  // extism-js's globals (Host, Memory, ...) bind like the web globals, only where used, from the project's pdk.
  const pdk = await projectPdk(projectDir);
  const hostFunctions = options.hostFunctions?.length ? hostFunctionsPlugin(options.hostFunctions, pdk) : undefined;
  // The build each package is given: the project's choices, then the packages whose browser build needs a page.
  const conditions = options.resolution?.conditions ?? ["browser", "worker"];
  const defaultBuild: PackageBuild = conditions.includes("browser") ? "browser" : conditions.includes("worker") ? "worker" : "node";
  const builds = new Map(Object.entries(checkPackageBuilds(options.resolution?.resolve ?? {})));
  const passedOver: PackageBuildChoice[] = [];
  try {
    const esbuildOptions = (installed: readonly string[], commonjs: boolean) =>
      ({
        entryPoints: [entry],
        bundle: true,
        write: false,
        format: "iife",
        globalName: EXPORTS_GLOBAL,
        ...resolutionOptions(options.resolution ?? {}),
        // What the engine (QuickJS-NG) runs natively is left as written.
        target: "es2024",
        // Free uses of globals a plug-in lacks are marked, to be found and named.
        define: { ...resolutionOptions(options.resolution ?? {}).define, ...missingGlobalDefines() },
        // esbuild evaluates these last to first where their code depends on each
        // other (evanw/esbuild#4429): the engine's web globals must come last.
        inject: [...(hostFunctions ? [hostFunctions.inject] : []), processInject, pdk.globalsPath, ...(installed.length > 0 ? [GLOBALS_PATH] : [])],
        plugins: [nodeModulesPlugin(options.resolution ?? {}), packageBuildsPlugin(builds, defaultBuild), webGlobalsPlugin(installed, options.locales), ...(hostFunctions ? [hostFunctions.plugin] : [])],
        legalComments: "none",
        sourcemap: "external",
        sourcesContent: false,
        outdir: projectDir,
        absWorkingDir: projectDir,
        charset: "utf8",
        metafile: true,
        logLevel: "silent",
        ...(commonjs ? { banner: { js: COMMONJS_BANNER }, footer: { js: commonjsFooter(EXPORTS_GLOBAL) } } : {}),
      }) satisfies BuildOptions;
    // Globals the bundle names are defined on globalThis; their code may name
    // more (a Response's Headers), so build until the set stops growing.
    // Locales asked for mean Intl, also for code that only calls toLocaleString (pretty-bytes).
    let installed: string[] = options.locales !== undefined && Object.keys(options.locales.locales).length > 0 ? ["Intl"] : [];
    let commonjs = false;
    let result = await build(esbuildOptions(installed, commonjs));
    for (;;) {
      if (!commonjs && readsCommonjsGlobals(result.warnings)) commonjs = true;
      else {
        const output = result.outputFiles.find((file) => file.path.endsWith(".js"))!.text;
        const named = namedGlobals(output, result.metafile, entry, projectDir);
        const pageBound = defaultBuild === "browser" ? pageBoundPackages(output, result.metafile, projectDir).filter((choice) => !builds.has(choice.name)) : [];
        if (named.every((name) => installed.includes(name)) && pageBound.length === 0) break;
        installed = [...new Set([...installed, ...named])].sort();
        for (const choice of pageBound) builds.set(choice.name, "worker");
        passedOver.push(...pageBound);
      }
      result = await build(esbuildOptions(installed, commonjs));
    }
    if (options.resolution?.strict) {
      const unavailable = unavailableModuleErrors(result.warnings, result.metafile, entry, projectDir);
      if (unavailable.length > 0) throw Object.assign(new Error("unavailable Node modules"), { errors: unavailable });
    }
    const stubbed = stubbedModuleWarnings(result.warnings, result.metafile, entry, projectDir);
    const script = result.outputFiles.find((file) => file.path.endsWith(".js"))!;
    const sourceMap = result.outputFiles.find((file) => file.path.endsWith(".map"))!;
    const locate = userLocator(sourceMap.text, projectDir);
    const codecErrors = codecMisuseErrors(script.text, sourceMap.text, projectDir, locate);
    if (codecErrors.length > 0) throw new BuildError(codecErrors.join("\n"));
    const { script: unmarked, warnings } = missingGlobalWarnings(script.text, locate);
    const body = releasingModuleBodies(withoutPathComments(withoutRequireProbes(unmarked), Object.keys(result.metafile.inputs)));
    return {
      code: `${stackMapPrelude(sourceMap.text, projectDir, options.fullStacks)}\n${body}\n${exportsFilter(EXPORTS_GLOBAL, SKIPPED_GLOBAL)}`,
      inputs: Object.keys(result.metafile.inputs).map((path) => resolve(projectDir, path)),
      modules: Object.entries(Object.values(result.metafile.outputs).find((output) => output.entryPoint)?.inputs ?? {})
        .map(([path, { bytesInOutput }]) => ({ path: resolve(projectDir, path), bytes: bytesInOutput }))
        .sort((a, b) => b.bytes - a.bytes),
      script: body,
      locate,
      readsClock: namesUserCode(body, locate, CLOCK_NAMES),
      warnings: [...passedOver.map(describeChoice), ...stubbed, ...warnings],
      compilerUses: compilerUses(script.text, sourceMap.text, projectDir, BUNDLE_FILENAME),
    };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors) throw error;
    throw new BuildError(errors.map((message) => formatMessage(message, projectDir)).join("\n"));
  }
}
