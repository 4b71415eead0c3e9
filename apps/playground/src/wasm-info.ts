/**
 * What a plug-in offers and needs, read from the module itself:
 * WebAssembly.Module.exports/imports for the names, and the module's type and
 * import sections for the signatures (the JS API does not give them).
 */

export type ValueType = "i32" | "i64" | "f32" | "f64" | "v128" | "funcref" | "externref" | string;

export interface Signature {
  params: ValueType[];
  results: ValueType[];
}

export interface ImportInfo {
  module: string;
  name: string;
  kind: WebAssembly.ImportExportKind;
  /** For functions, when the module could be read. */
  signature?: Signature;
}

export interface ExportInfo {
  name: string;
  kind: WebAssembly.ImportExportKind;
  signature?: Signature;
}

export interface PluginInfo {
  module: WebAssembly.Module;
  size: number;
  exports: ExportInfo[];
  imports: ImportInfo[];
  /** Imports from wasi_snapshot_preview1: the plug-in needs WASI on. */
  wasi: boolean;
}

/** The namespace of Extism's own host functions, which every host provides. */
export const EXTISM_ENV = "extism:host/env";
export const WASI_MODULE = "wasi_snapshot_preview1";

const VALUE_TYPES: Record<number, ValueType> = {
  0x7f: "i32",
  0x7e: "i64",
  0x7d: "f32",
  0x7c: "f64",
  0x7b: "v128",
  0x70: "funcref",
  0x6f: "externref",
};

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.offset >= this.bytes.length) throw new Error("unexpected end of module");
    return this.bytes[this.offset++]!;
  }

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw new Error("bad LEB128 number");
    }
  }

  name(): string {
    const length = this.u32();
    const text = new TextDecoder().decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return text;
  }

  valueType(): ValueType {
    const byte = this.byte();
    return VALUE_TYPES[byte] ?? `0x${byte.toString(16)}`;
  }

  limits(): void {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
}

interface Sections {
  types: (Signature | undefined)[];
  importTypes: (number | undefined)[];
  functionTypes: number[];
  exportFunctions: Map<string, number>;
}

/** The type, import, function and export sections: enough for every function's signature. */
function readSections(bytes: Uint8Array): Sections {
  const reader = new Reader(bytes);
  const sections: Sections = { types: [], importTypes: [], functionTypes: [], exportFunctions: new Map() };
  reader.offset = 8; // magic + version, checked by WebAssembly.Module already
  while (reader.offset < bytes.length) {
    const id = reader.byte();
    const size = reader.u32();
    const end = reader.offset + size;
    if (id === 1) {
      for (let count = reader.u32(); count > 0; count--) {
        const form = reader.byte();
        if (form !== 0x60) {
          // A GC-proposal type: not something an Extism plug-in declares; stop reading types.
          sections.types.push(undefined);
          break;
        }
        const params = Array.from({ length: reader.u32() }, () => reader.valueType());
        const results = Array.from({ length: reader.u32() }, () => reader.valueType());
        sections.types.push({ params, results });
      }
    } else if (id === 2) {
      for (let count = reader.u32(); count > 0; count--) {
        reader.name();
        reader.name();
        const kind = reader.byte();
        if (kind === 0) sections.importTypes.push(reader.u32());
        else {
          sections.importTypes.push(undefined);
          if (kind === 1) (reader.byte(), reader.limits());
          else if (kind === 2) reader.limits();
          else if (kind === 3) (reader.byte(), reader.byte());
          else if (kind === 4) (reader.byte(), reader.u32());
          else throw new Error(`unknown import kind ${kind}`);
        }
      }
    } else if (id === 3) {
      for (let count = reader.u32(); count > 0; count--) sections.functionTypes.push(reader.u32());
    } else if (id === 7) {
      for (let count = reader.u32(); count > 0; count--) {
        const name = reader.name();
        const kind = reader.byte();
        const index = reader.u32();
        if (kind === 0) sections.exportFunctions.set(name, index);
      }
    }
    reader.offset = end;
  }
  return sections;
}

/** Compile a module and describe it. Throws WebAssembly.CompileError for bytes that are not wasm. */
export async function readPlugin(bytes: Uint8Array): Promise<PluginInfo> {
  const module = await WebAssembly.compile(bytes as BufferSource);
  let sections: Sections | undefined;
  try {
    sections = readSections(bytes);
  } catch {
    sections = undefined; // names still come from the JS API; only signatures are lost
  }
  const importedFunctionTypes = (sections?.importTypes ?? []).filter((type): type is number => type !== undefined);
  const signatureOf = (functionIndex: number): Signature | undefined => {
    if (!sections) return undefined;
    const type =
      functionIndex < importedFunctionTypes.length
        ? importedFunctionTypes[functionIndex]
        : sections.functionTypes[functionIndex - importedFunctionTypes.length];
    return type === undefined ? undefined : sections.types[type];
  };

  const imports = WebAssembly.Module.imports(module).map((entry, index): ImportInfo => {
    const type = sections?.importTypes[index];
    const signature = entry.kind === "function" && type !== undefined ? sections?.types[type] : undefined;
    return { module: entry.module, name: entry.name, kind: entry.kind, ...(signature ? { signature } : {}) };
  });
  const exports = WebAssembly.Module.exports(module).map((entry): ExportInfo => {
    const index = sections?.exportFunctions.get(entry.name);
    const signature = entry.kind === "function" && index !== undefined ? signatureOf(index) : undefined;
    return { name: entry.name, kind: entry.kind, ...(signature ? { signature } : {}) };
  });
  return { module, size: bytes.length, exports, imports, wasi: imports.some((entry) => entry.module === WASI_MODULE) };
}

export function formatSignature(signature: Signature | undefined): string {
  if (!signature) return "(?)";
  const results = signature.results.length === 0 ? "()" : signature.results.join(", ");
  return `(${signature.params.join(", ")}) -> ${results}`;
}

/** Function exports a host can call: everything but the module's internals. */
export function callableExports(info: PluginInfo): ExportInfo[] {
  return info.exports.filter(
    (entry) => entry.kind === "function" && !["_start", "_initialize", "__wasm_call_ctors", "hs_init"].includes(entry.name),
  );
}

/** Imports the page must provide a body for: functions outside Extism's and WASI's own namespaces. */
export function userHostFunctions(info: PluginInfo): ImportInfo[] {
  return info.imports.filter((entry) => entry.kind === "function" && entry.module !== EXTISM_ENV && entry.module !== WASI_MODULE);
}

/** Imports grouped by namespace, in module order. */
export function importsByNamespace(info: PluginInfo): Map<string, ImportInfo[]> {
  const groups = new Map<string, ImportInfo[]>();
  for (const entry of info.imports) groups.set(entry.module, [...(groups.get(entry.module) ?? []), entry]);
  return groups;
}
