import { readFileSync } from "node:fs";
import binaryen from "binaryen";
import { describe, expect, it } from "vitest";
import { engineWasmPath } from "@extism-ts/engine/files";
import { exposeGlobals, link } from "./link.js";
import { readTableReferences } from "./table-references.js";
import { optimize } from "./optimize.js";
import { inspectModule } from "./inspect.js";
import { takeSnapshot } from "./snapshot.js";
import { contextIntrinsics } from "./intrinsics.js";

/** Snapshot `code` in the engine, link and optimize it: the steps buildPlugin runs after the bundle. */
async function linked(code: string, options: { wasi: boolean; compiler: boolean }): Promise<Uint8Array<ArrayBuffer>> {
  const module = binaryen.readBinary(readFileSync(engineWasmPath));
  try {
    exposeGlobals(module);
    const snapshot = await takeSnapshot(module.emitBinary(), code, "bundle.js", { keepCompiler: options.compiler, intrinsics: contextIntrinsics(code, options.compiler), buildInstant: 0 });
    link(module, snapshot, { ...options, tableReferences: readTableReferences(engineWasmPath) });
    // binaryen hands out arrays over plain ArrayBuffers, never shared ones.
    return optimize(module) as Uint8Array<ArrayBuffer>;
  } finally {
    module.dispose();
  }
}

/** Every import answered by a function that records its name and returns 0. */
function recordingImports(wasm: Uint8Array<ArrayBuffer>, calls: string[]): WebAssembly.Imports {
  const imports: Record<string, Record<string, () => number | bigint>> = {};
  for (const entry of WebAssembly.Module.imports(new WebAssembly.Module(wasm))) {
    (imports[entry.module] ??= {})[entry.name] = () => {
      calls.push(`${entry.module} ${entry.name}`);
      return entry.name === "alloc" ? 1n : 0;
    };
  }
  return imports;
}

describe("link and optimize", () => {
  it("makes each export a wasm export that runs the snapshot's function, with no initializer and no WASI", async () => {
    const wasm = await linked("globalThis.__extism_ts_exports = { ping() { return 7; }, quiet() {} }", { wasi: false, compiler: false });
    const inspection = inspectModule(wasm);
    expect(inspection.exports).toEqual(["ping", "quiet"]);
    expect(inspection.wasi).toBe(false);
    const calls: string[] = [];
    const { exports } = (await WebAssembly.instantiate(wasm, recordingImports(wasm, calls))).instance;
    expect(Object.keys(exports).sort()).toEqual(["memory", "ping", "quiet"]);
    expect((exports.quiet as () => number)()).toBe(0);
    // A non-zero return code is reported as the call's error too.
    expect((exports.ping as () => number)()).toBe(7);
    expect(calls).toContain("extism:host/env error_set");
  });

  it("imports a declared host function with its exact signature, and nothing for undeclared ones", async () => {
    const code =
      'const twice = __extism_ts_native("host_function")(__extism_ts_native("host_declare")("my:ns", "twice", "I", "I"));' +
      " globalThis.__extism_ts_exports = { run() { return twice(2n); } };";
    const imports = inspectModule(await linked(code, { wasi: false, compiler: false })).imports;
    expect(imports.filter((entry) => entry.module === "my:ns")).toEqual([{ module: "my:ns", name: "twice", params: ["i64"], results: ["i64"] }]);
    expect(imports.filter((entry) => entry.module === "extism:host/user")).toEqual([]);
  });

  it("keeps WASI's imports with wasi, and the compiler's code with compiler", async () => {
    const code = "globalThis.__extism_ts_exports = { run() {} };";
    const plain = await linked(code, { wasi: false, compiler: false });
    const withWasi = await linked(code, { wasi: true, compiler: false });
    const withCompiler = await linked(code, { wasi: false, compiler: true });
    expect(inspectModule(withWasi).wasi).toBe(true);
    expect(withCompiler.length - plain.length).toBeGreaterThan(40_000);
  });

  it("drops the engine code of the intrinsics a bundle never names, and keeps each one it does name working", async () => {
    const plain = await linked("globalThis.__extism_ts_exports = { run() { return [3, 1, 2].toSorted()[0]; } };", { wasi: false, compiler: false });
    const naming =
      "globalThis.__extism_ts_exports = { run() { const m = new Map([[1, 2]]); const w = new WeakRef(m);" +
      " const p = new Proxy({}, { get: () => 3 }); const d = new Date(0); const r = /b+/.exec('abbc');" +
      " const t = new Uint16Array([4]); return m.get(1) + (w.deref() === m ? 1 : 0) + p.x + d.getTime() + r[0].length + t[0] + (Promise ? 1 : 0); } };";
    const full = await linked(naming, { wasi: false, compiler: false });
    expect(full.length - plain.length).toBeGreaterThan(60_000);
    for (const [wasm, expected] of [[plain, 1], [full, 2 + 1 + 3 + 0 + 2 + 4 + 1]] as const) {
      const { exports } = (await WebAssembly.instantiate(wasm, recordingImports(wasm, []))).instance;
      expect((exports.run as () => number)()).toBe(expected);
    }
  });
});
