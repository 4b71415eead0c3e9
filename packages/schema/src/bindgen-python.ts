import type { ImportSignature, PluginInterface, Schema, Value, WasmType } from "./model.js";
import { refName } from "./typescript.js";

/** A schema as a Python type hint; named types by their class or alias name. */
function pyType(schema: Schema | undefined): string {
  if (!schema) return "Any";
  const base = pyBase(schema);
  return schema.nullable && base !== "None" && base !== "Any" ? `Optional[${base}]` : base;
}

function pyBase(schema: Schema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.anyOf) return `Union[${schema.anyOf.map(pyType).join(", ")}]`;
  if (schema.enum) return `Literal[${schema.enum.map((item) => (typeof item === "string" ? JSON.stringify(item) : typeof item === "boolean" ? (item ? "True" : "False") : String(item))).join(", ")}]`;
  switch (schema.type) {
    case "string":
      return "str";
    case "number":
      return "float";
    case "integer":
      return "int";
    case "boolean":
      return "bool";
    case "null":
      return "None";
    case "buffer":
      return "bytes";
    case "array":
      return `list[${pyType(schema.items)}]`;
    default:
      if (schema.additionalProperties && !schema.properties) return `dict[str, ${pyType(schema.additionalProperties)}]`;
      return schema.properties ? "dict[str, Any]" : "Any";
  }
}

const STRUCT: Record<string, string> = { i32: "<i", u32: "<I", i64: "<q", u64: "<Q", f32: "<f", f64: "<d" };

/** The Python type of a value on the host's side of its codec. */
function valueHint(value: Value): string {
  if (value.wasm) return value.wasm.startsWith("f") ? "float" : "int";
  const codec = value.codec ?? "bytes";
  const optional = codec.startsWith("optional(");
  const inner = optional ? codec.slice("optional(".length, -1) : codec;
  let hint: string;
  if (inner === "json" || inner === "msgpack") hint = pyType(optional && value.schema ? { ...value.schema, nullable: false } : value.schema);
  else if (inner === "string") hint = value.schema?.$ref || value.schema?.enum ? pyType(value.schema) : "str";
  else if (inner === "bool") hint = "bool";
  else if (inner === "unit") hint = "None";
  else if (inner.startsWith("f")) hint = STRUCT[inner] ? "float" : "bytes";
  else if (STRUCT[inner]) hint = "int";
  else hint = "bytes";
  return optional ? `Optional[${hint}]` : hint;
}

/** The (encode, decode) pair of a codec, as an expression of the generated module's helpers. */
function codecPair(codec: string): string {
  if (codec.startsWith("optional(")) return `_optional(${codecPair(codec.slice("optional(".length, -1))})`;
  if (STRUCT[codec]) return `_fixed(${JSON.stringify(STRUCT[codec])})`;
  switch (codec) {
    case "string":
      return "_STRING";
    case "json":
      return "_JSON";
    case "msgpack":
      return "_MSGPACK";
    case "bool":
      return "_BOOL";
    case "unit":
      return "_UNIT";
    case "base64":
      return "_BASE64";
    case "base64url":
      return "_BASE64URL";
    case "hex":
      return "_HEX";
    default:
      return "_BYTES";
  }
}

const VAL_TYPE: Record<WasmType, string> = { i32: "I32", i64: "I64", f32: "F32", f64: "F64" };

function docstring(text: string | undefined, indent: string): string[] {
  if (!text) return [];
  const lines = text.replace(/\\/g, "\\\\").replace(/"""/g, '\\"\\"\\"').split("\n");
  return lines.length === 1 ? [`${indent}"""${lines[0]}"""`] : [`${indent}"""${lines[0]}`, ...lines.slice(1).map((line) => (line ? `${indent}${line}` : "")), `${indent}"""`];
}

function safeName(name: string): string {
  return /^[A-Za-z_]\w*$/.test(name) ? name : name.replace(/\W/g, "_");
}

function hostFunction(entry: ImportSignature): string[] {
  const params = entry.params.map((param) => `extism.ValType.${VAL_TYPE[param.wasm ?? "i64"]}`);
  const results = entry.result ? [`extism.ValType.${VAL_TYPE[entry.result.wasm ?? "i64"]}`] : [];
  const args = entry.params.map((param, i) => (param.wasm ? `params[${i}].value` : `${codecPair(param.codec ?? "bytes")}[1](_read(plugin, params[${i}]))`));
  const call = `implementations[${JSON.stringify(entry.name)}](${args.join(", ")})`;
  const body = !entry.result
    ? [`            ${call}`]
    : entry.result.wasm
      ? [`            results[0].value = ${call}`]
      : [`            _store(plugin, results[0], ${codecPair(entry.result.codec ?? "bytes")}[0](${call}))`];
  return [
    `        @extism.host_fn(name=${JSON.stringify(entry.name)}, namespace=${JSON.stringify(entry.namespace)}, signature=([${params.join(", ")}], [${results.join(", ")}]))`,
    `        def _${safeName(entry.name)}(plugin, params, results, *user_data):`,
    ...body,
    `        functions.append(_${safeName(entry.name)})`,
  ];
}

/**
 * A Python module for hosts on the Python SDK (`extism`): a class whose
 * methods are the plug-in's exports with type hints, the codecs applied as
 * the plug-in applies them, TypedDicts for the named object types, and the
 * host functions given to the constructor as typed callables.
 */
export function bindgenPython(description: PluginInterface, source: string): string {
  const types: string[] = [];
  for (const [name, schema] of Object.entries(description.schemas)) {
    if (schema.properties && !schema.nullable) {
      const required = new Set(schema.required ?? []);
      types.push(
        `class ${name}(TypedDict):`,
        ...docstring(schema.description, "    "),
        ...Object.entries(schema.properties).map(([field, property]) => `    ${field}: ${required.has(field) ? pyType(property) : `NotRequired[${pyType(property)}]`}`),
        ...(Object.keys(schema.properties).length === 0 && !schema.description ? ["    pass"] : []),
        "",
        "",
      );
    } else {
      types.push(`${name} = ${pyType(schema)}`, ...(schema.description ? [`"""${schema.description.replace(/"""/g, "'''")}"""`] : []), "", "");
    }
  }

  const hostParams = description.imports.map((entry) => {
    const params = entry.params.map(valueHint).join(", ");
    return `${safeName(entry.name)}: Callable[[${params}], ${entry.result ? valueHint(entry.result) : "None"}]`;
  });
  const methods = description.exports.flatMap((entry) => {
    const name = safeName(entry.name);
    if (entry.raw) {
      return [
        `    def ${name}(self, input: Union[bytes, str] = b"") -> bytes:`,
        ...docstring(entry.description ?? "Raw: the plug-in reads its input and writes its output itself.", "        "),
        `        return bytes(self.plugin.call(${JSON.stringify(entry.name)}, input))`,
        "",
      ];
    }
    const input = entry.input && entry.input.codec !== "unit" ? entry.input : undefined;
    const output = entry.output && entry.output.codec !== "unit" ? entry.output : undefined;
    const call = `self.plugin.call(${JSON.stringify(entry.name)}, ${input ? `${codecPair(input.codec ?? "bytes")}[0](input)` : 'b""'})`;
    return [
      `    def ${name}(self${input ? `, input: ${valueHint(input)}` : ""}) -> ${output ? valueHint(output) : "None"}:`,
      ...docstring(entry.description, "        "),
      output ? `        return ${codecPair(output.codec ?? "bytes")}[1](bytes(${call}))` : `        ${call}`,
      "",
    ];
  });

  return [
    `# Made by \`extism-ts bindgen --host python\` from ${source}: make it again rather than edit it.`,
    "from __future__ import annotations",
    "",
    "import base64",
    "import json",
    "import struct",
    "from typing import Any, Callable, Literal, NotRequired, Optional, TypedDict, Union",
    "",
    "import extism",
    "",
    "",
    ...types,
    "class Plugin:",
    ...docstring("The plug-in's exports as methods: each encodes its input and decodes its output as the plug-in does.", "    "),
    "",
    `    def __init__(self, wasm: Union[str, bytes], *${hostParams.map((param) => `, ${param}`).join("")}, wasi: bool = False, config: Optional[dict[str, str]] = None):`,
    `        implementations: dict[str, Callable[..., Any]] = {${description.imports.map((entry) => `${JSON.stringify(entry.name)}: ${safeName(entry.name)}`).join(", ")}}`,
    "        functions = []",
    ...description.imports.flatMap(hostFunction),
    `        manifest: dict[str, Any] = {"wasm": [{"path": wasm} if isinstance(wasm, str) else {"data": wasm}]}`,
    "        if config:",
    `            manifest["config"] = config`,
    "        self.plugin = extism.Plugin(manifest, wasi=wasi, functions=functions)",
    "",
    "    def close(self) -> None:",
    "        self.plugin.__del__()",
    "",
    "    def __enter__(self) -> Plugin:",
    "        return self",
    "",
    "    def __exit__(self, *exc: object) -> None:",
    "        self.close()",
    "",
    ...methods,
    "",
    "# The codecs of @extism-ts/convert, byte for byte: (encode, decode).",
    "_BYTES = (lambda value: bytes(value), lambda data: bytes(data))",
    `_STRING = (lambda value: value.encode("utf-8"), lambda data: data.decode("utf-8"))`,
    `_JSON = (lambda value: json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8"), lambda data: json.loads(data.decode("utf-8")))`,
    `_BOOL = (lambda value: b"\\x01" if value else b"\\x00", lambda data: data[0] != 0)`,
    `_UNIT = (lambda value: b"", lambda data: None)`,
    `_BASE64 = (lambda value: base64.b64encode(value), lambda data: base64.b64decode(data, validate=True))`,
    `_BASE64URL = (lambda value: base64.urlsafe_b64encode(value).rstrip(b"="), lambda data: base64.urlsafe_b64decode(data + b"=" * (-len(data) % 4)))`,
    `_HEX = (lambda value: value.hex().encode("ascii"), lambda data: bytes.fromhex(data.decode("ascii")))`,
    "",
    "",
    "def _msgpack_module():",
    "    import msgpack  # the msgpack package; only plug-ins with msgpack() values need it",
    "",
    "    return msgpack",
    "",
    "",
    "_MSGPACK = (lambda value: _msgpack_module().packb(value), lambda data: _msgpack_module().unpackb(data))",
    "",
    "",
    "def _fixed(layout):",
    "    return (lambda value: struct.pack(layout, value), lambda data: struct.unpack(layout, data)[0])",
    "",
    "",
    "def _optional(inner):",
    "    # As Rust's Option<T> in extism-convert: None is no bytes.",
    `    return (lambda value: b"" if value is None else inner[0](value), lambda data: None if len(data) == 0 else inner[1](data))`,
    "",
    "",
    "def _read(plugin, param):",
    "    # Offset 0 is empty bytes, as the plug-in passes them.",
    `    return b"" if param.value == 0 else bytes(plugin.input_bytes(param))`,
    "",
    "",
    "def _store(plugin, result, data):",
    "    if not data:",
    "        result.value = 0",
    "        return",
    "    memory = plugin.alloc(len(data))",
    "    if memory.offset == 0:",
    `        raise Exception(f"the host cannot allocate {len(data)} bytes")`,
    "    plugin.memory(memory)[:] = data",
    "    result.value = memory.offset",
    "",
  ].join("\n");
}
