// @extism-ts/types against the engine, both ways: every global the types
// declare exists in a real plug-in with the declared kind (class, function,
// object), and every global a plug-in has is declared. A global added to the
// engine without a type, or a type for a global the engine lacks, fails here.
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { WEB_GLOBAL_NAMES } from "@extism-ts/engine/files";
import { readFileSync } from "node:fs";
import { buildFixture } from "./support/cli.js";
import { jsSdk2, text } from "./support/hosts.js";
import { repoRoot } from "./support/paths.js";

type Kind = "class" | "function" | "object" | "number" | "undefined" | "missing";

/** Declared by TypeScript's ES library, which cannot be taken in part, and left out of QuickJS-NG's build: the build warns where code names them. */
const LIB_GLOBALS_THE_ENGINE_LACKS = ["Atomics"];
/** What a browser or Node has and a plug-in does not: neither declared nor there. */
const ABSENT = ["document", "window", "localStorage", "sessionStorage", "XMLHttpRequest", "WebSocket", "require", "__dirname", "module", "location", "indexedDB", "caches"];

const typesEntry = join(repoRoot, "packages/types/index.d.ts");

/** extism-js's globals the build injects: the values @extism-ts/pdk/js-pdk-globals exports (loading it outside a plug-in would bind natives). */
const jsPdkGlobals = /export \{([^}]*)\};\s*$/
  .exec(readFileSync(join(repoRoot, "packages/pdk/dist/js-pdk-globals.d.ts"), "utf8"))![1]!
  .split(",")
  .map((name) => name.trim())
  .filter((name) => name !== "" && !name.startsWith("type "));

/** Each global value the types declare, with its kind, from the TypeScript checker; `extra` is more declaration text. */
export function declaredGlobals(extra = ""): Map<string, Kind> {
  const probe = "/platform-types-probe.ts";
  const options: ts.CompilerOptions = { lib: [], types: [], noEmit: true, skipLibCheck: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
  const host = ts.createCompilerHost(options);
  const probeText = `${extra}\nexport {};\n`;
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, language, ...rest) => (name === probe ? ts.createSourceFile(name, probeText, language) : getSourceFile.call(host, name, language, ...rest));
  const fileExists = host.fileExists;
  host.fileExists = (name) => name === probe || fileExists.call(host, name);
  const program = ts.createProgram([typesEntry, probe], options, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(probe)!;
  const kinds = new Map<string, Kind>();
  for (const symbol of checker.getSymbolsInScope(source, ts.SymbolFlags.Value)) {
    // Ambient modules ("node:crypto") are in scope too.
    if (symbol.flags & ts.SymbolFlags.ValueModule && symbol.name.startsWith('"')) continue;
    const declarations = symbol.getDeclarations() ?? [];
    // Module-scoped names of the probe itself are not globals.
    if (declarations.some((declaration) => declaration.getSourceFile() === source && !extra)) continue;
    const type = checker.getTypeOfSymbol(symbol);
    const kind: Kind =
      type.getConstructSignatures().length > 0
        ? "class"
        : type.getCallSignatures().length > 0
          ? "function"
          : type.flags & ts.TypeFlags.NumberLike
            ? "number"
            : type.flags & ts.TypeFlags.Undefined
              ? "undefined"
              : "object";
    kinds.set(symbol.name, kind);
  }
  return kinds;
}

/**
 * Members the types declare beyond the globals themselves: TypeScript's
 * esnext pieces the types reference and packages/types/language.d.ts's
 * augmentations, each read in a plug-in with `typeof`.
 */
const MEMBERS: Record<string, string> = {
  "Iterator.from": "function",
  "Iterator.concat": "function",
  "Iterator.prototype.take": "function",
  "Iterator.prototype.toArray": "function",
  "Set.prototype.union": "function",
  "Set.prototype.isDisjointFrom": "function",
  "Map.groupBy": "function",
  "Object.groupBy": "function",
  "Promise.try": "function",
  "Promise.withResolvers": "function",
  "Error.isError": "function",
  "Array.fromAsync": "function",
  "Array.prototype.toSorted": "function",
  "Math.f16round": "function",
  "Math.sumPrecise": "function",
  "Symbol.dispose": "symbol",
  "Symbol.asyncDispose": "symbol",
  "RegExp.escape": "function",
  "Map.prototype.getOrInsert": "function",
  "Map.prototype.getOrInsertComputed": "function",
  "WeakMap.prototype.getOrInsert": "function",
  "WeakMap.prototype.getOrInsertComputed": "function",
  "Uint8Array.fromBase64": "function",
  "Uint8Array.fromHex": "function",
  "Uint8Array.prototype.toBase64": "function",
  "Uint8Array.prototype.toHex": "function",
  "Uint8Array.prototype.setFromBase64": "function",
  "Uint8Array.prototype.setFromHex": "function",
  "JSON.rawJSON": "function",
  "JSON.isRawJSON": "function",
  "Error.captureStackTrace": "function",
  "Error.stackTraceLimit": "number",
  "String.prototype.isWellFormed": "function",
  "ArrayBuffer.prototype.transfer": "function",
};

/** tsc's errors for `code` (a module) against the types alone. */
function typeErrors(code: string): string[] {
  const file = "/platform-types-uses.ts";
  const options: ts.CompilerOptions = { lib: [], types: [], noEmit: true, skipLibCheck: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noUnusedLocals: false };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, language, ...rest) => (name === file ? ts.createSourceFile(name, `${code}\nexport {};\n`, language) : getSourceFile.call(host, name, language, ...rest));
  const fileExists = host.fileExists;
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  const program = ts.createProgram([typesEntry, file], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

/** What a plug-in has: the kind of each name (read as a free identifier) and globalThis's own property names, with every intrinsic kept (--eval). */
function pluginSource(names: readonly string[]): string {
  const entries = names.map((name) => `  ${JSON.stringify(name)}: kind(() => ${name}),`).join("\n");
  return `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";

function kindOf(value: unknown): string {
  if (typeof value === "function") {
    try {
      Reflect.construct(String, [], value);
      return "class";
    } catch {
      return "function";
    }
  }
  return value === null ? "null" : typeof value;
}
function kind(read: () => unknown): string {
  try {
    return kindOf(read());
  } catch {
    return "missing";
  }
}

export const globals = plugin(null, json(), () => ({
  own: Object.getOwnPropertyNames(globalThis),
  members: {
${Object.keys(MEMBERS).map((member) => `    ${JSON.stringify(member)}: typeof ${member},`).join("\n")}
  },
  kinds: {
${entries}
  },
}));
`;
}

/** The engine's globals: the web globals, extism-js's, process, and what the plug-in's globalThis holds (the engine's own names left out). */
function engineGlobals(own: readonly string[], webGlobals: readonly string[]): string[] {
  return [...new Set([...own.filter((name) => !name.startsWith("__extism_ts_")), ...webGlobals, ...jsPdkGlobals, "process"])].sort();
}

/** Each way the types and the plug-in disagree, one line each. */
export function mismatches(declared: Map<string, Kind>, runtime: Record<string, Kind>, engine: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [name, kind] of declared) {
    const actual = runtime[name];
    if (LIB_GLOBALS_THE_ENGINE_LACKS.includes(name)) {
      if (actual !== "missing") problems.push(`${name}: TypeScript's ES library declares it and the engine now has it: take it off LIB_GLOBALS_THE_ENGINE_LACKS`);
    } else if (actual === undefined || actual === "missing") problems.push(`${name}: declared (${kind}), but a plug-in does not have it`);
    else if (kind === "class" ? actual !== "class" : kind === "function" ? actual !== "function" && actual !== "class" : actual !== kind) {
      problems.push(`${name}: declared as ${kind}, a plug-in has a ${actual}`);
    }
  }
  for (const name of engine) if (!declared.has(name)) problems.push(`${name}: a plug-in has it, but @extism-ts/types does not declare it`);
  for (const name of ABSENT) {
    if (declared.has(name)) problems.push(`${name}: declared, but plug-ins are not to have it`);
    // The bundler binds a free `require` to its shim, which throws "Dynamic require of x is not supported".
    if (runtime[name] !== "missing" && name !== "require") problems.push(`${name}: a plug-in has it (${runtime[name]})`);
  }
  return problems;
}

let declared: Map<string, Kind>;
let runtime: Record<string, Kind>;
let own: string[];
let members: Record<string, string>;

beforeAll(async () => {
  declared = declaredGlobals();
  // WebSocket is declared in the last test: the plug-in reads it too.
  const names = [...new Set([...declared.keys(), ...WEB_GLOBAL_NAMES, ...jsPdkGlobals, ...ABSENT])].sort();
  const build = buildFixture("platform-types", pluginSource(names), ["--eval"]);
  // The build warns about the names a plug-in lacks, which the plug-in reads on purpose, and nothing else.
  const warned = build.stderr.split("\n").filter(Boolean).map((line) => /^warning: \S+ (\w+) does not exist in a plug-in: /.exec(line)?.[1] ?? line);
  for (const name of warned) expect([...ABSENT, ...LIB_GLOBALS_THE_ENGINE_LACKS]).toContain(name);
  expect(warned).toEqual(expect.arrayContaining(["document", "window", "localStorage", "XMLHttpRequest", "require", "__dirname", "Atomics"]));
  expect(build.status).toBe(0);
  const [result] = await jsSdk2.run(build.wasm, [{ function: "globals", input: "" }], { config: {}, wasi: false, hostFunctions: [] });
  ({ own, members, kinds: runtime } = JSON.parse(text(result)) as { own: string[]; members: Record<string, string>; kinds: Record<string, Kind> });
}, 300_000);

describe("@extism-ts/types against a real plug-in", () => {
  it("declares every global a plug-in has, and each declared global is there with the declared kind", () => {
    expect(declared.size).toBeGreaterThan(100);
    expect(mismatches(declared, runtime, engineGlobals(own, WEB_GLOBAL_NAMES))).toEqual([]);
    // Spot checks of the kinds read from the types.
    expect([declared.get("URL"), declared.get("fetch"), declared.get("console"), declared.get("Buffer"), declared.get("Host")]).toEqual(["class", "function", "object", "class", "object"]);
  });

  it("has the language's members the types declare: TypeScript's esnext pieces and language.d.ts", () => {
    expect(members).toEqual(MEMBERS);
    // Each is declared: a program that uses them all type-checks against the types alone.
    const uses = Object.keys(MEMBERS).map((member, index) => `const use${index} = ${member};`).join("\n");
    expect(typeErrors(uses)).toEqual([]);
    // And the check can fail: what a plug-in lacks is not declared.
    expect(typeErrors("const title = document.title;")).toEqual(["Cannot find name 'document'. Do you need to change your target library? Try changing the 'lib' compiler option to include 'dom'."]);
  });

  it("fails when the engine gets a global that has no type", () => {
    expect(mismatches(declared, runtime, engineGlobals(own, [...WEB_GLOBAL_NAMES, "BroadcastChannel"]))).toEqual([
      "BroadcastChannel: a plug-in has it, but @extism-ts/types does not declare it",
    ]);
  });

  it("fails when the types declare a global the engine lacks", () => {
    const withExtra = declaredGlobals("declare global { var WebSocket: { new (url: string): object } }");
    expect(mismatches(withExtra, runtime, engineGlobals(own, WEB_GLOBAL_NAMES))).toEqual([
      "WebSocket: declared (class), but a plug-in does not have it",
      "WebSocket: declared, but plug-ins are not to have it",
    ]);
  });
});
