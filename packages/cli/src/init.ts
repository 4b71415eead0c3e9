import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { CliError } from "./errors.js";
import * as templates from "./init/templates.js";

/** Third-party versions the template pins. */
export const TEMPLATE_VITEST = "4.1.12";
export const TEMPLATE_TYPES_NODE = "20.19.43";
const TEMPLATE_TYPESCRIPT = "5.9.3";

/** The @extism-ts versions released with this CLI, written in when it is built (tsup.config.ts). */
declare const __EXTISM_TS_RELEASE__: Record<"cli" | "pdk" | "convert" | "hostFn" | "http" | "testing" | "types", string>;

/**
 * The versions the new project depends on: the @extism-ts packages this CLI
 * was built and released with, so that the template never drifts from the release.
 */
export function templateVersions(): templates.TemplateVersions {
  const release = __EXTISM_TS_RELEASE__;
  return {
    cli: `^${release.cli}`,
    pdk: `^${release.pdk}`,
    convert: `^${release.convert}`,
    hostFn: `^${release.hostFn}`,
    http: `^${release.http}`,
    testing: `^${release.testing}`,
    types: `^${release.types}`,
    typescript: TEMPLATE_TYPESCRIPT,
    vitest: TEMPLATE_VITEST,
    typesNode: TEMPLATE_TYPES_NODE,
  };
}

/** A valid npm package name made from a directory name. */
export function packageName(dir: string): string {
  const name = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, "-")
    .replace(/^[._-]+/, "")
    .replace(/-+$/, "");
  return name || "plugin";
}

/** The plug-in's code and test when it is made from a schema (`init --schema`) rather than the greet example. */
export interface PluginSource {
  index: string;
  test: string;
}

/** Write a new plug-in project into `dir` (new or empty). Returns the files written, relative to it. */
export function scaffold(dir: string, versions = templateVersions(), source?: PluginSource): string[] {
  const target = resolve(dir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new CliError(`${dir} exists and is not a directory`);
    const entries = readdirSync(target);
    if (entries.length > 0) {
      const shown = entries.slice(0, 5).join(", ") + (entries.length > 5 ? ", ..." : "");
      throw new CliError(`${dir} is not empty (${shown}): init only writes into a new or empty directory, so that it overwrites nothing`);
    }
  }
  const name = packageName(target);
  const files: Record<string, string> = {
    "package.json": templates.packageJson(name, versions),
    "tsconfig.json": templates.tsconfig,
    "src/index.ts": source?.index ?? templates.indexTs,
    "test/plugin.test.ts": source?.test ?? templates.pluginTest,
    "test/tsconfig.json": templates.testTsconfig,
    ".gitignore": templates.gitignore,
    "README.md": templates.readme(name),
  };
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), contents);
  }
  return Object.keys(files);
}

/** A path as a POSIX shell reads it: quoted when it holds anything but plain characters. */
export function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}

/** The `init` command: write the project and say what to do next. */
export function init(dir: string, source?: PluginSource): void {
  const files = scaffold(dir, templateVersions(), source);
  const fromHere = relative(process.cwd(), resolve(dir)) || ".";
  const shown = fromHere.startsWith("..") ? resolve(dir) : fromHere;
  console.log(`created a plug-in project in ${shown}:`);
  for (const file of files) console.log(`  ${file}`);
  console.log(`
next:
  cd ${shellQuote(shown)}
  npm install
  npm run build                                      # src/index.ts -> dist/plugin.wasm
${source ? "  npm test                                           # each export is still to be written" : "  npx extism-ts call dist/plugin.wasm greet --input Benjamin\n  npm test"}`);
}
