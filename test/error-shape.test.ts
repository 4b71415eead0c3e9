// What a host receives when an export fails (docs/guide.md, "Errors"), on
// every host of the conformance matrix: the same text everywhere.
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "./support/cli.js";
import { conformanceHosts, goSdk, pythonSdk, type CallResult } from "./support/hosts.js";

const source = `import { plugin, PluginError } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";

function findUser(name: string): string {
  if (name === "") throw new PluginError("no such user", 404);
  return name;
}
export const coded = plugin(string, string, (name) => findUser(name));
export const plain = plugin(null, null, () => { throw new Error("plain failure"); });
export const object = plugin(null, null, () => { throw { code: "E_NOPE", detail: [1, 2] }; });
export const text = plugin(null, null, () => { throw "just a string"; });
export const unhandled = plugin(null, string, async () => {
  Promise.reject(new Error("nobody waits"));
  return "done";
});
export const handled_later = plugin(null, string, async () => {
  const failing = Promise.reject(new Error("waited for"));
  await null;
  return failing.catch((error: Error) => "caught: " + error.message);
});
`;

let wasm = "";
let debugWasm = "";

beforeAll(() => {
  const built = buildFixture("error-shape", source, [], { entryName: "errors.ts" });
  expect(built.status, built.stderr).toBe(0);
  wasm = built.wasm;
  const debug = buildFixture("error-shape-debug", source, ["--debug"], { entryName: "errors.ts" });
  expect(debug.status, debug.stderr).toBe(0);
  debugWasm = debug.wasm;
});

/** The plug-in's error text: @extism/extism puts "Plugin-originated error: " in front of it. */
function failure(result: CallResult | undefined): { error: string; code?: number } {
  if (!result || result.ok) throw new Error("the call succeeded");
  return { ...result, error: result.error.replace(/^Plugin-originated error: /, "") };
}

describe.each(conformanceHosts)("on $name", (host) => {
  it("sends name, message, return code and the user's own frames; JSON for a thrown object; the reason of an unhandled rejection", async () => {
    const [coded, plain, object, text, unhandled, handledLater] = await host.run(wasm, [
      { function: "coded", input: "" },
      { function: "plain" },
      { function: "object" },
      { function: "text" },
      { function: "unhandled" },
      { function: "handled_later" },
    ]);
    expect(failure(coded).error).toBe("PluginError: no such user (return code 404)\n    at findUser (errors.ts:5)\n    at <anonymous> (errors.ts:8)");
    expect(failure(plain).error).toBe("Error: plain failure\n    at <anonymous> (errors.ts:9)");
    expect(failure(object).error).toBe('{"code":"E_NOPE","detail":[1,2]}');
    expect(failure(text).error).toBe("just a string");
    expect(failure(unhandled).error).toBe("Unhandled promise rejection: Error: nobody waits\n    at <anonymous> (errors.ts:13)");
    expect(handledLater).toEqual({ ok: true, output: new TextEncoder().encode("caught: waited for") });
    if (host === pythonSdk || host === goSdk) {
      expect([failure(coded).code, failure(plain).code, failure(object).code, failure(unhandled).code]).toEqual([404, -1, -1, -1]);
    }
  });

  it("keeps extism-ts's own frames in a plug-in built with --debug", async () => {
    const [coded] = await host.run(debugWasm, [{ function: "coded", input: "" }]);
    const lines = failure(coded).error.split("\n");
    expect(lines[0]).toBe("PluginError: no such user (return code 404)");
    expect(lines.slice(1).some((line) => line.includes("(@extism-ts/pdk/"))).toBe(true);
    expect(lines).toContain("    at findUser (errors.ts:5)");
  });
});
