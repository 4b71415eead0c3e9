// Compiles QuickJS-NG (sources from the checksum-pinned `rquickjs-sys`
// crate, fetched by cargo: scripts/quickjs-sources.mjs) and the bridge in
// src/c with the pinned @yowasp/clang into each engine of ENGINE_BUILDS
// (dist/engine.wasm, dist/engine-speed.wasm, dist/engine-aot.wasm). Same
// inputs, same compiler: same bytes on every machine. EXTISM_TS_ENGINE_BUILDS
// (names, comma-separated) builds only those, for a quicker loop on one.
import { mkdir, readdir, readFile, writeFile, copyFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runClang } from "@yowasp/clang";
import binaryen from "binaryen";
import { quickjsSourceDir } from "./quickjs-sources.mjs";
import { applyPatches } from "./quickjs-patches.mjs";
import { optimizeWithTableReferences } from "./table-references.mjs";
import { contractHeader, ENGINE_BUILDS, tableReferencesFile } from "../dist/contract.js";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const quickjsDir = quickjsSourceDir();
const bridgeDir = join(packageDir, "src/c");
// Math functions computed as V8 computes them; quickjs.c calls them (see quickjs-patches.mjs).
const mathDir = join(packageDir, "src/math");

// quickjs.c is compiled through src/c/quickjs_unit.c, which reaches its internals.
const compiledDirectly = ["libregexp.c", "libunicode.c", "dtoa.c"];
const quickjsFiles = (await readdir(quickjsDir)).filter((name) => name.endsWith(".h") || name === "quickjs.c" || compiledDirectly.includes(name));
const bridgeFiles = (await readdir(bridgeDir)).filter((name) => /\.[ch]$/.test(name)).sort();

const tree = { quickjs: {}, bridge: {}, math: {} };
for (const name of quickjsFiles) tree.quickjs[name] = await readFile(join(quickjsDir, name));
applyPatches(tree.quickjs);
for (const name of bridgeFiles) tree.bridge[name] = await readFile(join(bridgeDir, name));
for (const name of ["fdlibm.c", "fdlibm.h"]) tree.math[name] = await readFile(join(mathDir, name));

const TABLE_BASE = 5000;
// The bridge's C (src/c) is held to these; host lengths are 64-bit and wasm32's size_t is not.
const BRIDGE_WARNINGS = ["-Wall", "-Wextra", "-Wshorten-64-to-32", "-Wsign-compare", "-Wimplicit-fallthrough", "-Werror"];

const common = [
  "clang",
  "--target=wasm32-wasip1",
  "-flto",
  "-std=gnu11",
  "-funsigned-char",
  "-D_GNU_SOURCE",
  "-ffile-prefix-map=/=",
  // No -DEMSCRIPTEN: with computed-goto dispatch wasmtime gives each JS call less native stack
  // (931 frames of a simple recursion in 512 KiB, against 814; see docs/decisions/quickjs-ng.md).
];
// QuickJS-NG is compiled as its authors ship it. quickjs.c reaches the bridge
// through quickjs_unit.c from a system include directory, so that its
// warnings stay its own while everything in src/c is held to BRIDGE_WARNINGS.
const quickjsCompile = ["-Wno-everything", "-Iquickjs", "-c", ...compiledDirectly.map((name) => `quickjs/${name}`)];
const bridgeSources = bridgeFiles.filter((name) => name.endsWith(".c"));
const bridgeCompile = [...BRIDGE_WARNINGS, "-isystem", "quickjs", "-Ibridge", "-Imath", "-c", ...bridgeSources.map((name) => `bridge/${name}`), "math/fdlibm.c"];
const objects = [...compiledDirectly, ...bridgeSources, "fdlibm.c"].map((name) => name.replace(/\.c$/, ".o"));
const link = [
  "-mexec-model=reactor",
  ...objects,
  "-Wl,-z,stack-size=1048576",
  // Function-table indices start far from the small numbers code and data are
  // full of, so that where the heap holds one (which only a scan can find)
  // few numbers look like one (see prune in @extism-ts/codegen's link step).
  `-Wl,--table-base=${TABLE_BASE}`,
  // Where static data and code hold table indices, for the same step: read
  // into the engine's TableReferences (scripts/table-references.mjs), then dropped.
  "-Wl,--emit-relocs",
  "-Wl,--strip-debug",
  "-o",
  "engine.wasm",
];

await mkdir(join(packageDir, "dist"), { recursive: true });
const only = process.env.EXTISM_TS_ENGINE_BUILDS?.split(",");
for (const [profile, { file, clang, binaryenShrinkLevel, ...build }] of Object.entries(ENGINE_BUILDS)) {
  if (only && !only.includes(profile)) continue;
  const defines = (build.defines ?? []).map((name) => `-D${name}`);
  const started = Date.now();
  // The contract (src/contract.ts) is the one description of what the build and the engine share; the C registry of natives is made from it.
  let output = { ...tree, bridge: { ...tree.bridge, "contract.h": Buffer.from(contractHeader(profile)) } };
  try {
    for (const args of [quickjsCompile, bridgeCompile, link]) {
      output = await runClang([...common, clang, ...defines, ...args], output, {
        stderr: (bytes) => bytes && process.stderr.write(bytes),
        fetchProgress: () => {},
      });
    }
  } catch (error) {
    // The compiler's diagnostics went to stderr already; the error carries the whole file tree.
    console.error(`engine build failed (${profile}): clang exited with ${error.code ?? error.message}`);
    process.exit(1);
  }
  // The whole-program optimization happens once here, so that building a
  // plug-in only has to drop what the plug-in does not use.
  const { engine, references } = optimizeWithTableReferences(output["engine.wasm"], (module) => {
    binaryen.setOptimizeLevel(2);
    binaryen.setShrinkLevel(binaryenShrinkLevel);
    // Function names stay: the build finds what it needs through the contract, not by name, but a
    // plug-in's name section takes the names of the functions a trap can pass through from here.
    binaryen.setDebugInfo(true);
    module.optimize();
  });
  await writeFile(join(packageDir, "dist", file), engine);
  await writeFile(join(packageDir, "dist", tableReferencesFile(file)), JSON.stringify(references));
  console.log(`${file}: ${engine.length} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
await copyFile(join(quickjsDir, "LICENSE"), join(packageDir, "dist/QUICKJS-LICENSE"));
