import binaryen from "binaryen";
import { describe, expect, it } from "vitest";
import { constantsIn, functionTable, tableRange, wordsIn } from "./function-table.js";

/** A module whose table holds five functions from index 5000; `run` holds three of their indices as constants. */
function moduleWithTable(): binaryen.Module {
  const module = new binaryen.Module();
  const names = ["a", "b", "c", "d", "e"];
  for (const name of names) module.addFunction(name, binaryen.none, binaryen.none, [], module.nop());
  module.addFunction(
    "run",
    binaryen.none,
    binaryen.i32,
    [],
    module.block(
      null,
      [
        module.drop(module.i64.const(5001n | (5003n << 32n))),
        module.call_indirect("table", module.i32.const(5002), [], binaryen.none, binaryen.none),
        module.i32.const(5002),
      ],
      binaryen.i32,
    ),
  );
  module.addFunctionExport("run", "run");
  module.addTable("table", 5005, 5005);
  module.addActiveElementSegment("table", "entries", names, module.i32.const(5000));
  return module;
}

describe("the function table", () => {
  it("finds the indices code holds as constants, both halves of an i64 too", () => {
    const module = moduleWithTable();
    const found = new Set<number>();
    const range = tableRange(module);
    expect(range).toEqual({ start: 5000, end: 5005 });
    constantsIn(module.emitBinary(), range, found);
    expect([...found].sort()).toEqual([5001, 5002, 5003]);
    module.dispose();
  });

  it("finds the indices memory holds in aligned words, outside the range it skips", () => {
    const memory = new Uint8Array(64);
    const view = new DataView(memory.buffer);
    view.setUint32(8, 5000, true);
    view.setUint32(17, 5001, true); // not aligned: no C pointer sits there
    view.setUint32(24, 5002, true); // skipped
    view.setUint32(40, 7, true); // not an index
    const found = new Set<number>();
    wordsIn(memory, { start: 5000, end: 5005 }, [20, 32], found);
    expect([...found]).toEqual([5000]);
  });

  it("empties the entries nothing names, so the optimizer drops their functions", () => {
    const module = moduleWithTable();
    const table = functionTable(module, new Map());
    expect(table.prune((index) => index === 5001 || index === 5003)).toBe(3);
    module.runPasses(["remove-unused-module-elements"]);
    const left: string[] = [];
    for (let i = 0; i < module.getNumFunctions(); i++) left.push(binaryen.getFunctionInfo(module.getFunctionByIndex(i)).name);
    expect(left.filter((name) => name.length === 1).sort()).toEqual(["b", "d"]);
    expect(module.validate()).toBeTruthy();
    module.dispose();
  });
});
