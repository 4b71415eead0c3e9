import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "./support/paths.js";

/** Every package of the workspace (pnpm-workspace.yaml's globs) that is published: not private. */
function publishedPackages(): string[] {
  const globs = [...readFileSync(join(repoRoot, "pnpm-workspace.yaml"), "utf8").matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((match) => match[1]!);
  const dirs = globs.flatMap((glob) =>
    glob.endsWith("/*")
      ? readdirSync(join(repoRoot, glob.slice(0, -2)), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => join(glob.slice(0, -2), entry.name))
      : [glob],
  );
  return dirs
    .filter((dir) => existsSync(join(repoRoot, dir, "package.json")))
    .map((dir) => JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8")) as { name: string; private?: boolean })
    .filter((manifest) => !manifest.private)
    .map((manifest) => manifest.name)
    .sort();
}

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
