// Developer experience: the command line itself, `extism-ts init`, project
// defaults for `build`, `build --watch` and `build --report`.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inspectModule } from "@extism-ts/cli";
import { runCli } from "./support/cli.js";
import { jsSdk2, text } from "./support/hosts.js";
import { cliBin, repoRoot, testDir } from "./support/paths.js";

const greetSource = (greeting: string): string => `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
export const greet = plugin(string, string, (name) => \`${greeting}, \${name}!\`);
`;

/** A project under test/.fixtures (inside the workspace, so @extism-ts/* resolve), written fresh. */
function project(name: string, files: Record<string, string>): string {
  const dir = join(testDir, ".fixtures", name);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}

const packageJson = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ name: "fixture", private: true, type: "module", ...extra });

async function greet(wasm: string, input = "Ada", wasi = false): Promise<string> {
  return text((await jsSdk2.run(wasm, [{ function: "greet", input }], { wasi }))[0]);
}

describe("the command line", () => {
  /** No line of a Node stack trace ("    at f (file:1:2)"). */
  const noStack = (run: { stderr: string }): void => expect(run.stderr).not.toMatch(/^\s+at /m);

  it("prints each command's help and the version, and exits 0", () => {
    const help = runCli(["build", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: extism-ts build \[options\] \[entry\]\n/);
    expect(help.stdout).toContain("-o, --output <out.wasm>");
    const version = runCli(["--version"]);
    expect(version.status).toBe(0);
    const cli = JSON.parse(readFileSync(join(repoRoot, "packages/cli/package.json"), "utf8")) as { version: string };
    expect(version.stdout).toBe(`${cli.version}\n`);
  });

  it("refuses names that are not its commands, without a stack trace", () => {
    for (const name of ["toString", "hasOwnProperty", "__proto__"]) {
      const run = runCli([name]);
      expect(run.status, name).toBe(1);
      expect(run.stderr).toContain(`extism-ts: unknown command '${name}'`);
      noStack(run);
    }
    const typo = runCli(["biuld"]);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toContain("(Did you mean build?)");
    const option = runCli(["call", "p.wasm", "f", "--inptu", "x"]);
    expect(option.status).toBe(1);
    expect(option.stderr).toContain("extism-ts call: unknown option '--inptu'\n(Did you mean --input?)");
  });

  it("says in one line that a plug-in file is missing", () => {
    const run = runCli(["call", "missing.wasm", "f"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("extism-ts call: missing.wasm: no such file (build the plug-in first: extism-ts build)\n");
    const inspect = runCli(["inspect", "missing.wasm"]);
    expect(inspect.status).toBe(1);
    expect(inspect.stderr).toBe("extism-ts inspect: missing.wasm: no such file (build the plug-in first: extism-ts build)\n");
  });
});

describe("build options from the project", () => {
  it("reads entry and output from package.json's \"extism-ts\" field", async () => {
    const dir = project("config-package-json", {
      "package.json": packageJson({ "extism-ts": { entry: "lib/main.ts", output: "out/greet.wasm" } }),
      "lib/main.ts": greetSource("Hi"),
    });
    const run = runCli(["build"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/built out\/greet\.wasm/);
    expect(await greet(join(dir, "out/greet.wasm"))).toBe("Hi, Ada!");
  });

  it("lets extism-ts.config.json override the package.json field, and flags override both", async () => {
    const dir = project("config-file", {
      "package.json": packageJson({ "extism-ts": { entry: "a.ts", output: "a.wasm", wasi: true } }),
      "extism-ts.config.json": JSON.stringify({ $schema: "ignored", entry: "b.ts" }),
      "a.ts": greetSource("From a"),
      "b.ts": greetSource("From b"),
    });
    const fromConfig = runCli(["build"], { cwd: dir });
    expect(fromConfig.status).toBe(0);
    expect(await greet(join(dir, "a.wasm"), "Ada", true)).toBe("From b, Ada!");
    expect(inspectModule(readFileSync(join(dir, "a.wasm"))).wasi).toBe(true);

    const fromFlags = runCli(["build", "a.ts", "-o", "flags.wasm", "--no-wasi"], { cwd: dir });
    expect(fromFlags.status).toBe(0);
    expect(await greet(join(dir, "flags.wasm"))).toBe("From a, Ada!");
    expect(inspectModule(readFileSync(join(dir, "flags.wasm"))).wasi).toBe(false);
  });

  it("rejects an unknown or mistyped option with the file's name", () => {
    const unknown = project("config-unknown", { "package.json": packageJson({ "extism-ts": { ouput: "x.wasm" } }) });
    const run = runCli(["build"], { cwd: unknown });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`package.json: "extism-ts": unknown option 'ouput' (known: entry, output, wasi, eval, interface, conditions, nodeEnv, stub, resolve, locales, optimize, aot)`);

    const mistyped = project("config-mistyped", { "package.json": packageJson(), "extism-ts.config.json": `{ "wasi": "yes" }` });
    const typed = runCli(["build"], { cwd: mistyped });
    expect(typed.status).toBe(1);
    expect(typed.stderr).toContain(`extism-ts.config.json: 'wasi' must be a boolean, not "yes"`);

    const broken = project("config-broken", { "package.json": packageJson(), "extism-ts.config.json": `{ "entry": ` });
    expect(runCli(["build"], { cwd: broken }).stderr).toContain("extism-ts.config.json: not valid JSON");
  });
});

describe("extism-ts build --report", () => {
  it("lists the largest modules of the bundle after the usual report", () => {
    const dir = project("report", {
      "package.json": packageJson(),
      "src/index.ts": `import { plugin } from "@extism-ts/pdk";
import { msgpack, string } from "@extism-ts/convert";
export const pack = plugin(string, msgpack<string>(), (text) => text);
`,
    });
    const run = runCli(["build", "--report"], { cwd: dir });
    expect(run.status).toBe(0);
    const report = run.stdout.slice(run.stdout.indexOf("largest modules in the bundle"));
    expect(run.stdout.indexOf("exports: pack")).toBeLessThan(run.stdout.indexOf("largest modules in the bundle"));
    expect(report).toMatch(/^largest modules in the bundle \(\d+ modules, [\d,]+ bytes of JavaScript\):\n/);
    const rows = report.split("\n").slice(1).filter((line) => /^\s+[\d,]+ B /.test(line));
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.length).toBeLessThanOrEqual(10);
    // msgpackr is the largest part of a plug-in that uses msgpack; the Buffer it probes for is not there.
    expect(rows.slice(0, 3).some((row) => /msgpackr pack\.js/.test(row))).toBe(true);
    expect(report).not.toMatch(/buffer\.js/);
    // Why the JavaScript compiler stayed: msgpackr compiles its record readers with new Function.
    expect(run.stdout).toMatch(/^eval: {4}available \(the JavaScript compiler is kept: msgpackr unpack\.js:\d+:\d+ uses Function\)$/m);
    expect(report).toMatch(/\nthe JavaScript compiler is kept for eval or Function used at 1 place:\n {2}Function msgpackr unpack\.js:\d+:\d+\n?$/);
    const sizes = rows.map((line) => Number(/^\s+([\d,]+) B/.exec(line)![1]!.replace(/,/g, "")));
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
  });

  it("says what the plug-in's bytes are: engine code, static data, the heap by kind; a CommonJS body that ran is not among them", async () => {
    // A module body of `statements` statements that runs once, while the plug-in initializes, and never again,
    // though lookup's require can still be called: it returns the exports, it does not run the body again.
    const build = (name: string, statements: number) => {
      const body = Array.from({ length: statements }, (_, i) => `table.k${i} = ${i};`).join("\n");
      const dir = project(name, {
        "package.json": packageJson(),
        "node_modules/once/package.json": JSON.stringify({ name: "once", version: "1.0.0", main: "index.js" }),
        "node_modules/once/table.js": `var table = {};\n${body}\nmodule.exports = table;\n`,
        "node_modules/once/index.js": `require("./table.js");\nmodule.exports = function lookup(key) { return require("./table.js")[key]; };\n`,
        "node_modules/once/again.js": `module.exports = require("./index.js");\n`,
        "src/index.ts": `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import lookup from "once";
import again from "once/again.js";
const data = new Uint8Array(100_000).fill(7);
export const greet = plugin(string, string, (key) => \`\${lookup(key)} \${again === lookup} \${data[99_999]}\`);
`,
      });
      const run = runCli(["build", "--report"], { cwd: dir });
      expect(run.status).toBe(0);
      return { run, wasm: join(dir, "dist/plugin.wasm") };
    };
    const { run, wasm } = build("report-composition", 3000);
    expect(await greet(wasm, "k2999")).toBe("2999 true 7");
    const number = (text: string) => Number(text.replace(/,/g, ""));
    const header = /^what the plug-in's ([\d,]+) bytes are/m.exec(run.stdout);
    expect(header).not.toBeNull();
    expect(number(header![1]!)).toBe(readFileSync(wasm).length);
    const row = (stdout: string, name: string, depth: number): number => {
      const match = new RegExp(`^ {${depth * 2}}${name} +(-?[\\d,]+) B `, "m").exec(stdout);
      expect(match, name).not.toBeNull();
      return number(match![1]!);
    };
    const parts = ["engine code", "engine static data", "heap", "run table", "rest"].map((name) => row(run.stdout, name, 1));
    expect(parts.reduce((sum, bytes) => sum + bytes, 0)).toBe(number(header![1]!));
    expect(parts.every((bytes) => bytes > 0)).toBe(true);
    expect(row(run.stdout, "typed-array data", 2)).toBeGreaterThanOrEqual(100_000);
    expect(row(run.stdout, "heap", 1)).toBeGreaterThan(row(run.stdout, "typed-array data", 2));
    // The body's 3,000 statements (about 25 KB of bytecode) went; its 3,000 property names stay, as atoms.
    const small = build("report-composition-small", 1).run.stdout;
    expect(row(run.stdout, "bytecode", 2) - row(small, "bytecode", 2)).toBeLessThan(1000);
    expect(row(run.stdout, "atoms", 2) - row(small, "atoms", 2)).toBeGreaterThan(3000 * 16);
  });
});

describe("extism-ts build --watch", () => {
  it("rebuilds when an imported file changes, and stops on SIGINT", async () => {
    const dir = project("watch", {
      "package.json": packageJson(),
      "src/index.ts": `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import { greeting } from "./greeting.js";
export const greet = plugin(string, string, (name) => \`\${greeting}, \${name}!\`);
`,
      "src/greeting.ts": `export const greeting = "Hello";\n`,
    });
    const wasm = join(dir, "dist/plugin.wasm");
    const child = spawn(process.execPath, [cliBin, "build", "--watch"], { cwd: dir });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const waitFor = async (pattern: RegExp, count: number): Promise<void> => {
      const started = Date.now();
      while ((stdout.match(new RegExp(pattern, "g")) ?? []).length < count) {
        if (Date.now() - started > 60_000) throw new Error(`timed out waiting for ${pattern} x${count}:\n${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await waitFor(/watching \d+ files for changes/, 1);
      expect(await greet(wasm)).toBe("Hello, Ada!");

      writeFileSync(join(dir, "src/greeting.ts"), `export const greeting = "Bonjour";\n`);
      await waitFor(/watching \d+ files for changes/, 2);
      expect(await greet(wasm)).toBe("Bonjour, Ada!");

      // A broken edit is reported and watched on; fixing it rebuilds.
      writeFileSync(join(dir, "src/greeting.ts"), `export const greeting = ;\n`);
      await waitFor(/build failed; watching for changes/, 1);
      expect(stderr).toMatch(/greeting\.ts:1:25: error: Unexpected ";"/);
      writeFileSync(join(dir, "src/greeting.ts"), `export const greeting = "Hej";\n`);
      await waitFor(/watching \d+ files for changes/, 3);
      expect(await greet(wasm)).toBe("Hej, Ada!");
      expect((stdout.match(/^built dist\/plugin\.wasm/gm) ?? []).length).toBe(3);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });
});

describe("extism-ts init", () => {
  const scratch = mkdtempSync(join(tmpdir(), "extism-ts-init-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("writes a project whose versions are the workspace's", () => {
    const dir = join(scratch, "My Plugin");
    const run = runCli(["init", dir]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const file of ["package.json", "tsconfig.json", "src/index.ts", "test/plugin.test.ts", "test/tsconfig.json", ".gitignore", "README.md"]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const version = (pkg: string): string =>
      (JSON.parse(readFileSync(join(repoRoot, "packages", pkg, "package.json"), "utf8")) as { version: string }).version;
    const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    const cli = JSON.parse(readFileSync(join(repoRoot, "packages/cli/package.json"), "utf8")) as { dependencies: Record<string, string> };
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    expect(manifest.name).toBe("my-plugin");
    // Types first: the build bundles without checking them.
    expect(manifest.scripts).toMatchObject({ build: "extism-ts build", test: "npm run typecheck --silent && vitest run", typecheck: "tsc -p . && tsc -p test" });
    expect(manifest.dependencies).toEqual({
      "@extism-ts/convert": `^${version("convert")}`,
      "@extism-ts/host-fn": `^${version("host-fn")}`,
      "@extism-ts/http": `^${version("http")}`,
      "@extism-ts/pdk": `^${version("pdk")}`,
    });
    expect(manifest.devDependencies).toEqual({
      "@extism-ts/cli": `^${version("cli")}`,
      "@extism-ts/testing": `^${version("testing")}`,
      "@extism-ts/types": `^${version("types")}`,
      "@types/node": root.devDependencies["@types/node"],
      typescript: cli.dependencies.typescript ?? root.devDependencies.typescript,
      vitest: root.devDependencies.vitest,
    });
    expect(readFileSync(join(dir, ".gitignore"), "utf8")).toContain("node_modules/");
  });

  it("refuses a directory that is not empty, and changes nothing in it", () => {
    const dir = join(scratch, "taken");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "mine");
    const run = runCli(["init", dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`extism-ts init: ${dir} is not empty (notes.txt): init only writes into a new or empty directory`);
    expect(existsSync(join(dir, "package.json"))).toBe(false);
    expect(runCli(["init"]).stderr).toContain("extism-ts init: missing required argument 'dir'");
  });

  it("builds the plug-in it writes (here, with the workspace's packages)", async () => {
    const written = join(scratch, "to-build");
    expect(runCli(["init", written]).status).toBe(0);
    // Its package.json and source, inside the workspace so that @extism-ts/* resolve (its
    // test file stays out: this suite's vitest would pick it up under test/).
    const dir = project("init-project", {
      "package.json": readFileSync(join(written, "package.json"), "utf8"),
      "src/index.ts": readFileSync(join(written, "src/index.ts"), "utf8"),
    });
    const run = runCli(["build"], { cwd: dir });
    expect(run.status).toBe(0);
    // `call` runs it although it cannot provide its host function, until a call needs that.
    const greeting = runCli(["call", "dist/plugin.wasm", "greet", "--input", "Benjamin"], { cwd: dir });
    expect([greeting.stdout, greeting.stderr, greeting.status]).toEqual(["Hello, Benjamin!", "", 0]);
    const user = runCli(["call", "dist/plugin.wasm", "greet_user", "--input", "42"], { cwd: dir });
    expect(user.status).toBe(1);
    expect(user.stderr).toContain(
      "greet_user failed: the host function extism:host/user::display_name is not provided by extism-ts call; call this export from a host that provides it (in tests, a mock() of @extism-ts/testing)",
    );
  });
});
