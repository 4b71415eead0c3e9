import { existsSync, mkdirSync, readdirSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { CliError } from "./errors.js";
import * as templates from "./init/templates.js";
import { cliPackageDir, readPackageJson } from "./own-package.js";

/** Third-party versions the template pins, where the CLI's own package.json does not say. */
export const TEMPLATE_VITEST = "4.1.12";
export const TEMPLATE_TYPES_NODE = "20.19.43";
const FALLBACK_TYPESCRIPT = "5.9.3";

/** Where Node would find `name` from `fromDir` (works for npm's and pnpm's layouts; ignores "exports"). */
function findPackage(name: string, fromDir: string): string | undefined {
  for (let dir = realpathSync(fromDir); ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (basename(dir) !== "node_modules" && existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The versions the new project depends on: the @extism-ts packages this CLI
 * was built and released with (its own version and those of the packages it
 * installed with it), so that the template never drifts from the release.
 */
export function templateVersions(): templates.TemplateVersions {
  const cliDir = cliPackageDir();
  const cli = readPackageJson(cliDir);
  const pdkDir = findPackage("@extism-ts/pdk", cliDir);
  if (!pdkDir) throw new CliError("cannot find @extism-ts/pdk next to @extism-ts/cli: reinstall @extism-ts/cli");
  const beside = (name: string, fromDir: string, from: string): string => {
    const dir = findPackage(name, fromDir);
    if (!dir) throw new CliError(`cannot find ${name} next to ${from}: reinstall @extism-ts/cli`);
    return `^${readPackageJson(dir).version}`;
  };
  const exact = (name: string, fallback?: string): string => {
    const spec = cli.dependencies?.[name] ?? fallback;
    if (spec === undefined) throw new CliError(`@extism-ts/cli's package.json has no dependency on ${name}`);
    return spec;
  };
  return {
    cli: `^${cli.version}`,
    pdk: `^${readPackageJson(pdkDir).version}`,
    convert: beside("@extism-ts/convert", pdkDir, "@extism-ts/pdk"),
    hostFn: beside("@extism-ts/host-fn", pdkDir, "@extism-ts/pdk"),
    http: beside("@extism-ts/http", pdkDir, "@extism-ts/pdk"),
    testing: beside("@extism-ts/testing", cliDir, "@extism-ts/cli"),
    types: beside("@extism-ts/types", cliDir, "@extism-ts/cli"),
    typescript: exact("typescript", FALLBACK_TYPESCRIPT),
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

/** Write a new plug-in project into `dir` (new or empty). Returns the files written, relative to it. */
export function scaffold(dir: string, versions = templateVersions()): string[] {
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
    "src/index.ts": templates.indexTs,
    "test/plugin.test.ts": templates.pluginTest,
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
export function init(dir: string): void {
  const files = scaffold(dir);
  const fromHere = relative(process.cwd(), resolve(dir)) || ".";
  const shown = fromHere.startsWith("..") ? resolve(dir) : fromHere;
  console.log(`created a plug-in project in ${shown}:`);
  for (const file of files) console.log(`  ${file}`);
  console.log(`
next:
  cd ${shellQuote(shown)}
  npm install
  npm run build                                      # src/index.ts -> dist/plugin.wasm
  npx extism-ts call dist/plugin.wasm greet --input Benjamin
  npm test`);
}
