import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contractHeader, ENGINE_BUILDS, ENGINE_ABI_VERSION, ENTRY_POINTS, INIT_OPTIONS, INTRINSICS, NATIVES, readInitReport } from "./contract.js";

const bridgeDir = join(import.meta.dirname, "c");
const bridge = readdirSync(bridgeDir)
  .filter((name) => name.endsWith(".c"))
  .map((name) => readFileSync(join(bridgeDir, name), "utf8"))
  .join("\n");

/** Node's WebAssembly, which this package's typings (written for code inside a plug-in) do not declare as a value. */
interface NodeWebAssembly {
  Module: {
    new (bytes: Uint8Array): object;
    exports(module: object): Array<{ name: string }>;
    imports(module: object): Array<{ module: string; name: string }>;
  };
  instantiate(module: object, imports: object): Promise<{ exports: Record<string, unknown> }>;
}
const wasm = (globalThis as unknown as { WebAssembly: NodeWebAssembly }).WebAssembly;

describe("the engine contract", () => {
  // The C registry is made from NATIVES: a native listed there whose js_<name> no
  // area defines fails the engine's link; these say which, before any compiler runs.
  it("has a C function js_<name> in the bridge for every native, and no js_ function for a native it lacks", () => {
    const defined = new Set([...bridge.matchAll(/^\s*JSValue js_(\w+)\(JSContext \*ctx, JSValueConst this_val, int argc, JSValueConst \*argv\) \{/gm)].map((m) => m[1]!));
    // logging.c defines its five level natives through one macro.
    if (/JSValue js_log_##name\(/.test(bridge)) for (const level of ["trace", "debug", "info", "warn", "error"]) defined.add(`log_${level}`);
    expect(Object.keys(NATIVES).filter((name) => !defined.has(name))).toEqual([]);
    expect([...defined].filter((name) => !(name in NATIVES))).toEqual([]);
  });

  it("is the native table of the engine README, each native with its arguments", () => {
    const readme = readFileSync(join(import.meta.dirname, "../README.md"), "utf8");
    const table = readme.slice(readme.indexOf("## The native interface"), readme.indexOf("`natives.ts` types them all"));
    // The first column names the natives: `log_trace` … `log_error(message)` stands for the five levels.
    const firstColumn = table.split("\n").filter((line) => line.startsWith("| `")).map((line) => line.split(" | ")[0]!);
    const documented = new Set(firstColumn.flatMap((cell) => [...cell.matchAll(/`(\w+)/g)].map((m) => m[1]!)));
    expect(Object.keys(NATIVES).filter((name) => !documented.has(name) && !/^log_(debug|info|warn)$/.test(name))).toEqual([]);
    expect([...documented].filter((name) => !(name in NATIVES))).toEqual([]);
  });

  it("lists every native in the C header, with its length and companion", () => {
    const header = contractHeader("size");
    expect(header).toContain("  NATIVE(input, 0, NULL) \\");
    expect(header).toContain("  NATIVE(host_function, 1, js_host_function_call) \\");
    expect(header.match(/^  NATIVE\(/gm)).toHaveLength(Object.keys(NATIVES).length);
  });

  it("gives each intrinsic a bit of its own in init's options, which the C header pairs with its QuickJS function", () => {
    const bits = [...Object.values(INIT_OPTIONS), ...Object.values(INTRINSICS).map((intrinsic) => intrinsic.bit)];
    expect(bits.filter((bit) => bit <= 0 || (bit & (bit - 1)) !== 0 || bit > 2 ** 31)).toEqual([]);
    expect(new Set(bits).size).toBe(bits.length);
    const header = contractHeader("size");
    for (const { bit, add } of Object.values(INTRINSICS)) expect(header).toContain(`  INTRINSIC(${bit}, ${add}) \\`);
  });

  for (const [profile, { file }] of Object.entries(ENGINE_BUILDS)) {
    it(`is what the built ${file} (${profile}) speaks: every entry point exported, and its contract version`, async () => {
      const module = new wasm.Module(readFileSync(join(import.meta.dirname, "../dist", file)));
      const exported = new Set(wasm.Module.exports(module).map((entry) => entry.name));
      expect(Object.values(ENTRY_POINTS).filter((name) => !exported.has(name))).toEqual([]);
      // Asking for the version calls no import: each one only has to be there.
      const imports: Record<string, Record<string, () => number>> = {};
      for (const entry of wasm.Module.imports(module)) (imports[entry.module] ??= {})[entry.name] = () => 0;
      const { exports } = await wasm.instantiate(module, imports);
      expect((exports[ENTRY_POINTS.abiVersion] as () => number)()).toBe(ENGINE_ABI_VERSION);
    });
  }
});

describe("readInitReport", () => {
  const report = {
    exports: ["greet"],
    skippedExports: [{ name: "Counter", reason: "class" }],
    natives: [7],
    allNatives: [7, 8],
    companions: [[8, 9]],
    compilerEntry: 3,
    hostFunctions: [{ namespace: "extism:host/user", name: "f", params: "I", result: "I" }],
    cancelledTimers: 0,
    functionLists: [1024, 2048],
    reachedBuiltins: [],
    heap: {
      base: 1_160_496,
      quickjs: 68_424,
      bytecode: 7_524,
      lineTables: 1_400,
      functions: 27,
      atoms: 30_636,
      atomCount: 653,
      strings: 0,
      shapes: 14_604,
      objects: 20_628,
      typedArrayData: 0,
      regexps: 0,
      maps: 0,
    },
    stack: [0, 1_048_576],
  };
  const read = (value: unknown) => () => readInitReport(JSON.stringify(value));

  it("gives back a report that matches the contract, and a failure", () => {
    expect(readInitReport(JSON.stringify(report))).toEqual(report);
    expect(readInitReport('{"stage":"evaluate","error":"ReferenceError: x is not defined"}')).toEqual({ stage: "evaluate", error: "ReferenceError: x is not defined" });
  });

  it("names the first field that differs from the contract, and how", () => {
    const prefix = "the init report does not match the engine contract: ";
    const { natives: _natives, ...withoutNatives } = report;
    expect(read(withoutNatives)).toThrow(prefix + "`natives` is missing");
    expect(read({ ...report, boundNatives: [7] })).toThrow(prefix + "`boundNatives` is not in the contract");
    expect(read({ ...report, allNatives: [7, "8"] })).toThrow(prefix + '`allNatives[1]` is the string "8", not a number');
    expect(read({ ...report, companions: [[8]] })).toThrow(prefix + "`companions[0]` has 1 items, not 2");
    expect(read({ ...report, functionLists: { start: 1, end: 2 } })).toThrow(prefix + "`functionLists` is an object, not an array");
    expect(read({ ...report, skippedExports: [{ name: "x", reason: "function" }] })).toThrow(
      prefix + '`skippedExports[0].reason` is the string "function", not one of "class", "default", "object", "string", "number", "bigint", "boolean", "symbol", "undefined", "null"',
    );
    expect(read({ ...report, hostFunctions: [{ ...report.hostFunctions[0], result: null }] })).toThrow(prefix + "`hostFunctions[0].result` is null, not a string");
    expect(read({ stage: "evaluate", error: 1 })).toThrow(prefix + "`error` is the number 1, not a string");
    expect(read([report])).toThrow(prefix + "the report is an array, not an object");
    expect(() => readInitReport("{\"exports\":")).toThrow('the init report is not JSON: "{\\"exports\\":"');
  });
});
