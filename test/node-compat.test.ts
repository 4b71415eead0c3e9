// Node's built-in modules and npm resolution in plug-ins, through the real CLI and a real host:
// what cannot work fails the build with the chain of imports, --stub lets an unused
// import through, and packages resolve the way bundlers for the web and workers do.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFixture, runCli } from "./support/cli.js";
import { jsSdk2, text, type CallResult } from "./support/hosts.js";

const header = `import { plugin } from "@extism-ts/pdk";\nimport { string } from "@extism-ts/convert";\n`;

function failure(result: CallResult | undefined): string {
  if (!result || result.ok) throw new Error(`expected a failure, got ${result ? text(result) : "nothing"}`);
  return result.error;
}

describe("modules a plug-in cannot use", () => {
  const files = { "files.ts": `import { readFileSync } from "node:fs";\nexport const load = (path: string) => readFileSync(path, "utf8");\n` };
  const source = `${header}import { load } from "./files";\nexport const run = plugin(string, string, (input) => (input === "read" ? load("x") : "not read"));\n`;

  it("fail the build, naming the module, the chain of imports and what to use instead", () => {
    const run = buildFixture("node-fs-chain", source, [], { files });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('files.ts:1:');
    expect(run.stderr).toContain('"fs" is a Node.js built-in module that plug-ins cannot use');
    expect(run.stderr).toContain("imported by: index.ts -> files.ts -> fs");
    expect(run.stderr).toContain("--stub fs");
  });

  it("point HTTP at @extism-ts/http or fetch", () => {
    const run = buildFixture("node-https", `import https from "node:https";\nexport const f = () => https;\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('"https" is a Node.js built-in module');
    expect(run.stderr).toContain("use @extism-ts/http or fetch");
  });

  it("build with --stub, and say so when the stubbed module is called", async () => {
    const run = buildFixture("node-fs-stub", source, ["--stub", "fs"], { files });
    expect(run.stderr).toBe("");
    const [untouched, called] = await jsSdk2.run(run.wasm, [{ function: "run", input: "skip" }, { function: "run", input: "read" }]);
    expect(text(untouched)).toBe("not read");
    expect(failure(called)).toContain('fs.readFileSync: "fs" is not available in a plug-in (the build stubbed it with --stub fs)');
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

  it("take the conditions and NODE_ENV the project config gives", async () => {
    const [browser] = await jsSdk2.run(project("resolve-browser", { conditions: ["browser"], nodeEnv: "development" }), [{ function: "run" }]);
    expect(JSON.parse(text(browser)).slice(0, 3)).toEqual(["browser", "no require", "development"]);
    const [node] = await jsSdk2.run(project("resolve-none", { conditions: [] }), [{ function: "run" }]);
    expect(JSON.parse(text(node))[0]).toBe("node");
  });
});
