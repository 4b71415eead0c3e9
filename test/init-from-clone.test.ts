// The README's way to start a project before the packages are published:
// scripts/init-from-clone.mjs in this (built) clone, then `npm install && npm
// test` in the new project, outside the workspace. Third-party dependencies
// come from the npm registry (network needed), as in test/packaging.test.ts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { repoRoot } from "./support/paths.js";

const work = mkdtempSync(join(tmpdir(), "extism-ts-init-from-clone-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** npm and npx without what pnpm puts in a script's environment. */
function env(): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_command$|npm_lifecycle_|npm_package_|npm_config_user_agent$|npm_config_verify_deps_before_run$|pnpm_)/i.test(key)) continue;
    clean[key] = value;
  }
  return { ...clean, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
}

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, env: env(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) failed:\n${failure.stdout ?? ""}\n${failure.stderr ?? failure.message}`);
  }
}

it("starts a project from the clone whose npm install && npm test pass, with no package from the registry's @extism-ts", () => {
  const project = join(work, "my plugin");
  const output = run(process.execPath, [join(repoRoot, "scripts/init-from-clone.mjs"), project], work);
  expect(output).toContain("cd 'my plugin'");
  const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as Record<string, Record<string, string>>;
  const specs = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.overrides }).filter(([name]) => name.startsWith("@extism-ts/"));
  expect(specs.length).toBeGreaterThan(5);
  for (const [, spec] of specs) expect(spec).toMatch(/^(file:.*\.tgz|\$@extism-ts\/.+)$/);
  run("npm", ["install"], project);
  expect(run("npm", ["test"], project)).toMatch(/Tests\s+.*passed/);
}, 600_000);
