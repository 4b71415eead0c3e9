import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inspectModule } from "@extism-ts/cli";
import { allHosts, text } from "./support/hosts.js";
import { buildFixture, runCli } from "./support/cli.js";
import { appWasm } from "./support/paths.js";

const greet = appWasm("greet");

describe("apps/greet", () => {
  for (const host of allHosts) {
    it(`answers from ${host.name} with WASI off`, async () => {
      const results = await host.run(greet, [
        { function: "greet", input: "Benjamin" },
        { function: "greet", input: "Zoë 🌍" },
        { function: "greet", input: "" },
      ]);
      expect(results.map(text)).toEqual(["Hello, Benjamin!", "Hello, Zoë 🌍!", "Hello, !"]);
    });

    it(`fails cleanly on invalid UTF-8 in ${host.name} and keeps answering`, async () => {
      const [bad, good] = await host.run(greet, [
        { function: "greet", input: new Uint8Array([0x41, 0xff, 0x42]) },
        { function: "greet", input: "again" },
      ]);
      expect(bad).toMatchObject({ ok: false });
      expect(bad!.ok ? "" : bad!.error).toContain("string: invalid UTF-8 at byte 1");
      expect(text(good)).toBe("Hello, again!");
    });
  }

  it("imports only the parts of extism:host/env it uses, and no initializer", () => {
    const inspection = inspectModule(readFileSync(greet));
    expect(new Set(inspection.imports.map((entry) => entry.module))).toEqual(new Set(["extism:host/env"]));
    const names = inspection.imports.map((entry) => entry.name).sort();
    expect(names).toEqual(
      ["alloc", "error_set", "input_length", "input_load_u64", "input_load_u8", "output_set", "store_u64", "store_u8"].sort(),
    );
    // Missing from @extism/extism 1.0.3: importing them would fail to load there.
    for (const newer of ["log_trace", "get_log_level", "http_headers"]) expect(names).not.toContain(newer);
    expect(inspection.exports).toEqual(["greet"]);
    expect(inspection.wasi).toBe(false);
  });

  it("is called by `extism-ts call` with the `extism call` flags", () => {
    const run = runCli(["call", greet, "greet", "--input", "Benjamin"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("Hello, Benjamin!");
    expect(run.status).toBe(0);
    const piped = runCli(["call", greet, "greet", "--stdin", "--loop", "2"], { input: "pipe" });
    expect(piped.stdout).toBe("Hello, pipe!Hello, pipe!");
  });

  it("is inspected by `extism-ts inspect`", () => {
    const run = runCli(["inspect", greet]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/exports: greet/);
    expect(run.stdout).toMatch(/wasi: +not needed/);
    expect(run.stdout).toMatch(/extism:host\/env\n(\s+\w+\(.*\n)+/);
  });
});

describe("extism-ts build", () => {
  const source = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
export const greet = plugin(string, string, (name) => \`Hi \${name}\`);
`;

  it("gives byte-identical wasm for the same source", () => {
    const first = buildFixture("deterministic-a", source);
    const second = buildFixture("deterministic-b", source);
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    expect(Buffer.compare(readFileSync(first.wasm), readFileSync(second.wasm))).toBe(0);
    expect(first.stdout).toMatch(/built .*plugin\.wasm in \d+ ms/);
  });

  it("reports a TypeScript syntax error with file:line:col and exit code 1", () => {
    const run = buildFixture("syntax-error", `import { plugin } from "@extism-ts/pdk";\nexport const f = plugin(null, null, () => {\n  let x = ;\n});\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/syntax-error\/index\.ts:3:11: error: Unexpected ";"/);
  });

  it("refuses an entry that exports no function", () => {
    const run = buildFixture("no-exports", `export const version = "1.0";\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("the entry exports no function");
  });

  it("fails the build when module-level code calls the host", () => {
    const run = buildFixture("host-call-at-init", `import { input, plugin } from "@extism-ts/pdk";\nconst early = input();\nexport const f = plugin(null, null, () => {});\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/while it initialized.*only work inside an exported function/s);
  });

  it("reports an error thrown by module-level code", () => {
    const run = buildFixture("throws-at-init", `throw new Error("broken config");\nexport function f() {}\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Error: broken config");
  });
});

describe("extism-ts call", () => {
  it("names the exports when the function does not exist", () => {
    const run = runCli(["call", greet, "greeet", "--input", "x"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("has no export 'greeet'; it exports: greet");
  });

  it("prints the plug-in's error and exits non-zero when the call fails", () => {
    const run = runCli(["call", greet, "greet", "--stdin"], { input: new Uint8Array([0xc3]) });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("invalid UTF-8");
    expect(run.stdout).toBe("");
  });
});
