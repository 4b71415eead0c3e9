import { describe, expect, it } from "vitest";
import { WEB_GLOBAL_MODULES, WEB_GLOBAL_NAMES } from "./names.js";

// The modules bind natives when they load; outside a plug-in any stand-in will do.
(globalThis as { __extism_ts_native?: unknown }).__extism_ts_native = () => () => undefined;

describe("WEB_GLOBAL_MODULES", () => {
  it("lists every export of the globals module, each with the module that exports it", async () => {
    const all = await import("./index.js");
    expect([...WEB_GLOBAL_NAMES].sort()).toEqual(Object.keys(all).sort());
    for (const name of WEB_GLOBAL_NAMES) {
      const module = (await import(new URL(`./${WEB_GLOBAL_MODULES[name]}.ts`, import.meta.url).href)) as Record<string, unknown>;
      expect(module[name], `${name} from ./${WEB_GLOBAL_MODULES[name]}`).toBe((all as Record<string, unknown>)[name]);
    }
  });
});
