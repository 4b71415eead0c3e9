import type { PluginInterface, Schema, Value } from "./model.js";
import { objectType, tsType } from "./typescript.js";

/** A value as the plug-in's source writes it: `string`, `json<Add>`, `optional(i32)`, `i64` (a wasm value). */
function valueText(value: Value): string {
  if (value.wasm) return value.wasm;
  const codec = value.codec ?? "bytes";
  const typed = /^(optional\()?(json|msgpack)\)?$/.exec(codec);
  if (!typed) return codec;
  const flavour = typed[2] as "json" | "msgpack";
  const schema = value.schema ?? {};
  const type = codec.startsWith("optional(") ? tsType({ ...schema, nullable: false }, flavour) : tsType(schema, flavour);
  const inner = type === "unknown" ? `${flavour}()` : `${flavour}<${type}>`;
  return codec.startsWith("optional(") ? `optional(${inner})` : inner;
}

/** The signatures `extism-ts inspect` prints: one line per export, host function and named type. */
export function formatInterface(description: PluginInterface): string {
  const lines: string[] = [];
  for (const entry of description.exports) {
    if (entry.raw) {
      lines.push(`  export ${entry.name}()  raw: reads its input and writes its output itself`);
      continue;
    }
    lines.push(`  export ${entry.name}(${entry.input ? valueText(entry.input) : ""})${entry.output ? ` -> ${valueText(entry.output)}` : ""}`);
  }
  for (const entry of description.imports) {
    const params = entry.params.map((param) => (param.name ? `${param.name}: ${valueText(param)}` : valueText(param))).join(", ");
    lines.push(`  import ${entry.namespace} ${entry.name}(${params})${entry.result ? ` -> ${valueText(entry.result)}` : ""}`);
  }
  for (const [name, schema] of Object.entries(description.schemas)) {
    // One line a type: the descriptions are in the schema and the bindings.
    const bare = withoutDescriptions(schema);
    lines.push(`  type ${name} = ${bare.properties || bare.additionalProperties ? objectType(bare, "json", "  ") : tsType(bare)}`);
  }
  if (description.config?.length) lines.push(`  config: ${description.config.join(", ")}`);
  return lines.join("\n");
}

function withoutDescriptions(schema: Schema): Schema {
  const { description: _, items, properties, additionalProperties, anyOf, ...rest } = schema;
  return {
    ...rest,
    ...(items ? { items: withoutDescriptions(items) } : {}),
    ...(properties ? { properties: Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, withoutDescriptions(value)])) } : {}),
    ...(additionalProperties ? { additionalProperties: withoutDescriptions(additionalProperties) } : {}),
    ...(anyOf ? { anyOf: anyOf.map(withoutDescriptions) } : {}),
  };
}
