import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import createPlugin from "extism-js-2";
import { inspectModule } from "@extism-ts/cli";
import { json, msgpack } from "@extism-ts/convert";
import { jsSdk2, pythonSdk, text, type CallResult, type Host, type HostCall, type HostOptions } from "./support/hosts.js";
import { buildFixture, runCli } from "./support/cli.js";
import { startHttpServer, type TestServer } from "./support/http.js";
import { appWasm, repoRoot, testDir } from "./support/paths.js";

/** Inputs per export in CI; `pnpm fuzz` runs more. */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

/** What a trap looks like in each host: the plug-in failed without an error of its own. */
const TRAP = /unreachable|RuntimeError|wasm backtrace|error while executing|out of bounds|call stack size/i;

function failed(result: CallResult | undefined): string {
  if (!result || result.ok) throw new Error(`expected a failure, got ${result ? text(result) : "nothing"}`);
  return result.error;
}

/** Apps that need nothing of the host but what every host gives (HTTP apps need a server). */
function fuzzableApps(): Array<{ app: string; exports: string[]; options: HostOptions }> {
  return readdirSync(join(repoRoot, "apps"))
    .filter((app) => existsSync(appWasm(app)) && !app.startsWith("http") && app !== "playground")
    .map((app) => ({
      app,
      // Benchmark exports repeat their work many times over: not for fuzzing.
      exports: inspectModule(readFileSync(appWasm(app))).exports.filter((name) => !name.startsWith("bench")),
      options: app === "hello-from-python" ? { hostFunctions: [{ name: "a_python_func", behaviour: "append_bang" as const }] } : {},
    }));
}

const mutate = (bytes: Uint8Array, at: number, byte: number, how: number): Uint8Array => {
  if (bytes.length === 0) return new Uint8Array([byte]);
  const i = at % bytes.length;
  if (how === 0) return bytes.subarray(0, i);
  const copy = new Uint8Array(bytes.length + (how === 1 ? 1 : 0));
  copy.set(bytes.subarray(0, i));
  copy[i] = byte;
  copy.set(bytes.subarray(how === 1 ? i : i + 1), i + 1);
  return copy;
};

const encoder = new TextEncoder();
const fuzzInput: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.uint8Array({ maxLength: 9 }), // numbers of the wrong length
  fc.uint8Array({ maxLength: 16 }).map((bytes) => new Uint8Array([...bytes, 0xff, 0xc3, 0x28])), // invalid UTF-8
  fc.string().map((s) => encoder.encode(s)),
  fc.jsonValue().map((value) => encoder.encode(JSON.stringify(value))),
  fc.tuple(fc.jsonValue(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 })).map(([value, at, byte, how]) =>
    mutate(encoder.encode(JSON.stringify(value)), at, byte, how),
  ),
  fc.tuple(fc.jsonValue(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 })).map(([value, at, byte, how]) =>
    mutate(msgpack().encode(value), at, byte, how),
  ),
);

async function fuzz(host: Host, runs: number): Promise<{ calls: number; errors: Map<string, number> }> {
  const errors = new Map<string, number>();
  let calls = 0;
  for (const { app, exports, options } of fuzzableApps()) {
    for (const name of exports) {
      const inputs = fc.sample(fuzzInput, { numRuns: runs, seed: 42 });
      // A huge input too, where passing it costs little (in-process hosts).
      if (host !== pythonSdk) inputs.push(new Uint8Array(1024 * 1024).map((_, i) => (i * 7919) & 0xff));
      const calls_: HostCall[] = inputs.map((input) => ({ function: name, input }));
      const results = await host.run(appWasm(app), [...calls_, ...calls_.slice(0, 3)], options);
      calls += results.length;
      results.forEach((result, i) => {
        if (result.ok) return;
        expect(result.error, `${app} ${name} input ${Buffer.from(inputs[i % inputs.length]!).toString("hex").slice(0, 80)}`).not.toMatch(TRAP);
        expect(result.error.length).toBeGreaterThan(0);
        const kind = /(\w*Error)/.exec(result.error)?.[1] ?? "other";
        errors.set(kind, (errors.get(kind) ?? 0) + 1);
      });
      // The same first inputs at the end: the instance still answers as it did.
      const tail = results.slice(-3);
      tail.forEach((result, i) => expect(result.ok, `${app} ${name} after fuzzing`).toBe(results[i]!.ok));
    }
  }
  return { calls, errors };
}

describe("fuzz: every export of every app", () => {
  for (const [host, runs] of [
    [jsSdk2, FUZZ_RUNS],
    [pythonSdk, FUZZ_RUNS],
  ] as const) {
    it(`never traps under ${host.name} (${runs} inputs per export)`, async () => {
      const { calls, errors } = await fuzz(host, runs);
      console.log(`fuzz ${host.name}: ${calls} calls, errors by kind: ${JSON.stringify(Object.fromEntries(errors))}`);
      expect(calls).toBeGreaterThan(runs);
    }, 600_000);
  }
});

const limitsSource = `import { plugin, vars } from "@extism-ts/pdk";
import { string, bytes } from "@extism-ts/convert";
import { request } from "@extism-ts/http";

export const hog = plugin(null, null, () => {
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array(100000).fill(hoard.length));
});
export const small = plugin(string, string, (s) => s.toUpperCase());
export const big_var = plugin(null, null, () => vars.set("big", new Uint8Array(64 * 1024)));
export const spin = plugin(null, null, () => { for (;;) {} });
const down = (n: number): number => (n === 0 ? 0 : 1 + down(n - 1));
export const recurse = plugin(null, string, () => String(down(1_000_000)));
export const fetch_big = plugin(string, bytes, (url) => request(url).body);
`;

describe("limits", () => {
  let wasm = "";
  let server: TestServer;
  let base = "";
  beforeAll(async () => {
    const built = buildFixture("limits", limitsSource);
    expect(built.stderr).toBe("");
    wasm = built.wasm;
    server = await startHttpServer();
    base = server.base;
  });
  afterAll(() => {
    server.stop();
  });

  // @extism/extism's maxPages caps only Extism memory blocks, not the module's
  // linear memory, so only the reference runtime can show a capped plug-in.
  it("turns unbounded allocation under a memory cap into an error, not a trap (python extism 1.1.1)", async () => {
    const [hog, after] = await pythonSdk.run(wasm, [{ function: "hog" }, { function: "small", input: "still here" }], { limits: { maxPages: 200 } });
    expect(failed(hog)).toMatch(/out of memory|oom/);
    expect(failed(hog)).not.toMatch(TRAP);
    expect(text(after)).toBe("STILL HERE");
  });

  for (const host of [jsSdk2, pythonSdk]) {
    it(`reports deep recursion as an error, not a crash (${host.name})`, async () => {
      const [deep, after] = await host.run(wasm, [{ function: "recurse" }, { function: "small", input: "ok" }]);
      expect(failed(deep)).toMatch(/RangeError: Maximum call stack size exceeded/);
      expect(text(after)).toBe("OK");
    });

    it(`ends a full var store with the host's error (${host.name})`, async () => {
      const [full] = await host.run(wasm, [{ function: "big_var" }], { limits: { maxVarBytes: 1024 } });
      expect(failed(full).length).toBeGreaterThan(0);
    });

    it(`ends an infinite loop at the host's timeout (${host.name})`, async () => {
      const started = performance.now();
      const [spin] = await host.run(wasm, [{ function: "spin" }], { limits: { timeoutMs: 300 } });
      expect(failed(spin)).toMatch(/time|interrupt/i);
      expect(performance.now() - started).toBeLessThan(30_000);
    });

  }

  // @extism/extism logs an over-cap response as an error and hands the plug-in an empty body.
  it("ends an HTTP response over the host's cap with an error (python extism 1.1.1)", async () => {
    const options = { allowedHosts: ["127.0.0.1"], limits: { maxHttpResponseBytes: 1000 } };
    const [over, under] = await pythonSdk.run(wasm, [{ function: "fetch_big", input: `${base}/bytes/100000` }, { function: "fetch_big", input: `${base}/bytes/10` }], options);
    expect(failed(over).length).toBeGreaterThan(0);
    expect(under).toMatchObject({ ok: true });
  });
});

describe("soak", () => {
  it("keeps linear memory flat over 100,000 calls of greet and of a JSON export", async () => {
    const figures: string[] = [];
    for (const [app, fn, input] of [
      ["greet", "greet", "Benjamin"],
      ["codecs", "roundtrip_json", JSON.stringify({ list: [1, 2, 3], nested: { text: "zoë", flag: true } })],
    ] as const) {
      const plugin = await createPlugin({ wasm: [{ data: readFileSync(appWasm(app)) }] }, { useWasi: false });
      const pages = async () => ((await plugin.getInstance()).exports.memory as WebAssembly.Memory).buffer.byteLength / 65536;
      const seen: Record<number, number> = {};
      const expected = app === "greet" ? "Hello, Benjamin!" : input;
      for (let i = 1; i <= 100_000; i++) {
        const output = await plugin.call(fn, input);
        if (i % 10_000 === 1) expect(output?.text()).toBe(expected);
        if (i === 1_000 || i === 10_000 || i === 100_000) seen[i] = await pages();
      }
      await plugin.close();
      figures.push(`${app}.${fn}: pages at 1k ${seen[1000]}, 10k ${seen[10000]}, 100k ${seen[100000]}`);
      expect(seen[100_000]).toBe(seen[1_000]);
    }
    console.log(`soak: ${figures.join("; ")}`);
  }, 600_000);
});

describe("isolation", () => {
  it("every app imports only extism:host/env and the host functions it declares", () => {
    for (const app of readdirSync(join(repoRoot, "apps")).filter((name) => existsSync(appWasm(name)))) {
      const modules = new Set(inspectModule(readFileSync(appWasm(app))).imports.map((entry) => entry.module));
      const allowed = app === "hello-from-python" ? ["extism:host/env", "extism:host/user"] : ["extism:host/env"];
      expect([...modules].filter((module) => !allowed.includes(module)), app).toEqual([]);
    }
  });

  it("decoding attacker JSON and msgpack, in a plug-in and in Node, leaves Object.prototype alone and keeps __proto__ an own key", async () => {
    // What a decoded value looks like from inside the plug-in that decoded it,
    // and whether that plug-in's Object.prototype changed since it initialized.
    const built = buildFixture(
      "pollution",
      `import { plugin } from "@extism-ts/pdk";
import { json, msgpack, bytes } from "@extism-ts/convert";
const names = () => Object.getOwnPropertyNames(Object.prototype).sort().join();
const before = names();
type Any = Record<string, any>;
const shape = (value: Any) => ({
  keys: Object.keys(value),
  plain: Object.getPrototypeOf(value) === Object.prototype,
  inherited: value.polluted ?? null,
});
const probe = (decoded: Any) => ({
  top: shape(decoded),
  own: Object.getOwnPropertyDescriptor(decoded, Object.keys(decoded)[0]!)?.value ?? null,
  nested: decoded.list ? shape(decoded.list[0]) : null,
  prototypeChanged: names() !== before || Object.prototype.constructor !== Object,
  fresh: ({} as Any).polluted ?? null,
});
export const decode_json = plugin(bytes, json<unknown>(), (input) => probe(json<Any>().decode(input)));
export const decode_msgpack = plugin(bytes, json<unknown>(), (input) => probe(msgpack<Any>().decode(input)));
`,
    );
    const attacks = ['{"__proto__": {"polluted": "yes"}}', '{"constructor": {"prototype": {"polluted": "yes"}}}', '{"list": [{"__proto__": {"polluted": "yes"}}]}'];
    const asMsgpack = attacks.map((attack) => msgpack().encode(JSON.parse(attack)));
    // The encoder wrote the attacker's key: these are the bytes an attacker would send.
    asMsgpack.forEach((bytes, index) => expect(Buffer.from(bytes).includes(index === 1 ? "constructor" : "__proto__")).toBe(true));
    const clean = { inherited: null, plain: true };
    const expected = (protoKey: string) => [
      { top: { ...clean, keys: [protoKey] }, own: { polluted: "yes" }, nested: null, prototypeChanged: false, fresh: null },
      { top: { ...clean, keys: ["constructor"] }, own: { prototype: { polluted: "yes" } }, nested: null, prototypeChanged: false, fresh: null },
      { top: { ...clean, keys: ["list"] }, own: [{ [protoKey]: { polluted: "yes" } }], nested: { ...clean, keys: [protoKey] }, prototypeChanged: false, fresh: null },
    ];
    for (const host of [jsSdk2, pythonSdk]) {
      const results = await host.run(built.wasm, [...attacks.map((input) => ({ function: "decode_json", input })), ...asMsgpack.map((input) => ({ function: "decode_msgpack", input }))]);
      const seen = results.map((result) => JSON.parse(text(result)) as unknown);
      // JSON keeps __proto__ as an own key, as JSON.parse does; msgpack reads it as __proto_, as msgpackr does.
      expect([host.name, seen]).toEqual([host.name, [...expected("__proto__"), ...expected("__proto_")]]);
    }
    // Outside a plug-in the same codecs are JSON.parse and msgpackr, with the same answers.
    const names = () => Object.getOwnPropertyNames(Object.prototype).sort().join();
    const before = names();
    const shape = (value: Record<string, unknown>) => ({ keys: Object.keys(value), plain: Object.getPrototypeOf(value) === Object.prototype, inherited: value.polluted ?? null });
    const decoded = [...attacks.map((attack) => json<Record<string, any>>().decode(encoder.encode(attack))), ...asMsgpack.map((bytes) => msgpack<Record<string, any>>().decode(bytes))];
    const inNode = decoded.map((value) => ({
      top: shape(value),
      own: Object.getOwnPropertyDescriptor(value, Object.keys(value)[0]!)?.value ?? null,
      nested: value.list ? shape(value.list[0]) : null,
      prototypeChanged: names() !== before || Object.prototype.constructor !== Object,
      fresh: ({} as Record<string, unknown>).polluted ?? null,
    }));
    expect(JSON.parse(JSON.stringify(inNode))).toEqual([...expected("__proto__"), ...expected("__proto_")]);
    expect(built.stderr).toBe("");
  });

  it("refuses eval and new Function when the code never uses them (mentions such as Function.prototype are not uses), and keeps them with --eval", async () => {
    const source = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
const compile = (globalThis as any)[["Fun", "ction"].join("")];
const call = Function.prototype.call;
const probed = typeof eval === "function" && call instanceof Function && Object.prototype.toString.call(call) !== "Function";
export const run = plugin(string, string, (code) => { try { return String(compile("return " + code)()); } catch (e) { return String(e) + probed; } });
`;
    const without = buildFixture("no-eval", source);
    const withEval = buildFixture("with-eval", source, ["--eval"]);
    expect(without.stdout).toContain("eval:    not available");
    expect(withEval.stdout).toContain("eval:    available");
    const [refused] = await jsSdk2.run(without.wasm, [{ function: "run", input: "1 + 1" }]);
    const [allowed] = await jsSdk2.run(withEval.wasm, [{ function: "run", input: "1 + 1" }]);
    expect(text(refused)).toContain("eval and new Function are not available");
    expect(text(allowed)).toBe("2");
  });
});

describe("builds", () => {
  it("gives the same bytes for the same project in directories of different depths", () => {
    const source = `import { plugin } from "@extism-ts/pdk";\nimport { string } from "@extism-ts/convert";\nexport const greet = plugin(string, string, (n) => "hi " + n);\n`;
    const first = buildFixture("same-a", source);
    const nested = join(testDir, ".fixtures", "deeper", "and", "deeper");
    mkdirSync(nested, { recursive: true });
    cpSync(join(testDir, ".fixtures", "same-a"), join(nested, "same-b"), { recursive: true });
    const out = join(nested, "same-b", "plugin.wasm");
    const second = runCli(["build", join(nested, "same-b", "index.ts"), "-o", out]);
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    expect(Buffer.compare(readFileSync(first.wasm), readFileSync(out))).toBe(0);
  });

  it("names a Node built-in import and the file that imports it (with --no-stub; without it, a stub and a warning)", () => {
    const run = buildFixture("node-builtin", `import { readFileSync } from "fs";\nexport function f() { readFileSync("x"); }\n`, ["--no-stub"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/node-builtin\/index\.ts:1:\d+: error: "fs" is a Node\.js built-in module/);
  });

  it("handles circular imports", async () => {
    const dir = join(testDir, ".fixtures", "circular");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "a.ts"), `import { b } from "./b";\nexport const a = () => "a" + b();\n`);
    writeFileSync(join(dir, "b.ts"), `import { a } from "./a";\nexport const b = () => "b";\nexport const viaA = () => a();\n`);
    const built = buildFixture("circular", `import { plugin } from "@extism-ts/pdk";\nimport { string } from "@extism-ts/convert";\nimport { viaA } from "./b";\nexport const run = plugin(null, string, () => viaA());\n`);
    expect(built.stderr).toBe("");
    const [result] = await jsSdk2.run(built.wasm, [{ function: "run" }]);
    expect(text(result)).toBe("ab");
  });

  it("refuses top-level await with a clear message", () => {
    const run = buildFixture("top-level-await", `const value = await Promise.resolve(1);\nexport function f() { return value; }\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/top-level-await\/index\.ts:1:\d+: error: Top-level await/);
  });
});
