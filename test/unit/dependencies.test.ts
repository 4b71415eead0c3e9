// Each package's "dependencies" are exactly the packages its published code imports:
// a missing one breaks a user's install, an unused one installs code nobody runs.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { nodeModules } from "@extism-ts/node-compat";
import { repoRoot } from "../support/paths.js";

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Whether any file of the built dist/ still imports the package (a package bundled into dist/ is a build-time dependency). */
function distImports(dir: string, name: string): boolean {
  const pattern = new RegExp(`(?:from|import)\\s*["']${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(?:/[^"']*)?["']`);
  return readdirSync(join(dir, "dist"), { withFileTypes: true, recursive: true }).some(
    (entry) => entry.isFile() && /\.js$/.test(entry.name) && pattern.test(readFileSync(join(entry.parentPath, entry.name), "utf8")),
  );
}

/** The published code: tests and their helpers (src/testing/) are not. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !/^[\\/]testing[\\/]/.test(path.slice(dir.length)));
}

/** What a package publishes as code: its src/, or the .d.ts files of a package of declarations only. */
function publishedSources(dir: string): string[] {
  if (existsSync(join(dir, "src"))) return sourceFiles(join(dir, "src"));
  return readdirSync(dir)
    .filter((name) => name.endsWith(".d.ts"))
    .map((name) => join(dir, name));
}

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

function importedPackages(files: string[], self: string): Set<string> {
  const packages = new Set<string>();
  for (const file of files) {
    for (const { fileName } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      if (fileName.startsWith(".") || isBuiltin(fileName)) continue;
      const name = packageOf(fileName);
      if (name !== self) packages.add(name);
    }
    // Packages found at run time next to the CLI (its init writes their versions).
    for (const found of readFileSync(file, "utf8").matchAll(/\b(?:findPackage|beside)\("(@?[\w./-]+)", cliDir/g)) packages.add(packageOf(found[1]!));
  }
  return packages;
}

const packagesDir = join(repoRoot, "packages");
const packages = readdirSync(packagesDir).map((dir) => ({
  dir: join(packagesDir, dir),
  json: JSON.parse(readFileSync(join(packagesDir, dir, "package.json"), "utf8")) as PackageJson,
}));

describe("package dependencies", () => {
  for (const { dir, json } of packages) {
    it(`${json.name} depends on exactly what its published code imports`, () => {
      const declared = new Set([...Object.keys(json.dependencies ?? {}), ...Object.keys(json.peerDependencies ?? {})]);
      const imported = importedPackages(publishedSources(dir), json.name);
      // Packages the node-compat table names, which the CLI resolves from its directory at bundle time.
      if (json.name === "@extism-ts/node-compat") {
        for (const target of Object.values(nodeModules)) if (!target.startsWith(".")) imported.add(packageOf(target));
      }
      // Imported, not a dependency, but a devDependency compiled into dist/ (the engine's buffer): nothing to install.
      const bundled = (name: string): boolean => name in (json.devDependencies ?? {}) && !distImports(dir, name);
      expect({
        missing: [...imported].filter((name) => !declared.has(name) && !bundled(name)),
        unused: [...declared].filter((name) => !imported.has(name)),
      }).toEqual({
        missing: [],
        unused: [],
      });
    });
  }
});
