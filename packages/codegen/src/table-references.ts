import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { tableReferencesFile, type TableReferences } from "@extism-ts/engine/contract";
import { BuildError } from "./errors.js";

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
  let position = 8;
  const u32 = (): number => {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = binary[position++]!;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const DATA_SECTION = 11;
  const I32_CONST = 0x41;
  while (position < binary.length) {
    const id = binary[position++];
    const size = u32();
    if (id !== DATA_SECTION) {
      position += size;
      continue;
    }
    const segments: Array<[number, Uint8Array]> = [];
    for (let count = u32(); count > 0; count--) {
      const flags = u32();
      if (flags === 1) {
        position += u32();
        continue;
      }
      if (flags === 2) u32();
      if (binary[position++] !== I32_CONST) throw new Error("the engine places a data segment at a computed address");
      // A signed LEB, read as unsigned: static data lies below 2 GiB.
      const address = u32();
      position++; // end
      const length = u32();
      segments.push([address, binary.subarray(position, position + length)]);
      position += length;
    }
    return segments;
  }
  return [];
}
