import { parse, stringify } from "yaml";
import { INTERFACE_VERSION, SCHEMA_REF_PREFIX, type ExportSignature, type ImportSignature, type PluginInterface, type Schema, type Value } from "./model.js";
import { InterfaceError } from "./section.js";

/** XTP's three encodings. */
const TEXT = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json";
const BINARY = "application/x-binary";

type XtpParameter = Record<string, unknown> & { contentType: string };

interface XtpFunction {
  description?: string;
  input?: XtpParameter;
  output?: XtpParameter;
}

/** An XTP schema document (version v1-draft), as the official bindgen reads it. */
export interface XtpSchema {
  version: "v1-draft";
  exports: Record<string, XtpFunction>;
  imports?: Record<string, XtpFunction>;
  components?: { schemas: Record<string, Record<string, unknown>> };
}

/**
 * The interface as an XTP schema. XTP knows three encodings (UTF-8 text,
 * JSON, bytes) and host functions of one value in and one out in
 * extism:host/user; what it cannot say is written as the closest it can
 * (msgpack and the fixed-width numbers as bytes) or left out, and each such
 * place is in `warnings`.
 */
export function toXtp(description: PluginInterface): { schema: XtpSchema; warnings: string[] } {
  const warnings: string[] = [];
  const schema: XtpSchema = { version: "v1-draft", exports: {} };
  for (const entry of description.exports) {
    const fn: XtpFunction = entry.description ? { description: entry.description } : {};
    if (entry.raw) {
      // A raw export reads and writes what it likes: bytes both ways is all that can be said.
      fn.input = { contentType: BINARY, type: "buffer" };
      fn.output = { contentType: BINARY, type: "buffer" };
    } else {
      const input = entry.input && xtpParameter(entry.input, `export ${entry.name}'s input`, warnings);
      const output = entry.output && xtpParameter(entry.output, `export ${entry.name}'s output`, warnings);
      if (input) fn.input = input;
      if (output) fn.output = output;
    }
    schema.exports[entry.name] = fn;
  }
  for (const entry of description.imports) {
    const where = `host function ${entry.namespace} ${entry.name}`;
    if (entry.namespace !== "extism:host/user") {
      warnings.push(`${where}: XTP imports are all in extism:host/user; left out of the schema`);
      continue;
    }
    if (entry.params.length > 1 || entry.params.some((param) => param.wasm) || entry.result?.wasm) {
      warnings.push(`${where}: XTP imports take one value through memory and return one; this one takes ${entry.params.length}${entry.params.some((param) => param.wasm) ? " with wasm values" : ""}: left out of the schema`);
      continue;
    }
    const fn: XtpFunction = entry.description ? { description: entry.description } : {};
    const input = entry.params[0] && xtpParameter(entry.params[0], `${where}'s parameter`, warnings);
    const output = entry.result && xtpParameter(entry.result, `${where}'s result`, warnings);
    if (input) fn.input = input;
    if (output) fn.output = output;
    (schema.imports ??= {})[entry.name] = fn;
  }
  const components = Object.entries(description.schemas);
  if (components.length > 0) {
    schema.components = { schemas: Object.fromEntries(components.map(([name, value]) => [name, xtpType(value, `type ${name}`, warnings)])) };
  }
  return { schema, warnings };
}

function xtpParameter(value: Value, where: string, warnings: string[]): XtpParameter | undefined {
  const codec = value.codec ?? "";
  const optional = codec.startsWith("optional(");
  const inner = optional ? codec.slice("optional(".length, -1) : codec;
  if (inner === "unit") return undefined;
  const described = value.description ? { description: value.description } : {};
  const nullable = optional ? { nullable: true } : {};
  if (inner === "string") {
    const schema = value.schema ?? {};
    return { contentType: TEXT, ...(schema.$ref || schema.enum ? xtpType(schema, where, warnings) : { type: "string" }), ...nullable, ...described };
  }
  if (inner === "bytes") return { contentType: BINARY, type: "buffer", ...nullable, ...described };
  if (inner === "json") {
    const schema = value.schema ?? {};
    // Any JSON at all: XTP's "JSON bytes".
    if (isAny(schema)) return { contentType: JSON_TYPE, type: "buffer", ...nullable, ...described };
    return { contentType: JSON_TYPE, ...xtpType(schema, where, warnings), ...nullable, ...described };
  }
  warnings.push(`${where}: XTP has no content type for the ${codec} codec; written as bytes`);
  return { contentType: BINARY, type: "buffer", ...described };
}

function isAny(schema: Schema): boolean {
  return Object.keys(schema).filter((key) => key !== "description" && key !== "nullable").length === 0;
}

/** A schema in what XTP's validator accepts: no unions but with null, string enums only, a type on every value. */
function xtpType(schema: Schema, where: string, warnings: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (schema.description) out.description = schema.description;
  if (schema.$ref) return { $ref: schema.$ref, ...out, ...(schema.nullable ? { nullable: true } : {}) };
  let source = schema;
  if (schema.anyOf) {
    warnings.push(`${where}: XTP has no unions; written as its first member`);
    source = { ...schema.anyOf[0], ...(schema.nullable ? { nullable: true } : {}) };
    return { ...xtpType(source, where, warnings), ...out };
  }
  if (source.type === undefined || source.type === "null") {
    out.type = "object";
  } else {
    out.type = source.type;
  }
  if (source.format) out.format = source.format;
  if (source.enum) {
    if (source.enum.every((item) => typeof item === "string")) out.enum = source.enum;
    else warnings.push(`${where}: XTP enums are of strings; the values ${source.enum.join(", ")} are left out`);
  }
  if (source.items) out.items = xtpType(source.items, `${where}'s items`, warnings);
  if (source.properties) {
    out.properties = Object.fromEntries(Object.entries(source.properties).map(([name, value]) => [name, xtpType(value, `${where}.${name}`, warnings)]));
  }
  if (source.required) out.required = source.required;
  if (source.additionalProperties) out.additionalProperties = xtpType(source.additionalProperties, `${where}'s values`, warnings);
  if (source.nullable || source.type === "null") out.nullable = true;
  return out;
}

/** The XTP schema as the YAML file the official bindgen reads. */
export function xtpYaml(schema: XtpSchema): string {
  return stringify(schema, { lineWidth: 0 });
}

/**
 * An interface from an XTP schema (YAML or JSON): its text content becomes
 * the string codec, JSON json, bytes the bytes codec.
 */
export function fromXtp(text: string, source = "the schema"): PluginInterface {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new InterfaceError(`${source} is not YAML: ${(error as Error).message}`);
  }
  const doc = document as Partial<XtpSchema> | null;
  if (typeof doc !== "object" || doc === null) throw new InterfaceError(`${source} is not an XTP schema (a YAML mapping with version, exports, imports, components)`);
  if (doc.version !== "v1-draft") throw new InterfaceError(`${source}: version is ${JSON.stringify(doc.version)}; extism-ts reads XTP schemas of version v1-draft`);
  const value = (parameter: XtpParameter | undefined, where: string): Value | undefined => {
    if (!parameter) return undefined;
    const { contentType, description, ...rest } = parameter;
    const schema = fromXtpType(rest);
    const nullable = schema.nullable === true;
    delete schema.nullable;
    const codec = contentType === TEXT ? "string" : contentType === JSON_TYPE ? "json" : contentType === BINARY ? "bytes" : undefined;
    if (!codec) throw new InterfaceError(`${source}: ${where} has contentType ${JSON.stringify(contentType)}; XTP's are "${TEXT}", "${JSON_TYPE}" and "${BINARY}"`);
    // JSON given as a buffer is any JSON.
    const typed = codec === "json" && schema.type === "buffer" ? {} : schema;
    const resolved: Value = {
      codec: nullable ? `optional(${codec})` : codec,
      // Text may be typed as an enum of strings; bytes are bytes.
      schema:
        codec === "json" ? (nullable ? { ...typed, nullable: true } : typed) : codec === "string" ? (schema.$ref || schema.enum ? schema : { type: "string" }) : { type: "buffer" },
    };
    if (typeof description === "string") resolved.description = description;
    return resolved;
  };
  const fn = (name: string, entry: XtpFunction | null, kind: string): { description?: string; input?: Value; output?: Value } => {
    const input = value(entry?.input, `${kind} ${name}'s input`);
    const output = value(entry?.output, `${kind} ${name}'s output`);
    return { ...(entry?.description ? { description: entry.description.trimEnd() } : {}), ...(input ? { input } : {}), ...(output ? { output } : {}) };
  };
  const exports: ExportSignature[] = Object.entries(doc.exports ?? {}).map(([name, entry]) => ({ name, ...fn(name, entry, "export") }));
  const imports: ImportSignature[] = Object.entries(doc.imports ?? {}).map(([name, entry]) => {
    const { description, input, output } = fn(name, entry, "import");
    return { namespace: "extism:host/user", name, ...(description ? { description } : {}), params: input ? [{ ...input, name: "input" }] : [], ...(output ? { result: output } : {}) };
  });
  const schemas = Object.fromEntries(Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => [name, fromXtpType(schema)]));
  return { version: INTERFACE_VERSION, exports, imports, schemas };
}

function fromXtpType(value: Record<string, unknown>): Schema {
  const out: Schema = {};
  if (typeof value.description === "string") out.description = value.description.trimEnd();
  if (typeof value.$ref === "string") {
    if (!value.$ref.startsWith(SCHEMA_REF_PREFIX)) throw new InterfaceError(`a reference must point into ${SCHEMA_REF_PREFIX}, not ${value.$ref}`);
    out.$ref = value.$ref;
  }
  if (typeof value.type === "string") out.type = value.type as Schema["type"];
  if (typeof value.format === "string") out.format = value.format as Schema["format"];
  if (Array.isArray(value.enum)) {
    out.enum = value.enum as string[];
    out.type ??= "string";
  }
  if (value.items && typeof value.items === "object") out.items = fromXtpType(value.items as Record<string, unknown>);
  if (value.properties && typeof value.properties === "object") {
    out.properties = Object.fromEntries(Object.entries(value.properties as Record<string, Record<string, unknown>>).map(([name, property]) => [name, fromXtpType(property)]));
    out.type ??= "object";
  }
  if (Array.isArray(value.required)) out.required = value.required as string[];
  if (value.additionalProperties && typeof value.additionalProperties === "object") {
    out.additionalProperties = fromXtpType(value.additionalProperties as Record<string, unknown>);
    out.type ??= "object";
  }
  if (value.nullable === true) out.nullable = true;
  return out;
}
