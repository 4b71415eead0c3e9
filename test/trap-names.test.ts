// A trap names where it was: plug-ins carry a name section for their exports,
// the natives they bound and the interpreter between them, so the backtraces
// of wasmtime (the Python SDK) and wazero (the Go SDK) read as functions.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "./support/cli.js";
import { goSdk, pythonSdk } from "./support/hosts.js";

const source = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import { request } from "@extism-ts/http";

export const fetch_title = plugin(string, string, (url) => request(url).text().slice(0, 20));
`;

let wasm = "";

beforeAll(() => {
  const built = buildFixture("trap-names", source);
  expect(built.status, built.stderr).toBe(0);
  wasm = built.wasm;
});

describe.each([pythonSdk, goSdk])("on $name", (host) => {
  it("names the native and the export a refused HTTP request trapped in", async () => {
    const [result] = await host.run(wasm, [{ function: "fetch_title", input: "http://example.com/" }]);
    if (!result || result.ok) throw new Error("the call succeeded");
    expect(result.error).toMatch(/\bjs_http_request\b/);
    expect(result.error).toMatch(/\bJS_CallInternal\b/);
    expect(result.error).toMatch(/\bfetch_title\b/);
    expect(result.error).not.toMatch(/wasm function \d+>!?\s*$/);
  });
});

it("names only the exports, the natives the plug-in bound and the interpreter's entry", () => {
  const module = new WebAssembly.Module(readFileSync(wasm));
  const [section] = WebAssembly.Module.customSections(module, "name");
  const names = new TextDecoder().decode(section).match(/[A-Za-z_][A-Za-z0-9_]+/g) ?? [];
  expect(names).toEqual(expect.arrayContaining(["fetch_title", "js_http_request", "js_http_status", "extism_ts_invoke", "JS_CallInternal"]));
  // Not the engine's whole function list: a few hundred bytes.
  expect(section!.byteLength).toBeLessThan(1024);
});
