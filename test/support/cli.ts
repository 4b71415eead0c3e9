import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cliBin, testDir } from "./paths.js";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Options every `extism-ts build` of the tests gets on top of its own, from
 * EXTISM_TS_TEST_BUILD_ARGS (space-separated): `pnpm test:aot` runs suites with "--aot".
 */
const buildArgs = (process.env.EXTISM_TS_TEST_BUILD_ARGS ?? "").split(" ").filter(Boolean);

/** Run the real `extism-ts` binary. */
export function runCli(args: string[], options: { cwd?: string; input?: string | Uint8Array; env?: Record<string, string> } = {}): CliRun {
  const child = spawnSync(process.execPath, [cliBin, ...args, ...(args[0] === "build" ? buildArgs : [])], {
    cwd: options.cwd ?? testDir,
    env: options.env ? { ...process.env, ...options.env } : process.env,
    input: options.input,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

export interface FixtureOptions {
  /** The entry's file name; default index.ts. */
  entryName?: string;
  /** The project's package.json "type"; default "module", null leaves it out. */
  packageType?: "module" | "commonjs" | null;
  /** More files of the project, by path relative to it (an interface file for -i, ...). */
  files?: Record<string, string>;
  /** More environment variables for the build (SOURCE_DATE_EPOCH, ...). */
  env?: Record<string, string>;
  /** The project's build defaults (package.json's "extism-ts" field): the CLI then runs in the project's directory, where it reads them. */
  projectConfig?: Record<string, unknown>;
}

/**
 * Write a plug-in's source under test/.fixtures/<name>/ (inside the workspace,
 * so @extism-ts/* imports resolve) and build it with the CLI. Returns the
 * wasm path and the CLI run, for tests that check failures too.
 */
export function buildFixture(
  name: string,
  source: string,
  extraArgs: string[] = [],
  options: FixtureOptions = {},
): CliRun & { wasm: string; entry: string; dir: string } {
  const dir = join(testDir, ".fixtures", name);
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, options.entryName ?? "index.ts");
  const type = options.packageType === undefined ? "module" : options.packageType;
  // A project of its own, as a user's plug-in would be: paths in the plug-in are relative to it.
  const config = options.projectConfig ? { "extism-ts": options.projectConfig } : {};
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `fixture-${name}`, private: true, ...(type ? { type } : {}), ...config }));
  for (const [path, contents] of Object.entries(options.files ?? {})) writeFileSync(join(dir, path), contents);
  writeFileSync(entry, source);
  const wasm = join(dir, "plugin.wasm");
  return { ...runCli(["build", entry, "-o", wasm, ...extraArgs], { env: options.env, ...(options.projectConfig ? { cwd: dir } : {}) }), wasm, entry, dir };
}

/** buildFixture for a build that must succeed: the wasm path, or the CLI's error. */
export function builtFixture(name: string, source: string, extraArgs: string[] = [], options: FixtureOptions = {}): string {
  const result = buildFixture(name, source, extraArgs, options);
  if (result.status !== 0) throw new Error(`build of ${name} failed: ${result.stderr}`);
  return result.wasm;
}
