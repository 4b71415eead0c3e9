// Every example plug-in in apps/, tested the way its users would test it: with
// @extism-ts/testing, on @extism/extism and on the Python SDK.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bytes, f32, f64, i32, i64, json, msgpack, optional, string, u64 } from "@extism-ts/convert";
import { CallError, loadPlugin, mock, passthrough, type LoadOptions, type Plugin } from "@extism-ts/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, type TestServer } from "./support/http.js";
import { appWasm, pythonBin, repoRoot } from "./support/paths.js";

const tested = new Set<string>();
const hosts = [{ host: "js" as const }, { host: "python" as const, python: pythonBin }];
let open: Plugin[] = [];

/** A fresh instance of an app's plug-in for this test, closed after it. */
async function load(app: string, options: LoadOptions): Promise<Plugin> {
  tested.add(app);
  const plugin = await loadPlugin(appWasm(app), options);
  open.push(plugin);
  return plugin;
}

afterEach(async () => {
  await Promise.all(open.map((plugin) => plugin.close()));
  open = [];
});

/** The call's CallError, for assertions on its message and code. */
async function failure(call: Promise<unknown>): Promise<CallError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CallError);
  return error as CallError;
}

describe.each(hosts)("apps on the $host host", (host) => {
  it("add: JSON in and out; a bad document fails with the plug-in's message and return code 2", async () => {
    const add = await load("add", host);
    expect(await add.call("add", { a: 20, b: 22 }, { input: json<{ a: number; b: number }>(), output: json<{ sum: number }>() })).toEqual({ sum: 42 });
    const error = await failure(add.call("add", { a: "1" }, { input: json() }));
    // The PDK's message: the error's name and message, then where it was thrown.
    expect(error.message).toMatch(/^PluginError: add: expected \{"a": number, "b": number\}\n\s+at /);
    expect(error.functionName).toBe("add");
    // @extism/extism does not report return codes: the kit reads it from the error text.
    expect(error.code).toBe(2);
  });

  it("async-export: awaits inside the call; a rejection fails it", async () => {
    const plugin = await load("async-export", host);
    expect(await plugin.call("reverse_words", "hello world", { output: json() })).toEqual({ words: 2, reversed: ["olleh", "dlrow"] });
    expect(await plugin.call("countdown", "3", { output: string })).toBe("3,2,1,0");
    expect((await failure(plugin.call("reverse_words", ""))).message).toContain("lookUp: empty word");
    expect((await failure(plugin.call("countdown", "-1"))).message).toContain("countdown: '-1' is not a whole number from 0 to 1000");
  });

  it("codecs: values encoded in Node decode in the plug-in and back, byte for byte", async () => {
    const plugin = await load("codecs", host);
    expect(await plugin.call("roundtrip_i64", -(2n ** 63n), { input: i64, output: i64 })).toBe(-(2n ** 63n));
    expect(await plugin.call("roundtrip_f64", Math.PI, { input: f64, output: f64 })).toBe(Math.PI);
    expect(await plugin.call("roundtrip_msgpack", { list: [1, 2], text: "é" }, { input: msgpack(), output: msgpack() })).toEqual({ list: [1, 2], text: "é" });
    expect(await plugin.call("roundtrip_optional_i32", undefined, { input: optional(i32), output: optional(i32) })).toBeUndefined();
    expect(await plugin.call("golden_u64", undefined, { output: u64 })).toBe(2n ** 64n - 1n);
    expect(await plugin.call("golden_string", undefined, { output: string })).toBe("Zoë 🌍");
    expect(await plugin.call("describe_json", { a: [1, "x"] }, { input: json(), output: string })).toBe('{"a":[1,"x"]}');
  });

  it("count-vowels: counts with the configured vowels and keeps the total in a var", async () => {
    const plugin = await load("count-vowels", { ...host, config: { vowels: "aeiouy" } });
    const report = json<{ count: number; total: number; vowels: string }>();
    expect(await plugin.call("count_vowels", "Hello, world", { output: report })).toEqual({ count: 3, total: 3, vowels: "aeiouy" });
    expect(await plugin.call("count_vowels", "yay", { output: report })).toMatchObject({ count: 3, total: 6 });
    expect(plugin.vars.get("total", i64)).toBe(6n);
  });

  it("count: counts calls in a var of its instance; a new instance starts again", async () => {
    const first = await load("count", host);
    for (const expected of [1n, 2n, 3n]) expect(await first.call("count", undefined, { output: i64 })).toBe(expected);
    expect(first.vars.keys()).toEqual(["count"]);
    expect(first.vars.get("count")).toEqual(i64.encode(3n));
    const second = await load("count", host);
    expect(second.vars.get("count")).toBeUndefined();
    expect(await second.call("count", undefined, { output: i64 })).toBe(1n);
  });

  it("greet-user: reads the user from config", async () => {
    const plugin = await load("greet-user", { ...host, config: { user: "Zoë" } });
    expect(await plugin.call("greet_user", undefined, { output: string })).toBe("Hello, Zoë!");
  });

  it("greet: greets any name", async () => {
    const plugin = await load("greet", host);
    expect(await plugin.call("greet", "Benjamin", { output: string })).toBe("Hello, Benjamin!");
    expect(new TextDecoder().decode(await plugin.call("greet", new TextEncoder().encode("🌍")))).toBe("Hello, 🌍!");
  });

  it("hello-from-python: calls the mocked host function and returns what it answered", async () => {
    const a_python_func = mock(string, string, (text) => `${text}!`);
    const plugin = await load("hello-from-python", { ...host, hostFunctions: { "extism:host/user": { a_python_func } } });
    expect(await plugin.call("hello_from_python", undefined, { output: string })).toBe("An argument to send to Python!");
    expect(a_python_func.calls).toEqual([["An argument to send to Python"]]);
  });

  it("hello-from-python: a host function that throws fails the call with its message, and the instance goes on", async () => {
    let up = false;
    const a_python_func = mock(string, string, async (text) => {
      if (!up) throw new Error("Python is down");
      return text.toUpperCase();
    });
    const plugin = await load("hello-from-python", { ...host, hostFunctions: { "extism:host/user": { a_python_func } } });
    const error = await failure(plugin.call("hello_from_python"));
    expect(error.message).toBe("host function extism:host/user::a_python_func failed: Python is down");
    up = true;
    expect(await plugin.call("hello_from_python", undefined, { output: string })).toBe("AN ARGUMENT TO SEND TO PYTHON");
  });

  it("hello-from-python: refuses to load without the host function, and names it", async () => {
    await expect(load("hello-from-python", host)).rejects.toThrow(
      `${appWasm("hello-from-python")} imports host functions that hostFunctions does not provide: extism:host/user::a_python_func; give each a mock()`,
    );
  });

  describe("http-get", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startHttpServer();
    });
    afterAll(() => server.stop());

    it("gets the mocked route's body; the route sees the request", async () => {
      const plugin = await load("http-get", {
        ...host,
        http: { "GET https://api.example.com/users/:id": (request) => ({ json: { id: Number(request.params.id), name: "Ada" } }) },
      });
      const body = await plugin.call("http_get", { url: "https://api.example.com/users/7", headers: { accept: "application/json" } }, { input: json(), output: json() });
      expect(body).toEqual({ id: 7, name: "Ada" });
      expect(plugin.requests.map((request) => [request.method, request.url, request.headers.accept])).toEqual([["GET", "https://api.example.com/users/7", "application/json"]]);
    });

    it("fails a request no route matches, naming its method and URL", async () => {
      const plugin = await load("http-get", { ...host, http: { "GET https://api.example.com/users/*": { json: [] } } });
      const error = await failure(plugin.call("http_get", { url: "https://api.example.com/orders", method: "DELETE" }, { input: json() }));
      expect(error.message).toContain("no mock HTTP route matches DELETE https://api.example.com/orders");
      expect(await plugin.call("http_get", { url: "https://api.example.com/users/" }, { input: json(), output: string })).toBe("[]");
    });

    it("sends the routes that ask for it to a real server", async () => {
      const plugin = await load("http-get", { ...host, http: { [`* ${server.base}/*`]: passthrough } });
      const body = await plugin.call("http_get", { url: `${server.base}/bytes/4` }, { input: json(), output: bytes });
      expect([...body]).toEqual([0, 1, 2, 3]);
    });
  });

  it("log-stuff: captures each line with its level, from the level asked for up", async () => {
    const all = await load("log-stuff", host);
    await all.call("log_stuff");
    expect(all.logs).toEqual([
      { level: "info", message: "Some info!" },
      { level: "warn", message: "A warning!" },
      { level: "error", message: "An error!" },
    ]);
    const warnings = await load("log-stuff", { ...host, logLevel: "warn" });
    await warnings.call("log_stuff");
    expect(warnings.logs.map((entry) => entry.level)).toEqual(["warn", "error"]);
    const silent = await load("log-stuff", { ...host, logLevel: "off" });
    await silent.call("log_stuff");
    expect(silent.logs).toEqual([]);
  });

  it("msgpack: summarizes readings in MessagePack", async () => {
    const plugin = await load("msgpack", host);
    const summary = await plugin.call("summarize", { sensor: "t1", values: [1, 2, 6] }, { input: msgpack(), output: msgpack() });
    expect(summary).toEqual({ sensor: "t1", count: 3, min: 1, max: 6, mean: 3 });
    expect((await failure(plugin.call("summarize", { sensor: 1 }, { input: msgpack() }))).message).toContain("summarize: expected {sensor: string, values: number[]}");
  });

  it("numbers: little-endian numbers of their exact width", async () => {
    const plugin = await load("numbers", host);
    expect(await plugin.call("add_pi", 1, { input: f32, output: f64 })).toBeCloseTo(4.14, 6);
    expect(await plugin.call("sum_42", -50, { input: i32, output: i64 })).toBe(-8n);
    expect((await failure(plugin.call("sum_42", new Uint8Array(3)))).message).toContain("i32: expected 4 bytes, got 3");
  });

  it("process-bytes: reverses bytes and XORs them with the configured key", async () => {
    const plugin = await load("process-bytes", { ...host, config: { key: "1" } });
    expect([...(await plugin.call("reverse", new Uint8Array([1, 2, 3])))]).toEqual([3, 2, 1]);
    expect([...(await plugin.call("xor", new Uint8Array([0, 1, 254])))]).toEqual([1, 0, 255]);
    const badKey = await load("process-bytes", { ...host, config: { key: "300" } });
    expect((await failure(badKey.call("xor", "x"))).message).toContain(`xor: config "key" must be a number from 0 to 255, not '300'`);
  });

  it("raw-export: reads and writes its own input and output", async () => {
    const plugin = await load("raw-export", host);
    expect(await plugin.call("shout", "hey", { output: string })).toBe("HEY!");
    expect(await plugin.call("byte_length", "Zoë", { output: string })).toBe("4");
  });
});

it("has a test for every plug-in app in apps/", () => {
  // Plug-in apps are the ones built with `extism-ts build` (apps/ also holds a web page).
  const plugins = readdirSync(join(repoRoot, "apps")).filter((app) => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "apps", app, "package.json"), "utf8")) as { scripts?: { build?: string } };
    return manifest.scripts?.build?.startsWith("extism-ts build") ?? false;
  });
  expect([...tested].sort()).toEqual(plugins.sort());
});
