import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadProjectConfig, resolveBuildOptions } from "./config.js";
import { CliError } from "./errors.js";

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A directory under the system's temp directory with these files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "extism-ts-config-"));
  made.push(dir);
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}

describe("resolveBuildOptions", () => {
  it("takes flags over the project's defaults over the built-in ones", () => {
    expect(resolveBuildOptions({}, {})).toEqual({ entry: "src/index.ts", wasi: false });
    const config = { entry: "/p/lib/main.ts", output: "/p/out.wasm", wasi: true, eval: false, interface: "/p/plugin.d.ts" };
    expect(resolveBuildOptions(config, {})).toEqual({ entry: "/p/lib/main.ts", output: "/p/out.wasm", wasi: true, eval: false, interface: "/p/plugin.d.ts" });
    expect(resolveBuildOptions(config, { entry: "a.ts", output: "a.wasm", wasi: false, eval: true, interface: "a.d.ts" })).toEqual({
      entry: "a.ts",
      output: "a.wasm",
      wasi: false,
      eval: true,
      interface: "a.d.ts",
    });
  });

  it("passes conditions and NODE_ENV through, and adds --stub to the project's stubs", () => {
    const config = { conditions: ["worker"], nodeEnv: "development", stub: ["fs"] };
    expect(resolveBuildOptions(config, { stub: ["net"] })).toEqual({ entry: "src/index.ts", wasi: false, conditions: ["worker"], nodeEnv: "development", stub: ["fs", "net"] });
    expect(resolveBuildOptions({}, { stub: ["fs"] })).toEqual({ entry: "src/index.ts", wasi: false, stub: ["fs"] });
  });

  it("passes the project's resolve through, and --no-stub as strict", () => {
    expect(resolveBuildOptions({ resolve: { joi: "node" }, stub: ["fs"] }, { stub: false })).toEqual({ entry: "src/index.ts", wasi: false, resolve: { joi: "node" }, stub: ["fs"], strict: true });
  });

  it("treats undefined as not given, so a default shows through", () => {
    expect(resolveBuildOptions({ wasi: true }, { wasi: undefined, eval: undefined })).toEqual({ entry: "src/index.ts", wasi: true });
  });
});

describe("loadProjectConfig", () => {
  it("reads package.json's field, then the config file key by key, with paths relative to them", () => {
    const dir = project({
      "package.json": JSON.stringify({ "extism-ts": { entry: "lib/a.ts", wasi: true } }),
      "extism-ts.config.json": JSON.stringify({ $schema: "x", entry: "lib/b.ts", output: "out/p.wasm" }),
      "lib/deep/.keep": "",
    });
    const loaded = loadProjectConfig(join(dir, "lib", "deep"));
    expect(loaded.dir).toBe(dir);
    expect(loaded.files).toEqual([join(dir, "package.json"), join(dir, "extism-ts.config.json")]);
    expect(loaded.options).toEqual({ entry: join(dir, "lib/b.ts"), output: join(dir, "out/p.wasm"), wasi: true });
  });

  it("stops at the first directory with a package.json, even one without the field", () => {
    const dir = project({ "package.json": JSON.stringify({ "extism-ts": { wasi: true } }), "inner/package.json": "{}" });
    expect(loadProjectConfig(join(dir, "inner"))).toEqual({ dir: join(dir, "inner"), files: [], options: {} });
  });

  it("names the file and the key that is wrong", () => {
    const unknown = project({ "package.json": JSON.stringify({ "extism-ts": { ouput: "x" } }) });
    expect(() => loadProjectConfig(unknown)).toThrow(new CliError(`package.json: "extism-ts": unknown option 'ouput' (known: entry, output, wasi, eval, interface, conditions, nodeEnv, stub, resolve, locales, optimize, aot)`));
    const mistyped = project({ "extism-ts.config.json": `{ "wasi": "yes" }` });
    expect(() => loadProjectConfig(mistyped)).toThrow(`extism-ts.config.json: 'wasi' must be a boolean, not "yes"`);
    const notList = project({ "extism-ts.config.json": `{ "stub": "fs" }` });
    expect(() => loadProjectConfig(notList)).toThrow(`extism-ts.config.json: 'stub' must be a list of strings, not "fs"`);
    const badBuild = project({ "extism-ts.config.json": `{ "resolve": { "joi": "server" } }` });
    expect(() => loadProjectConfig(badBuild)).toThrow(
      `extism-ts.config.json: 'resolve' must be an object of package names to builds ("browser", "worker", "node"), as { "joi": "node" }, not {"joi":"server"}`,
    );
    const notObject = project({ "extism-ts.config.json": `[]` });
    expect(() => loadProjectConfig(notObject)).toThrow("extism-ts.config.json must be an object of build options");
    const broken = project({ "extism-ts.config.json": `{ "entry": ` });
    expect(() => loadProjectConfig(broken)).toThrow(/extism-ts\.config\.json: not valid JSON/);
  });
});
