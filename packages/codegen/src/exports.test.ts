import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { describeSkipped, exportsFilter } from "./exports.js";

/** Run the filter over a namespace, as the engine does after the bundle: the names it keeps, in order, and those it left out. */
function filter(namespace: string): { exports: string[]; skipped: unknown } {
  const context: Record<string, unknown> = {};
  runInNewContext(`var ns = ${namespace}, left;\n${exportsFilter("ns", "left")}`, context);
  return { exports: Object.keys(context.ns as object), skipped: context.left };
}

describe("the exports filter", () => {
  it("keeps functions, arrow functions, async functions and generators, in order", () => {
    const kept = filter("{ b: function () {}, a: () => 1, c: async () => {}, d: function* () {}, e: Object.assign(() => {}, { inputCodec: null }) }");
    expect(kept).toEqual({ exports: ["b", "a", "c", "d", "e"], skipped: [] });
  });

  it("leaves out classes, values and the default export, and says which", () => {
    const { exports, skipped } = filter(
      "{ greet() {}, Helper: class Helper {}, Sub: class extends Map {}, VERSION: '1', count: 2, big: 3n, on: true, none: null, nothing: undefined, table: {}, default: function run() {} }",
    );
    expect(exports).toEqual(["greet"]);
    expect(skipped).toEqual([
      { name: "Helper", reason: "class" },
      { name: "Sub", reason: "class" },
      { name: "VERSION", reason: "string" },
      { name: "count", reason: "number" },
      { name: "big", reason: "bigint" },
      { name: "on", reason: "boolean" },
      { name: "none", reason: "null" },
      { name: "nothing", reason: "undefined" },
      { name: "table", reason: "object" },
      { name: "default", reason: "default" },
    ]);
  });

  it("leaves a namespace that is not an object as it is (the engine reports it)", () => {
    const context: Record<string, unknown> = {};
    runInNewContext(`var ns = 42, left;\n${exportsFilter("ns", "left")}`, context);
    expect(context.ns).toBe(42);
  });

  it("takes a module without exports (no namespace at all) as one that exports nothing", () => {
    const context: Record<string, unknown> = {};
    runInNewContext(`var ns = undefined, left;\n${exportsFilter("ns", "left")}`, context);
    expect([context.ns, context.left]).toEqual([{}, []]);
  });
});

describe("describeSkipped", () => {
  it("says why each export is left out and what to write", () => {
    expect(describeSkipped({ name: "Helper", reason: "class" })).toBe(
      "'Helper' is a class, not a function: it is not a plug-in export (call it from an exported function)",
    );
    expect(describeSkipped({ name: "table", reason: "object" })).toBe("'table' is an object, not a function: it is not a plug-in export");
    expect(describeSkipped({ name: "none", reason: "null" })).toBe("'none' is null, not a function: it is not a plug-in export");
    expect(describeSkipped({ name: "default", reason: "default" })).toBe(
      "the default export is not a plug-in export, as a host calls exports by name: export it under a name, e.g. `export function greet()` or `export { greet }`",
    );
  });
});
