import type { InitSuccess } from "@extism-ts/engine/contract";
import { WasmReader } from "./wasm-reader.js";

/** The engine's count of what the heap holds after initialization (the init report's `heap`). */
export type HeapCensus = InitSuccess["heap"];

/**
 * What a plug-in's bytes are (`build --report`): the engine's code, and the
 * snapshot's memory as it ships (its non-zero runs) split into the engine's
 * static data and the heap, with the heap by kind as the engine counted it.
 */
export interface SnapshotComposition {
  /** The whole module. */
  total: number;
  /** The code section: the engine's functions the plug-in can still call, and the exports' glue. */
  code: number;
  /** Snapshot bytes below the heap: the engine's C data and constants (and what the stack left). */
  staticData: number;
  /** Snapshot bytes in the heap: the JavaScript state initialization left. */
  heap: number;
  /** The table that says where each run of snapshot bytes goes. */
  runTable: number;
  runs: number;
  /** Everything else: types, imports, exports, the function table, names, section headers. */
  other: number;
  /** The heap by kind, in bytes of allocations (the engine's census). */
  heapKinds: {
    bytecode: number;
    lineTables: number;
    atoms: number;
    strings: number;
    shapes: number;
    objects: number;
    typedArrayData: number;
    regexps: number;
    maps: number;
    /** QuickJS's allocations the kinds above leave out: the runtime, the context, class tables, job queues. */
    engine: number;
    /**
     * The heap's bytes less QuickJS's allocations: the C allocator's headers,
     * partly used arenas and the bridge's own allocations, less the zero
     * bytes inside allocations that the snapshot leaves out (often negative).
     */
    allocator: number;
  };
  functions: number;
  atomCount: number;
}

/** The payloads of the module's sections by id, and its data segments (passive ones: the snapshot's). */
function sections(wasm: Uint8Array): { sizes: Map<number, number>; segments: Uint8Array[] } {
  const reader = new WasmReader(wasm);
  const sizes = new Map<number, number>();
  const segments: Uint8Array[] = [];
  for (const { id, start, end } of reader.sections()) {
    sizes.set(id, (sizes.get(id) ?? 0) + end - start);
    if (id === 11) {
      for (let count = reader.u32(); count > 0; count--) {
        const flags = reader.u32();
        // Only the snapshot's two passive segments are expected; an active one's offset expression is skipped to its end.
        if (flags !== 1) {
          if (flags === 2) reader.u32();
          while (wasm[reader.position++] !== 0x0b);
        }
        const length = reader.u32();
        segments.push(wasm.subarray(reader.position, reader.position + length));
        reader.position += length;
      }
    }
  }
  return { sizes, segments };
}

const CODE_SECTION = 10;

/** The runs a run table lays out, [start, end) each: LEB128 pairs of the zero bytes before a run and its length. */
function runsOf(table: Uint8Array): Array<[number, number]> | undefined {
  const reader = new WasmReader(table);
  const runs: Array<[number, number]> = [];
  let end = 0;
  while (reader.position < table.length) {
    const start = end + reader.u32();
    if (reader.position >= table.length) return undefined;
    end = start + reader.u32();
    runs.push([start, end]);
  }
  return reader.position === table.length ? runs : undefined;
}

/**
 * The composition of a linked plug-in, from its bytes: the link step lays
 * the snapshot out as a table of runs and the runs' bytes; runs at or above
 * the heap's base are the heap's.
 */
export function snapshotComposition(wasm: Uint8Array, census: HeapCensus): SnapshotComposition {
  const { sizes, segments } = sections(wasm);
  let table: Uint8Array | undefined;
  let runs: Array<[number, number]> = [];
  for (const [index, segment] of segments.entries()) {
    const found = runsOf(segment);
    const bytes = found?.reduce((sum, [start, end]) => sum + end - start, 0);
    if (found && segments.some((other, otherIndex) => otherIndex !== index && other.length === bytes)) {
      table = segment;
      runs = found;
    }
  }
  if (table === undefined) throw new Error("the plug-in has no snapshot run table");
  let staticData = 0;
  let heap = 0;
  for (const [start, end] of runs) {
    heap += Math.max(0, end - Math.max(start, census.base));
    staticData += Math.max(0, Math.min(end, census.base) - start);
  }
  const code = sizes.get(CODE_SECTION) ?? 0;
  const counted =
    census.bytecode + census.lineTables + census.atoms + census.strings + census.shapes + census.objects + census.typedArrayData + census.regexps + census.maps;
  return {
    total: wasm.length,
    code,
    staticData,
    heap,
    runTable: table.length,
    runs: runs.length,
    other: wasm.length - code - staticData - heap - table.length,
    heapKinds: {
      bytecode: census.bytecode,
      lineTables: census.lineTables,
      atoms: census.atoms,
      strings: census.strings,
      shapes: census.shapes,
      objects: census.objects,
      typedArrayData: census.typedArrayData,
      regexps: census.regexps,
      maps: census.maps,
      engine: census.quickjs - counted,
      allocator: heap - census.quickjs,
    },
    functions: census.functions,
    atomCount: census.atomCount,
  };
}
