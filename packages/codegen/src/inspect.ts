import { gzipSync } from "node:zlib";
import binaryen from "binaryen";

export interface ImportedFunction {
  module: string;
  name: string;
  params: string[];
  results: string[];
}

export interface Inspection {
  /** Size of the module in bytes, raw and gzipped. */
  size: number;
  gzipSize: number;
  /** Exported functions: the plug-in's callable names. */
  exports: string[];
  imports: ImportedFunction[];
  /** Whether the module imports WASI, so hosts must run it with WASI on. */
  wasi: boolean;
}

function typeNames(type: binaryen.Type): string[] {
  const names: Record<number, string> = {
    [binaryen.i32]: "i32",
    [binaryen.i64]: "i64",
    [binaryen.f32]: "f32",
    [binaryen.f64]: "f64",
  };
  return binaryen.expandType(type).map((t) => names[t] ?? `type#${t}`);
}

export function inspectModule(wasm: Uint8Array): Inspection {
  const module = binaryen.readBinary(wasm);
  try {
    const imports: ImportedFunction[] = [];
    for (let i = 0; i < module.getNumFunctions(); i++) {
      const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
      if (!info.module) continue;
      imports.push({ module: info.module, name: info.base!, params: typeNames(info.params), results: typeNames(info.results) });
    }
    const exports: string[] = [];
    for (let i = 0; i < module.getNumExports(); i++) {
      const info = binaryen.getExportInfo(module.getExportByIndex(i));
      if (info.kind === binaryen.ExternalFunction) exports.push(info.name);
    }
    return {
      size: wasm.length,
      gzipSize: gzipSync(wasm, { level: 9 }).length,
      exports,
      imports,
      wasi: imports.some((entry) => entry.module.startsWith("wasi_")),
    };
  } finally {
    module.dispose();
  }
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The human-readable report shared by `inspect` and `build`. */
export function formatInspection(inspection: Inspection): string {
  const lines = [
    `size:    ${kilobytes(inspection.size)} (${kilobytes(inspection.gzipSize)} gzip)`,
    `wasi:    ${inspection.wasi ? "required (run with WASI on)" : "not needed"}`,
    `exports: ${inspection.exports.join(", ")}`,
    "imports:",
  ];
  const byModule = new Map<string, ImportedFunction[]>();
  for (const entry of inspection.imports) {
    byModule.set(entry.module, [...(byModule.get(entry.module) ?? []), entry]);
  }
  for (const [module, entries] of byModule) {
    lines.push(`  ${module}`);
    for (const entry of entries) {
      lines.push(`    ${entry.name}(${entry.params.join(", ")}) -> ${entry.results.length ? entry.results.join(", ") : "()"}`);
    }
  }
  if (byModule.size === 0) lines.push("  (none)");
  return lines.join("\n");
}
