// `extism-ts build --optimize speed`: the engine compiled for speed, linked
// by the real CLI and called from every host of the conformance matrix (V8
// through @extism/extism, wasmtime through the Python SDK, wazero through the
// Go SDK). It must behave as the default engine does, including where its
// bigger native frames matter: deep recursion ends in a catchable RangeError.
import { statSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { i32 } from "@extism-ts/convert";
import { buildFixture, builtFixture } from "./support/cli.js";
import { goSdk, jsSdk1, jsSdk2, pythonSdk, text } from "./support/hosts.js";
import { specifiedResults } from "./support/modern-language.js";
import { recursion, recursionKinds } from "./support/recursion.js";

const hosts = [jsSdk2, pythonSdk, goSdk];

const built = (name: string, source: string, args: string[] = [], projectConfig?: Record<string, unknown>): string =>
  builtFixture(name, source, args, projectConfig ? { projectConfig } : {});


describe("--optimize speed", () => {
  let speed: string;
  let size: string;
  beforeAll(() => {
    speed = built("optimize-speed", recursion, ["--optimize", "speed"]);
    size = built("optimize-size", recursion, ["--optimize", "size"]);
  });

  it("links the engine compiled for speed, which is bigger than the default", () => {
    const byDefault = built("optimize-default", recursion);
    expect(statSync(size).size).toBe(statSync(byDefault).size);
    expect(statSync(speed).size).toBeGreaterThan(statSync(size).size * 1.3);
  });

  it("refuses a profile it does not know, naming the ones it does", () => {
    const flag = buildFixture("optimize-unknown", recursion, ["--optimize", "fast"]);
    expect([flag.status, flag.stderr]).toEqual([1, expect.stringContaining("extism-ts build: option '--optimize <profile>' argument 'fast' is invalid. Allowed choices are size, speed.")]);
    const config = buildFixture("optimize-unknown-config", recursion, [], { projectConfig: { optimize: "fast" } });
    expect([config.status, config.stderr]).toEqual([1, expect.stringContaining(`package.json: "extism-ts": 'optimize' must be one of "size", "speed", not "fast"`)]);
  });

  it("is taken from the project's defaults too", () => {
    const fromConfig = built("optimize-config", recursion, [], { optimize: "speed" });
    expect(statSync(fromConfig).size).toBe(statSync(speed).size);
  });

  for (const host of [jsSdk1, ...hosts]) {
    it(`computes what the default engine computes (${host.name})`, async () => {
      // @extism/extism 1.0.3 lacks the logging imports a plug-in that logs needs; this one does not log.
      const input = "Hello, wörld! AEIOU ".repeat(50);
      const calls = [{ function: "vowels", input }, { function: "depth", input: i32.encode(300) }];
      const [fast, small] = [await host.run(speed, calls), await host.run(size, calls)];
      expect(fast.map(text)).toEqual(small.map(text));
      expect(fast.map((result) => i32.decode(result.ok ? result.output : new Uint8Array(4)))).toEqual([[...input].filter((c) => "aeiouAEIOU".includes(c)).length, 300]);
    });
  }

  for (const host of hosts) {
    it(`throws a catchable RangeError past its stack limit, for every kind of recursion, and carries on (${host.name})`, async () => {
      const kinds = recursionKinds;
      const results = await host.run(speed, [...kinds.map((kind) => ({ function: "deepest", input: kind })), { function: "depth", input: i32.encode(10) }]);
      expect(results.slice(0, kinds.length).map(text)).toEqual(kinds.map(() => "RangeError: Maximum call stack size exceeded"));
      expect(i32.decode(results.at(-1)!.ok ? results.at(-1)!.output : new Uint8Array(4))).toBe(10);
    });
  }

  it("runs ES2022-ES2025 built-ins and regex syntax as the default engine does", async () => {
    const wasm = built(
      "optimize-speed-language",
      `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";
import { languageChecks } from "../../support/modern-language.ts";
export const checks = plugin(null, json(), () => languageChecks());`,
      ["--optimize", "speed"],
    );
    for (const host of [jsSdk2, pythonSdk]) expect(JSON.parse(text((await host.run(wasm, [{ function: "checks" }]))[0]))).toEqual(specifiedResults);
  });
});
