import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contractHeader, nativeMismatches, nativesInC, NATIVES } from "./contract.js";

const bridgeDir = join(import.meta.dirname, "c");
const bridge = Object.fromEntries(
  readdirSync(bridgeDir)
    .filter((name) => name.endsWith(".c"))
    .map((name) => [name, readFileSync(join(bridgeDir, name), "utf8")]),
);

describe("the engine contract", () => {
  it("lists exactly the natives the C bridge declares, with their lengths", () => {
    expect(nativesInC(bridge).size).toBe(Object.keys(NATIVES).length);
    expect(nativeMismatches(nativesInC(bridge))).toEqual([]);
  });

  it("names a native renamed on the C side only, which fails the engine build", () => {
    const renamed = { ...bridge, "io.c": bridge["io.c"]!.replace('{"input", js_input, 0, NULL}', '{"read_input", js_input, 0, NULL}') };
    expect(nativeMismatches(nativesInC(renamed))).toEqual([
      "native 'input' is in the contract but not in the C bridge",
      "native 'read_input' is in the C bridge but not in the contract",
    ]);
  });

  it("turns into the C header the engine is compiled with", () => {
    const header = contractHeader();
    expect(header).toContain('#define EXTISM_TS_ENTRY_INIT "extism_ts_init"');
    expect(header).toContain('#define EXTISM_TS_GLOBAL_MAP_STACK "__extism_ts_map_stack"');
    expect(header).toMatch(/#define EXTISM_TS_ABI_VERSION \d+/);
  });
});
