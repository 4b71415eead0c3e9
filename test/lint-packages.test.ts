import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "./support/paths.js";

interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Every package of the workspace (pnpm-workspace.yaml's globs) that is published: not private. */
function publishedManifests(): Manifest[] {
  const globs = [...readFileSync(join(repoRoot, "pnpm-workspace.yaml"), "utf8").matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((match) => match[1]!);
  const dirs = globs.flatMap((glob) =>
    glob.endsWith("/*")
      ? readdirSync(join(repoRoot, glob.slice(0, -2)), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => join(glob.slice(0, -2), entry.name))
      : [glob],
  );
  return dirs
    .filter((dir) => existsSync(join(repoRoot, dir, "package.json")))
    .map((dir) => JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8")) as Manifest)
    .filter((manifest) => !manifest.private);
}

function publishedPackages(): string[] {
  return publishedManifests()
    .map((manifest) => manifest.name)
    .sort();
}

/**
 * The published packages from the bottom up: what runs inside a plug-in, what
 * builds one, then the tools people run, on which nothing depends.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["@extism-ts/engine"],
  ["@extism-ts/convert", "@extism-ts/http", "@extism-ts/node-compat"],
  ["@extism-ts/host-fn"],
  ["@extism-ts/pdk"],
  ["@extism-ts/types"],
  ["@extism-ts/schema"],
  ["@extism-ts/codegen"],
  ["@extism-ts/cli", "@extism-ts/testing"],
];

// cli -> codegen -> engine, never back up: a package that depended on one above
// it (the CLI on the testing kit, for its version) would install it for every user.
it("every published package depends only on packages below it", () => {
  const layer = (name: string) => LAYERS.findIndex((names) => names.includes(name));
  const wrong: string[] = [];
  for (const manifest of publishedManifests()) {
    if (layer(manifest.name) < 0) wrong.push(`${manifest.name} is in none of LAYERS: place it`);
    const runtime = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies };
    for (const name of Object.keys(runtime).filter((dependency) => dependency.startsWith("@extism-ts/"))) {
      if (layer(name) >= layer(manifest.name)) wrong.push(`${manifest.name} -> ${name}`);
    }
  }
  expect(wrong).toEqual([]);
});

// Every package as users get it: packed, then checked by publint and "are the types wrong".
it("every published package passes publint and attw", () => {
  const published = publishedPackages();
  expect(published.length).toBeGreaterThan(0);
  const run = spawnSync(process.execPath, [join(repoRoot, "scripts/lint-packages.mjs")], { cwd: repoRoot, encoding: "utf8" });
  const output = run.stderr + run.stdout;
  const checked = [...output.matchAll(/^── (\S+)$/gm)].map((match) => match[1]!).sort();
  expect(checked).toEqual(published);
  expect(output).toContain(`${published.length} packages passed publint and attw`);
  expect(run.status).toBe(0);
}, 300_000);
