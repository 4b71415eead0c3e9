import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { context, type BuildContext, type Metafile, type Plugin, type PluginBuild } from "esbuild";
import { BuildError } from "./errors.js";
import { missingGlobalDefines } from "./diagnostics.js";
import { bundledModules } from "./bundled-modules.js";

/**
 * Which of a package's builds a plug-in takes. By default the one bundlers
 * for the web take (its `browser` field and `browser`/`worker` conditions),
 * which leaves Node's modules out; a browser build that needs a DOM, or one
 * cut down for browsers, gives way to the worker/Node build.
 */
export type PackageBuild = "browser" | "worker" | "node";

export const PACKAGE_BUILDS: readonly PackageBuild[] = ["browser", "worker", "node"];

/** How esbuild resolves for each build: the worker and Node builds read no `browser` field. */
const SETTINGS: Record<PackageBuild, { platform: "browser" | "neutral"; mainFields: string[]; conditions: string[] }> = {
  browser: { platform: "browser", mainFields: ["browser", "module", "main"], conditions: ["browser", "worker", "module"] },
  worker: { platform: "neutral", mainFields: ["module", "main"], conditions: ["worker", "module"] },
  // Node reads only "main"; a "module" entry is often the browser's.
  node: { platform: "neutral", mainFields: ["main", "module"], conditions: ["node", "module"] },
};

/** Globals only a browser page has: a build that uses one (not only tests it with typeof) needs a DOM. */
const PAGE_GLOBALS = ["document", "window", "location", "history", "alert", "requestAnimationFrame", "localStorage", "sessionStorage", "indexedDB"];

/** `@scope/name/sub` -> `@scope/name`; undefined for relative and absolute paths. */
export function packageName(specifier: string): string | undefined {
  if (/^(\.{1,2}(\/|$)|\/)/.test(specifier) || specifier.includes(":")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** The package a file belongs to, from its path: the name and directory after the last node_modules. */
export function packageOf(file: string): { name: string; dir: string } | undefined {
  const normalized = file.split(sep).join("/");
  const match = /^(.*\/node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(normalized);
  return match ? { name: match[2]!, dir: `${match[1]}${match[2]}` } : undefined;
}

/** Whether a package.json offers a browser build of its own: a `browser` entry or file replacement, or a `browser` condition. */
export function hasBrowserBuild(manifest: { browser?: unknown; exports?: unknown }): boolean {
  const { browser, exports } = manifest;
  if (typeof browser === "string") return true;
  if (browser !== null && typeof browser === "object" && Object.entries(browser).some(([from, to]) => from.startsWith(".") && typeof to === "string")) return true;
  const hasCondition = (value: unknown): boolean =>
    value !== null && typeof value === "object" && Object.entries(value).some(([key, inner]) => key === "browser" || hasCondition(inner));
  return hasCondition(exports);
}

export interface PackageBuildChoice {
  name: string;
  /** The page global its browser build uses. */
  global: string;
  /** The file that uses it, relative to the project. */
  file: string;
}

/**
 * Packages whose browser build, as bundled, uses a global only a page has
 * (`document.createElement`, `window.x`) in a module that does not test for
 * it with `typeof` first: the worker/Node build is the one to take. `output`
 * is esbuild's, with each free use of a missing global marked and each
 * module headed by a `// path` line.
 */
export function pageBoundPackages(output: string, metafile: Metafile, projectDir: string): PackageBuildChoice[] {
  const markers = missingGlobalDefines();
  const found = new Map<string, PackageBuildChoice>();
  for (const { input, code } of bundledModules(output, metafile)) {
    const owner = input === undefined ? undefined : packageOf(resolve(projectDir, input));
    if (owner === undefined || found.has(owner.name)) continue;
    // `typeof globalThis === "object" ? globalThis : window` (msgpackr) looks for the global object: window is its last resort.
    const findsGlobalObject = /\btypeof\s+(globalThis|self|global)\b/.test(code);
    const global = PAGE_GLOBALS.find((name) => {
      const marker = markers[name]!;
      if (name === "window" && findsGlobalObject) return false;
      return new RegExp(`\\b${marker}\\b`).test(code) && !new RegExp(`\\btypeof\\s+${marker}\\b`).test(code);
    });
    if (global === undefined) continue;
    let manifest: { browser?: unknown; exports?: unknown };
    try {
      manifest = JSON.parse(readFileSync(join(owner.dir, "package.json"), "utf8")) as typeof manifest;
    } catch {
      continue;
    }
    if (hasBrowserBuild(manifest)) found.set(owner.name, { name: owner.name, global, file: resolve(projectDir, input!) });
  }
  return [...found.values()];
}

/**
 * The package whose browser build threw "ReferenceError: document is not
 * defined" (or another page global) while the plug-in initialized, from the
 * build's message, whose frames name files as `package/path.js:line`: a use
 * the bundle could not see as one (the module also tests the global with
 * typeof). Only an installed package with a browser build of its own counts.
 */
export function pageBoundAtInit(message: string, projectDir: string): PackageBuildChoice | undefined {
  const global = /ReferenceError: (\w+) is not defined/.exec(message)?.[1];
  if (global === undefined || !PAGE_GLOBALS.includes(global)) return undefined;
  for (const frame of message.matchAll(/\((@[^/()\s]+\/[^/()\s]+|[^@/()\s][^/()\s]*)\/([^()\s]*):\d+\)/g)) {
    for (let dir = projectDir; ; dir = dirname(dir)) {
      const manifest = join(dir, "node_modules", frame[1]!, "package.json");
      if (existsSync(manifest)) {
        if (!hasBrowserBuild(JSON.parse(readFileSync(manifest, "utf8")) as { browser?: unknown; exports?: unknown })) return undefined;
        return { name: frame[1]!, global, file: join(dirname(manifest), frame[2]!) };
      }
      if (dirname(dir) === dir) break;
    }
  }
  return undefined;
}

/** The warning for a package whose browser build the build passed over. */
export function describeChoice(choice: PackageBuildChoice): string {
  return (
    `${choice.name}: its browser build uses \`${choice.global}\` (${relative(process.cwd(), choice.file) || choice.file}), which a plug-in lacks: ` +
    `the build took its worker/Node build instead ("resolve": { "${choice.name}": "browser" } in the project config keeps the browser build, ` +
    `"node" or "worker" says which to take without this warning)`
  );
}

/** Check a project config's `resolve`: package names to builds. */
export function checkPackageBuilds(builds: Readonly<Record<string, string>>): Record<string, PackageBuild> {
  for (const [name, build] of Object.entries(builds)) {
    if (!PACKAGE_BUILDS.includes(build as PackageBuild)) {
      throw new BuildError(`resolve: '${name}' takes ${PACKAGE_BUILDS.map((b) => `"${b}"`).join(", ")}, not ${JSON.stringify(build)}`);
    }
    if (packageName(name) !== name) throw new BuildError(`resolve: '${name}' is not a package name (a key is a package, as "joi" or "@scope/name")`);
  }
  return builds as Record<string, PackageBuild>;
}

/**
 * Resolve the packages given a build other than the default one with that
 * build's settings: their entry points (`import "qrcode"`) and every import
 * of their own files, relative or of a dependency (which a `browser` field
 * would otherwise replace). Everything else resolves as the build's own
 * options say.
 */
export function packageBuildsPlugin(builds: ReadonlyMap<string, PackageBuild>, defaultBuild: PackageBuild): Plugin {
  const switched = new Map([...builds].filter(([, build]) => build !== defaultBuild));
  return {
    name: "extism-ts-package-builds",
    setup(build) {
      if (switched.size === 0) return;
      const contexts = new Map<PackageBuild, Promise<{ context: BuildContext; resolve: PluginBuild["resolve"] }>>();
      const resolver = (which: PackageBuild) => {
        let entry = contexts.get(which);
        if (entry === undefined) {
          entry = (async () => {
            let resolve: PluginBuild["resolve"] | undefined;
            const created = await context({
              ...SETTINGS[which],
              bundle: true,
              write: false,
              logLevel: "silent",
              absWorkingDir: build.initialOptions.absWorkingDir,
              plugins: [{ name: "extism-ts-resolver", setup: (own) => void (resolve = own.resolve) }],
            });
            return { context: created, resolve: resolve! };
          })();
          contexts.set(which, entry);
        }
        return entry;
      };
      // Where each switched package's files are (real paths, as esbuild gives importers).
      const dirs = new Map<string, PackageBuild>();
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.namespace !== "file" || args.kind === "entry-point") return undefined;
        const name = packageName(args.path);
        let which: PackageBuild | undefined;
        if (name !== undefined) which = switched.get(name);
        // Whatever a switched package's own files import, its dependencies too: its browser field
        // would otherwise still replace them (turndown's Node build requires domino, which its
        // browser field maps to false).
        if (which === undefined && args.importer !== "") {
          const owner = packageOf(args.importer);
          which = owner === undefined ? undefined : dirs.get(owner.dir);
        }
        if (which === undefined) return undefined;
        const { resolve } = await resolver(which);
        const resolved = await resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const owner = packageOf(resolved.path);
        if (owner !== undefined && name !== undefined && owner.name === name) dirs.set(owner.dir, which);
        return { path: resolved.path, namespace: resolved.namespace, sideEffects: resolved.sideEffects };
      });
      build.onDispose(() => {
        for (const entry of contexts.values()) void entry.then(({ context: created }) => created.dispose());
      });
    },
  };
}
