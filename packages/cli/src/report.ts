import { relative } from "node:path";
import { WASM_FUNCTION_LIMITS, type BuildResult, type BundleModule, type CompilerUse, type SnapshotComposition } from "@extism-ts/codegen";

/** Where a module comes from, for people: the package for files under node_modules, else the path. */
function describe(path: string, cwd: string): string {
  const normalized = path.replace(/\\/g, "/");
  const match = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(normalized);
  if (match) return `${match[1]} ${match[2]}`;
  const shown = relative(cwd, path).replace(/\\/g, "/");
  return shown;
}

/** `build --report`: the largest modules in the bundle, by the bytes of JavaScript each adds. */
export function formatModuleReport(modules: readonly BundleModule[], count = 10, cwd = process.cwd()): string {
  const total = modules.reduce((sum, module) => sum + module.bytes, 0);
  const largest = [...modules].sort((a, b) => b.bytes - a.bytes).slice(0, count);
  const width = Math.max(...largest.map((module) => module.bytes.toLocaleString("en-US").length), 1);
  const lines = [`largest modules in the bundle (${modules.length} modules, ${total.toLocaleString("en-US")} bytes of JavaScript):`];
  for (const module of largest) {
    const share = total === 0 ? 0 : (module.bytes / total) * 100;
    lines.push(
      `  ${module.bytes.toLocaleString("en-US").padStart(width)} B  ${share.toFixed(1).padStart(5)}%  ${describe(module.path, cwd)}`,
    );
  }
  if (modules.length > largest.length) {
    const rest = modules.length - largest.length;
    const restBytes = total - largest.reduce((sum, module) => sum + module.bytes, 0);
    lines.push(`  ... and ${rest} more (${restBytes.toLocaleString("en-US")} bytes)`);
  }
  return lines.join("\n");
}

/** A place in the bundle's sources, for people: `marked lib/marked.esm.js:12:5` or `src/index.ts:3:1`. */
function describePlace(use: CompilerUse, cwd: string): string {
  return `${describe(use.file, cwd)}:${use.line}:${use.column}`;
}

/** The build's `eval:` line: whether the plug-in kept the JavaScript compiler, and why. */
export function describeCompiler(result: { compiler: boolean; compilerUses: readonly CompilerUse[] }, cwd = process.cwd()): string {
  if (!result.compiler) return "not available (no eval or new Function in the code; --eval keeps it)";
  const [first] = result.compilerUses;
  if (first === undefined) return "available (--eval keeps the JavaScript compiler)";
  const more = result.compilerUses.length - 1;
  return `available (the JavaScript compiler is kept: ${describePlace(first, cwd)} uses ${first.word}${more > 0 ? `, and ${more} more place${more === 1 ? "" : "s"} (--report)` : ""})`;
}

/** The build's `aot:` line: how many of the functions that loop weval compiled, and why any were not. */
export function describeAot({ requested, compiled, interpreted }: NonNullable<BuildResult["aot"]>): string {
  const limits = `${WASM_FUNCTION_LIMITS.bytes.toLocaleString("en")} bytes, ${WASM_FUNCTION_LIMITS.locals.toLocaleString("en")} locals`;
  const left = interpreted > 0 ? `; ${interpreted} left to the interpreter (weval failed on ${interpreted === 1 ? "it" : "them"}, or compiled past what a wasm engine takes in one function: ${limits})` : "";
  return `${compiled} of ${requested} function${requested === 1 ? "" : "s"} that loop compiled by weval${left}`;
}

/** `build --report`: every place that uses eval or Function, which is why the compiler stayed. */
export function formatCompilerReport(uses: readonly CompilerUse[], count = 20, cwd = process.cwd()): string {
  const lines = [`the JavaScript compiler is kept for eval or Function used at ${uses.length} place${uses.length === 1 ? "" : "s"}:`];
  for (const use of uses.slice(0, count)) lines.push(`  ${use.word.padEnd(8)} ${describePlace(use, cwd)}`);
  if (uses.length > count) lines.push(`  ... and ${uses.length - count} more`);
  return lines.join("\n");
}

/** `build --report`: what the plug-in's bytes are, the engine's code, its static data and the heap by kind. */
export function formatCompositionReport(composition: SnapshotComposition): string {
  const { heapKinds: kinds } = composition;
  const rows: Array<[number, string, number, string]> = [
    [1, "engine code", composition.code, "the engine's functions the plug-in can still call"],
    [1, "engine static data", composition.staticData, "the engine's C data and constants"],
    [1, "heap", composition.heap, "the JavaScript state initialization left"],
    [2, "bytecode", kinds.bytecode, `${composition.functions.toLocaleString("en-US")} compiled functions`],
    [2, "line tables", kinds.lineTables, "file:line for error stacks"],
    [2, "atoms", kinds.atoms, `${composition.atomCount.toLocaleString("en-US")} names and interned strings`],
    [2, "strings", kinds.strings, "other strings values hold"],
    [2, "shapes", kinds.shapes, "property layouts"],
    [2, "objects and arrays", kinds.objects, "with their properties, elements and closures' variables"],
    [2, "typed-array data", kinds.typedArrayData, "ArrayBuffer contents"],
    [2, "regular expressions", kinds.regexps, "compiled, with their source text"],
    [2, "maps and sets", kinds.maps, "entries and hash tables"],
    [2, "engine structures", kinds.engine, "runtime, context, class tables, job queues"],
    [2, "allocator, net", kinds.allocator, "headers, partly used arenas, the bridge's own, less zeros left out"],
    [1, "run table", composition.runTable, `where each of the snapshot's ${composition.runs.toLocaleString("en-US")} runs of bytes goes`],
    [1, "rest", composition.other, "types, imports, exports, function table, names"],
  ];
  const width = Math.max(...rows.map(([, , bytes]) => bytes.toLocaleString("en-US").length));
  const label = Math.max(...rows.map(([depth, name]) => depth * 2 + name.length));
  const lines = [`what the plug-in's ${composition.total.toLocaleString("en-US")} bytes are (the heap's kinds count allocations, zero bytes included):`];
  for (const [depth, name, bytes, note] of rows) {
    const share = composition.total === 0 ? 0 : (bytes / composition.total) * 100;
    lines.push(`${" ".repeat(depth * 2)}${name.padEnd(label - depth * 2)}  ${bytes.toLocaleString("en-US").padStart(width)} B  ${share.toFixed(1).padStart(5)}%  ${note}`);
  }
  return lines.join("\n");
}
