import { PRIMITIVE_CODECS, SCHEMA_REF_PREFIX, type Schema, type Value } from "./model.js";

/**
 * How a codec hands values to the host: JSON gives dates as strings, msgpack
 * as Date and big integers as bigint. "source" is the plug-in's own code,
 * where a date-time is the Date that JSON.stringify writes as one.
 */
export type Flavour = "json" | "msgpack" | "source";

/** A schema as a TypeScript type, from the host's side of the codec. */
export function tsType(schema: Schema, flavour: Flavour = "json"): string {
  const base = baseType(schema, flavour);
  return schema.nullable && base !== "null" && base !== "unknown" ? `${parenthesized(base)} | null` : base;
}

function parenthesized(type: string): string {
  return /[|&]/.test(type) && !/^\{[\s\S]*\}$/.test(type) ? `(${type})` : type;
}

function baseType(schema: Schema, flavour: Flavour): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.anyOf) return schema.anyOf.map((member) => tsType(member, flavour)).join(" | ");
  if (schema.enum) return schema.enum.map((item) => JSON.stringify(item)).join(" | ");
  switch (schema.type) {
    case "string":
      return schema.format === "date-time" && flavour !== "json" ? "Date" : "string";
    case "number":
      return "number";
    case "integer":
      return schema.format === "int64" && flavour === "msgpack" ? "number | bigint" : "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "buffer":
      return "Uint8Array";
    case "array":
      return `${parenthesized(tsType(schema.items ?? {}, flavour))}[]`;
    case "object":
    case undefined:
      if (!schema.properties && !schema.additionalProperties) return schema.type === "object" ? "Record<string, unknown>" : "unknown";
      return objectType(schema, flavour, "");
  }
}

/** `{ a: number; b?: string }`, members on lines of their own below `indent` when any has a description. */
export function objectType(schema: Schema, flavour: Flavour, indent: string): string {
  const required = new Set(schema.required ?? []);
  const members = Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
    return { doc: property.description, line: `${key}${required.has(name) ? "" : "?"}: ${tsType(property, flavour)};` };
  });
  if (schema.additionalProperties) members.push({ doc: undefined, line: `[key: string]: ${tsType(schema.additionalProperties, flavour)};` });
  if (members.length === 0) return "{}";
  if (members.every((member) => !member.doc)) return `{ ${members.map((member) => member.line.slice(0, -1)).join("; ")} }`;
  const inner = `${indent}  `;
  return `{\n${members.map((member) => `${member.doc ? docComment(member.doc, inner) : ""}${inner}${member.line}`).join("\n")}\n${indent}}`;
}

export function refName(ref: string): string {
  return ref.startsWith(SCHEMA_REF_PREFIX) ? ref.slice(SCHEMA_REF_PREFIX.length) : ref;
}

/** A /** ... *\/ comment at `indent`, ending in a newline. */
export function docComment(text: string, indent: string): string {
  const lines = text.replace(/\*\//g, "*\\/").split("\n");
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${line}` : ""}`).join("\n")}\n${indent} */\n`;
}

/** The host-side TypeScript type of a value: what the codec decodes to, or the wasm value. */
export function valueType(value: Value, side: "host" | "plugin" = "host"): string {
  if (value.wasm) return value.wasm === "i64" ? "bigint" : "number";
  const codec = value.codec ?? "bytes";
  const optional = codec.startsWith("optional(");
  const inner = optional ? codec.slice("optional(".length, -1) : codec;
  let type: string;
  if (inner === "json" || inner === "msgpack") type = tsType(value.schema ?? {}, side === "plugin" ? "source" : inner);
  else if (inner === "string" && value.schema && (value.schema.$ref || value.schema.enum)) type = tsType(value.schema);
  else if (inner === "unit") type = "void";
  else if (inner === "i64" || inner === "u64") type = "bigint";
  else if (PRIMITIVE_CODECS[inner]) type = tsType(PRIMITIVE_CODECS[inner]!);
  else type = "Uint8Array";
  if (!optional) return type;
  return type.endsWith(" | null") ? `${type.slice(0, -" | null".length)} | undefined` : `${parenthesized(type)} | undefined`;
}
