import type { PluginInterface, Schema, Value } from "./model.js";
import { codecExpression, CONSTANT_CODECS, FACTORY_CODECS, innerCodec } from "./bindgen-ts.js";
import { docComment, objectType, refName, tsType, valueType } from "./typescript.js";

/** The files of a plug-in project made from an interface (`extism-ts init --schema`). */
export interface ScaffoldedPlugin {
  /** src/index.ts: the types, the host functions as hostFn declarations, each export a plugin() stub. */
  index: string;
  /** test/plugin.test.ts: each export called through the testing kit, host functions mocked. */
  test: string;
}

/** What a stub throws until it is written: the generated test expects it. */
export function notImplemented(name: string): string {
  return `${name} is not implemented yet`;
}

function used(codecs: Set<string>, codec: string): void {
  for (let name = codec; ; name = innerCodec(name)) {
    if (name.startsWith("optional(")) codecs.add("optional");
    else return void codecs.add(CONSTANT_CODECS.has(name) || FACTORY_CODECS.has(name) ? name : "bytes");
  }
}

/** The codec of a value with its type, as the plug-in's source writes it. */
function sourceCodec(value: Value, codecs: Set<string>): string {
  const codec = value.codec ?? "bytes";
  used(codecs, codec);
  const inner: Value = codec.startsWith("optional(") && value.schema ? { ...value, codec: innerCodec(codec), schema: { ...value.schema, nullable: false } } : { ...value, codec: innerCodec(codec) };
  return codecExpression(codec, valueType(inner, "plugin"));
}

/**
 * A plug-in that has the interface: building it records the same exports,
 * imports and types. Each export throws until it is written; the test
 * calls each with a value of its input's type and expects that, so that it
 * passes from the start and says what to replace.
 */
export function scaffoldPlugin(description: PluginInterface, source: string): ScaffoldedPlugin {
  const codecs = new Set<string>();
  const body: string[] = [];

  for (const [name, schema] of Object.entries(description.schemas)) {
    const doc = schema.description ? docComment(schema.description, "") : "";
    const bare: Schema = { ...schema };
    delete bare.description;
    if (bare.type === "object" && bare.properties && !bare.nullable) body.push(`${doc}export interface ${name} ${objectType(bare, "source", "")}`, "");
    else body.push(`${doc}export type ${name} = ${tsType(bare, "source")};`, "");
  }

  for (const entry of description.imports) {
    const doc = entry.description ? docComment(entry.description, "") : "";
    const params = entry.params.map((param, i) => `${param.name ?? `arg${i}`}: ${valueType(param, "plugin")}`).join(", ");
    const result = entry.result ? valueType(entry.result, "plugin") : "void";
    const kinds = entry.params.map((param) => (param.wasm ? JSON.stringify(param.wasm) : sourceCodec(param, codecs)));
    const resultKind = entry.result ? (entry.result.wasm ? JSON.stringify(entry.result.wasm) : sourceCodec(entry.result, codecs)) : undefined;
    const signature = [...(entry.namespace === "extism:host/user" ? [] : [`namespace: ${JSON.stringify(entry.namespace)}`]), `params: [${kinds.join(", ")}]`, ...(resultKind ? [`result: ${resultKind}`] : [])];
    // Not exported: an exported function would be a plug-in export.
    body.push(`${doc}const ${entry.name} = hostFn<(${params}) => ${result}>(${JSON.stringify(entry.name)}, { ${signature.join(", ")} });`, "");
  }

  for (const entry of description.exports) {
    const doc = entry.description ? docComment(entry.description, "") : "";
    if (entry.raw) {
      body.push(`${doc}export function ${entry.name}(): number {`, `  throw new Error(${JSON.stringify(notImplemented(entry.name))});`, "}", "");
      continue;
    }
    const input = entry.input ? sourceCodec(entry.input, codecs) : "null";
    const output = entry.output ? sourceCodec(entry.output, codecs) : "null";
    const parameter = entry.input ? `_input: ${valueType(entry.input, "plugin")}` : "";
    body.push(
      `${doc}export const ${entry.name} = plugin(${input}, ${output}, (${parameter}) => {`,
      `  throw new Error(${JSON.stringify(notImplemented(entry.name))});`,
      "});",
      "",
    );
  }

  const convertImports = [...codecs].sort();
  const needsCodecType = body.some((line) => line.includes(" as Codec<"));
  const index = [
    `// Made by \`extism-ts init --schema ${source}\`: each export throws until you write it.`,
    `import { plugin } from "@extism-ts/pdk";`,
    ...(convertImports.length || needsCodecType ? [`import { ${[...convertImports, ...(needsCodecType ? ["type Codec"] : [])].join(", ")} } from "@extism-ts/convert";`] : []),
    ...(description.imports.length ? [`import { hostFn } from "@extism-ts/host-fn";`] : []),
    "",
    ...body,
  ].join("\n");

  return { index, test: scaffoldTest(description) };
}

/** A value of a schema's type, for the generated test's inputs: the first of an enum, empty collections, required fields only. */
function sample(schema: Schema | undefined, schemas: Record<string, Schema>, seen: Set<string> = new Set()): string {
  if (!schema) return "undefined";
  if (schema.$ref) {
    const name = refName(schema.$ref);
    if (seen.has(name) || !schemas[name]) return "null";
    return sample(schemas[name], schemas, new Set([...seen, name]));
  }
  if (schema.enum) return JSON.stringify(schema.enum[0]);
  if (schema.anyOf) return sample(schema.anyOf[0], schemas, seen);
  switch (schema.type) {
    case "string":
      return schema.format === "date-time" ? JSON.stringify(new Date(0).toISOString()) : '""';
    case "number":
    case "integer":
      return "0";
    case "boolean":
      return "false";
    case "array":
      return "[]";
    case "buffer":
      return "new Uint8Array()";
    case "null":
      return "null";
    default: {
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties ?? {})
        .filter(([name]) => required.has(name))
        .map(([name, property]) => `${JSON.stringify(name)}: ${sample(property, schemas, seen)}`);
      return fields.length ? `{ ${fields.join(", ")} }` : "{}";
    }
  }
}

/** The test-side codec of a value: untyped, as the test sends samples. */
function testCodec(value: Value, codecs: Set<string>): string {
  if (value.wasm) return JSON.stringify(value.wasm);
  const codec = value.codec ?? "bytes";
  used(codecs, codec);
  return codecExpression(codec, "unknown").replace("(string as Codec<unknown>)", "string");
}

function scaffoldTest(description: PluginInterface): string {
  const codecs = new Set<string>();
  const mocks = description.imports.map((entry) => {
    const params = entry.params.map((param) => testCodec(param, codecs));
    const result = entry.result ? testCodec(entry.result, codecs) : "null";
    const value = entry.result ? sample(entry.result.schema, description.schemas) : "undefined";
    return { entry, line: `mock([${params.join(", ")}], ${result}, () => ${value.startsWith("{") ? `(${value})` : value})` };
  });
  const byNamespace = new Map<string, string[]>();
  for (const { entry, line } of mocks) {
    const key = /^[A-Za-z_$][\w$]*$/.test(entry.name) ? entry.name : JSON.stringify(entry.name);
    (byNamespace.get(entry.namespace) ?? byNamespace.set(entry.namespace, []).get(entry.namespace)!).push(`    ${key}: ${line},`);
  }
  const cases = description.exports.map((entry) => {
    const input = entry.raw || !entry.input ? "" : `, ${sample(entry.input.schema ?? (entry.input.codec === "string" ? { type: "string" } : undefined), description.schemas)}, { input: ${testCodec(entry.input, codecs)} }`;
    return [
      `describe(${JSON.stringify(entry.name)}, () => {`,
      `  it("is still to be written", async () => {`,
      "    const plugin = await load();",
      `    await expect(plugin.call(${JSON.stringify(entry.name)}${input})).rejects.toThrow(${JSON.stringify(notImplemented(entry.name))});`,
      "  });",
      "});",
      "",
    ].join("\n");
  });
  const convert = [...codecs].sort();
  return [
    `import { execSync } from "node:child_process";`,
    `import { fileURLToPath } from "node:url";`,
    ...(convert.length ? [`import { ${convert.join(", ")} } from "@extism-ts/convert";`] : []),
    `import { loadPlugin, ${mocks.length ? "mock, " : ""}type Plugin } from "@extism-ts/testing";`,
    `import { afterEach, beforeAll, describe, expect, it } from "vitest";`,
    "",
    `const projectDir = fileURLToPath(new URL("..", import.meta.url));`,
    `const wasm = new URL("../dist/plugin.wasm", import.meta.url);`,
    "",
    "// Build first, as `npm run build` does, so that the tests always call the current code.",
    "beforeAll(() => {",
    `  execSync("npm run build --silent", { cwd: projectDir, stdio: "inherit" });`,
    "}, 120_000);",
    "",
    "let loaded: Plugin[] = [];",
    "afterEach(async () => {",
    "  await Promise.all(loaded.map((plugin) => plugin.close()));",
    "  loaded = [];",
    "});",
    "",
    "/** A fresh instance for each test, with a mock of each host function it imports (replace their answers with yours). */",
    "async function load() {",
    "  const plugin = await loadPlugin(wasm, {",
    "    hostFunctions: {",
    ...[...byNamespace].map(([namespace, lines]) => `      ${JSON.stringify(namespace)}: {\n${lines.map((line) => `    ${line}`).join("\n")}\n      },`),
    "    },",
    "  });",
    "  loaded.push(plugin);",
    "  return plugin;",
    "}",
    "",
    "// Each export throws until it is written: replace each test with what the export should do.",
    ...cases,
  ].join("\n");
}
