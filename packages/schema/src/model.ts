/**
 * A plug-in's interface as the build records it: what a host needs to call
 * each export and to implement each host function, without the source.
 * It is what the .wasm's custom section holds (as JSON), and what the XTP
 * schema and the host bindings are written from.
 */
export interface PluginInterface {
  /** Bumped when a reader of an older form would misread this one. */
  version: typeof INTERFACE_VERSION;
  exports: ExportSignature[];
  imports: ImportSignature[];
  /** Named types, referred to as `#/components/schemas/<name>` (as in an XTP schema). */
  schemas: Record<string, Schema>;
  /** The config keys the source reads by name (`config.get("user")`), sorted; XTP schemas have no place for them. */
  config?: string[];
}

export const INTERFACE_VERSION = 1;

export interface ExportSignature {
  name: string;
  description?: string;
  /** Absent: the export takes no input (`plugin(null, ...)`), or it is raw. */
  input?: Value;
  /** Absent: the export returns nothing (`plugin(..., null, ...)`), or it is raw. */
  output?: Value;
  /** A plain exported function: it reads its input and writes its output itself, so neither is known. */
  raw?: true;
}

export interface ImportSignature {
  /** The wasm import module, by default "extism:host/user". */
  namespace: string;
  name: string;
  description?: string;
  params: Value[];
  /** Absent: the host function returns nothing. */
  result?: Value;
}

/** The wasm value types a host function can take or return as they are. */
export type WasmType = "i32" | "i64" | "f32" | "f64";

/**
 * One value crossing the plug-in's edge: either bytes in a codec's encoding
 * (exports' input and output, host-function values through Extism memory),
 * or a wasm value passed as it is (a host-function parameter declared "i32").
 */
export interface Value {
  /**
   * The @extism-ts/convert codec: "string", "bytes", "json", "msgpack", "i32",
   * "optional(i32)", ...; a codec of the plug-in's own by the name it gave it.
   */
  codec?: string;
  /** Set instead of codec for a value passed as a wasm value. */
  wasm?: WasmType;
  /** The value's type on the host's side of the codec. */
  schema?: Schema;
  /** A host-function parameter's name, where the declaration gives one. */
  name?: string;
  description?: string;
}

/**
 * A JSON-Schema-like type in the words of an XTP schema: `buffer` is bytes,
 * `nullable` marks `T | null`, references point into `schemas`.
 */
export interface Schema {
  type?: "string" | "number" | "integer" | "boolean" | "object" | "array" | "buffer" | "null";
  format?: "int32" | "int64" | "float" | "double" | "date-time" | "byte";
  enum?: Array<string | number | boolean>;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema;
  $ref?: string;
  nullable?: boolean;
  /** A union that is neither of literals nor with null only: `string | number`. */
  anyOf?: Schema[];
  description?: string;
}

export const SCHEMA_REF_PREFIX = "#/components/schemas/";

/** The codecs of @extism-ts/convert that take no argument, with the type they give the host. */
export const PRIMITIVE_CODECS: Record<string, Schema> = {
  string: { type: "string" },
  bytes: { type: "buffer" },
  bool: { type: "boolean" },
  unit: {},
  i32: { type: "integer", format: "int32" },
  // XTP has no unsigned formats: int64 holds every u32.
  u32: { type: "integer", format: "int64" },
  i64: { type: "integer", format: "int64" },
  u64: { type: "integer", format: "int64" },
  f32: { type: "number", format: "float" },
  f64: { type: "number", format: "double" },
  base64: { type: "buffer" },
  base64url: { type: "buffer" },
  hex: { type: "buffer" },
};

/** Codecs whose value is whatever the type says: the TypeScript type is the schema. */
export const TYPED_CODECS = ["json", "msgpack"] as const;
