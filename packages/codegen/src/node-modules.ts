import { createRequire, isBuiltin } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { BuildOptions, Message, Metafile, Plugin } from "esbuild";
import { BuildError } from "./errors.js";
import type { PackageBuild } from "./package-builds.js";
import { nodeModules, processGlobal, requireDefault, resolveDir as compatDir, unavailableModules } from "@extism-ts/node-compat";

/** How a plug-in's imports resolve: the project config's `conditions`, `nodeEnv` and `stub`. */
export interface ResolutionOptions {
  /** Export conditions besides "import"/"require"/"default"; default browser and worker, as bundlers for the web do. */
  conditions?: readonly string[];
  /** What `process.env.NODE_ENV` reads as; default "production". */
  nodeEnv?: string;
  /** Node modules that cannot work in a plug-in but are imported and never called: bundled as modules whose functions throw, without a warning. */
  stub?: readonly string[];
  /** Fail the build on a module that cannot work and is not in `stub` (--no-stub), instead of stubbing it with a warning. */
  strict?: boolean;
  /** Which build of a package to take ("joi": "node"), whatever the conditions and its browser build say. */
  resolve?: Readonly<Record<string, PackageBuild>>;
}

export const DEFAULT_CONDITIONS = ["browser", "worker"] as const;

const NAMESPACE = "node-unavailable";
/** `require()` of a module whose CommonJS form is its default export. */
const REQUIRE_DEFAULT = "node-require-default";
/** Modules a package's browser field disables. */
const DISABLED = "browser-disabled";
/** Marks the plugin's own lookup of a bare built-in name, which the plugin leaves to esbuild. */
const OWN_LOOKUP = "extism-ts-own-lookup";
/** The text of the warning that stands for an unavailable module until the build ends and its chain is known. */
const UNAVAILABLE = "extism-ts: unavailable Node module ";

/** `node:fs/promises` -> `fs/promises`; the module's name for the table is `fs`. */
function builtinName(specifier: string): string | undefined {
  const name = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  return isBuiltin(specifier) || isBuiltin(name) ? name : undefined;
}

/** Why a module cannot work in a plug-in and what to use instead. */
function unavailableReason(module: string): string {
  return unavailableModules[module] ?? "Node's APIs are not part of a plug-in";
}

/**
 * A module for a stubbed built-in: every function Node's own module exports
 * (and those of its plain objects, as `fs.promises`) throws when called, and
 * its constants keep their values, so that importing it costs nothing and
 * using it says why it fails. Functions stay `function`s: a class may extend one.
 */
export function stubModule(name: string): string {
  let real: Record<string, unknown> = {};
  try {
    real = createRequire(import.meta.url)(`node:${name}`) as Record<string, unknown>;
  } catch {
    // A module this Node loads only behind a flag: a stub without named exports.
  }
  const names = Object.keys(real).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== "default");
  const reason = `${unavailableReason(name.split("/")[0]!)} (the build put a stub in place of "${name}")`;
  const plain = (value: unknown): boolean => value === null || ["string", "number", "boolean"].includes(typeof value);
  const stub = (value: unknown, member: string): string => {
    if (plain(value)) return JSON.stringify(value);
    if (typeof value === "object" && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
      const entries = Object.entries(value as object).filter(([, inner]) => plain(inner) || typeof inner === "function");
      return `{ ${entries.map(([key, inner]) => `${JSON.stringify(key)}: ${stub(inner, `${member}.${key}`)}`).join(", ")} }`;
    }
    return `unavailable(${JSON.stringify(member)})`;
  };
  return [
    `const unavailable = (member) => function () { throw new Error(\`\${member} is not available in a plug-in: ${reason.replace(/[`\\$]/g, "\\$&")}\`); };`,
    ...names.map((key) => `export const ${key} = ${stub(real[key], `${name}.${key}`)};`),
    `export default { ${names.join(", ")} };`,
  ].join("\n");
}

/** The dependencies a package.json declares (not its devDependencies: its users never install those), by the nearest one to a file, cached. */
const declaredCache = new Map<string, ReadonlySet<string>>();
function declaredBy(file: string): ReadonlySet<string> {
  const dir = dirname(file);
  let declared = declaredCache.get(dir);
  if (declared !== undefined) return declared;
  const manifest = join(dir, "package.json");
  if (existsSync(manifest)) {
    const json = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, Record<string, string> | undefined>;
    declared = new Set(["dependencies", "optionalDependencies", "peerDependencies"].flatMap((field) => Object.keys(json[field] ?? {})));
  } else declared = dirname(dir) === dir ? new Set() : declaredBy(dir);
  declaredCache.set(dir, declared);
  return declared;
}

/**
 * An npm package of a built-in's name that the importing package does not
 * depend on, found only because the package manager hoisted it (npm's flat
 * node_modules, pnpm's .pnpm/node_modules): the built-in of @extism-ts/node-compat
 * goes in its place, so that a plug-in has one Buffer, one url module, ...
 * A browser field's replacement file and a declared dependency stay.
 */
function foundByChance(path: string, name: string, importer: string): boolean {
  const packageName = name.split("/")[0]!;
  return path.includes(`${sep}node_modules${sep}${packageName}${sep}`) && importer !== "" && !declaredBy(importer).has(packageName);
}

/** Resolve built-in modules to their npm implementations; mark the ones that cannot work, or stub them. */
export function nodeModulesPlugin(options: ResolutionOptions): Plugin {
  const stubbed = new Set((options.stub ?? []).map((name) => name.replace(/^node:/, "")));
  for (const name of stubbed) {
    if (!isBuiltin(name)) throw new BuildError(`--stub takes a Node built-in module that plug-ins cannot use (${Object.keys(unavailableModules).join(", ")}, ...), not '${name}'`);
    if (nodeModules[name] !== undefined) throw new BuildError(`--stub ${name}: "${name}" works in plug-ins (docs/node-compat.md), there is nothing to stub`);
  }
  return {
    name: "extism-ts-node-modules",
    setup(build) {
      build.onResolve({ filter: /^[a-z_]+(\/[a-z_]+)?$|^node:/ }, async (args) => {
        const name = builtinName(args.path);
        if (name === undefined || (args.pluginData as Record<string, unknown> | undefined)?.[OWN_LOOKUP]) return undefined;
        if (name === args.path) {
          // A package's `browser` field may replace the module ({"fs": false}), or a package may depend on one of that name.
          const own = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { [OWN_LOOKUP]: true } });
          // esbuild gives a module the browser field disables ("fs": false) no namespace: it is an empty module.
          if (own.errors.length === 0 && own.namespace === "") return { path: args.path, namespace: DISABLED };
          if (own.errors.length === 0 && (nodeModules[name] === undefined || !foundByChance(own.path, name, args.importer))) return own;
        }
        const implementation = nodeModules[name];
        if (implementation !== undefined) {
          const resolved = await build.resolve(implementation, { kind: args.kind, resolveDir: compatDir });
          if (resolved.errors.length > 0) return { errors: resolved.errors };
          if (args.kind === "require-call" && requireDefault.has(name)) return { path: resolved.path, namespace: REQUIRE_DEFAULT };
          return { path: resolved.path, sideEffects: resolved.sideEffects };
        }
        const module = name.split("/")[0]!;
        if (stubbed.has(module) || stubbed.has(name)) return { path: name, namespace: NAMESPACE };
        // The build goes on (with the stub) so that the chain of imports is known; the warning carries where the import is.
        // After the build, the stub stays with a warning, or fails the build with --no-stub.
        return { path: name, namespace: NAMESPACE, warnings: [{ text: `${UNAVAILABLE}${name}` }] };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: stubModule(args.path), loader: "js" }));
      build.onLoad({ filter: /.*/, namespace: DISABLED }, () => ({ contents: "module.exports = {};", loader: "js" }));
      // The ES module itself, which `import` gets, is the one this requires.
      build.onLoad({ filter: /.*/, namespace: REQUIRE_DEFAULT }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)}).default;`, loader: "js", resolveDir: compatDir }));
    },
  };
}

/**
 * The esbuild options for resolving like a bundler for the web and workers.
 * esbuild applies a package's `browser` field (file replacements included)
 * only on its "browser" platform, so that platform goes with the condition.
 */
export function resolutionOptions(options: ResolutionOptions): Pick<BuildOptions, "platform" | "mainFields" | "conditions" | "define"> {
  const conditions = options.conditions ?? DEFAULT_CONDITIONS;
  const browser = conditions.includes("browser");
  return {
    platform: browser ? "browser" : "neutral",
    mainFields: browser ? ["browser", "module", "main"] : ["module", "main"],
    conditions: [...conditions, "module"],
    define: {
      "process.env.NODE_ENV": JSON.stringify(options.nodeEnv ?? "production"),
      // Node's name and the workers' name for the global object.
      global: "globalThis",
      self: "globalThis",
    },
  };
}

/** The module that binds a free `process` to the plug-in's process object. */
export const processInject = resolve(compatDir, processGlobal);

/** The import chain from the entry to a module: `index.ts -> node_modules/x/a.js -> fs`. */
function importChain(metafile: Metafile, entry: string, target: string): string[] {
  const previous = new Map<string, string>([[entry, ""]]);
  const queue = [entry];
  while (queue.length > 0) {
    const path = queue.shift()!;
    for (const imported of metafile.inputs[path]?.imports ?? []) {
      if (previous.has(imported.path)) continue;
      previous.set(imported.path, path);
      if (imported.path === target) {
        const chain = [target];
        for (let at = path; at !== ""; at = previous.get(at)!) chain.unshift(at);
        return chain;
      }
      queue.push(imported.path);
    }
  }
  return [target];
}

/** Each import of a module that cannot work and that `stub` does not name: the module, where it is imported, and the chain from the entry. */
function unavailableImports(warnings: readonly Message[], metafile: Metafile, entry: string, projectDir: string): Array<{ warning: Message; name: string; chain: string[] }> {
  const entryKey = relative(projectDir, entry).split("\\").join("/");
  return warnings
    .filter((warning) => warning.text.startsWith(UNAVAILABLE))
    .map((warning) => {
      const name = warning.text.slice(UNAVAILABLE.length);
      const chain = importChain(metafile, entryKey, `${NAMESPACE}:${name}`).map((path) => (path.startsWith(`${NAMESPACE}:`) ? name : path));
      return { warning, name, chain };
    });
}

/**
 * The errors for unavailable modules the bundle imports (with --no-stub):
 * where each import is, the chain of imports from the entry, and what to use instead.
 */
export function unavailableModuleErrors(warnings: readonly Message[], metafile: Metafile, entry: string, projectDir: string): Message[] {
  return unavailableImports(warnings, metafile, entry, projectDir).map(({ warning, name, chain }) => {
    const module = name.split("/")[0]!;
    return {
      ...warning,
      text:
        `"${name}" is a Node.js built-in module that plug-ins cannot use (they run in WebAssembly): ${unavailableReason(module)}.\n` +
        `  imported by: ${chain.join(" -> ")}\n` +
        `  If it is imported but never called, build without --no-stub (or with --stub ${module}): the build then puts in a stub that throws when called.`,
    };
  });
}

/**
 * One warning for each module the build stubbed without being asked to (no
 * --stub for it): what it is, the chain of imports that brought it in, and
 * how to say it is expected or to fail instead, as the Node compatibility of
 * workers' platforms reports the modules they stub.
 */
export function stubbedModuleWarnings(warnings: readonly Message[], metafile: Metafile, entry: string, projectDir: string): string[] {
  const byName = new Map<string, Array<{ warning: Message; chain: string[] }>>();
  for (const { warning, name, chain } of unavailableImports(warnings, metafile, entry, projectDir)) byName.set(name, [...(byName.get(name) ?? []), { warning, chain }]);
  return [...byName].map(([name, imports]) => {
    const module = name.split("/")[0]!;
    const { warning, chain } = imports[0]!;
    const location = warning.location ? `${relative(process.cwd(), resolve(projectDir, warning.location.file))}:${warning.location.line}:${warning.location.column + 1}: ` : "";
    const more = imports.length > 1 ? ` (and ${imports.length - 1} more import${imports.length > 2 ? "s" : ""})` : "";
    return (
      `${location}"${name}" is a Node.js built-in module that plug-ins cannot use: the build put in a stub whose functions throw when called ` +
      `(${unavailableReason(module)}).\n` +
      `  imported by: ${chain.join(" -> ")}${more}\n` +
      `  --stub ${module} says the plug-in never calls it (no warning); --no-stub fails the build instead.`
    );
  });
}

/**
 * esbuild turns `typeof require` into `typeof __require`, its shim that
 * throws "Dynamic require ... is not supported" when called: a library that
 * probes for `require` would take its Node path. In a plug-in there is no
 * `require` at run time (every static require is bundled), so the probe says so.
 */
export function withoutRequireProbes(code: string): string {
  return code.replace(/\btypeof __require\b/g, "typeof undefined");
}
