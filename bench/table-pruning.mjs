// Function-table pruning, exact against the scan it replaced: for every app
// and every npm case (test/npm.test.ts), the plug-in is linked twice from one
// snapshot, once with the engine's TableReferences (its linker's relocations,
// what `extism-ts build` uses) and once with references a scan makes, as the
// link step did before: every aligned word of static data whose value is a
// table index, and every constant in a function's code that is one, read at
// every byte. It prints, per plug-in, the entries each keeps and the bytes
// each plug-in has, fails when the relocations keep an entry the scan drops,
// and writes results/table-pruning.md.
//
//   node bench/table-pruning.mjs [name ...]   (after `pnpm turbo run build`)
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as codegen from "@extism-ts/codegen";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fromCodegen = createRequire(fileURLToPath(import.meta.resolve("@extism-ts/codegen")));
const { default: binaryen } = await import(pathToFileURL(fromCodegen.resolve("binaryen")).href);
const engineWasmPath = join(root, "packages/engine/dist/engine.wasm");

function u32(bytes, state) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[state.position++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
}

function s32(bytes, position) {
  let value = 0n;
  let shift = 0n;
  let byte;
  do {
    byte = bytes[position++] ?? 0;
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte & 0x80 && position < bytes.length && shift < 70n);
  return byte & 0x40 ? value - (1n << shift) : value;
}

/** What the link step scanned for before the relocations, as TableReferences. */
function scanReferences(engine, range) {
  const inRange = (value) => value >= range.start && value < range.end;
  const state = { position: 8 };
  let importedFunctions = 0;
  const data = [];
  const code = [];
  while (state.position < engine.length) {
    const id = engine[state.position++];
    const size = u32(engine, state);
    const end = state.position + size;
    if (id === 2) {
      for (let count = u32(engine, state); count > 0; count--) {
        for (let name = 0; name < 2; name++) {
          const length = u32(engine, state);
          state.position += length;
        }
        const kind = engine[state.position++];
        if (kind === 0) {
          importedFunctions++;
          u32(engine, state);
        } else if (kind === 3) state.position += 2;
        else throw new Error(`an engine import of kind ${kind}`);
      }
    } else if (id === 11) {
      // Active segments at constant addresses, as the engine's are; binaryen leaves runs of zeros out, so whole words come from an image.
      const image = new Map();
      for (let count = u32(engine, state); count > 0; count--) {
        if (u32(engine, state) !== 0) throw new Error("an engine data segment that is not active in memory 0");
        state.position++;
        const address = Number(s32(engine, state.position));
        while (engine[state.position++] & 0x80);
        state.position++; // end
        const length = u32(engine, state);
        for (let offset = 0; offset < length; offset++) image.set(address + offset, engine[state.position + offset]);
        state.position += length;
      }
      for (const address of new Set([...image.keys()].map((byte) => byte - (byte % 4)))) {
        const value = [0, 1, 2, 3].reduce((word, byte) => word + (image.get(address + byte) ?? 0) * 256 ** byte, 0);
        if (inRange(value)) data.push(address);
      }
    } else if (id === 10) {
      for (let count = u32(engine, state), index = importedFunctions; count > 0; count--, index++) {
        const bodyEnd = u32(engine, state) + state.position;
        const found = new Set();
        for (let at = state.position; at < bodyEnd - 1; at++) {
          if (engine[at] === 0x41) {
            const value = Number(BigInt.asUintN(32, s32(engine, at + 1)));
            if (inRange(value)) found.add(value);
          } else if (engine[at] === 0x42) {
            const value = BigInt.asUintN(64, s32(engine, at + 1));
            for (const half of [Number(value & 0xffffffffn), Number(value >> 32n)]) if (inRange(half)) found.add(half);
          }
        }
        if (found.size > 0) code.push([index, [...found]]);
        state.position = bodyEnd;
      }
    }
    state.position = end;
  }
  return { engine: "", data, code };
}

/** Each element segment's entries, by table index. */
function tableEntries(module) {
  const entries = new Map();
  for (let i = 0; i < module.getNumElementSegments(); i++) {
    const info = binaryen.getElementSegmentInfo(module.getElementSegmentByIndex(i));
    const offset = binaryen.getExpressionInfo(info.offset).value;
    info.data.forEach((name, position) => entries.set(offset + position, name));
  }
  return entries;
}

// One case a line in test/npm.test.ts's `cases`: { file, package, wasi?, resolve? }.
const npmCases = readFileSync(join(root, "test/npm.test.ts"), "utf8")
  .split("\n")
  .map((line) => /^\s*\{ file: "([^"]+)", package: (?:null|"([^"]+)")(.*)\},?$/.exec(line))
  .filter(Boolean)
  .map(([, file, name, rest]) => ({
    name: `npm ${file}`,
    package: name,
    entry: join(root, "test/.fixtures", `table-pruning-${file}`, "index.ts"),
    source: `import { plugin } from "@extism-ts/pdk";\nimport { string } from "@extism-ts/convert";\nimport run from "../../npm/cases/${file}.js";\nexport const main = plugin(null, string, () => run());\n`,
    wasi: /wasi: true/.test(rest),
    resolve: JSON.parse((/resolve: (\{[^}]*\})/.exec(rest)?.[1] ?? "{}").replace(/([\w-]+):/g, '"$1":')),
  }));
const apps = readdirSync(join(root, "apps"))
  .filter((name) => JSON.parse(readFileSync(join(root, "apps", name, "package.json"), "utf8")).scripts.build.startsWith("extism-ts build"))
  .map((name) => ({ name: `app ${name}`, entry: join(root, "apps", name, "src/index.ts"), wasi: false, resolve: {} }));
const wanted = process.argv.slice(2);
const targets = [...apps, ...npmCases].filter((target) => wanted.length === 0 || wanted.some((name) => target.name.includes(name)));

const engine = readFileSync(engineWasmPath);
const relocations = codegen.readTableReferences(engineWasmPath);
const probe = binaryen.readBinary(engine);
const indices = [...tableEntries(probe).keys()];
probe.dispose();
const scan = scanReferences(engine, { start: Math.min(...indices), end: Math.max(...indices) + 1 });

async function snapshotOf(target, resolve) {
  const { code, compilerUses } = await codegen.bundle(target.entry, undefined, { hostFunctions: [], fullStacks: false, resolution: { resolve } });
  const compiler = compilerUses.length > 0;
  const module = binaryen.readBinary(engine);
  codegen.exposeGlobals(module);
  const options = { keepCompiler: compiler, intrinsics: codegen.contextIntrinsics(code, compiler), buildInstant: codegen.buildInstant() };
  try {
    return { snapshot: await codegen.takeSnapshot(module.emitBinary(), code, "bundle.js", options), compiler };
  } finally {
    module.dispose();
  }
}

function linked(snapshot, options) {
  const module = binaryen.readBinary(engine);
  try {
    codegen.exposeGlobals(module);
    const before = tableEntries(module);
    codegen.link(module, snapshot, options);
    const after = tableEntries(module);
    const kept = [...before].filter(([index, name]) => after.get(index) === name).map(([index]) => index);
    return { kept: new Set(kept), bytes: codegen.optimize(module, snapshot.natives).length };
  } finally {
    module.dispose();
  }
}

const rows = [];
let failures = 0;
for (const target of targets) {
  if (target.source) {
    mkdirSync(dirname(target.entry), { recursive: true });
    writeFileSync(join(dirname(target.entry), "package.json"), JSON.stringify({ name: "table-pruning", private: true, type: "module" }));
    writeFileSync(target.entry, target.source);
  }
  let result;
  try {
    result = await snapshotOf(target, target.resolve);
  } catch (error) {
    // A browser build that needs a page: the build takes the package's worker build (pageBoundAtInit).
    const name = /(document|window) is not defined/.test(String(error?.message)) ? target.package : undefined;
    if (!name) {
      console.log(`${target.name}: does not build (${String(error?.message).split("\n")[0]})`);
      continue;
    }
    result = await snapshotOf(target, { ...target.resolve, [name]: "worker" });
  }
  const { snapshot, compiler } = result;
  const exact = linked(snapshot, { wasi: target.wasi, compiler, tableReferences: relocations });
  const scanned = linked(snapshot, { wasi: target.wasi, compiler, tableReferences: scan });
  const extra = [...exact.kept].filter((index) => !scanned.kept.has(index));
  if (extra.length > 0) failures++;
  const row = { name: target.name, scan: scanned.kept.size, relocations: exact.kept.size, scanBytes: scanned.bytes, relocationBytes: exact.bytes, keptOnlyByRelocations: extra };
  rows.push(row);
  console.log(`${row.name}: entries kept ${row.scan} -> ${row.relocations}, bytes ${row.scanBytes} -> ${row.relocationBytes}${extra.length ? `  KEPT ONLY WITH RELOCATIONS: ${extra.join(", ")}` : ""}`);
}

const total = (key) => rows.reduce((sum, row) => sum + row[key], 0);
const markdown = [
  "# Function-table pruning: relocations against the scan",
  "",
  `Written by \`node bench/table-pruning.mjs\`. Engine table: ${indices.length} entries; the engine's relocations name ${relocations.data.length} static words and ${relocations.code.length} functions' constants, the scan ${scan.data.length} words and ${scan.code.length} functions.`,
  "",
  "| plug-in | entries kept (scan) | entries kept (relocations) | bytes (scan) | bytes (relocations) | difference |",
  "|---|---:|---:|---:|---:|---:|",
  ...rows.map((row) => `| ${row.name} | ${row.scan} | ${row.relocations} | ${row.scanBytes} | ${row.relocationBytes} | ${row.relocationBytes - row.scanBytes} |`),
  `| all ${rows.length} | ${total("scan")} | ${total("relocations")} | ${total("scanBytes")} | ${total("relocationBytes")} | ${total("relocationBytes") - total("scanBytes")} |`,
  "",
];
if (wanted.length === 0) writeFileSync(join(root, "bench/results/table-pruning.md"), markdown.join("\n"));
if (failures > 0) {
  console.error(`${failures} plug-ins keep an entry with the relocations that the scan drops`);
  process.exit(1);
}
