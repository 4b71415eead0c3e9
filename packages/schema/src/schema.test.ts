import { describe, expect, it } from "vitest";
import { INTERFACE_VERSION, type PluginInterface } from "./model.js";
import { InterfaceError, readInterfaceSection, withInterfaceSection } from "./section.js";
import { fromXtp, toXtp, xtpYaml } from "./xtp.js";

/** The smallest module: the magic and version, no sections. */
const EMPTY_MODULE = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

const ADD: PluginInterface = {
  version: INTERFACE_VERSION,
  exports: [
    {
      name: "add",
      description: "Adds two numbers.",
      input: { codec: "json", schema: { $ref: "#/components/schemas/Add" } },
      output: { codec: "json", schema: { type: "object", properties: { sum: { type: "number" } }, required: ["sum"] } },
    },
  ],
  imports: [{ namespace: "extism:host/user", name: "log_it", params: [{ codec: "string", schema: { type: "string" }, name: "input" }] }],
  schemas: { Add: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] } },
};

describe("the interface section", () => {
  it("is read back from the module it was added to, which WebAssembly still compiles", async () => {
    const wasm = withInterfaceSection(EMPTY_MODULE, ADD);
    expect(readInterfaceSection(wasm)).toEqual(ADD);
    // Node's WebAssembly: this package's lib has no DOM, which declares it.
    const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } };
    await wasmApi.compile(wasm);
  });

  it("is absent from a module built without it", () => {
    expect(readInterfaceSection(EMPTY_MODULE)).toBeUndefined();
  });

  it("refuses what is not a module, a truncated one, and another version's interface", () => {
    expect(() => readInterfaceSection(new TextEncoder().encode("version: v1-draft"))).toThrow("not a WebAssembly module (it does not start with \\0asm)");
    const wasm = withInterfaceSection(EMPTY_MODULE, ADD);
    expect(() => readInterfaceSection(wasm.subarray(0, wasm.length - 3))).toThrow("section 0 at byte 8 runs past the end of the module");
    const later = withInterfaceSection(EMPTY_MODULE, { ...ADD, version: 99 as typeof INTERFACE_VERSION });
    expect(() => readInterfaceSection(later)).toThrow(InterfaceError);
    expect(() => readInterfaceSection(later)).toThrow("the module's interface is version 99; this extism-ts reads version 1");
  });
});

describe("XTP schemas", () => {
  it("come back as the interface they were written from", () => {
    const { schema, warnings } = toXtp(ADD);
    expect(warnings).toEqual([]);
    expect(fromXtp(xtpYaml(schema))).toEqual(ADD);
  });

  it("say what XTP cannot, as warnings", () => {
    const { schema, warnings } = toXtp({
      version: INTERFACE_VERSION,
      exports: [{ name: "count", output: { codec: "i64", schema: { type: "integer", format: "int64" } } }],
      imports: [{ namespace: "env", name: "tick", params: [] }],
      schemas: {},
    });
    expect(schema.exports.count).toEqual({ output: { contentType: "application/x-binary", type: "buffer" } });
    expect(schema.imports).toBeUndefined();
    expect(warnings).toEqual([
      "export count's output: XTP has no content type for the i64 codec; written as bytes",
      "host function env tick: XTP imports are all in extism:host/user; left out of the schema",
    ]);
  });

  it("refuse what is not one, naming what is wrong", () => {
    expect(() => fromXtp("exports: [", "s.yaml")).toThrow(/^s\.yaml is not YAML: /);
    expect(() => fromXtp("version: v0\nexports: [a]", "s.yaml")).toThrow('s.yaml: version is "v0"; extism-ts reads XTP schemas of version v1-draft');
    expect(() => fromXtp("version: v1-draft\nexports:\n  f:\n    input:\n      contentType: text/csv\n      type: string\n", "s.yaml")).toThrow(
      `s.yaml: export f's input has contentType "text/csv"; XTP's are "text/plain; charset=utf-8", "application/json" and "application/x-binary"`,
    );
    expect(() => fromXtp("42", "s.yaml")).toThrow("s.yaml is not an XTP schema");
  });
});
