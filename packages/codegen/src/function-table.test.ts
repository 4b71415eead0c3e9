import binaryen from "binaryen";
import { describe, expect, it } from "vitest";
import { functionTable, storedIndices, tableRange } from "./function-table.js";

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
  it("finds the indices code still in the module holds, by the engine's references, not those of an emptied function", () => {
    const module = moduleWithTable();
    const functions = new Map<string, binaryen.FunctionInfo>();
    for (const name of ["a", "run"]) functions.set(name, binaryen.getFunctionInfo(module.getFunction(name)));
    // 5002 is in run's code too, but the references say it is a number there, not an index.
    const table = functionTable(module, functions, new Map([["run", [5001, 5003]], ["a", [5004]]]));
    expect(tableRange(module)).toEqual({ start: 5000, end: 5005 });
    const before = new Set<number>();
    table.heldByCode(before);
    expect([...before].sort()).toEqual([5001, 5003, 5004]);
    table.makeUnreachable(5000);
    const after = new Set<number>();
    table.heldByCode(after);
    expect([...after].sort()).toEqual([5001, 5003]);
    module.dispose();
  });

  it("finds the indices memory holds in the static words the references name and in aligned words initialization changed", () => {
    const memory = new Uint8Array(64);
    const view = new DataView(memory.buffer);
    const initial = new Uint8Array(16);
    const initialView = new DataView(initial.buffer);
    // Static data from 8: a function pointer at 8 (named), a number that looks like an index at 12 (not named).
    initialView.setUint32(0, 5000, true);
    initialView.setUint32(4, 5003, true);
    memory.set(initial, 8);
    view.setUint32(20, 5004, true); // static data initialization wrote
    view.setUint32(28, 5001, true); // the heap
    view.setUint32(33, 5001, true); // not aligned: no C pointer sits there
    view.setUint32(44, 5002, true); // skipped
    view.setUint32(56, 7, true); // not an index
    const found = new Set<number>();
    storedIndices(memory, [[8, initial]], [8], { start: 5000, end: 5005 }, [40, 48], found);
    expect([...found].sort()).toEqual([5000, 5001, 5004]);
  });

  it("empties the entries nothing names, so the optimizer drops their functions", () => {
    const module = moduleWithTable();
    const table = functionTable(module, new Map(), new Map());
    expect(table.prune((index) => index === 5001 || index === 5003)).toBe(3);
    module.runPasses(["remove-unused-module-elements"]);
    const left: string[] = [];
    for (let i = 0; i < module.getNumFunctions(); i++) left.push(binaryen.getFunctionInfo(module.getFunctionByIndex(i)).name);
    expect(left.filter((name) => name.length === 1).sort()).toEqual(["b", "d"]);
    expect(module.validate()).toBeTruthy();
    module.dispose();
  });
});
