import { readFileSync } from "node:fs";
import binaryen from "binaryen";
import { describe, expect, it } from "vitest";
import { ENGINE_ABI_VERSION, ENTRY_POINTS } from "@extism-ts/engine/contract";
import { engineWasmPath } from "@extism-ts/engine/files";
import { buildInstant, takeSnapshot } from "./snapshot.js";
import { ALL_INTRINSICS } from "./intrinsics.js";

/** The engine with its contract version changed to `version`. */
function engineSpeaking(version: number): Uint8Array {
  const module = binaryen.readBinary(readFileSync(engineWasmPath));
  for (let i = 0; i < module.getNumExports(); i++) {
    const info = binaryen.getExportInfo(module.getExportByIndex(i));
    if (info.name !== ENTRY_POINTS.abiVersion) continue;
    const target = binaryen.getFunctionInfo(module.getFunction(info.value));
    module.removeFunction(info.value);
    module.addFunction(info.value, target.params, target.results, [], module.i32.const(version));
  }
  const bytes = module.emitBinary();
  module.dispose();
  return bytes;
}

const options = { keepCompiler: false, intrinsics: ALL_INTRINSICS, buildInstant: 0 };

describe("takeSnapshot", () => {
  it("refuses an engine that speaks another contract version, saying what to do", async () => {
    await expect(takeSnapshot(engineSpeaking(ENGINE_ABI_VERSION + 1), "globalThis.__extism_ts_exports = {}", "bundle.js", options)).rejects.toThrow(
      `engine.wasm speaks engine contract ${ENGINE_ABI_VERSION + 1}, this build speaks ${ENGINE_ABI_VERSION}: install @extism-ts/cli and @extism-ts/engine of matching versions`,
    );
  });

  // The engine copies the skipped exports the bundle left into its report as they are: here they break the contract.
  it("refuses an init report that differs from the contract, naming the field", async () => {
    const code = 'globalThis.__extism_ts_exports = { hello() {} }; globalThis.__extism_ts_skipped_exports = [{ name: 1, reason: "class" }]';
    await expect(takeSnapshot(readFileSync(engineWasmPath), code, "bundle.js", options)).rejects.toThrow(
      "engine.wasm: the init report does not match the engine contract: `skippedExports[0].name` is the number 1, not a string: install @extism-ts/cli and @extism-ts/engine of matching versions",
    );
  });

  it("evaluates the bundle in the engine and reports its exports", async () => {
    const snapshot = await takeSnapshot(readFileSync(engineWasmPath), "globalThis.__extism_ts_exports = { hello() {}, value: 1 }", "bundle.js", options);
    expect(snapshot.exports).toEqual(["hello"]);
  });
});

describe("buildInstant", () => {
  it("is SOURCE_DATE_EPOCH in milliseconds, else 2000-01-01, and refuses anything but whole seconds", () => {
    expect(buildInstant({ SOURCE_DATE_EPOCH: "1700000000" })).toBe(1_700_000_000_000);
    expect(buildInstant({})).toBe(Date.UTC(2000, 0, 1));
    expect(() => buildInstant({ SOURCE_DATE_EPOCH: "soon" })).toThrow("SOURCE_DATE_EPOCH must be a whole number of seconds, not 'soon'");
  });
});
