import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { inspectModule } from "@extism-ts/cli";
import { allHosts, jsSdk2, pythonSdk, text, type CallResult } from "./support/hosts.js";
import { buildFixture, runCli } from "./support/cli.js";
import { appWasm } from "./support/paths.js";

const appendBang = [{ name: "a_python_func", behaviour: "append_bang" as const }];

describe("apps/hello-from-python", () => {
  for (const host of allHosts) {
    it(`calls the host's a_python_func (${host.name})`, async () => {
      const [result] = await host.run(appWasm("hello-from-python"), [{ function: "hello_from_python" }], { hostFunctions: appendBang });
      expect(text(result)).toBe("An argument to send to Python!");
    });
  }

  for (const host of [jsSdk2, pythonSdk]) {
    it(`fails to load when the host does not provide the function (${host.name})`, async () => {
      await expect(host.run(appWasm("hello-from-python"), [{ function: "hello_from_python" }])).rejects.toThrow(/a_python_func/);
    });
  }
});

const mixedSource = `import { plugin } from "@extism-ts/pdk";
import { string, json } from "@extism-ts/convert";
import { hostFn } from "@extism-ts/host-fn";

type Combined = { text: string; count: number; value: number };
const combine = hostFn<(text: string, count: number, value: number) => Combined>("combine", {
  namespace: "example:mixed",
  params: [string, "i32", "f64"],
  result: json<Combined>(),
});
const refuse = hostFn<(text: string) => string>("refuse", { params: [string], result: string });

export const mixed = plugin(json<Combined>(), json<Combined>(), ({ text, count, value }) => combine(text, count, value));

export const caller = plugin(null, string, () => refuse("please"));
`;

describe("host functions", () => {
  let wasm = "";
  const hostFunctions = [
    { namespace: "example:mixed", name: "combine", behaviour: "combine" as const },
    { name: "refuse", behaviour: "fails" as const },
  ];

  beforeAll(() => {
    const built = buildFixture("host-fn-mixed", mixedSource);
    expect(built.stderr).toBe("");
    wasm = built.wasm;
  });

  it("imports exactly the declared functions with their signatures", () => {
    const imports = inspectModule(readFileSync(wasm)).imports.filter((entry) => entry.module !== "extism:host/env");
    expect(imports).toEqual([
      { module: "example:mixed", name: "combine", params: ["i64", "i32", "f64"], results: ["i64"] },
      { module: "extism:host/user", name: "refuse", params: ["i64"], results: ["i64"] },
    ]);
    const run = runCli(["inspect", wasm]);
    expect(run.stdout).toContain("example:mixed\n    combine(i64, i32, f64) -> i64");
  });

  for (const host of [jsSdk2, pythonSdk]) {
    it(`passes a string, an i32 and an f64 and decodes a json result (${host.name})`, async () => {
      const input = { text: "zoë", count: -7, value: 2.5 };
      const [result] = await host.run(wasm, [{ function: "mixed", input: JSON.stringify(input) }], { hostFunctions });
      expect(JSON.parse(text(result))).toEqual(input);
    });
  }

  // The Python SDK prints a host function's exception and carries on, so only the JS SDK reports it.
  it("fails the call with the host's message when the host function throws, and keeps answering", async () => {
    const [result, after] = await jsSdk2.run(wasm, [{ function: "caller" }, { function: "mixed", input: '{"text":"ok","count":1,"value":1}' }], { hostFunctions });
    expect((result as Extract<CallResult, { ok: false }>).error).toContain("the host says no");
    expect(JSON.parse(text(after))).toEqual({ text: "ok", count: 1, value: 1 });
  });

  it("never imports a host function the plug-in does not declare", () => {
    const greet = inspectModule(readFileSync(appWasm("greet")));
    expect(greet.imports.every((entry) => entry.module === "extism:host/env")).toBe(true);
  });

  it("fails the build when a host function is called at module level", () => {
    const run = buildFixture(
      "host-fn-at-init",
      `import { hostFn } from "@extism-ts/host-fn";\nimport { string } from "@extism-ts/convert";\nconst f = hostFn<(s: string) => string>("f", { params: [string], result: string });\nexport const early = f("now");\nexport function g() {}\n`,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/host function f was called while the plug-in initialized \(at build time\): call host functions inside an exported function/);
  });
});

// A number passed for an i64 parameter converts as Rust's `as i64` converts an
// f64: toward zero, saturating at i64::MIN and i64::MAX, NaN as 0.
const i64Source = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import { hostFn } from "@extism-ts/host-fn";

const echo = hostFn<(value: number | bigint) => bigint>("echo_i64", { params: ["i64"], result: "i64" });
const numbers = [2 ** 63, -(2 ** 63) - 1, -(2 ** 63), 2 ** 64 + 4096, NaN, Infinity, -Infinity, 1.9, -1.9, -0, 2 ** 53 + 2, 5, -5];
const bigints = [2n ** 63n - 1n, -(2n ** 63n), 0n, -5n];

export const numbers_as_i64 = plugin(null, string, () => numbers.map((value) => String(echo(value))).join(","));
export const bigints_as_i64 = plugin(null, string, () => bigints.map((value) => String(echo(value))).join(","));
`;

describe("i64 parameters", () => {
  let wasm = "";
  beforeAll(() => {
    const built = buildFixture("host-fn-i64", i64Source);
    expect(built.stderr).toBe("");
    wasm = built.wasm;
  });

  for (const host of [jsSdk2, pythonSdk]) {
    it(`take numbers as Rust's \`as i64\` does and bigints as they are (${host.name})`, async () => {
      const [numbers, bigints] = await host.run(wasm, [{ function: "numbers_as_i64" }, { function: "bigints_as_i64" }], {
        hostFunctions: [{ name: "echo_i64", behaviour: "echo_i64" }],
      });
      const max = "9223372036854775807";
      const min = "-9223372036854775808";
      expect(text(numbers).split(",")).toEqual([max, min, min, max, "0", max, min, "1", "-1", "0", "9007199254740994", "5", "-5"]);
      expect(text(bigints).split(",")).toEqual([max, min, "0", "-5"]);
    });
  }
});
