// @extism-ts/testing end to end: real plug-ins built with the CLI, loaded by the
// kit on @extism/extism and on the Python SDK, for what the apps do not show.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { json, string } from "@extism-ts/convert";
import { CallError, loadPlugin, mock, type LoadOptions, type Plugin } from "@extism-ts/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "./support/cli.js";
import { startHttpServer, type TestServer } from "./support/http.js";
import { appWasm, pythonBin, testDir } from "./support/paths.js";

const source = `import { input, logLevel, output, plugin, trace, vars } from "@extism-ts/pdk";
import { json, string } from "@extism-ts/convert";
import { hostFn } from "@extism-ts/host-fn";
import { request } from "@extism-ts/http";

const combine = hostFn<(text: string, count: number, value: number, big: bigint) => { text: string; count: number; value: number; big: string }>(
  "combine", { namespace: "example:mixed", params: [string, "i32", "f64", "i64"], result: json() });
const add = hostFn<(a: number, b: number) => number>("add", { namespace: "example:math", params: ["i32", "i32"], result: "i32" });
const notify = hostFn<(text: string) => void>("notify", { params: [string] });

export const mixed = plugin(json<{ text: string; count: number; value: number; big: string }>(), json(), (args) =>
  combine(args.text, args.count, args.value, BigInt(args.big)));
export const sum = plugin(json<[number, number]>(), string, ([a, b]) => String(add(a, b)));
export const tell = plugin(string, null, (text) => notify(text));
export const level = plugin(null, string, () => { trace("tracing"); return String(logLevel()); });
export const remember = plugin(string, null, (text) => vars.set("last", text, string));
export const forget = plugin(null, null, () => vars.remove("last"));
export const post = plugin(json<{ url: string; body: string }>(), json(), ({ url, body }) => {
  const response = request({ url, method: "POST", headers: { "Content-Type": "text/plain" } }, body);
  return { status: response.status, headers: response.headers, text: response.text() };
});
export const spin = plugin(null, null, () => { for (;;) {} });
export const hog = plugin(null, null, () => { const hoard: number[][] = []; for (;;) hoard.push(new Array(100000).fill(1)); });
export function quiet_failure(): number { output("partial", string); return input().length === 0 ? 3 : 0; }
`;

const hosts = [{ host: "js" as const }, { host: "python" as const, python: pythonBin }];
const mocks = () => ({
  "example:mixed": { combine: mock([string, "i32", "f64", "i64"], json(), (text, count, value, big) => ({ text, count, value, big: String(big) })) },
  "example:math": { add: mock(["i32", "i32"], "i32", (a, b) => a + b) },
  "extism:host/user": { notify: mock(string, null, () => undefined) },
});

let wasm = "";
let server: TestServer;
let open: Plugin[] = [];

async function load(options: LoadOptions & { path?: string }): Promise<Plugin> {
  const plugin = await loadPlugin(options.path ?? wasm, { hostFunctions: mocks(), ...options });
  open.push(plugin);
  return plugin;
}

beforeAll(async () => {
  const built = buildFixture("testing-kit", source);
  expect(built.stderr).toBe("");
  wasm = built.wasm;
  server = await startHttpServer();
});
afterEach(async () => {
  await Promise.all(open.map((plugin) => plugin.close()));
  open = [];
});
afterAll(() => server.stop());

describe.each(hosts)("on the $host host", (host) => {
  it("passes strings, i32, f64 and i64 to mocks and returns their json and wasm results", async () => {
    const hostFunctions = mocks();
    const plugin = await load({ ...host, hostFunctions });
    const args = { text: "zoë", count: -7, value: 2.5, big: String(2n ** 62n) };
    expect(await plugin.call("mixed", args, { input: json(), output: json() })).toEqual(args);
    expect(hostFunctions["example:mixed"].combine.calls).toEqual([["zoë", -7, 2.5, 2n ** 62n]]);
    expect(await plugin.call("sum", [40, 2], { input: json(), output: string })).toBe("42");
    await plugin.call("tell", "hello");
    expect(hostFunctions["extism:host/user"].notify.calls).toEqual([["hello"]]);
  });

  it("tells the plug-in the log level and captures trace lines by default", async () => {
    const plugin = await load(host);
    expect(await plugin.call("level", undefined, { output: string })).toBe("0");
    expect(plugin.logs).toEqual([{ level: "trace", message: "tracing" }]);
    const quiet = await load({ ...host, logLevel: "off" });
    expect(await quiet.call("level", undefined, { output: string })).toBe("undefined");
  });

  it("shows vars between calls, and their removal", async () => {
    const plugin = await load(host);
    await plugin.call("remember", "first");
    await plugin.call("remember", "second");
    expect([plugin.vars.keys(), plugin.vars.get("last", string)]).toEqual([["last"], "second"]);
    await plugin.call("forget");
    expect([plugin.vars.keys(), plugin.vars.get("last")]).toEqual([[], undefined]);
  });

  it("records a POST's headers and body and hands the route's status and headers back", async () => {
    const plugin = await load({
      ...host,
      httpResponseHeaders: true,
      http: { "POST https://api.example.com/notes": (request) => ({ status: 201, headers: { Location: "/notes/1" }, body: `stored ${request.text()}` }) },
    });
    const answer = await plugin.call("post", { url: "https://api.example.com/notes", body: "a note" }, { input: json(), output: json() });
    expect(answer).toEqual({ status: 201, headers: { location: "/notes/1" }, text: "stored a note" });
    const [request] = plugin.requests;
    expect([request?.method, request?.headers["content-type"], request?.text()]).toEqual(["POST", "text/plain", "a note"]);
  });

  it("checks allowedHosts before the routes", async () => {
    const plugin = await load({ ...host, allowedHosts: ["*.example.org"], http: { "* https://*/*": { body: "mocked" } } });
    const error = await plugin.call("post", { url: "https://api.example.com/x", body: "" }, { input: json() }).catch((reason: unknown) => reason);
    expect((error as Error).message).toBe("HTTP POST https://api.example.com/x is not allowed: api.example.com is not in allowedHosts; add it there");
  });

  it("without http, lets the SDK make real requests to allowed hosts", async () => {
    const plugin = await load({ ...host, allowedHosts: ["127.0.0.1"] });
    const answer = await plugin.call("post", { url: `${server.base}/echo`, body: "real" }, { input: json(), output: json<{ status: number; text: string }>() });
    expect([answer.status, answer.text]).toEqual([200, "real"]);
  });

  it("ends a call at timeoutMs", async () => {
    const plugin = await load({ ...host, timeoutMs: 300 });
    const error = await plugin.call("spin").catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(CallError);
    expect((error as Error).message).toMatch(/time|interrupt/i);
  });

  it("runs calls one at a time, in order, when a test does not await each", async () => {
    const plugin = await load(host);
    await Promise.all(["a", "b", "c"].map((text) => plugin.call("remember", text)));
    expect(plugin.vars.get("last", string)).toBe("c");
  });

  it("fails a call that calls an export the plug-in does not have", async () => {
    const plugin = await load(host);
    await expect(plugin.call("nope")).rejects.toBeInstanceOf(CallError);
  });
});

it("caps memory at memoryMaxPages on the Python SDK (@extism/extism caps only its memory blocks)", async () => {
  const plugin = await load({ host: "python", python: pythonBin, memoryMaxPages: 200 });
  await expect(plugin.call("hog")).rejects.toThrow(/out of memory|oom/);
});

it("reports the return code of a raw export that fails without a message where the host shows it", async () => {
  const python = await load({ host: "python", python: pythonBin });
  const error = (await python.call("quiet_failure").catch((reason: unknown) => reason)) as CallError;
  expect([error.name, error.code]).toEqual(["CallError", 3]);
});

describe("loading", () => {
  it("says when the file is missing or not wasm", async () => {
    const missing = join(testDir, ".fixtures", "no-such-plugin.wasm");
    await expect(loadPlugin(missing)).rejects.toThrow(`cannot load ${missing}: there is no such file (build the plug-in first, e.g. npx extism-ts build)`);
    const text = join(testDir, ".fixtures", "not-wasm.wasm");
    writeFileSync(text, "hello");
    await expect(loadPlugin(text)).rejects.toThrow(`cannot load ${text}: it is not a WebAssembly module`);
  });

  it("says what is wrong with the options", async () => {
    await expect(loadPlugin(appWasm("greet"), { logLevel: "loud" as "info" })).rejects.toThrow("logLevel: expected one of trace, debug, info, warn, error, off, got loud");
    await expect(loadPlugin(appWasm("greet"), { timeoutMs: -1 })).rejects.toThrow("timeoutMs: expected a positive whole number, got -1");
    await expect(loadPlugin(appWasm("greet"), { hostFunctions: { "extism:host/user": { f: (() => "") as never } } })).rejects.toThrow(
      'hostFunctions["extism:host/user"].f: make it with mock(params, result, fn)',
    );
    await expect(loadPlugin(appWasm("greet"), { host: "python", python: join(testDir, ".fixtures", "no-python") })).rejects.toThrow(
      /cannot start the Python host: .*no-python is not installed/,
    );
  });

  it("refuses an input it cannot send without a codec", async () => {
    const plugin = await load({ path: appWasm("greet"), hostFunctions: {} });
    await expect(plugin.call("greet", { name: "x" } as unknown as string)).rejects.toThrow("call: the input is a object: pass a string or bytes, or give an input codec");
  });

  it("lets Node exit when a script never closes its instances, on both hosts", () => {
    const dir = join(testDir, ".fixtures", "testing-unclosed");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "script.mjs"),
      `import { loadPlugin } from "@extism-ts/testing";
for (const host of ["js", "python"]) {
  const plugin = await loadPlugin(${JSON.stringify(appWasm("greet"))}, { host, python: ${JSON.stringify(pythonBin)} });
  console.log(new TextDecoder().decode(await plugin.call("greet", host)));
}
`,
    );
    const stdout = execFileSync(process.execPath, ["script.mjs"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 60_000 });
    expect(stdout).toBe("Hello, js!\nHello, python!\n");
  });

  it("loads a plug-in given as a file URL", async () => {
    const plugin = await loadPlugin(new URL(`file://${appWasm("greet")}`));
    open.push(plugin);
    expect(await plugin.call("greet", "URL", { output: string })).toBe("Hello, URL!");
  });
});
