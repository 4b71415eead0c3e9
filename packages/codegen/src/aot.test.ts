import binaryen from "binaryen";
import { describe, expect, it } from "vitest";
import { functionSizesByTableIndex } from "./aot.js";

describe("functionSizesByTableIndex", () => {
  it("gives the body size of the function in each table slot, past imported functions and passive segments", () => {
    const module = new binaryen.Module();
    try {
      module.addFunctionImport("host", "env", "host", binaryen.createType([binaryen.i32]), binaryen.none);
      // Each drop(i32.const 1) is three bytes; a body adds its locals' declarations and end.
      const drops = (count: number) => module.block(null, Array.from({ length: count }, () => module.drop(module.i32.const(1))));
      module.addFunction("small", binaryen.none, binaryen.none, [], drops(1));
      module.addFunction("big", binaryen.none, binaryen.none, [binaryen.i32, binaryen.i32, binaryen.i64], drops(300));
      module.addTable("table", 8, 8);
      module.addActiveElementSegment("table", "active", ["big", "host", "small"], module.i32.const(5));
      module.addPassiveElementSegment("passive", ["small"]);
      expect([...functionSizesByTableIndex(module.emitBinary())]).toEqual([
        // Locals declared as two groups (2 x i32, 1 x i64): 5 bytes.
        [5, 3 * 300 + 5 + 1],
        [6, 0],
        [7, 3 + 2],
      ]);
    } finally {
      module.dispose();
    }
  });
});
