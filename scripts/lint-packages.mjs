#!/usr/bin/env node
// `pnpm lint:packages`: check every package in packages/ the way a user gets it.
// Each package is packed with `pnpm pack` (which rewrites workspace:^ to real
// versions, as publishing does), then
//   - publint checks package.json against the packed files (exports, types, bin, files);
//   - @arethetypeswrong/cli checks that TypeScript resolves the types of every
//     entry point from the tarball.
// Every package is ESM-only ("type": "module", exports with "import" only), so
// attw runs with `--profile esm-only`: it still checks node16-from-ESM and
// bundler resolution, and skips node10 (no "exports" support, so no subpaths)
// and require() from CommonJS, which an ESM-only package fails on purpose.
// Entry points that are not modules (the engine's engine.wasm asset) are excluded.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => join(root, "node_modules", ".bin", name);
/** attw flags per package, for entry points that are assets rather than modules. */
const attwExtra = { "@extism-ts/engine": ["--exclude-entrypoints", "./engine.wasm"] };

/** pnpm: the one on the PATH, else the version the workspace pins, through npx. */
function pnpm() {
  if (spawnSync("pnpm", ["--version"], { stdio: "ignore" }).status === 0) return ["pnpm", []];
  const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return ["npx", ["--yes", packageManager]];
}
const [pnpmCommand, pnpmArgs] = pnpm();

const packagesDir = join(root, "packages");
const dirs = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(packagesDir, entry.name))
  .filter((dir) => {
    try {
      return !JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).private;
    } catch {
      return false;
    }
  });

const packDir = mkdtempSync(join(tmpdir(), "extism-ts-lint-"));
const failures = [];
try {
  for (const dir of dirs) {
    const { name } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    console.log(`\n── ${name}`);
    const run = (label, command, args, options = {}) => {
      try {
        execFileSync(command, args, { cwd: dir, stdio: "inherit", ...options });
      } catch {
        failures.push(`${name}: ${label}`);
      }
    };
    run("publint", bin("publint"), ["--strict", "--pack", "pnpm"]);
    const before = new Set(readdirSync(packDir));
    execFileSync(pnpmCommand, [...pnpmArgs, "pack", "--pack-destination", packDir], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
    const tarball = readdirSync(packDir).find((file) => file.endsWith(".tgz") && !before.has(file));
    if (!tarball) {
      failures.push(`${name}: pnpm pack wrote no tarball`);
      continue;
    }
    run("attw", bin("attw"), [join(packDir, tarball), "--profile", "esm-only", "--format", "table-flipped", ...(attwExtra[name] ?? [])]);
  }
} finally {
  rmSync(packDir, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\nlint:packages: ${failures.length} failed:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(`\nlint:packages: ${dirs.length} packages passed publint and attw`);
