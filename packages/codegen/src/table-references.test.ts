import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import binaryen from "binaryen";
import { afterAll, describe, expect, it } from "vitest";
import { engineWasmPath } from "@extism-ts/engine/files";
import { tableReferencesFile } from "@extism-ts/engine/contract";
import { tableRange } from "./function-table.js";
import { readTableReferences, staticData } from "./table-references.js";

const scratch = mkdtempSync(join(tmpdir(), "table-references-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the engine's table references", () => {
  it("name static words that hold table indices in engine.wasm, and functions of it", () => {
    const engine = readFileSync(engineWasmPath);
    const references = readTableReferences(engineWasmPath);
    const module = binaryen.readBinary(engine);
    const range = tableRange(module);
    const functions = module.getNumFunctions();
    module.dispose();
    const segments = staticData(engine);
    const image = new Uint8Array(Math.max(...segments.map(([address, bytes]) => address + bytes.length)) + 4);
    for (const [address, bytes] of segments) image.set(bytes, address);
    const word = (address: number) => new DataView(image.buffer).getUint32(address, true);
    expect(references.data.length).toBeGreaterThan(0);
    for (const address of references.data) expect([address, word(address) >= range.start && word(address) < range.end]).toEqual([address, true]);
    expect(references.code.length).toBeGreaterThan(0);
    for (const [index, indices] of references.code) {
      expect(index).toBeLessThan(functions);
      for (const held of indices) expect(held >= range.start && held < range.end).toBe(true);
    }
  });

  it("are refused, naming the file, when they describe another engine or are missing", () => {
    const engine = join(scratch, "engine.wasm");
    copyFileSync(engineWasmPath, engine);
    const references = join(scratch, tableReferencesFile("engine.wasm"));
    expect(() => readTableReferences(engine)).toThrow(`${references}: cannot read the engine's table references`);
    writeFileSync(references, JSON.stringify({ ...readTableReferences(engineWasmPath), engine: "0".repeat(64) }));
    expect(() => readTableReferences(engine)).toThrow(/describes the engine with SHA-256 0{64}, not engine\.wasm \([0-9a-f]{64}\): rebuild @extism-ts\/engine/);
    writeFileSync(references, JSON.stringify({ ...readTableReferences(engineWasmPath), data: "all" }));
    expect(() => readTableReferences(engine)).toThrow("holds no valid 'data' address list");
  });
});

describe("staticData", () => {
  it("gives the active data segments at their addresses, past passive ones", () => {
    const module = new binaryen.Module();
    try {
      module.setMemory(1, 1, null, [
        { data: new Uint8Array(200).fill(7), passive: true, offset: 0 },
        { data: new Uint8Array([1, 2, 3]), passive: false, offset: module.i32.const(300) },
      ]);
      expect(staticData(module.emitBinary())).toEqual([[300, new Uint8Array([1, 2, 3])]]);
    } finally {
      module.dispose();
    }
  });
});
