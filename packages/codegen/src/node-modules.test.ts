import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { nodeModulesPlugin, resolutionOptions, stubModule, withoutRequireProbes } from "./node-modules.js";

describe("resolutionOptions", () => {
  it("resolves for the web and workers by default, with NODE_ENV production", () => {
    expect(resolutionOptions({})).toMatchObject({
      platform: "browser",
      mainFields: ["browser", "module", "main"],
      conditions: ["browser", "worker", "module"],
      define: { "process.env.NODE_ENV": '"production"' },
    });
  });

  it("reads no browser field when the conditions leave browser out", () => {
    expect(resolutionOptions({ conditions: ["worker"], nodeEnv: "test" })).toMatchObject({
      platform: "neutral",
      mainFields: ["module", "main"],
      conditions: ["worker", "module"],
      define: { "process.env.NODE_ENV": '"test"' },
    });
  });
});

describe("withoutRequireProbes", () => {
  it("answers typeof require with undefined, and leaves esbuild's other helpers alone", () => {
    expect(withoutRequireProbes('if (typeof __require === "function") x = __require2();')).toBe('if (typeof undefined === "function") x = __require2();');
    expect(withoutRequireProbes("typeof __require2")).toBe("typeof __require2");
  });
});

describe("--stub", () => {
  it("takes only modules that plug-ins cannot use", () => {
    expect(() => nodeModulesPlugin({ stub: ["fs", "node:net"] })).not.toThrow();
    expect(() => nodeModulesPlugin({ stub: ["lodash"] })).toThrow("--stub takes a Node built-in module that plug-ins cannot use (fs, net,");
    expect(() => nodeModulesPlugin({ stub: ["crypto"] })).toThrow('--stub crypto: "crypto" works in plug-ins');
  });
});

describe("stubModule", () => {
  /** The stub's exports, as a plug-in would import them. */
  async function load(name: string): Promise<Record<string, any>> {
    return (await import(`data:text/javascript,${encodeURIComponent(stubModule(name))}`)) as Record<string, any>;
  }

  it("makes every function throw with what it is, why it cannot work and that the build stubbed it", async () => {
    const fs = await load("fs");
    expect(() => fs.readFileSync("x")).toThrow(
      'fs.readFileSync is not available in a plug-in: a plug-in has no file system: pass data in the call\'s input or the plug-in\'s config (Config.get) (the build put a stub in place of "fs")',
    );
    expect(() => fs.default.existsSync("x")).toThrow("fs.existsSync is not available in a plug-in");
    expect(() => fs.promises.readFile("x")).toThrow("fs.promises.readFile is not available in a plug-in");
    const net = await load("net");
    expect(() => new net.Socket()).toThrow("net.Socket is not available in a plug-in: HTTP goes through the host");
  });

  it("keeps constants, and functions a class can extend", async () => {
    const fs = await load("fs");
    expect(fs.constants.O_RDONLY).toBe(0);
    const child = await load("child_process");
    class Spawner extends child.ChildProcess {}
    expect(typeof Spawner).toBe("function");
  });
});

describe("a built-in's name that a package's lookup finds in node_modules", () => {
  /** A project whose packages require("buffer"): `hoisted` finds the npm package only by hoisting, `declaring` depends on it. */
  async function resolvedBuffers(): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), "extism-ts-hoisted-"));
    const write = (path: string, text: string) => {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write("node_modules/buffer/package.json", JSON.stringify({ name: "buffer", main: "index.js" }));
    write("node_modules/buffer/index.js", "exports.Buffer = 'npm buffer';\n");
    write("node_modules/hoisted/package.json", JSON.stringify({ name: "hoisted", main: "index.js" }));
    write("node_modules/hoisted/index.js", "module.exports = require('buffer').Buffer;\n");
    write("node_modules/declaring/package.json", JSON.stringify({ name: "declaring", main: "index.js", dependencies: { buffer: "6.0.3" } }));
    write("node_modules/declaring/index.js", "module.exports = require('buffer').Buffer;\n");
    write("index.js", "import a from 'hoisted';\nimport b from 'declaring';\nexport default [a, b];\n");
    const result = await build({ entryPoints: [join(dir, "index.js")], bundle: true, write: false, metafile: true, format: "esm", logLevel: "silent", plugins: [nodeModulesPlugin({})] });
    return Object.keys(result.metafile.inputs).filter((path) => /buffer/.test(path));
  }

  it("is node-compat's module when the package does not depend on it, and the package's own when it does", async () => {
    const paths = await resolvedBuffers();
    expect(paths.some((path) => path.endsWith("node-compat/dist/modules/buffer.js"))).toBe(true);
    expect(paths.some((path) => path.endsWith("node_modules/buffer/index.js"))).toBe(true);
  });
});
