import type { ImportSignature, PluginInterface, Schema, Value } from "./model.js";
import { docComment, objectType, refName, tsType, valueType } from "./typescript.js";

/** Names the generated module declares itself: a schema of the same name is renamed. */
const RESERVED = new Set(["Plugin", "PluginOptions", "HostFunctions", "ExtismPlugin", "CallContext", "ExtismPluginOptions", "Manifest", "create"]);

/** The convert codecs that are values; the others are factories, called. */
export const CONSTANT_CODECS = new Set(["string", "bytes", "bool", "unit", "i32", "u32", "f32", "f64", "i64", "u64"]);
export const FACTORY_CODECS = new Set(["json", "msgpack", "base64", "base64url", "hex"]);

/**
 * A TypeScript module for hosts on @extism/extism: `create(manifest, options)`
 * gives an object with one async method per export, taking and returning the
 * export's types, the codecs applied on the host's side with
 * @extism-ts/convert (the plug-in's own encodings, byte for byte); host
 * functions are implemented as typed functions in `options.hostFunctions`.
 */
export function bindgenTs(description: PluginInterface, source: string): string {
  const names = new Map<string, string>();
  for (const name of Object.keys(description.schemas)) {
    let free = name;
    while (RESERVED.has(free) || [...names.values()].includes(free)) free = `${free}Type`;
    names.set(name, free);
  }
  const rename = (schema: Schema): Schema => JSON.parse(JSON.stringify(schema), (key, value) => (key === "$ref" ? `#/components/schemas/${names.get(refName(value)) ?? refName(value)}` : value));
  const renamed: PluginInterface = {
    ...description,
    exports: description.exports.map((entry) => ({
      ...entry,
      ...(entry.input ? { input: renameValue(entry.input, rename) } : {}),
      ...(entry.output ? { output: renameValue(entry.output, rename) } : {}),
    })),
    imports: description.imports.map((entry) => ({
      ...entry,
      params: entry.params.map((param) => renameValue(param, rename)),
      ...(entry.result ? { result: renameValue(entry.result, rename) } : {}),
    })),
  };

  const codecs = new Set<string>();
  const codec = (value: Value): string => {
    const name = value.codec ?? "bytes";
    // optional() adds the undefined; the inner codec's type is the value's own.
    const inner: Value = name.startsWith("optional(") && value.schema ? { ...value, codec: innerCodec(name), schema: { ...value.schema, nullable: false } } : { ...value, codec: innerCodec(name) };
    const expression = codecExpression(name, valueType(inner));
    for (let used = name; ; used = innerCodec(used)) {
      if (used.startsWith("optional(")) codecs.add("optional");
      else {
        codecs.add(CONSTANT_CODECS.has(used) || FACTORY_CODECS.has(used) ? used : "bytes");
        break;
      }
    }
    return expression;
  };

  const types: string[] = [];
  for (const [name, schema] of Object.entries(description.schemas)) {
    const own = rename(schema);
    const doc = own.description ? docComment(own.description, "") : "";
    const bare = { ...own, description: undefined };
    if (own.type === "object" && own.properties && !own.nullable) types.push(`${doc}export interface ${names.get(name)} ${objectType(bare, "json", "")}`);
    else types.push(`${doc}export type ${names.get(name)} = ${tsType(bare)};`);
  }

  const methods: string[] = [];
  const bodies: string[] = [];
  const codecTable: string[] = [];
  for (const entry of renamed.exports) {
    const doc = entry.description ? docComment(entry.description, "  ") : "";
    if (entry.raw) {
      codecTable.push(`  ${entry.name}: {},`);
      methods.push(`${doc}  ${entry.name}(input?: Uint8Array | string): Promise<Uint8Array>;`);
      bodies.push(`    ${entry.name}: async (input) => bytesOf(await extism.call(${JSON.stringify(entry.name)}, typeof input === "string" ? input : input && copy(input))),`);
      continue;
    }
    const parameter = entry.input && entry.input.codec !== "unit" ? `input: ${valueType(entry.input)}` : "";
    const result = entry.output && entry.output.codec !== "unit" ? valueType(entry.output) : "void";
    methods.push(`${doc}  ${entry.name}(${parameter}): Promise<${result}>;`);
    const table = [...(parameter ? [`input: ${codec(entry.input!)}`] : []), ...(result === "void" ? [] : [`output: ${codec(entry.output!)}`])];
    codecTable.push(`  ${entry.name}: { ${table.join(", ")} },`.replace("{  }", "{}"));
    const call = `extism.call(${JSON.stringify(entry.name)}${parameter ? `, copy(${codec(entry.input!)}.encode(input))` : ""})`;
    bodies.push(
      result === "void"
        ? `    ${entry.name}: async (${parameter ? "input" : ""}) => {\n      await ${call};\n    },`
        : `    ${entry.name}: async (${parameter ? "input" : ""}) => ${codec(entry.output!)}.decode(bytesOf(await ${call})),`,
    );
  }

  const hostMembers: string[] = [];
  const namespaces = new Map<string, string[]>();
  for (const entry of renamed.imports) {
    const doc = entry.description ? docComment(entry.description, "  ") : "";
    const params = entry.params.map((param, i) => `${paramName(param, i)}: ${valueType(param)}`).join(", ");
    hostMembers.push(`${doc}  ${entry.name}(${params}): ${entry.result ? valueType(entry.result) : "void"};`);
    (namespaces.get(entry.namespace) ?? namespaces.set(entry.namespace, []).get(entry.namespace)!).push(hostFunction(entry, codec));
  }

  const hasImports = renamed.imports.length > 0;
  const lines = [
    `// Made by \`extism-ts bindgen\` from ${source}: make it again rather than edit it.`,
    `import createPlugin, { type CallContext, type ExtismPluginOptions, type Plugin as ExtismPlugin } from "@extism/extism";`,
    ...(codecs.size > 0 ? [`import { ${[...codecs].sort().join(", ")}${bodies.concat(namespacesText(namespaces)).some((line) => line.includes(" as Codec<")) ? ", type Codec" : ""} } from "@extism-ts/convert";`] : []),
    "",
    ...types.flatMap((type) => [type, ""]),
    "/** The plug-in's exports: each encodes its input and decodes its output as the plug-in does. */",
    "export interface Plugin {",
    ...methods,
    "  /** The @extism/extism plug-in underneath. */",
    "  readonly extism: ExtismPlugin;",
    "  close(): Promise<void>;",
    "}",
    "",
    "/** Each export's codecs, the plug-in's own: for @extism-ts/testing's typedCalls(plugin, exportCodecs). */",
    "export const exportCodecs = {",
    ...codecTable,
    "};",
    "",
    hasImports ? "/** The host functions the plug-in imports, with the values they take and give. */" : "/** The plug-in imports no host function. */",
    `export interface HostFunctions {${hostMembers.length ? `\n${hostMembers.join("\n")}\n` : ""}}`,
    "",
    ...(description.config?.length
      ? [
          "/** The config keys the plug-in reads (any other key is passed on as well). */",
          `export type PluginConfig = { ${description.config.map((key) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}?: string`).join("; ")} } & Record<string, string>;`,
          "",
          `export type PluginOptions = Omit<ExtismPluginOptions, "functions" | "config"> & { hostFunctions${hasImports ? "" : "?"}: HostFunctions; config?: PluginConfig };`,
        ]
      : [`export type PluginOptions = Omit<ExtismPluginOptions, "functions"> & { hostFunctions${hasImports ? "" : "?"}: HostFunctions };`]),
    "",
    "/** Load the plug-in (a path, URL, Manifest or bytes, as @extism/extism takes it). */",
    `export async function create(manifest: Parameters<typeof createPlugin>[0], options: PluginOptions${hasImports ? "" : " = {}"}): Promise<Plugin> {`,
    `  const { hostFunctions, ...rest } = options;`,
    ...(hasImports ? [] : ["  void hostFunctions;"]),
    "  const functions = {",
    ...[...namespaces].map(([namespace, fns]) => `    ${JSON.stringify(namespace)}: {\n${fns.join("\n")}\n    },`),
    "  };",
    "  const extism = await createPlugin(manifest, { ...rest, functions });",
    "  return {",
    "    extism,",
    "    close: () => extism.close(),",
    ...bodies,
    "  };",
    "}",
    "",
    "// @extism/extism 1.x sends a view's whole buffer: a copy is sent exactly.",
    "function copy(bytes: Uint8Array): Uint8Array {",
    "  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();",
    "}",
    "",
    "function bytesOf(output: { bytes(): Uint8Array } | null): Uint8Array {",
    "  return output === null ? new Uint8Array() : output.bytes().slice();",
    "}",
    ...(hasImports
      ? [
          "",
          "// Offset 0 is empty bytes, as the plug-in passes them.",
          "function read(context: CallContext, offset: bigint): Uint8Array {",
          "  return context.read(offset)?.bytes().slice() ?? new Uint8Array();",
          "}",
        ]
      : []),
    "",
  ];
  return lines.join("\n");
}

function renameValue(value: Value, rename: (schema: Schema) => Schema): Value {
  return value.schema ? { ...value, schema: rename(value.schema) } : value;
}

export function innerCodec(codec: string): string {
  return codec.startsWith("optional(") ? codec.slice("optional(".length, -1) : codec;
}

/** The convert expression of a codec, typed; a codec of the plug-in's own is bytes to the host. */
export function codecExpression(codec: string, type: string): string {
  if (codec.startsWith("optional(")) return `optional(${codecExpression(innerCodec(codec), type)})`;
  if (codec === "json" || codec === "msgpack") return `${codec}<${type}>()`;
  if (FACTORY_CODECS.has(codec)) return `${codec}()`;
  // A string codec typed narrower (an enum of strings) reads and writes those strings as they are.
  if (codec === "string" && type !== "string") return `(string as Codec<${type}>)`;
  if (CONSTANT_CODECS.has(codec)) return codec;
  return "bytes";
}

function paramName(value: Value, position: number): string {
  return value.name && /^[A-Za-z_$][\w$]*$/.test(value.name) ? value.name : `arg${position}`;
}

/** The @extism/extism host function: memory offsets read and written with the codecs, wasm values as they are. */
function hostFunction(entry: ImportSignature, codec: (value: Value) => string): string {
  const params = entry.params.map((param, i) => `${paramName(param, i)}: ${param.wasm === "i64" || !param.wasm ? "bigint" : "number"}`);
  const args = entry.params.map((param, i) => (param.wasm ? paramName(param, i) : `${codec(param)}.decode(read(context, ${paramName(param, i)}))`));
  const call = `hostFunctions.${entry.name}(${args.join(", ")})`;
  const body = !entry.result ? `${call};` : entry.result.wasm ? `return ${call};` : `return context.store(copy(${codec(entry.result)}.encode(${call})));`;
  return `      ${entry.name}: (context: CallContext${params.length ? `, ${params.join(", ")}` : ""}) => {\n        ${body}\n      },`;
}

function namespacesText(namespaces: Map<string, string[]>): string[] {
  return [...namespaces.values()].flat();
}
