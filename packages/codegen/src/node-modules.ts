import { createRequire, isBuiltin } from "node:module";
import { relative, resolve } from "node:path";
import type { BuildOptions, Message, Metafile, Plugin } from "esbuild";
import { BuildError } from "./errors.js";
import { nodeModules, processGlobal, resolveDir as compatDir, unavailableModules } from "@extism-ts/node-compat";

/** How a plug-in's imports resolve: the project config's `conditions`, `nodeEnv` and `stub`. */
export interface ResolutionOptions {
  /** Export conditions besides "import"/"require"/"default"; default browser and worker, as bundlers for the web do. */
  conditions?: readonly string[];
  /** What `process.env.NODE_ENV` reads as; default "production". */
  nodeEnv?: string;
  /** Node modules that cannot work in a plug-in but are imported and never called: bundled as modules whose functions throw. */
  stub?: readonly string[];
}

export const DEFAULT_CONDITIONS = ["browser", "worker"] as const;

const NAMESPACE = "node-unavailable";
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

/**
 * A module for a stubbed built-in: every export Node's own module has is a
 * function that throws when called, so that importing it costs nothing and
 * using it says why it fails.
 */
function stubModule(name: string): string {
  const names = Object.keys(createRequire(import.meta.url)(`node:${name}`) as object).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== "default");
  return [
    `const unavailable = (member) => function () { throw new Error(\`\${member}: "${name}" is not available in a plug-in (the build stubbed it with --stub ${name})\`); };`,
    ...names.map((key) => `export const ${key} = unavailable(${JSON.stringify(`${name}.${key}`)});`),
    `export default { ${names.join(", ")} };`,
  ].join("\n");
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
          if (own.errors.length === 0) return own.namespace === "" ? { path: args.path, namespace: DISABLED } : own;
        }
        const implementation = nodeModules[name];
        if (implementation !== undefined) {
          const resolved = await build.resolve(implementation, { kind: args.kind, resolveDir: compatDir });
          return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path, sideEffects: resolved.sideEffects };
        }
        const module = name.split("/")[0]!;
        if (stubbed.has(module) || stubbed.has(name)) return { path: name, namespace: NAMESPACE };
        // The build goes on (with the stub) so that the chain of imports is known; the warning carries where the import is.
        return { path: name, namespace: NAMESPACE, warnings: [{ text: `${UNAVAILABLE}${name}` }] };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: stubModule(args.path), loader: "js" }));
      build.onLoad({ filter: /.*/, namespace: DISABLED }, () => ({ contents: "module.exports = {};", loader: "js" }));
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

/**
 * The errors for unavailable modules the bundle imports: where each import is,
 * the chain of imports from the entry, and what to use instead.
 */
export function unavailableModuleErrors(warnings: readonly Message[], metafile: Metafile, entry: string, projectDir: string): Message[] {
  const entryKey = relative(projectDir, entry).split("\\").join("/");
  return warnings
    .filter((warning) => warning.text.startsWith(UNAVAILABLE))
    .map((warning) => {
      const name = warning.text.slice(UNAVAILABLE.length);
      const module = name.split("/")[0]!;
      const chain = importChain(metafile, entryKey, `${NAMESPACE}:${name}`).map((path) => (path.startsWith(`${NAMESPACE}:`) ? name : path));
      const instead = unavailableModules[module] ?? "Node's APIs are not part of a plug-in";
      return {
        ...warning,
        text:
          `"${name}" is a Node.js built-in module that plug-ins cannot use (they run in WebAssembly): ${instead}.\n` +
          `  imported by: ${chain.join(" -> ")}\n` +
          `  If it is imported but never called, build with --stub ${module}.`,
      };
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
