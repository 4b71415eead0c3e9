import binaryen from "binaryen";

/** The engine's function table: the engine names the functions the link step needs by their table index. */
export interface FunctionTable {
  /**
   * Give the function at `index` an unreachable body, so that what only it reaches drops out.
   * `heldByCopies`: other functions are copies of it (weval's), so the table indices its
   * code holds stay held.
   */
  makeUnreachable(index: number, heldByCopies?: boolean): void;
  /** Add to `found` the table indices that the code still in the module holds as constants. */
  heldByCode(found: Set<number>): void;
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

/** The module's element segments, each with its constant offset. */
export function segments(module: binaryen.Module): Segment[] {
  const found: Segment[] = [];
  for (let i = 0; i < module.getNumElementSegments(); i++) {
    const info = binaryen.getElementSegmentInfo(module.getElementSegmentByIndex(i));
    // The typings call the offset a number; it is a constant expression.
    const offset = (binaryen.getExpressionInfo(info.offset) as binaryen.ConstInfo).value as number;
    found.push({ name: info.name, table: info.table, offset, functions: info.data });
  }
  return found;
}

/**
 * `codeReferences`: by function name, the table indices its code holds as
 * constants (the engine's TableReferences); a function given another body
 * or dropped holds none.
 */
export function functionTable(module: binaryen.Module, functions: Map<string, binaryen.FunctionInfo>, codeReferences: Map<string, readonly number[]>): FunctionTable {
  const byIndex = new Map<number, string>();
  for (const segment of segments(module)) segment.functions.forEach((name, position) => byIndex.set(segment.offset + position, name));
  const held = new Map(codeReferences);
  const heldByCopy: number[] = [];
  return {
    makeUnreachable(index, heldByCopies = false) {
      const name = byIndex.get(index);
      if (name === undefined) throw new Error(`the engine names table index ${index}, which is not in its function table`);
      redefine(module, functions.get(name)!, module.unreachable());
      if (heldByCopies) heldByCopy.push(...(held.get(name) ?? []));
      held.delete(name);
    },
    heldByCode(found) {
      for (const [name, indices] of held) {
        if (module.getFunction(name)) for (const index of indices) found.add(index);
      }
      for (const index of heldByCopy) found.add(index);
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

/**
 * Every table index in `range` that memory holds where it may name a
 * function: the static-data words the engine's relocations say hold one, and
 * every aligned word initialization changed from what the engine started with
 * (`initial`: its static data; zero elsewhere), which covers the heap, the
 * stack and static data written since. C aligns every pointer to 4 bytes
 * (QuickJS has no packed structs). Words inside `skip` are left out.
 */
export function storedIndices(
  memory: Uint8Array,
  initial: ReadonlyArray<readonly [number, Uint8Array]>,
  references: readonly number[],
  range: { start: number; end: number },
  skip: readonly [number, number],
  found: Set<number>,
): void {
  const view = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
  const note = (offset: number) => {
    if (offset >= skip[0] && offset < skip[1]) return;
    const value = view.getUint32(offset, true);
    if (value >= range.start && value < range.end) found.add(value);
  };
  for (const address of references) note(address);
  const start = new Uint8Array(memory.length);
  for (const [address, bytes] of initial) start.set(bytes.subarray(0, Math.max(0, memory.length - address)), address);
  const before = new DataView(start.buffer);
  for (let offset = 0; offset + 4 <= memory.length; offset += 4) {
    if (view.getUint32(offset, true) !== before.getUint32(offset, true)) note(offset);
  }
}
