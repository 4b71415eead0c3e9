import binaryen from "binaryen";

/** The engine's function table: the engine names the functions the link step needs by their table index. */
export interface FunctionTable {
  /** Give the function at `index` an unreachable body, so that what only it reaches drops out. */
  makeUnreachable(index: number): void;
  /**
   * Empty every entry the plug-in can no longer call, so that the optimizer
   * drops the functions only the table kept. Returns how many entries went.
   */
  prune(isLive: (index: number) => boolean): number;
}

/** Replace a function (defined or imported) with one of the same name and type. */
export function redefine(module: binaryen.Module, info: binaryen.FunctionInfo, body: binaryen.ExpressionRef): void {
  module.removeFunction(info.name);
  module.addFunction(info.name, info.params, info.results, [], body);
}

/** What an emptied entry holds: calling it traps, as calling an empty entry would. */
const DROPPED = "__extism_ts_dropped";

interface Segment {
  name: string;
  table: string;
  offset: number;
  functions: string[];
}

function segments(module: binaryen.Module): Segment[] {
  const found: Segment[] = [];
  for (let i = 0; i < module.getNumElementSegments(); i++) {
    const info = binaryen.getElementSegmentInfo(module.getElementSegmentByIndex(i));
    // The typings call the offset a number; it is a constant expression.
    const offset = (binaryen.getExpressionInfo(info.offset) as binaryen.ConstInfo).value as number;
    found.push({ name: info.name, table: info.table, offset, functions: info.data });
  }
  return found;
}

export function functionTable(module: binaryen.Module, functions: Map<string, binaryen.FunctionInfo>): FunctionTable {
  const byIndex = new Map<number, string>();
  for (const segment of segments(module)) segment.functions.forEach((name, position) => byIndex.set(segment.offset + position, name));
  return {
    makeUnreachable(index) {
      const name = byIndex.get(index);
      if (name === undefined) throw new Error(`the engine names table index ${index}, which is not in its function table`);
      redefine(module, functions.get(name)!, module.unreachable());
    },
    prune(isLive) {
      let dropped = 0;
      for (const segment of segments(module)) {
        const kept = segment.functions.map((name, position) => {
          if (name === DROPPED || isLive(segment.offset + position)) return name;
          dropped++;
          return DROPPED;
        });
        if (kept.every((name, position) => name === segment.functions[position])) continue;
        if (!module.getFunction(DROPPED)) module.addFunction(DROPPED, binaryen.none, binaryen.none, [], module.unreachable());
        module.removeElementSegment(segment.name);
        module.addActiveElementSegment(segment.table, segment.name, kept, module.i32.const(segment.offset));
      }
      return dropped;
    },
  };
}

/** The index range the table's entries occupy. */
export function tableRange(module: binaryen.Module): { start: number; end: number } {
  let start = Infinity;
  let end = 0;
  for (const segment of segments(module)) {
    start = Math.min(start, segment.offset);
    end = Math.max(end, segment.offset + segment.functions.length);
  }
  return { start, end };
}

function readSignedLeb(bytes: Uint8Array, position: number): bigint {
  let result = 0n;
  let shift = 0n;
  let byte: number;
  do {
    byte = bytes[position++] ?? 0;
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte & 0x80 && position < bytes.length && shift < 70n);
  return byte & 0x40 ? result - (1n << shift) : result;
}

const I32_CONST = 0x41;
const I64_CONST = 0x42;
const CODE_SECTION = 10;

/** The code section of a module's binary. */
function codeSection(binary: Uint8Array): Uint8Array {
  let position = 8;
  const readLeb = (): number => {
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
  while (position < binary.length) {
    const id = binary[position++];
    const size = readLeb();
    if (id === CODE_SECTION) return binary.subarray(position, position + size);
    position += size;
  }
  return new Uint8Array(0);
}

/**
 * Every value in `range` that the code may hold as a constant: each
 * `i32.const`, and both halves of each `i64.const` (two 32-bit stores merged
 * into one). Read at every byte, not instruction by instruction, so that
 * nothing is missed; a byte that only looks like a constant keeps a function
 * that could have gone, which is harmless.
 */
export function constantsIn(binary: Uint8Array, range: { start: number; end: number }, found: Set<number>): void {
  const code = codeSection(binary);
  const note = (value: number) => {
    if (value >= range.start && value < range.end) found.add(value);
  };
  for (let position = 0; position < code.length - 1; position++) {
    if (code[position] === I32_CONST) note(Number(BigInt.asUintN(32, readSignedLeb(code, position + 1))));
    else if (code[position] === I64_CONST) {
      const value = BigInt.asUintN(64, readSignedLeb(code, position + 1));
      note(Number(value & 0xffffffffn));
      note(Number(value >> 32n));
    }
  }
}

/**
 * Every aligned 32-bit little-endian value in `range` that memory holds
 * outside `skip`: the function pointers the heap and the static data keep
 * (C aligns every pointer to 4 bytes; QuickJS has no packed structs).
 */
export function wordsIn(memory: Uint8Array, range: { start: number; end: number }, skip: readonly [number, number], found: Set<number>): void {
  const view = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
  for (let offset = 0; offset + 4 <= memory.length; offset += 4) {
    if (offset >= skip[0] && offset < skip[1]) continue;
    const value = view.getUint32(offset, true);
    if (value >= range.start && value < range.end) found.add(value);
  }
}
