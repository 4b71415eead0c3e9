import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { ENGINE_PROFILES, PACKAGE_BUILDS, type BuildOptions, type EngineProfile, type PackageBuild } from "@extism-ts/codegen";
import { CliError } from "./errors.js";

/**
 * Project defaults for `extism-ts build`, like Cargo's .cargo/config.toml: an
 * "extism-ts" field in package.json, or an extism-ts.config.json beside it
 * (JSON, so that reading it needs no loader and no dependency). Paths in it are
 * relative to the file that holds them. Command-line flags override them.
 */
export interface ProjectConfig {
  /** The plug-in's entry module; default src/index.ts. */
  entry?: string;
  /** Where to write the plug-in; default dist/plugin.wasm. */
  output?: string;
  /** Import WASI for a real clock and randomness. */
  wasi?: boolean;
  /** Keep the JavaScript compiler for eval and new Function. */
  eval?: boolean;
  /** An extism-js interface file (.d.ts). */
  interface?: string;
  /** Export conditions for resolving packages; default ["browser", "worker"]. */
  conditions?: string[];
  /** What process.env.NODE_ENV reads as in the plug-in; default "production". */
  nodeEnv?: string;
  /** Node modules imported but never called, to bundle as modules that throw when called. */
  stub?: string[];
  /** Which build of a package to take, by package name: "browser", "worker" or "node". */
  resolve?: Record<string, PackageBuild>;
  /** Intl's locales besides English (BCP 47 tags: "de-DE", "fr"), whose data plug-ins that use Intl carry. */
  locales?: string[];
  /** The engine to link: "size" (default) or "speed". */
  optimize?: EngineProfile;
  /** Compile the plug-in's functions ahead of time with weval (faster, bigger; needs weval 0.5.1). */
  aot?: boolean;
}

export const CONFIG_FILE = "extism-ts.config.json";
export const PACKAGE_FIELD = "extism-ts";

type KeyType = "string" | "boolean" | "string[]" | "builds" | "profile";

const KEYS: Record<keyof ProjectConfig, KeyType> = {
  entry: "string",
  output: "string",
  wasi: "boolean",
  eval: "boolean",
  interface: "string",
  conditions: "string[]",
  nodeEnv: "string",
  stub: "string[]",
  resolve: "builds",
  locales: "string[]",
  optimize: "profile",
  aot: "boolean",
};

function hasType(value: unknown, type: KeyType): boolean {
  if (type === "profile") return typeof value === "string" && Object.hasOwn(ENGINE_PROFILES, value);
  if (type === "builds") {
    return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((build) => PACKAGE_BUILDS.includes(build as PackageBuild));
  }
  return type === "string[]" ? Array.isArray(value) && value.every((item) => typeof item === "string") : typeof value === type;
}

const TYPE_NAMES: Record<KeyType, string> = {
  string: "a string",
  boolean: "a boolean",
  "string[]": "a list of strings",
  builds: `an object of package names to builds (${PACKAGE_BUILDS.map((build) => `"${build}"`).join(", ")}), as { "joi": "node" }`,
  profile: `one of ${Object.keys(ENGINE_PROFILES).map((profile) => `"${profile}"`).join(", ")}`,
};
const PATH_KEYS = new Set<keyof ProjectConfig>(["entry", "output", "interface"]);

export interface LoadedConfig {
  /** The project's directory: the nearest one at or above the working directory with either file. */
  dir: string | undefined;
  /** The files the options came from (for watch mode), in the order they were applied. */
  files: string[];
  /** The options, with paths made absolute. */
  options: ProjectConfig;
}

function validate(raw: unknown, where: string, baseDir: string): ProjectConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new CliError(`${where} must be an object of build options (${Object.keys(KEYS).join(", ")})`);
  }
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === "$schema") continue;
    const type = KEYS[key as keyof ProjectConfig];
    if (!type) throw new CliError(`${where}: unknown option '${key}' (known: ${Object.keys(KEYS).join(", ")})`);
    if (!hasType(value, type)) {
      throw new CliError(`${where}: '${key}' must be ${TYPE_NAMES[type]}, not ${JSON.stringify(value)}`);
    }
    options[key] = PATH_KEYS.has(key as keyof ProjectConfig) ? resolve(baseDir, value as string) : value;
  }
  return options as ProjectConfig;
}

function readJson(path: string): unknown {
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${relative(process.cwd(), path) || path}: not valid JSON: ${(error as Error).message}`);
  }
}

/** Find and read the project's build defaults, starting at `cwd` and going up to the first project directory. */
export function loadProjectConfig(cwd = process.cwd()): LoadedConfig {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const packageJson = join(dir, "package.json");
    const configFile = join(dir, CONFIG_FILE);
    const hasPackage = existsSync(packageJson);
    const hasConfig = existsSync(configFile);
    if (hasPackage || hasConfig) {
      const files: string[] = [];
      let options: ProjectConfig = {};
      const show = (path: string) => relative(cwd, path) || path;
      if (hasPackage) {
        const field = (readJson(packageJson) as Record<string, unknown> | null)?.[PACKAGE_FIELD];
        if (field !== undefined) {
          options = validate(field, `${show(packageJson)}: "${PACKAGE_FIELD}"`, dir);
          files.push(packageJson);
        }
      }
      if (hasConfig) {
        // The config file wins over the package.json field, key by key.
        options = { ...options, ...validate(readJson(configFile), show(configFile), dir) };
        files.push(configFile);
      }
      return { dir, files, options };
    }
    if (dirname(dir) === dir) return { dir: undefined, files: [], options: {} };
  }
}

/** What was given on the command line; undefined means "not given". Paths are relative to the working directory. */
export interface BuildFlags {
  entry?: string | undefined;
  output?: string | undefined;
  wasi?: boolean | undefined;
  eval?: boolean | undefined;
  interface?: string | undefined;
  /** false: --no-stub. */
  stub?: string[] | false | undefined;
  /** --locales: added to the project's. */
  locales?: string[] | undefined;
  optimize?: EngineProfile | undefined;
  aot?: boolean | undefined;
}

/** Command-line flags over project defaults over built-in defaults. */
export function resolveBuildOptions(config: ProjectConfig, flags: BuildFlags): BuildOptions {
  const pick = <K extends keyof BuildFlags>(key: K): BuildFlags[K] => (flags[key] !== undefined ? flags[key] : config[key]);
  // Flags stay as given (relative to the working directory, as messages show them).
  const path = (key: "entry" | "output" | "interface"): string | undefined => flags[key] ?? config[key];
  const entry = path("entry") ?? "src/index.ts";
  const output = path("output");
  const interfaceFile = path("interface");
  const evalOption = pick("eval");
  const optimize = pick("optimize");
  const aot = pick("aot");
  // Modules stubbed on the command line add to those the project stubs.
  const stub = [...(config.stub ?? []), ...(flags.stub || [])];
  const locales = [...new Set([...(config.locales ?? []), ...(flags.locales ?? [])])];
  return {
    entry,
    ...(output === undefined ? {} : { output }),
    ...(interfaceFile === undefined ? {} : { interface: interfaceFile }),
    // An extism-js plug-in always runs with WASI: a build from its interface file imports it unless --no-wasi.
    wasi: pick("wasi") ?? interfaceFile !== undefined,
    ...(evalOption === undefined ? {} : { eval: evalOption }),
    ...(config.conditions === undefined ? {} : { conditions: config.conditions }),
    ...(config.nodeEnv === undefined ? {} : { nodeEnv: config.nodeEnv }),
    ...(config.resolve === undefined ? {} : { resolve: config.resolve }),
    ...(stub.length === 0 ? {} : { stub }),
    ...(flags.stub === false ? { strict: true } : {}),
    ...(locales.length === 0 ? {} : { locales }),
    ...(optimize === undefined ? {} : { optimize }),
    ...(aot ? { aot } : {}),
  };
}
