// Node's built-in modules and npm resolution in plug-ins, through the real CLI and a real host:
// what cannot work becomes a stub that throws when called, with a warning that names the chain
// of imports (--no-stub fails the build instead, --stub says it is expected), and packages
// resolve the way bundlers for the web and workers do, unless their browser build needs a page.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFixture, runCli } from "./support/cli.js";
import { jsSdk2, pythonSdk, text, type CallResult } from "./support/hosts.js";

const header = `import { plugin } from "@extism-ts/pdk";\nimport { string } from "@extism-ts/convert";\n`;

function failure(result: CallResult | undefined): string {
  if (!result || result.ok) throw new Error(`expected a failure, got ${result ? text(result) : "nothing"}`);
  return result.error;
}

describe("modules a plug-in cannot use", () => {
  const files = { "files.ts": `import { readFileSync } from "node:fs";\nexport const load = (path: string) => readFileSync(path, "utf8");\n` };
  const source = `${header}import { load } from "./files";\nexport const run = plugin(string, string, (input) => (input === "read" ? load("x") : "not read"));\n`;

  it("become stubs with a warning naming the module, the chain of imports and what to use instead; calling one says why it fails", async () => {
    const run = buildFixture("node-fs-default-stub", source, [], { files });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^warning: \.fixtures\/node-fs-default-stub\/files\.ts:1:\d+: "fs" is a Node\.js built-in module that plug-ins cannot use: the build put in a stub/m);
    expect(run.stderr).toContain("imported by: index.ts -> files.ts -> fs\n");
    expect(run.stderr).toContain("--stub fs says the plug-in never calls it (no warning); --no-stub fails the build instead.");
    for (const host of [jsSdk2, pythonSdk]) {
      const [untouched, called] = await host.run(run.wasm, [{ function: "run", input: "skip" }, { function: "run", input: "read" }]);
      expect(text(untouched)).toBe("not read");
      expect(failure(called)).toContain('fs.readFileSync is not available in a plug-in: a plug-in has no file system: pass data in the call\'s input or the plug-in\'s config (Config.get) (the build put a stub in place of "fs")');
    }
  });

  it("fail the build with --no-stub, naming the module, the chain of imports and what to use instead", () => {
    const run = buildFixture("node-fs-chain", source, ["--no-stub"], { files });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("files.ts:1:");
    expect(run.stderr).toContain('"fs" is a Node.js built-in module that plug-ins cannot use');
    expect(run.stderr).toContain("imported by: index.ts -> files.ts -> fs");
    expect(run.stderr).toContain("build without --no-stub (or with --stub fs)");
  });

  it("point HTTP at @extism-ts/http or fetch", () => {
    const run = buildFixture("node-https", `import https from "node:https";\nexport const f = () => https;\n`, ["--no-stub"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('"https" is a Node.js built-in module');
    expect(run.stderr).toContain("use @extism-ts/http or fetch");
  });

  it("build with --stub without a warning, and say so when the stubbed module is called", async () => {
    const run = buildFixture("node-fs-stub", source, ["--stub", "fs"], { files });
    expect(run.stderr).toBe("");
    const [untouched, called] = await jsSdk2.run(run.wasm, [{ function: "run", input: "skip" }, { function: "run", input: "read" }]);
    expect(text(untouched)).toBe("not read");
    expect(failure(called)).toContain('fs.readFileSync is not available in a plug-in: a plug-in has no file system');
  });

  it("refuse --stub and --no-stub together, in either order", () => {
    for (const flags of [["--stub", "fs", "--no-stub"], ["--no-stub", "--stub", "fs"]]) {
      const run = buildFixture("node-fs-stub-conflict", source, flags, { files });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("--stub and --no-stub exclude each other");
    }
  });
});

describe("a package whose browser build needs a page", () => {
  /** A dependency whose browser field swaps its entry and a helper for files that draw on a canvas. */
  function project(name: string, config: Record<string, unknown> | undefined): { wasm: string; stderr: string } {
    const dir = join(import.meta.dirname, ".fixtures", name);
    const dependency = join(dir, "node_modules", "drawing");
    mkdirSync(dependency, { recursive: true });
    writeFileSync(join(dependency, "package.json"), JSON.stringify({ name: "drawing", main: "./node.js", browser: { "./node.js": "./browser.js", "./helper.js": "./helper-browser.js" } }));
    writeFileSync(join(dependency, "node.js"), `import { helper } from "./helper.js";\nexport const draw = () => "node " + helper();\n`);
    writeFileSync(join(dependency, "helper.js"), `export const helper = () => "helper";\n`);
    writeFileSync(join(dependency, "helper-browser.js"), `export const helper = () => "browser helper";\n`);
    writeFileSync(join(dependency, "browser.js"), `export const draw = () => document.createElement("canvas").toDataURL();\n`);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module", ...(config ? { "extism-ts": config } : {}) }));
    writeFileSync(join(dir, "index.ts"), `${header}import { draw } from "drawing";\nexport const run = plugin(null, string, () => draw());\n`);
    const run = runCli(["build", "index.ts", "-o", "plugin.wasm"], { cwd: dir });
    expect(run.status).toBe(0);
    return { wasm: join(dir, "plugin.wasm"), stderr: run.stderr };
  }

  it("gives way to its Node build, whose own imports skip the browser field, with a warning", async () => {
    const built = project("page-bound-default", undefined);
    expect(built.stderr).toContain("warning: drawing: its browser build uses `document` (node_modules/drawing/browser.js), which a plug-in lacks: the build took its worker/Node build instead");
    const [result] = await jsSdk2.run(built.wasm, [{ function: "run" }]);
    expect(text(result)).toBe("node helper");
  });

  it("gives way to its Node build when it fails the initialization for want of a page, though it tests for one", async () => {
    const dir = join(import.meta.dirname, ".fixtures", "page-bound-at-init");
    const dependency = join(dir, "node_modules", "sizer");
    mkdirSync(dependency, { recursive: true });
    writeFileSync(join(dependency, "package.json"), JSON.stringify({ name: "sizer", main: "./node.js", browser: { "./node.js": "./browser.js" } }));
    writeFileSync(join(dependency, "browser.js"), `export const inPage = typeof window !== "undefined";\nexport const width = window.innerWidth;\n`);
    writeFileSync(join(dependency, "node.js"), `export const inPage = false;\nexport const width = 80;\n`);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "page-bound-at-init", private: true, type: "module" }));
    writeFileSync(join(dir, "index.ts"), `${header}import { inPage, width } from "sizer";\nexport const run = plugin(null, string, () => String([inPage, width]));\n`);
    const run = runCli(["build", "index.ts", "-o", "plugin.wasm"], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("warning: sizer: its browser build uses `window` (node_modules/sizer/browser.js), which a plug-in lacks: the build took its worker/Node build instead");
    const [result] = await jsSdk2.run(join(dir, "plugin.wasm"), [{ function: "run" }]);
    expect(text(result)).toBe("false,80");
  });

  it("stays when the project config's resolve names the browser build", async () => {
    const built = project("page-bound-browser", { resolve: { drawing: "browser" } });
    expect(built.stderr).toBe("");
    const [result] = await jsSdk2.run(built.wasm, [{ function: "run" }]);
    expect(failure(result)).toContain("document is not defined");
  });
});

describe("resolution like bundlers for the web and workers", () => {
  /** A project with a dependency that has a Node, a browser and a worker entry; its config in package.json. */
  function project(name: string, config: Record<string, unknown> | undefined): string {
    const dir = join(import.meta.dirname, ".fixtures", name);
    const dependency = join(dir, "node_modules", "where-am-i");
    mkdirSync(dependency, { recursive: true });
    writeFileSync(
      join(dependency, "package.json"),
      JSON.stringify({ name: "where-am-i", exports: { ".": { worker: "./worker.js", browser: "./browser.js", default: "./node.js" }, "./probe.cjs": "./probe.cjs" } }),
    );
    for (const place of ["worker", "browser", "node"]) writeFileSync(join(dependency, `${place}.js`), `export const place = "${place}";\n`);
    writeFileSync(
      join(dependency, "probe.cjs"),
      `var name = "no-such-module";\nmodule.exports = typeof require === "function" ? function () { return require(name); } : function () { return "no require"; };\n`,
    );
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module", ...(config ? { "extism-ts": config } : {}) }));
    writeFileSync(
      join(dir, "index.ts"),
      `${header}import { place } from "where-am-i";\nimport probe from "where-am-i/probe.cjs";\n` +
        `export const run = plugin(null, string, () => JSON.stringify([place, probe(), process.env.NODE_ENV, process.env.HOME ?? null, process.cwd(), process.platform, process.argv]));\n`,
    );
    const run = runCli(["build", "index.ts", "-o", "plugin.wasm"], { cwd: dir });
    expect(run.stderr).toBe("");
    return join(dir, "plugin.wasm");
  }

  it("take the worker/browser entry, see no require, and read NODE_ENV as production", async () => {
    const [result] = await jsSdk2.run(project("resolve-default", undefined), [{ function: "run" }]);
    expect(JSON.parse(text(result))).toEqual(["worker", "no require", "production", null, "/", "linux", []]);
  });

  it("take the build the project config's resolve names for a package", async () => {
    const [node] = await jsSdk2.run(project("resolve-override", { resolve: { "where-am-i": "node" } }), [{ function: "run" }]);
    expect(JSON.parse(text(node))[0]).toBe("node");
  });

  it("take the conditions and NODE_ENV the project config gives", async () => {
    const [browser] = await jsSdk2.run(project("resolve-browser", { conditions: ["browser"], nodeEnv: "development" }), [{ function: "run" }]);
    expect(JSON.parse(text(browser)).slice(0, 3)).toEqual(["browser", "no require", "development"]);
    const [node] = await jsSdk2.run(project("resolve-none", { conditions: [] }), [{ function: "run" }]);
    expect(JSON.parse(text(node))[0]).toBe("node");
  });
});
