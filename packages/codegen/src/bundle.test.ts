import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENGINE_ABI_VERSION } from "@extism-ts/engine/contract";
import { bundle } from "./bundle.js";
import { BuildError } from "./errors.js";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "codegen-bundle-"));
  writeFileSync(join(dir, "package.json"), '{"name":"p","type":"module"}');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("bundle", () => {
  it("makes one script that leaves the entry's exports for the engine, with the stack map in front", async () => {
    const dir = project({ "index.ts": 'import { twice } from "./math.ts";\nexport function run(): number { return twice(21); }\n', "math.ts": "export const twice = (n: number) => n * 2;\n" });
    const result = await bundle(join(dir, "index.ts"));
    expect(result.code.split("\n")[0]).toMatch(/^globalThis\.__extism_ts_map_stack=function/);
    expect(result.code).toContain("__extism_ts_exports");
    const own = result.inputs.filter((path) => path.startsWith(dir)).map((path) => path.slice(dir.length + 1));
    expect(own.sort()).toEqual(["index.ts", "math.ts"]);
  });

  it("brings Web Crypto's other algorithms (with CryptoKey) when the code names one, and not for digests", async () => {
    const subtle = (dir: string) => dir.endsWith("crypto-subtle.js");
    const named = project({ "index.ts": 'export const run = () => crypto.subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]);\n' });
    expect((await bundle(join(named, "index.ts"))).inputs.some(subtle)).toBe(true);
    const digest = project({ "index.ts": 'export const run = () => crypto.subtle.digest("SHA-256", new Uint8Array(1));\n' });
    expect((await bundle(join(digest, "index.ts"))).inputs.some(subtle)).toBe(false);
  });

  // The timers module names the contract's internal globals: the contract's tables for the build must not come along.
  it("takes from the engine contract only the names the bundle uses, not the build's tables", async () => {
    const dir = project({ "index.ts": "export function run() { setTimeout(() => {}, 1); }\n" });
    const { code } = await bundle(join(dir, "index.ts"));
    expect(code).toContain("__extism_ts_timers");
    expect(["JS_AddIntrinsic", 'kind: "tuple"', "readInitReport"].filter((word) => code.includes(word))).toEqual([]);
  });

  it("stubs a Node module plug-ins cannot use with a warning that names the chain of imports", async () => {
    const dir = project({ "index.ts": 'import { load } from "./files.ts";\nexport const run = () => load();\n', "files.ts": 'import { readFileSync } from "node:fs";\nexport const load = () => readFileSync("x");\n' });
    const result = await bundle(join(dir, "index.ts"));
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/files\.ts:1:\d+: "fs" is a Node\.js built-in module that plug-ins cannot use: the build put in a stub/);
    expect(result.warnings[0]).toContain("imported by: index.ts -> files.ts -> fs\n");
    expect(result.code).toContain("fs.readFileSync");
  });

  it("refuses a Node module plug-ins cannot use when strict (--no-stub), naming the file that imports it", async () => {
    const dir = project({ "index.ts": 'import { readFileSync } from "node:fs";\nexport const run = () => readFileSync("x");\n' });
    const failure = bundle(join(dir, "index.ts"), undefined, { resolution: { strict: true } });
    await expect(failure).rejects.toBeInstanceOf(BuildError);
    await expect(failure).rejects.toThrow(/"fs".*index\.ts/s);
  });

  it("stubs without a warning what --stub names", async () => {
    const dir = project({ "index.ts": 'import { readFileSync } from "node:fs";\nexport const run = () => readFileSync("x");\n' });
    expect((await bundle(join(dir, "index.ts"), undefined, { resolution: { stub: ["fs"], strict: true } })).warnings).toEqual([]);
  });
});

describe("bundle's @extism-ts/pdk", () => {
  const packagesDir = join(import.meta.dirname, "../..");
  /** A project with a pdk of its own (a copy of this one), beside this workspace's engine or `engine`'s files. */
  function withOwnPdk(entry: string, engine?: Record<string, string>): string {
    const dir = project({ "index.ts": entry });
    const scope = join(dir, "node_modules", "@extism-ts");
    mkdirSync(join(scope, "pdk"), { recursive: true });
    for (const part of ["package.json", "dist"]) cpSync(join(packagesDir, "pdk", part), join(scope, "pdk", part), { recursive: true });
    for (const name of ["convert", "host-fn", "http", ...(engine ? [] : ["engine"])]) symlinkSync(join(packagesDir, name), join(scope, name));
    if (engine) {
      mkdirSync(join(scope, "engine"));
      for (const [name, text] of Object.entries(engine)) writeFileSync(join(scope, "engine", name), text);
    }
    return dir;
  }
  // `Host` is one of extism-js's globals, which come from the pdk.
  const usesHost = "export function run() { Host.outputString(Host.inputString()); }\n";

  it("is the one the project installed, and the build's own when it has none", async () => {
    const own = withOwnPdk(usesHost);
    const inputs = (await bundle(join(own, "index.ts"))).inputs;
    expect(inputs.filter((path) => path.includes("js-pdk-globals"))).toEqual([join(own, "node_modules/@extism-ts/pdk/dist/js-pdk-globals.js")]);
    const none = project({ "index.ts": usesHost });
    expect((await bundle(join(none, "index.ts"))).inputs.filter((path) => path.includes("js-pdk-globals"))).toEqual([join(packagesDir, "pdk/dist/js-pdk-globals.js")]);
  });

  it("must speak the build's engine contract, or the build says which pdk and what to install", async () => {
    const older = withOwnPdk(usesHost, {
      "package.json": JSON.stringify({ name: "@extism-ts/engine", version: "0.0.1", type: "module", exports: { "./contract": { import: "./contract.js" } } }),
      "contract.js": `export const ENGINE_ABI_VERSION = ${ENGINE_ABI_VERSION - 1};\n`,
    });
    await expect(bundle(join(older, "index.ts"))).rejects.toThrow(
      `@extism-ts/pdk 0.1.0 in ${join(older, "node_modules/@extism-ts/pdk")} is built for engine contract ${ENGINE_ABI_VERSION - 1}, this build speaks ${ENGINE_ABI_VERSION}: install @extism-ts/pdk and @extism-ts/cli of matching versions`,
    );
  });
});
