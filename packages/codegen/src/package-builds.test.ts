import { describe, expect, it } from "vitest";
import type { Metafile } from "esbuild";
import { missingGlobalDefines } from "./diagnostics.js";
import { checkPackageBuilds, hasBrowserBuild, packageName, packageOf, pageBoundAtInit, pageBoundPackages } from "./package-builds.js";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("packageName and packageOf", () => {
  it("name the package of a specifier, scoped or not, and none for paths", () => {
    expect(packageName("qrcode")).toBe("qrcode");
    expect(packageName("qrcode/lib/server.js")).toBe("qrcode");
    expect(packageName("@hapi/hoek/lib/clone")).toBe("@hapi/hoek");
    expect(packageName("./x.js")).toBeUndefined();
    expect(packageName("../x")).toBeUndefined();
    expect(packageName("/abs/x")).toBeUndefined();
    expect(packageName("node:fs")).toBeUndefined();
  });

  it("find the package a file is in from the last node_modules of its path (pnpm's layout too)", () => {
    expect(packageOf("/p/node_modules/.pnpm/qrcode@1.5.4/node_modules/qrcode/lib/index.js")).toEqual({
      name: "qrcode",
      dir: "/p/node_modules/.pnpm/qrcode@1.5.4/node_modules/qrcode",
    });
    expect(packageOf("/p/node_modules/@hapi/hoek/lib/clone.js")).toEqual({ name: "@hapi/hoek", dir: "/p/node_modules/@hapi/hoek" });
    expect(packageOf("/p/src/index.ts")).toBeUndefined();
  });
});

describe("hasBrowserBuild", () => {
  it("sees a browser entry, a file replacement or a browser condition, not a disabled module alone", () => {
    expect(hasBrowserBuild({ browser: "dist/joi-browser.min.js" })).toBe(true);
    expect(hasBrowserBuild({ browser: { "./lib/index.js": "./lib/browser.js", fs: false } })).toBe(true);
    expect(hasBrowserBuild({ exports: { ".": { node: "./n.js", browser: { import: "./b.mjs" }, default: "./d.js" } } })).toBe(true);
    expect(hasBrowserBuild({ browser: { fs: false } })).toBe(false);
    expect(hasBrowserBuild({ exports: { ".": { import: "./a.mjs", require: "./a.cjs" } } })).toBe(false);
    expect(hasBrowserBuild({})).toBe(false);
  });
});

describe("pageBoundPackages", () => {
  /** A package on disk, and esbuild-like output whose modules are headed by their paths. */
  function setup(manifest: object, code: string): { output: string; metafile: Metafile; projectDir: string } {
    const projectDir = mkdtempSync(join(tmpdir(), "codegen-builds-"));
    const dir = join(projectDir, "node_modules", "drawing");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "drawing", ...manifest }));
    const file = "node_modules/drawing/browser.js";
    const marked = code.replace(/\b(document|window)\b/g, (name) => missingGlobalDefines()[name]!);
    return { output: `  // src/index.ts\nrun();\n  // ${file}\n${marked}\n`, metafile: { inputs: { "src/index.ts": { bytes: 1, imports: [] }, [file]: { bytes: 1, imports: [] } }, outputs: {} }, projectDir };
  }

  it("names a package whose browser build uses document or window without testing for it", () => {
    const { output, metafile, projectDir } = setup({ browser: { "./node.js": "./browser.js" } }, "function draw() { return document.createElement('canvas'); }");
    expect(pageBoundPackages(output, metafile, projectDir)).toEqual([{ name: "drawing", global: "document", file: join(projectDir, "node_modules/drawing/browser.js") }]);
  });

  it("leaves a module that tests the global with typeof, and a package without a browser build of its own", () => {
    const guarded = setup({ browser: "./browser.js" }, "var root = typeof window !== 'undefined' ? window : globalThis;");
    expect(pageBoundPackages(guarded.output, guarded.metafile, guarded.projectDir)).toEqual([]);
    const globalObject = setup({ browser: "./browser.js" }, "var g = typeof globalThis === 'object' ? globalThis : window;");
    expect(pageBoundPackages(globalObject.output, globalObject.metafile, globalObject.projectDir)).toEqual([]);
    const noBrowserBuild = setup({ browser: { fs: false } }, "function draw() { return document.title; }");
    expect(pageBoundPackages(noBrowserBuild.output, noBrowserBuild.metafile, noBrowserBuild.projectDir)).toEqual([]);
  });
});

describe("checkPackageBuilds", () => {
  it("takes package names to browser, worker or node, and says what is wrong otherwise", () => {
    expect(checkPackageBuilds({ joi: "node", "@scope/x": "worker", qrcode: "browser" })).toEqual({ joi: "node", "@scope/x": "worker", qrcode: "browser" });
    expect(() => checkPackageBuilds({ joi: "server" })).toThrow(`resolve: 'joi' takes "browser", "worker", "node", not "server"`);
    expect(() => checkPackageBuilds({ "./lib": "node" })).toThrow("resolve: './lib' is not a package name");
  });
});

describe("pageBoundAtInit", () => {
  it("names the installed package with a browser build whose frame threw a ReferenceError for a page global", () => {
    const projectDir = mkdtempSync(join(tmpdir(), "codegen-init-"));
    for (const [name, manifest] of [["sizer", { browser: { "./node.js": "./browser.js" } }], ["plain", {}]] as const) {
      mkdirSync(join(projectDir, "node_modules", name), { recursive: true });
      writeFileSync(join(projectDir, "node_modules", name, "package.json"), JSON.stringify({ name, ...manifest }));
    }
    const message = (global: string, file: string) => `the plug-in failed while it initialized: ReferenceError: ${global} is not defined\n    at <anonymous> (${file}:2)\n    at <anonymous> (index.ts:3)`;
    expect(pageBoundAtInit(message("window", "sizer/browser.js"), join(projectDir, "src"))).toEqual({ name: "sizer", global: "window", file: join(projectDir, "node_modules", "sizer", "browser.js") });
    expect(pageBoundAtInit(message("window", "plain/index.js"), projectDir)).toBeUndefined();
    expect(pageBoundAtInit(message("window", "src/app.js"), projectDir)).toBeUndefined();
    expect(pageBoundAtInit(message("process", "sizer/browser.js"), projectDir)).toBeUndefined();
  });
});
