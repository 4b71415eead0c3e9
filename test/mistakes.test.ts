// The mistakes a new user makes, and the failures they meet, run against a
// fresh project from `extism-ts init`: each gives one message that names the
// problem and the fix, and a command that failed exits non-zero.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { startHttpServer, type TestServer } from "./support/http.js";
import { testDir } from "./support/paths.js";

const project = join(testDir, ".fixtures", "mistakes");
let server: TestServer;

/** Plug-in sources with a mistake or a failure in them, built into dist/<name>.wasm when a case needs them. */
const sources: Record<string, string> = {
  "src/mistakes/syntax.ts": "export const greet = (;\n",
  "src/mistakes/package.ts": 'import pad from "left-pad";\nexport function padded(): number { return pad.length; }\n',
  "src/mistakes/relative.ts": 'import { helper } from "./helpers";\nexport function run(): number { return helper(); }\n',
  "src/mistakes/fs.ts": 'import { readFileSync } from "fs";\nexport function read(): number { return readFileSync("data.txt").length; }\n',
  "src/mistakes/none.ts": "const greeting = 'hello';\nvoid greeting;\n",
  "src/mistakes/log-at-init.ts": 'console.log("loading");\nexport function run(): number { return 0; }\n',
  "src/mistakes/codec.ts": 'import { plugin } from "@extism-ts/pdk";\nimport { string } from "@extism-ts/convert";\nexport const greet = plugin("string" as never, string, (name: string) => name);\n',
  "src/mistakes/init-input.ts": 'import { input } from "@extism-ts/pdk";\nconst data = input();\nexport function size(): number { return data.length; }\n',
  "src/mistakes/reserved.ts": "export function memory(): number { return 0; }\n",
  "src/mistakes/failures.ts": `import { plugin, PluginError } from "@extism-ts/pdk";
import { json, string } from "@extism-ts/convert";
export const spin = plugin(null, null, () => { for (;;) {} });
export const sum = plugin(json<{ a: number; b: number }>(), string, ({ a, b }) => String(a + b));
export const clock = plugin(null, string, () => new Date().toISOString());
export const refuse = plugin(string, string, (name) => { if (!name) throw new PluginError("a name is required", 400); return name; });
export const object = plugin(null, null, () => { throw { code: "E_QUOTA", left: 0 }; });
export const forgotten = plugin(null, string, async () => { Promise.reject(new Error("nobody awaited this")); return "done"; });
export const size = plugin(string, string, (text) => String(text.length));
`,
  "src/mistakes/wasi.ts": 'import { plugin } from "@extism-ts/pdk";\nimport { string } from "@extism-ts/convert";\nexport const now = plugin(null, string, () => new Date().toISOString());\n',
};

interface Mistake {
  /** What the user did. */
  name: string;
  /** A command line of `extism-ts`, or a script that uses @extism-ts/testing (it prints the rejection's message). */
  run: { cli: string[] } | { script: string };
  /** Files to write into the project first. */
  files?: Record<string, string>;
  /** The one message: the problem and the fix. */
  message: RegExp;
}

const cli = (...args: string[]) => ({ cli: args });
const kit = (body: string) => ({
  script: `import { loadPlugin, mock } from "@extism-ts/testing";\nimport { string } from "@extism-ts/convert";\ntry {\n${body}\n  console.log("no error");\n} catch (error) {\n  console.log(error.message);\n  process.exitCode = 1;\n}\n`,
});

const mistakes: Mistake[] = [
  // Building.
  { name: "builds an entry that does not exist", run: cli("build", "src/main.ts"), message: /^extism-ts build: src\/main\.ts: no such file: give the module that exports the plug-in's functions .*default src\/index\.ts\)$/ },
  { name: "misspells an option", run: cli("build", "--ouput", "x.wasm"), message: /^extism-ts build: unknown option '--ouput'\n\(Did you mean --output\?\)/ },
  { name: "has a syntax error", run: cli("build", "src/mistakes/syntax.ts", "-o", "dist/m.wasm"), message: /^extism-ts build: src\/mistakes\/syntax\.ts:1:\d+: error: Unexpected ";"$/ },
  { name: "imports a package that is not installed", run: cli("build", "src/mistakes/package.ts", "-o", "dist/m.wasm"), message: /^extism-ts build: src\/mistakes\/package\.ts:1:\d+: error: Could not resolve "left-pad": the package is not installed \(npm install left-pad\)$/ },
  { name: "imports a file that does not exist", run: cli("build", "src/mistakes/relative.ts", "-o", "dist/m.wasm"), message: /error: Could not resolve "\.\/helpers": no such file \(check the path, relative to the importing file\)$/ },
  { name: "imports fs and builds with --no-stub", run: cli("build", "src/mistakes/fs.ts", "-o", "dist/m.wasm", "--no-stub"), message: /"fs" is a Node\.js built-in module that plug-ins cannot use .*\n.*imported by: src\/mistakes\/fs\.ts -> fs\n.*If it is imported but never called, build without --no-stub \(or with --stub fs\): the build then puts in a stub that throws when called\.$/ },
  { name: "exports nothing", run: cli("build", "src/mistakes/none.ts", "-o", "dist/m.wasm"), message: /^extism-ts build: the entry exports no function: export at least one, e\.g\. `export const greet = plugin\(/ },
  { name: "passes a string where plugin() wants a codec", run: cli("build", "src/mistakes/codec.ts", "-o", "dist/m.wasm"), message: /plugin\(\): the input codec \(first argument\) must be a codec \(string, bytes, json\(\), \.\.\.\)/ },
  { name: "reads the input at module level", run: cli("build", "src/mistakes/init-input.ts", "-o", "dist/m.wasm"), message: /the plug-in read its input while it initialized: host calls .* only work inside an exported function$/ },
  { name: "logs at module level", run: cli("build", "src/mistakes/log-at-init.ts", "-o", "dist/m.wasm"), message: /^extism-ts build: src\/mistakes\/log-at-init\.ts:1:\d+: error: the plug-in logged \(console, log, info, \.\.\.\) while it initialized: host calls .* only work inside an exported function$/ },
  { name: "exports a function named memory", run: cli("build", "src/mistakes/reserved.ts", "-o", "dist/m.wasm"), message: /^extism-ts build: the export 'memory' clashes with a name Extism hosts reserve: rename it$/ },
  { name: "writes a config file that is not JSON", files: { "extism-ts.config.json": "{ entry: src/index.ts }" }, run: cli("build"), message: /^extism-ts build: extism-ts\.config\.json: not valid JSON: / },
  { name: "misspells a config option", files: { "extism-ts.config.json": '{ "entri": "src/index.ts" }' }, run: cli("build"), message: /^extism-ts build: extism-ts\.config\.json: unknown option 'entri' \(known: entry, / },
  // Calling.
  { name: "calls before building", run: cli("call", "dist/nothing.wasm", "greet"), message: /^extism-ts call: dist\/nothing\.wasm: no such file \(build the plug-in first: extism-ts build\)$/ },
  { name: "calls the TypeScript file", run: cli("call", "src/index.ts", "greet"), message: /^extism-ts call: src\/index\.ts is not a WebAssembly module \(.*\); give the \.wasm that extism-ts build wrote$/ },
  { name: "misspells the export", run: cli("call", "dist/plugin.wasm", "greeet", "--input", "x"), message: /^extism-ts call: dist\/plugin\.wasm has no export 'greeet'; it exports: greet, greet_user, title$/ },
  { name: "calls an export whose host function only a real host provides", run: cli("call", "dist/plugin.wasm", "greet_user", "--input", "u1"), message: /the host function extism:host\/user::display_name is not provided by extism-ts call; call this export from a host that provides it \(in tests, a mock\(\) of @extism-ts\/testing\)$/ },
  { name: "gives two inputs", run: cli("call", "dist/plugin.wasm", "greet", "--input", "x", "--stdin"), message: /^extism-ts call: option '-i, --input <text>' cannot be used with option '--stdin'/ },
  { name: "misspells a log level", run: cli("call", "dist/plugin.wasm", "greet", "--log-level", "verbose"), message: /^extism-ts call: unknown log level 'verbose': use one of trace, debug, info, warn, error, off$/ },
  { name: "gives --set-config something other than JSON", run: cli("call", "dist/plugin.wasm", "greet", "--set-config", "user=Ada"), message: /^extism-ts call: --set-config takes a JSON object, e\.g\. '\{"user": "Benjamin"\}': / },
  { name: "gives a memory size in a unit that does not exist", run: cli("call", "dist/plugin.wasm", "greet", "--memory-max", "10XB"), message: /^extism-ts call: --memory-max takes a size in bytes, as a number or with a unit \(64KiB, 10MiB, 1GiB\), not '10XB'$/ },
  { name: "reads the input from a file that does not exist", run: cli("call", "dist/plugin.wasm", "greet", "--input-file", "name.txt"), message: /^extism-ts call: --input-file name\.txt: no such file$/ },
  { name: "sends an input over the memory limit", files: { "big.txt": "x".repeat(3 * 1024 * 1024) }, run: cli("call", "dist/failures.wasm", "size", "--input-file", "big.txt", "--memory-max", "1MiB"), message: /^extism-ts call: size failed: the plug-in needs \d+ pages \(64 KiB each\) of memory and --memory-max allows 16: raise --memory-max \(e\.g\. --memory-max \d+MiB\)$/ },
  { name: "makes a request to a host it did not allow", run: cli("call", "dist/plugin.wasm", "title", "--input", "SERVER/json"), message: /^extism-ts call: title failed: HTTP GET http:\/\/127\.0\.0\.1:\d+\/json is not allowed: add --allow-host 127\.0\.0\.1$/ },
  { name: "makes a request to a host that does not answer", run: cli("call", "dist/plugin.wasm", "title", "--input", "http://127.0.0.1:9999/x", "--allow-host", "127.0.0.1"), message: /^extism-ts call: title failed: HTTP GET http:\/\/127\.0\.0\.1:9999\/x failed: connect ECONNREFUSED 127\.0\.0\.1:9999$/ },
  { name: "calls a plug-in built with --wasi without --wasi", run: cli("call", "dist/wasi.wasm", "now"), message: /^extism-ts call: dist\/wasi\.wasm imports WASI \(it was built with --wasi\): call it with --wasi$/ },
  { name: "reads the clock in a plug-in built without --wasi", run: cli("call", "dist/failures.wasm", "clock"), message: /^extism-ts call: clock failed: InternalError: the clock \(Date\.now, new Date\) needs WASI: build the plug-in with `extism-ts build --wasi` and run it with WASI on\n/ },
  { name: "writes an endless loop", run: cli("call", "dist/failures.wasm", "spin", "--timeout", "500"), message: /^extism-ts call: spin failed: it ran longer than --timeout 500 ms$/ },
  { name: "sends input that is not JSON to a JSON export", run: cli("call", "dist/failures.wasm", "sum", "--input", "{a: 1, b: 2}"), message: /^extism-ts call: sum failed: DecodeError: json: malformed JSON: unexpected 'a', expected a string key at byte 1$/ },
  { name: "throws a PluginError", run: cli("call", "dist/failures.wasm", "refuse"), message: /^extism-ts call: refuse failed: PluginError: a name is required \(return code 400\)\n {4}at <anonymous> \(src\/mistakes\/failures\.ts:6\)$/ },
  { name: "throws a plain object", run: cli("call", "dist/failures.wasm", "object"), message: /^extism-ts call: object failed: \{"code":"E_QUOTA","left":0\}$/ },
  { name: "forgets to await a promise that rejects", run: cli("call", "dist/failures.wasm", "forgotten"), message: /^extism-ts call: forgotten failed: Unhandled promise rejection: Error: nobody awaited this\n {4}at <anonymous> \(src\/mistakes\/failures\.ts:8\)$/ },
  // Inspecting and starting projects.
  { name: "inspects a file cut short", files: { "dist/cut.wasm": "\0asm\x01\0\0\0\x01\x7f" }, run: cli("inspect", "dist/cut.wasm"), message: /^extism-ts inspect: dist\/cut\.wasm is a damaged or truncated WebAssembly module \(.*\); build it again$/ },
  { name: "runs init in a directory that has files", run: cli("init", "src"), message: /^extism-ts init: src is not empty \(.*\): init only writes into a new or empty directory, so that it overwrites nothing$/ },
  // Testing with @extism-ts/testing.
  { name: "loads a plug-in in a test before building it", run: kit('  await loadPlugin("dist/nothing.wasm");'), message: /^cannot load .*dist\/nothing\.wasm: there is no such file \(build the plug-in first, e\.g\. npx extism-ts build\)$/ },
  { name: "forgets the mock of a host function", run: kit('  await loadPlugin("dist/plugin.wasm");'), message: /imports host functions that hostFunctions does not provide: extism:host\/user::display_name; give each a mock\(\)$/ },
  { name: "loads a WASI plug-in with wasi: false", run: kit('  await loadPlugin("dist/wasi.wasm", { wasi: false });'), message: /dist\/wasi\.wasm imports WASI \(it was built with --wasi\), so it cannot load with wasi: false; pass wasi: true, or leave wasi out$/ },
  { name: "runs the Python host without the extism package", run: kit('  await loadPlugin("dist/failures.wasm", { host: "python", python: "./python-without-extism" });'), message: /^the Python host needs the extism package in .* \(pip install extism\): / },
  { name: "mocks HTTP without a route for the request", run: kit('  const plugin = await loadPlugin("dist/plugin.wasm", { hostFunctions: { "extism:host/user": { display_name: mock(string, string, () => "") } }, http: { "GET https://api.example.com/posts/*": { json: { title: "x" } } } });\n  try { await plugin.call("title", "https://api.example.com/users/1"); } finally { await plugin.close(); }'), message: /^no mock HTTP route matches GET https:\/\/api\.example\.com\/users\/1 \(routes: GET https:\/\/api\.example\.com\/posts\/\*\); add one, or send it to passthrough$/ },
  { name: "gives mock() a type name instead of a codec", run: kit('  await loadPlugin("dist/plugin.wasm", { hostFunctions: { "extism:host/user": { display_name: mock("string", "string", () => "") } } });'), message: /^mock: parameter 1 must be a codec or one of "i32", "i64", "f32", "f64", got string$/ },
  { name: "calls a plug-in after closing it", run: kit('  const plugin = await loadPlugin("dist/failures.wasm");\n  await plugin.close();\n  await plugin.call("size", "x");'), message: /^cannot call size: the plug-in is closed$/ },
];

beforeAll(async () => {
  rmSync(project, { recursive: true, force: true });
  const init = runCli(["init", project]);
  expect(init.status, init.stderr).toBe(0);
  for (const [path, text] of Object.entries(sources)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  for (const [args, name] of [[[], "plugin"], [["src/mistakes/failures.ts", "-o", "dist/failures.wasm"], "failures"], [["src/mistakes/wasi.ts", "-o", "dist/wasi.wasm", "--wasi"], "wasi"]] as const) {
    const built = runCli(["build", "--quiet", ...args], { cwd: project });
    expect(built.status, `${name}: ${built.stderr}`).toBe(0);
  }
  // An interpreter without site-packages: one where `import extism` fails.
  writeFileSync(join(project, "python-without-extism"), `#!/bin/sh\nexec python3 -S "$@"\n`);
  chmodSync(join(project, "python-without-extism"), 0o755);
  server = await startHttpServer();
}, 300_000);
afterAll(() => server?.stop());

it("lists at least 25 mistakes and failures", () => {
  expect(mistakes.length).toBeGreaterThanOrEqual(25);
  expect(new Set(mistakes.map((mistake) => mistake.name)).size).toBe(mistakes.length);
});

describe("a new user who", () => {
  for (const mistake of mistakes) {
    it(mistake.name, () => {
      const written: string[] = [];
      for (const [path, text] of Object.entries(mistake.files ?? {})) {
        mkdirSync(dirname(join(project, path)), { recursive: true });
        writeFileSync(join(project, path), text);
        written.push(join(project, path));
      }
      try {
        let status: number | null;
        let message: string;
        if ("cli" in mistake.run) {
          const args = mistake.run.cli.map((arg) => arg.replace(/^SERVER/, server.base));
          const run = runCli(args, { cwd: project });
          status = run.status;
          message = run.stderr.replace(/\n$/, "");
          // The command's output is not where its failure goes.
          expect(run.stdout).toBe("");
        } else {
          writeFileSync(join(project, "mistake.mjs"), mistake.run.script);
          const run = spawnSync(process.execPath, ["mistake.mjs"], { cwd: project, encoding: "utf8", timeout: 60_000 });
          expect(run.stderr).toBe("");
          status = run.status;
          message = run.stdout.replace(/\n$/, "");
        }
        expect(status).not.toBe(0);
        expect(message).toMatch(mistake.message);
        // One message: the problem is said once.
        const firstLine = message.split("\n")[0]!;
        expect(message.split(firstLine).length - 1).toBe(1);
      } finally {
        for (const path of written) rmSync(path, { force: true });
      }
    });
  }
});
