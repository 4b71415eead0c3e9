// The packages as users get them: every package in packages/ packed with
// `pnpm pack` (which rewrites workspace:^ to real versions, as publishing does),
// installed with npm into clean projects outside the workspace, and used there.
// Third-party dependencies come from the npm registry (network needed).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsSdk2, text } from "./support/hosts.js";
import { repoRoot } from "./support/paths.js";

const packagesDir = join(repoRoot, "packages");
const work = mkdtempSync(join(tmpdir(), "extism-ts-packaging-"));
const packs = join(work, "packs");
/** Tarball path by package name. */
const tarballs = new Map<string, string>();
/** Package versions in the workspace, by name. */
const versions = new Map<string, string>();

/** npm without what pnpm puts in a script's environment (npm warns on pnpm's own settings). */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_command$|npm_lifecycle_|npm_package_|npm_config_user_agent$|npm_config_verify_deps_before_run$|pnpm_)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
}

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, env: npmEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) failed:\n${failure.stdout ?? ""}\n${failure.stderr ?? failure.message}`);
  }
}

/** pnpm: the one on the PATH, else the version the workspace pins, through npx. */
function pnpm(): [string, string[]] {
  if (spawnSync("pnpm", ["--version"], { stdio: "ignore" }).status === 0) return ["pnpm", []];
  const { packageManager } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { packageManager: string };
  return ["npx", ["--yes", packageManager]];
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

beforeAll(() => {
  mkdirSync(packs);
  const [pnpmCommand, pnpmArgs] = pnpm();
  for (const name of readdirSync(packagesDir)) {
    const dir = join(packagesDir, name);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string; private?: boolean };
    if (manifest.private) continue;
    const before = new Set(readdirSync(packs));
    run(pnpmCommand, [...pnpmArgs, "pack", "--pack-destination", packs], dir);
    const tarball = readdirSync(packs).find((file) => !before.has(file));
    if (!tarball) throw new Error(`pnpm pack wrote nothing for ${manifest.name}`);
    tarballs.set(manifest.name, join(packs, tarball));
    versions.set(manifest.name, manifest.version);
  }
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("the packed packages", () => {
  it("each hold their exports' files, with workspace ranges rewritten to versions", () => {
    expect([...tarballs.keys()].sort()).toEqual(
      ["@extism-ts/cli", "@extism-ts/codegen", "@extism-ts/convert", "@extism-ts/engine", "@extism-ts/host-fn", "@extism-ts/http", "@extism-ts/node-compat", "@extism-ts/pdk", "@extism-ts/schema", "@extism-ts/testing", "@extism-ts/types"],
    );
    for (const [name, tarball] of tarballs) {
      const files = run("tar", ["tzf", tarball], work).split("\n").filter(Boolean);
      const manifest = JSON.parse(run("tar", ["xzOf", tarball, "package/package.json"], work)) as {
        exports: Record<string, string | Record<string, string>>;
        dependencies?: Record<string, string>;
      };
      for (const target of Object.values(manifest.exports).flatMap((entry) => (typeof entry === "string" ? [entry] : Object.values(entry)))) {
        const path = `package/${target.replace(/^\.\//, "")}`;
        // A subpath pattern ("./globals/*") must match files of the package.
        if (path.includes("*")) {
          const pattern = new RegExp(`^${path.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]+")}$`);
          expect(files.some((file) => pattern.test(file)), `${name}: ${target}`).toBe(true);
        } else expect(files, `${name}: ${target}`).toContain(path);
      }
      for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
        expect(range, `${name} -> ${dependency}`).not.toMatch(/^workspace:/);
      }
    }
  });

  it("install with npm outside the workspace, build a plug-in with the installed CLI, and run it in @extism/extism", async () => {
    const project = join(work, "installed");
    mkdirSync(join(project, "src"), { recursive: true });
    writeJson(join(project, "package.json"), { name: "installed-plugin", private: true, type: "module" });
    // All tarballs at once: the packed packages depend on each other by version.
    run("npm", ["install", ...tarballs.values()], project);

    writeFileSync(
      join(project, "src", "index.ts"),
      `import { config, plugin } from "@extism-ts/pdk";
import { json, string } from "@extism-ts/convert";
import { hostFn } from "@extism-ts/host-fn";
import { request } from "@extism-ts/http";

export const greet = plugin(string, string, (name) => \`Hello, \${name}!\`);
export const add = plugin(json<{ a: number; b: number }>(), json<{ sum: number }>(), ({ a, b }) => ({ sum: a + b }));
export const greet_user = plugin(null, string, () => \`Hello, \${config.get("user") ?? "nobody"}!\`);

const append_bang = hostFn<(text: string) => string>("append_bang", { params: [string], result: string });
export const shout = plugin(string, string, (text) => append_bang(text.toUpperCase()));
export const fetch_status = plugin(string, string, (url) => String(request(url).status));
`,
    );
    // typescript is an optional peer of the build: only an interface file needs it, and says so when it is missing.
    const cli = join(project, "node_modules", ".bin", "extism-ts");
    writeFileSync(join(project, "plugin.d.ts"), 'declare module "main" {\n  export function greet(): I32;\n}\n');
    const withoutTypescript = spawnSync(cli, ["build", "-i", "plugin.d.ts"], { cwd: project, env: npmEnv(), encoding: "utf8" });
    expect(withoutTypescript.stderr).toContain("plugin.d.ts: an interface file is read with TypeScript's parser, and the typescript package is not installed: npm install --save-dev typescript");
    expect(withoutTypescript.status).not.toBe(0);
    run("npm", ["install", "--save-dev", "typescript@5.9.3"], project);
    writeJson(join(project, "tsconfig.json"), {
      compilerOptions: { target: "ES2020", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022", "DOM"], types: [], strict: true, noEmit: true },
      include: ["src"],
    });
    // The types from the tarballs, checked by the project's TypeScript.
    run(join(project, "node_modules", ".bin", "tsc"), ["-p", "."], project);

    const build = run(cli, ["build"], project);
    expect(build).toMatch(/built dist\/plugin\.wasm in \d+ ms/);
    expect(build).toMatch(/exports: add, fetch_status, greet, greet_user, shout/);
    expect(run(cli, ["build", "-i", "plugin.d.ts", "-o", "dist/declared.wasm"], project)).toMatch(/built dist\/declared\.wasm/);

    const wasm = join(project, "dist", "plugin.wasm");
    const results = await jsSdk2.run(
      wasm,
      [
        { function: "greet", input: "Benjamin" },
        { function: "add", input: JSON.stringify({ a: 20, b: 22 }) },
        { function: "greet_user" },
        { function: "shout", input: "hey" },
      ],
      { config: { user: "Zoë" }, hostFunctions: [{ name: "append_bang", behaviour: "append_bang" }] },
    );
    expect(results.map(text)).toEqual(["Hello, Benjamin!", '{"sum":42}', "Hello, Zoë!", "HEY!"]);

    // The installed CLI's `call` runs on the @extism/extism it installed (and provides no host functions).
    writeFileSync(
      join(project, "src", "greet.ts"),
      `import { plugin } from "@extism-ts/pdk";\nimport { string } from "@extism-ts/convert";\nexport const greet = plugin(string, string, (name) => \`Hello, \${name}!\`);\n`,
    );
    run(cli, ["build", "src/greet.ts", "-o", "dist/greet.wasm"], project);
    expect(run(cli, ["call", "dist/greet.wasm", "greet", "--input", "npm"], project)).toBe("Hello, npm!");
  }, 300_000);

  it("`extism-ts init` makes a project whose `npm install && npm test` passes, its test written with the testing kit's mocks", () => {
    // The CLI as installed from its tarball writes the project, with its own release's versions.
    const installedCli = join(work, "installed", "node_modules", ".bin", "extism-ts");
    const project = join(work, "my-plugin");
    run(installedCli, ["init", project], work);
    const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      overrides?: Record<string, string>;
    };
    const direct = ["@extism-ts/convert", "@extism-ts/host-fn", "@extism-ts/http", "@extism-ts/pdk"];
    expect(manifest.dependencies).toEqual(Object.fromEntries(direct.map((name) => [name, `^${versions.get(name)}`])));
    for (const name of ["@extism-ts/cli", "@extism-ts/testing", "@extism-ts/types"]) expect(manifest.devDependencies[name]).toBe(`^${versions.get(name)}`);

    // Point the @extism-ts packages at the tarballs, direct and transitive ones alike.
    const file = (name: string): string => `file:${tarballs.get(name)}`;
    for (const name of direct) manifest.dependencies[name] = file(name);
    for (const name of ["@extism-ts/cli", "@extism-ts/testing", "@extism-ts/types"]) manifest.devDependencies[name] = file(name);
    // Every other packed package is a transitive dependency: the tarball, whichever package asks for it.
    const own = new Set([...direct, "@extism-ts/cli", "@extism-ts/testing", "@extism-ts/types"]);
    manifest.overrides = Object.fromEntries([...tarballs.keys()].map((name) => [name, own.has(name) ? `$${name}` : file(name)]));
    writeJson(join(project, "package.json"), manifest);

    run("npm", ["install"], project);
    const test = run("npm", ["test"], project);
    // greet (2), greet_user with the mocked host function, title with mocked HTTP (2).
    expect(test).toMatch(/Tests\s+.*5 passed/);
    run("npm", ["run", "typecheck"], project);
    expect(readdirSync(join(project, "dist"))).toEqual(["plugin.wasm"]);
  }, 300_000);

  it("types an `init` project's plug-in as the engine runs it: what works type-checks and runs, the DOM fails tsc and the build names where", () => {
    const project = join(work, "my-plugin");
    const tsc = join(project, "node_modules", ".bin", "tsc");
    const cli = join(project, "node_modules", ".bin", "extism-ts");
    const entry = join(project, "src", "index.ts");
    const scaffold = readFileSync(entry, "utf8");
    run(tsc, ["--noEmit", "-p", "."], project);

    // The language QuickJS-NG runs and the Node globals a plug-in has, past the ES2022 of the old template.
    writeFileSync(
      entry,
      `${scaffold}
export const modern = plugin(null, string, () =>
  JSON.stringify([
    Buffer.from("x").toString("hex"),
    [3, 1].toSorted(),
    Object.groupBy([1], (x) => x),
    Iterator.from([1]).take(1).toArray(),
    /[\\p{L}--[a-z]]/v.test("Ä"),
  ]),
);
`,
    );
    run(tsc, ["--noEmit", "-p", "."], project);
    run(cli, ["build"], project);
    // Node's results (Object.groupBy and Iterator.from are Node 22's; the suite runs on Node 20 too).
    const groupBy = (Object as { groupBy?: (items: number[], key: (x: number) => number) => unknown }).groupBy;
    const expected = [Buffer.from("x").toString("hex"), [3, 1].sort(), groupBy ? groupBy([1], (x) => x) : { 1: [1] }, [1], /[\p{L}--[a-z]]/v.test("Ä")];
    expect(JSON.parse(run(cli, ["call", "dist/plugin.wasm", "modern"], project))).toEqual(JSON.parse(JSON.stringify(expected)));

    // What a browser has: tsc rejects it, and the build warns at its place.
    writeFileSync(entry, `${scaffold}
export const page = plugin(null, string, () => document.title);
`);
    const line = scaffold.split("\n").length + 1;
    const checked = spawnSync(tsc, ["--noEmit", "-p", "."], { cwd: project, env: npmEnv(), encoding: "utf8" });
    expect(checked.status).not.toBe(0);
    expect(checked.stdout).toContain(`src/index.ts(${line},48): error TS2584: Cannot find name 'document'.`);
    const built = spawnSync(cli, ["build"], { cwd: project, env: npmEnv(), encoding: "utf8" });
    expect(built.status).toBe(0);
    expect(built.stderr).toContain(`warning: src/index.ts:${line}:48: document does not exist in a plug-in`);
    writeFileSync(entry, scaffold);
  }, 300_000);
});
