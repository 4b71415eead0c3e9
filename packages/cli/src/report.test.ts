import { describe, expect, it } from "vitest";
import { formatModuleReport } from "./report.js";

describe("formatModuleReport", () => {
  it("lists the largest modules with their share, packages by name, and sums up the rest", () => {
    const cwd = "/home/me/plugin";
    const modules = [
      { path: "/home/me/plugin/src/index.ts", bytes: 100 },
      { path: "/home/me/plugin/node_modules/.pnpm/msgpackr@1.11.5/node_modules/msgpackr/unpack.js", bytes: 1500 },
      { path: "/home/me/plugin/node_modules/@extism-ts/pdk/dist/index.js", bytes: 400 },
      { path: "/home/me/plugin/src/util.ts", bytes: 0 },
    ];
    expect(formatModuleReport(modules, 2, cwd)).toBe(
      [
        "largest modules in the bundle (4 modules, 2,000 bytes of JavaScript):",
        "  1,500 B   75.0%  msgpackr unpack.js",
        "    400 B   20.0%  @extism-ts/pdk dist/index.js",
        "  ... and 2 more (100 bytes)",
      ].join("\n"),
    );
    expect(formatModuleReport(modules.slice(0, 1), 10, cwd)).toBe(
      "largest modules in the bundle (1 modules, 100 bytes of JavaScript):\n  100 B  100.0%  src/index.ts",
    );
  });
});
