import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "./support/paths.js";

// Every package as users get it: packed, then checked by publint and "are the types wrong".
it("every package passes publint and attw", () => {
  const run = spawnSync(process.execPath, [join(repoRoot, "scripts/lint-packages.mjs")], { cwd: repoRoot, encoding: "utf8" });
  expect(run.stderr + run.stdout).toContain("10 packages passed publint and attw");
  expect(run.status).toBe(0);
}, 300_000);
