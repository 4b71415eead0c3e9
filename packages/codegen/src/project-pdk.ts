import { existsSync, readFileSync, realpathSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ENGINE_ABI_VERSION } from "@extism-ts/engine/contract";
import { BuildError } from "./errors.js";

const PDK = "@extism-ts/pdk";
const ENGINE = "@extism-ts/engine";

/** The @extism-ts/pdk a bundle takes extism-js's globals (Host, Config, ...) and its host function declarations from. */
export interface ProjectPdk {
  /** The package's directory: what its modules resolve from. */
  dir: string;
  /** Its module of extism-js's globals, injected into every bundle. */
  globalsPath: string;
  /** Its module that declares an interface file's host functions (hostFunctionsPlugin). */
  declarePath: string;
}

interface Manifest {
  version?: string;
  exports?: Record<string, string | { import?: string; default?: string }>;
}

/** Where Node would find `name` from `fromDir` (npm's and pnpm's layouts alike), or undefined. */
function findPackage(name: string, fromDir: string): string | undefined {
  for (let dir = realpathSync(fromDir); ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (basename(dir) !== "node_modules" && existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

/** The file a package exports at `subpath` for `import`. */
function exported(dir: string, manifest: Manifest, name: string, subpath: string): string {
  const entry = manifest.exports?.[subpath];
  const target = typeof entry === "string" ? entry : (entry?.import ?? entry?.default);
  if (target === undefined) throw new BuildError(`${name} in ${dir} exports no ${subpath}: reinstall it`);
  return join(dir, target);
}

const shown = (path: string): string => (relative(process.cwd(), path).startsWith("..") ? path : relative(process.cwd(), path) || ".");

/**
 * The pdk the project resolves, as its own `import ... from "@extism-ts/pdk"`
 * does, so that a bundle holds one pdk; this build's own copy when the project
 * has none (an extism-js project need not install it). The pdk binds the
 * engine's natives through the engine it depends on, whose contract must be
 * the one this build links against.
 */
export async function projectPdk(projectDir: string): Promise<ProjectPdk> {
  const own = findPackage(PDK, projectDir);
  const dir = own ?? findPackage(PDK, dirname(fileURLToPath(import.meta.url)));
  if (dir === undefined) throw new BuildError(`cannot find ${PDK} next to @extism-ts/codegen: reinstall @extism-ts/cli`);
  const manifest = readManifest(dir);
  if (own !== undefined) {
    const engineDir = findPackage(ENGINE, dir);
    if (engineDir === undefined) throw new BuildError(`${PDK} in ${shown(dir)} has no ${ENGINE} beside it: reinstall ${PDK}`);
    const contract = (await import(pathToFileURL(exported(engineDir, readManifest(engineDir), ENGINE, "./contract")).href)) as { ENGINE_ABI_VERSION?: unknown };
    const version = contract.ENGINE_ABI_VERSION ?? "none";
    if (version !== ENGINE_ABI_VERSION) {
      throw new BuildError(
        `${PDK}${manifest.version ? ` ${manifest.version}` : ""} in ${shown(dir)} is built for engine contract ${String(version)}, this build speaks ${ENGINE_ABI_VERSION}: ` +
          `install ${PDK} and @extism-ts/cli of matching versions`,
      );
    }
  }
  return { dir, globalsPath: exported(dir, manifest, PDK, "./js-pdk-globals"), declarePath: exported(dir, manifest, PDK, "./js-pdk-declare") };
}
