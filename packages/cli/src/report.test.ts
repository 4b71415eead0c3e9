import { describe, expect, it } from "vitest";
import { describeCompiler, formatCompilerReport, formatModuleReport } from "./report.js";

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

describe("describeCompiler and formatCompilerReport", () => {
  const cwd = "/home/me/plugin";
  const uses = [
    { word: "Function", file: "/home/me/plugin/node_modules/.pnpm/handlebars@4.7.10/node_modules/handlebars/dist/cjs/handlebars/compiler/javascript-compiler.js", line: 131, column: 14 },
    { word: "eval", file: "/home/me/plugin/src/index.ts", line: 3, column: 1 },
  ];
  it("says which module's use of eval or Function kept the compiler, and where", () => {
    expect(describeCompiler({ compiler: true, compilerUses: uses }, cwd)).toBe(
      "available (the JavaScript compiler is kept: handlebars dist/cjs/handlebars/compiler/javascript-compiler.js:131:14 uses Function, and 1 more place (--report))",
    );
    expect(describeCompiler({ compiler: true, compilerUses: uses.slice(1) }, cwd)).toBe("available (the JavaScript compiler is kept: src/index.ts:3:1 uses eval)");
    expect(describeCompiler({ compiler: true, compilerUses: [] }, cwd)).toBe("available (--eval keeps the JavaScript compiler)");
    expect(describeCompiler({ compiler: false, compilerUses: [] }, cwd)).toBe("not available (no eval or new Function in the code; --eval keeps it)");
  });
  it("lists every place", () => {
    expect(formatCompilerReport(uses, 1, cwd)).toBe(
      [
        "the JavaScript compiler is kept for eval or Function used at 2 places:",
        "  Function handlebars dist/cjs/handlebars/compiler/javascript-compiler.js:131:14",
        "  ... and 1 more",
      ].join("\n"),
    );
  });
});
