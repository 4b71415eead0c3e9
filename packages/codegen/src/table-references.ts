import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { tableReferencesFile, type TableReferences } from "@extism-ts/engine/contract";
import { BuildError } from "./errors.js";
import { WasmReader } from "./wasm-reader.js";

export type { TableReferences };

const isIndexList = (value: unknown): value is number[] => Array.isArray(value) && value.every((item) => Number.isInteger(item) && item >= 0);

/**
 * The TableReferences shipped beside the engine at `enginePath`, checked
 * against its bytes: references of another engine would empty table entries
 * that engine's code still calls.
 */
export function readTableReferences(enginePath: string): TableReferences {
  const path = join(dirname(enginePath), tableReferencesFile(basename(enginePath)));
  const mismatch = (why: string) =>
    new BuildError(`${path}: ${why}: rebuild @extism-ts/engine, or reinstall it, so that it ships both files of one build`);
  let references: Partial<TableReferences>;
  try {
    references = JSON.parse(readFileSync(path, "utf8")) as Partial<TableReferences>;
  } catch (error) {
    throw mismatch(`cannot read the engine's table references (${(error as Error).message})`);
  }
  const hash = createHash("sha256").update(readFileSync(enginePath)).digest("hex");
  if (references.engine !== hash) throw mismatch(`describes the engine with SHA-256 ${String(references.engine)}, not ${basename(enginePath)} (${hash})`);
  const { data, code } = references;
  if (!isIndexList(data) || !Array.isArray(code) || !code.every((entry) => Array.isArray(entry) && Number.isInteger(entry[0]) && isIndexList(entry[1]))) {
    throw mismatch("holds no valid 'data' address list and 'code' list of [function, indices]");
  }
  return { engine: hash, data, code };
}

/** [address, bytes] of each active data segment in a module's binary: the memory an instance starts with. */
export function staticData(binary: Uint8Array): Array<[number, Uint8Array]> {
  const DATA_SECTION = 11;
  const I32_CONST = 0x41;
  const reader = new WasmReader(binary);
  for (const { id } of reader.sections()) {
    if (id !== DATA_SECTION) continue;
    const segments: Array<[number, Uint8Array]> = [];
    for (let count = reader.u32(); count > 0; count--) {
      const flags = reader.u32();
      if (flags === 1) {
        reader.skipBytes();
        continue;
      }
      if (flags === 2) reader.u32();
      if (binary[reader.position++] !== I32_CONST) throw new Error("the engine places a data segment at a computed address");
      // A signed LEB, read as unsigned: static data lies below 2 GiB.
      const address = reader.u32();
      reader.position++; // end
      const length = reader.u32();
      segments.push([address, binary.subarray(reader.position, reader.position + length)]);
      reader.position += length;
    }
    return segments;
  }
  return [];
}
