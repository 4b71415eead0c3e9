// Source compatibility with extism-js (the official Extism JS PDK): plug-ins
// written against its globals (Host, Config, Var, Http, Memory, console),
// in its two module styles, with its interface files, build unchanged with
// `extism-ts build` and run with WASI off; a build from an interface file
// imports WASI, as extism-js plug-ins always have it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectModule } from "@extism-ts/cli";
import { goSdk, jsSdk2, pythonSdk, text, type CallResult, type Host } from "./support/hosts.js";
import { buildFixture, type FixtureOptions } from "./support/cli.js";
import { testDir } from "./support/paths.js";
import { startHttpServer, type TestServer } from "./support/http.js";

const hosts: Host[] = [jsSdk2, pythonSdk];

/** Build an extism-js plug-in with the real CLI; the build must succeed silently. */
function buildJsPdk(name: string, source: string, args: string[] = [], options: FixtureOptions = {}): string {
  const built = buildFixture(`js-pdk-${name}`, source, args, options);
  expect(built.stderr).toBe("");
  expect(built.status).toBe(0);
  return built.wasm;
}

/** A file of a fixture's project, for flags like -i (the CLI runs in test/). */
function fixtureFile(name: string, file: string): string {
  return join(testDir, ".fixtures", `js-pdk-${name}`, file);
}

function failure(result: CallResult | undefined): string {
  expect(result).toMatchObject({ ok: false });
  return (result as Extract<CallResult, { ok: false }>).error;
}

describe("greet, with Host.inputString and Host.outputString", () => {
  const esm = `// extism-js, ESM style (its TypeScript template)
export function greet() {
  const name = Host.inputString();
  Host.outputString(\`Hello, \${name}!\`);
}
`;
  const commonjs = `// extism-js, CommonJS style (its README)
function greet() {
  const name = Host.inputString();
  Host.outputString(\`Hello, \${name}!\`);
}

module.exports = { greet };
`;
  const plugins: Record<string, () => string> = {
    "ESM export function": () => buildJsPdk("greet-esm", esm),
    "CommonJS module.exports": () => buildJsPdk("greet-cjs", commonjs, [], { entryName: "index.js", packageType: null }),
    // A .js file esbuild reads as an ES module still gets extism-js's global `module`.
    'CommonJS in a "type": "module" package': () => buildJsPdk("greet-cjs-type-module", commonjs, [], { entryName: "index.js" }),
  };

  for (const [style, build] of Object.entries(plugins)) {
    describe(style, () => {
      let wasm = "";
      beforeAll(() => {
        wasm = build();
      });

      it("exports greet and imports nothing but the Extism ABI", () => {
        const inspection = inspectModule(readFileSync(wasm));
        expect(inspection.exports).toEqual(["greet"]);
        expect(inspection.imports.every((entry) => entry.module === "extism:host/env")).toBe(true);
      });

      for (const host of hosts) {
        it(`greets (${host.name})`, async () => {
          const [result, unicode] = await host.run(wasm, [{ function: "greet", input: "Benjamin" }, { function: "greet", input: "zoë 🌍" }]);
          expect(text(result)).toBe("Hello, Benjamin!");
          expect(text(unicode)).toBe("Hello, zoë 🌍!");
        });
      }
    });
  }
});

describe("count_vowels, with Config, Var and console", () => {
  const source = `const DEFAULT_VOWELS = "aeiouAEIOU";

function count_vowels() {
  const input = Host.inputString();
  const vowels = Config.get("vowels") ?? DEFAULT_VOWELS;
  let count = 0;
  for (const ch of input) if (vowels.includes(ch)) count++;
  const total = parseInt(Var.getString("total") ?? "0", 10) + count;
  Var.set("total", String(total));
  console.log("counted " + count + " vowels, " + total + " in all");
  Host.outputString(JSON.stringify({ count, total, vowels }));
}

function remember_bytes() {
  Var.set("bytes", Host.inputBytes());
  const back = new Uint8Array(Var.getBytes("bytes"));
  Host.outputBytes(back.reverse().buffer);
}

function missing() {
  Host.outputString(JSON.stringify({ config: Config.get("nope"), string: Var.getString("nope"), bytes: Var.getBytes("nope") }));
}

module.exports = { count_vowels, remember_bytes, missing };
`;
  let wasm = "";
  beforeAll(() => {
    wasm = buildJsPdk("count-vowels", source, [], { entryName: "count_vowels.js", packageType: "commonjs" });
  });

  for (const host of hosts) {
    it(`counts with the configured vowels and keeps a total in a var (${host.name})`, async () => {
      const logs: string[] = [];
      const [first, second] = await host.run(
        wasm,
        [
          { function: "count_vowels", input: "Hello World!" },
          { function: "count_vowels", input: "yyy" },
        ],
        { config: { vowels: "aeiouy" }, logLevel: "info", logs },
      );
      expect(JSON.parse(text(first))).toEqual({ count: 3, total: 3, vowels: "aeiouy" });
      expect(JSON.parse(text(second))).toEqual({ count: 3, total: 6, vowels: "aeiouy" });
      expect(logs).toContain("INFO counted 3 vowels, 6 in all");
    });

    it(`uses its default without config, stores bytes, returns null for what is not set (${host.name})`, async () => {
      const [counted, reversed, missing] = await host.run(wasm, [
        { function: "count_vowels", input: "Hello World!" },
        { function: "remember_bytes", input: new Uint8Array([0, 1, 2, 255]) },
        { function: "missing" },
      ]);
      expect(JSON.parse(text(counted))).toEqual({ count: 3, total: 3, vowels: "aeiouAEIOU" });
      expect(reversed).toEqual({ ok: true, output: new Uint8Array([255, 2, 1, 0]) });
      expect(JSON.parse(text(missing))).toEqual({ config: null, string: null, bytes: null });
    });
  }
});

describe("host functions from an interface file, with Host.getFunctions and Memory", () => {
  // extism-js's host-function example, on the test hosts' append_bang and combine.
  const interfaceFile = `declare module "main" {
  export function greet(): I32;
  export function combined(): I32;
  export function numbers(): I32;
}

declare module "extism:host" {
  interface user {
    append_bang(ptr: I64): I64;
  }
}

declare module "example:host" {
  interface env {
    combine(ptr: PTR, count: I32, value: F64): PTR;
  }
}
`;
  const source = `const { append_bang, combine } = Host.getFunctions();

function greet() {
  const name = Host.inputString();
  const mem = Memory.fromString(\`Hello, \${name}\`);
  const offset = append_bang(mem.offset);
  const response = Memory.find(offset).readString();
  Host.outputString(response + " (" + typeof offset + ")");
}

function combined() {
  const mem = Memory.fromJsonObject({ hello: "world" });
  const offset = combine(mem.offset, 42, 2.5);
  const handle = Memory.find(offset);
  Host.outputString(JSON.stringify({ result: handle.readJsonObject(), raw: handle.readString(), len: handle.len, type: typeof handle.offset }));
  handle.free();
}

function numbers() {
  const u32 = Memory.allocUInt32(4000000000);
  const u64 = Memory.allocUInt64(18446744073709551615n);
  const f32 = Memory.allocFloat32(1.5);
  const f64 = Memory.allocFloat64(Math.PI);
  const bytes = Memory.fromBuffer(new Uint8Array([1, 2, 3]).buffer);
  Host.outputString(JSON.stringify({
    u32: Memory.find(u32.offset).readUInt32(),
    u64: Memory.find(u64.offset).readUInt64().toString(),
    f32: f32.readFloat32(),
    f64: f64.readUFloat64(),
    bytes: Array.from(new Uint8Array(bytes.readBytes())),
    lengths: [u32.len, u64.len, f32.len, f64.len, bytes.len],
    base64: Host.arrayBufferToBase64(bytes.readBytes()),
    decoded: Array.from(new Uint8Array(Host.base64ToArrayBuffer("AQID"))),
  }));
}

module.exports = { greet, combined, numbers };
`;
  const hostFunctions = [
    { name: "append_bang", behaviour: "append_bang" as const },
    { namespace: "example:host/env", name: "combine", behaviour: "combine" as const },
  ];
  let wasm = "";
  beforeAll(() => {
    wasm = buildJsPdk("host-functions", source, ["-i", fixtureFile("host-functions", "plugin.d.ts")], {
      entryName: "script.js",
      packageType: null,
      files: { "plugin.d.ts": interfaceFile },
    });
  });

  it("imports the interface file's host functions with their exact signatures", () => {
    const imports = inspectModule(readFileSync(wasm)).imports.filter((entry) => entry.module !== "extism:host/env" && entry.module !== "wasi_snapshot_preview1");
    expect(imports).toEqual([
      { module: "extism:host/user", name: "append_bang", params: ["i64"], results: ["i64"] },
      { module: "example:host/env", name: "combine", params: ["i64", "i32", "f64"], results: ["i64"] },
    ]);
  });

  for (const host of hosts) {
    it(`calls append_bang and reads the answer with Memory.find(offset).readString() (${host.name})`, async () => {
      const [result] = await host.run(wasm, [{ function: "greet", input: "Benjamin" }], { hostFunctions, wasi: true });
      expect(text(result)).toBe("Hello, Benjamin! (number)");
    });

    it(`passes an i64 offset, an i32 and an f64 (${host.name})`, async () => {
      const [result] = await host.run(wasm, [{ function: "combined" }], { hostFunctions, wasi: true });
      const answer = JSON.parse(text(result));
      expect(answer).toMatchObject({ result: { text: '{"hello":"world"}', count: 42, value: 2.5 }, type: "number" });
      expect(answer.len).toBe(Buffer.byteLength(answer.raw));
    });

    it(`allocates and reads numbers, bytes and base64 (${host.name})`, async () => {
      const [result] = await host.run(wasm, [{ function: "numbers" }], { hostFunctions, wasi: true });
      expect(JSON.parse(text(result))).toEqual({
        u32: 4000000000,
        u64: "18446744073709551615",
        f32: 1.5,
        f64: Math.PI,
        bytes: [1, 2, 3],
        lengths: [4, 8, 4, 8, 3],
        base64: "AQID",
        decoded: [1, 2, 3],
      });
    });
  }

  it("imports WASI, as extism-js plug-ins have it, unless built with --no-wasi", () => {
    const modules = (path: string): string[] => [...new Set(inspectModule(readFileSync(path)).imports.map((entry) => entry.module))];
    expect(modules(wasm)).toContain("wasi_snapshot_preview1");
    const withoutWasi = buildJsPdk("host-functions-no-wasi", source, ["-i", fixtureFile("host-functions-no-wasi", "plugin.d.ts"), "--no-wasi"], {
      entryName: "script.js",
      packageType: null,
      files: { "plugin.d.ts": interfaceFile },
    });
    expect(modules(withoutWasi)).not.toContain("wasi_snapshot_preview1");
  });

  it("builds without an interface file when the plug-in uses no host functions", () => {
    const run = buildFixture("js-pdk-no-interface", `function f() { Host.outputString(String(Object.keys(Host.getFunctions()).length)); }\nmodule.exports = { f };\n`, [], {
      entryName: "index.js",
      packageType: null,
    });
    expect(run.stderr).toBe("");
  });

  it("fails the build naming an export the interface file declares and the entry lacks", () => {
    const run = buildFixture("js-pdk-missing-export", `export function greet() { Host.outputString("hi"); }\n`, ["-i", fixtureFile("missing-export", "plugin.d.ts")], {
      files: { "plugin.d.ts": `declare module "main" {\n  export function greet(): I32;\n  export function goodbye(): I32;\n}\n` },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`declare module "main" lists 'goodbye', which the entry does not export (it exports 'greet')`);
  });

  it("reports a mistake in the interface file with its line", () => {
    const run = buildFixture("js-pdk-bad-interface", `export function greet() {}\n`, ["-i", fixtureFile("bad-interface", "plugin.d.ts")], {
      files: { "plugin.d.ts": `declare module "extism:host" {\n  interface user {\n    f(x: string): I64;\n  }\n}\n` },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/plugin\.d\.ts:3:10: error: parameter x of f has type 'string': use I32, I64, F32, F64 or PTR/);
  });
});

describe("the official PDK's host_funcs example", () => {
  // Its values: a capitalized name through Extism memory, floats both ways, and five arguments
  // of every wasm type, among them 2^63 - 1 written as a number literal, which is 2^63 as a
  // double: the host must receive i64::MAX, as Rust's \`as i64\` (and hostFn()) saturates it.
  const interfaceFile = `declare module "main" {
  export function greet(): I32;
}

declare module "extism:host" {
  interface user {
    capitalize(ptr: PTR): PTR;
    floatInputs(p1: F64, p2: F32): I32;
    floatOutput(p1: I32): F64;
    voidInputs(p1: I32, p2: I64, p3: F32, p4: F64, p5: I32): void;
  }
}
`;
  const source = `const { capitalize, floatInputs, floatOutput, voidInputs } = Host.getFunctions();

function greet() {
  const mem = Memory.fromString(Host.inputString());
  const name = Memory.find(capitalize(mem.offset)).readString();
  const f32 = 314_567.5;
  const i32 = 2_147_483_647;
  const f64 = 9_007_199_254_740.125;
  const i64 = 9_223_372_036_854_775_807;
  const fromFloats = floatInputs(f64, f32);
  if (fromFloats !== i32) throw new Error("floatInputs gave " + fromFloats);
  const float = floatOutput(i32);
  if (Math.abs(float - f64) >= 0.001) throw new Error("floatOutput gave " + float);
  voidInputs(i32, i64, f32, f64, i32);
  Host.outputString(\`Hello, \${name}!\`);
}

module.exports = { greet };
`;
  const hostFunctions = [
    { name: "capitalize", behaviour: "capitalize" as const },
    { name: "floatInputs", behaviour: "float_inputs" as const },
    { name: "floatOutput", behaviour: "float_output" as const },
    { name: "voidInputs", behaviour: "void_inputs" as const },
  ];
  let wasm = "";
  beforeAll(() => {
    wasm = buildJsPdk("host-funcs-example", source, ["-i", fixtureFile("host-funcs-example", "script.d.ts")], {
      entryName: "script.js",
      packageType: null,
      files: { "script.d.ts": interfaceFile },
    });
  });

  for (const host of [goSdk, jsSdk2]) {
    it(`passes every value as the example's host checks it, 2^63 as i64::MAX (${host.name})`, async () => {
      const [result] = await host.run(wasm, [{ function: "greet", input: "benjamin" }], { hostFunctions, wasi: true });
      expect(text(result)).toBe("Hello, Benjamin!");
    });
  }
});

describe("Http.request", () => {
  let server: TestServer;
  let base = "";
  let wasm = "";

  beforeAll(async () => {
    server = await startHttpServer();
    base = server.base;
    wasm = buildJsPdk(
      "http",
      `export function http_get() {
  const response = Http.request({ url: Config.get("base") + "/headers", headers: { "x-test": "extism-js", "x-number": 7 } });
  Host.outputString(JSON.stringify({ status: response.status, headers: JSON.parse(response.body) }));
}

export function http_post() {
  const body = new TextEncoder().encode(Host.inputString()).buffer;
  const response = Http.request({ url: Config.get("base") + "/echo", method: "POST" }, body);
  Host.outputString(JSON.stringify({ status: response.status, body: response.body, method: response.headers?.["x-echo-method"] ?? null }));
}

export function http_status() {
  const response = Http.request({ url: Config.get("base") + "/status/" + Host.inputString() });
  Host.outputString(JSON.stringify({ status: response.status, body: response.body }));
}
`,
    );
  });

  afterAll(() => {
    server.stop();
  });

  const options = () => ({ config: { base }, allowedHosts: ["127.0.0.1"] });

  for (const host of hosts) {
    it(`GETs with headers (number values as strings) and gets the body as a string (${host.name})`, async () => {
      const [result] = await host.run(wasm, [{ function: "http_get" }], options());
      const answer = JSON.parse(text(result));
      expect(answer.status).toBe(200);
      expect(answer.headers).toMatchObject({ "x-test": "extism-js", "x-number": "7" });
    });

    it(`POSTs an ArrayBuffer body as its bytes (${host.name})`, async () => {
      const [result] = await host.run(wasm, [{ function: "http_post", input: "héllo, wörld" }], options());
      expect(JSON.parse(text(result))).toMatchObject({ status: 200, body: "héllo, wörld" });
    });

    it(`returns a 404 as a response (${host.name})`, async () => {
      const [result] = await host.run(wasm, [{ function: "http_status", input: "404" }], options());
      expect(JSON.parse(text(result))).toEqual({ status: 404, body: "" });
    });
  }

  it("has response headers when the host shares them", async () => {
    const [result] = await jsSdk2.run(wasm, [{ function: "http_post", input: "x" }], { ...options(), httpResponseHeaders: true });
    expect(JSON.parse(text(result))).toEqual({ status: 200, body: "x", method: "POST" });
  });
});

describe("exports with parameters (JSON input, string output)", () => {
  const interfaceFile = `declare module "main" {
  export function add(): I32;
  export function greet_user(): I32;
}
`;
  const source = `interface Add { a: number; b: number }
interface User { name: string; age: number }

export function add(): number {
  const params: Add = JSON.parse(Host.inputString());
  Host.outputString(JSON.stringify({ sum: params.a + params.b }));
  return 0;
}

export function greet_user(): number {
  const user: User = JSON.parse(Host.inputString());
  if (user.age < 0) throw new Error("age must not be negative");
  Host.outputString(\`Hello, \${user.name}! You are \${user.age}.\`);
  return 0;
}

export async function later(): Promise<number> {
  throw new Error("rejected later");
}
`;
  let wasm = "";
  beforeAll(() => {
    wasm = buildJsPdk("exports-with-params", source, ["-i", fixtureFile("exports-with-params", "index.d.ts")], { files: { "index.d.ts": interfaceFile } });
  });

  for (const host of hosts) {
    it(`reads typed input and writes output (${host.name})`, async () => {
      const [sum, greeting] = await host.run(
        wasm,
        [
          { function: "add", input: JSON.stringify({ a: 20, b: 22 }) },
          { function: "greet_user", input: JSON.stringify({ name: "Benjamin", age: 42 }) },
        ],
        { wasi: true },
      );
      expect(JSON.parse(text(sum))).toEqual({ sum: 42 });
      expect(text(greeting)).toBe("Hello, Benjamin! You are 42.");
    });

    it(`fails the call on a thrown error and on a rejected promise (${host.name})`, async () => {
      const [thrown, rejected] = await host.run(
        wasm,
        [
          { function: "greet_user", input: JSON.stringify({ name: "x", age: -1 }) },
          { function: "later" },
        ],
        { wasi: true },
      );
      expect(failure(thrown)).toContain("age must not be negative");
      expect(failure(rejected)).toContain("rejected later");
    });
  }
});

describe("moving to the typed API gradually", () => {
  const source = `import { plugin, config } from "@extism-ts/pdk";
import { json, string } from "@extism-ts/convert";

// Old style, unchanged...
export function greet() {
  Host.outputString(\`Hello, \${Host.inputString()}!\`);
}

// ...next to new style in the same plug-in.
export const count = plugin(string, json<{ count: number; mode: string }>(), (input) => ({
  count: [...input].filter((ch) => "aeiou".includes(ch)).length,
  mode: config.get("mode") ?? Config.get("fallback") ?? "none",
}));
`;
  let wasm = "";
  beforeAll(() => {
    wasm = buildJsPdk("mixed", source);
  });

  for (const host of hosts) {
    it(`runs both styles side by side (${host.name})`, async () => {
      const [greeting, counted] = await host.run(wasm, [{ function: "greet", input: "Benjamin" }, { function: "count", input: "banana" }], {
        config: { fallback: "typed" },
      });
      expect(text(greeting)).toBe("Hello, Benjamin!");
      expect(JSON.parse(text(counted))).toEqual({ count: 3, mode: "typed" });
    });
  }
});
