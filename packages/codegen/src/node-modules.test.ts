import { describe, expect, it } from "vitest";
import { nodeModulesPlugin, resolutionOptions, withoutRequireProbes } from "./node-modules.js";

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
