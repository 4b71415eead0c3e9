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
