import binaryen from "binaryen";

/**
 * Besides the exports and the natives: the engine's entry into a call and
 * QuickJS's interpreter, which every call from JS to a native passes through.
 */
const ALWAYS_NAMED = new Set(["extism_ts_invoke", "JS_Call", "JS_CallInternal", "js_call_c_function"]);

function leb128(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

function vector(items: number[][]): number[] {
  return [...leb128(items.length), ...items.flat()];
}

function utf8(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...leb128(bytes.length), ...bytes];
}

/**
 * A `name` custom section for some of the module's functions, so that a trap
 * on any host (wasmtime's backtraces, wazero's stack traces, V8's) says which
 * native or which export it was in: the plug-in's exports by their export
 * names, the natives it bound (by function-table index) by their C names
 * (`js_http_request`), and ALWAYS_NAMED. The rest of the engine goes unnamed:
 * naming all of it would cost a few KiB more for frames that name QuickJS's
 * internals. Call it on the module as it is emitted; the indices are those of
 * its binary.
 */
export function nameSection(module: binaryen.Module, nativeTableIndices: readonly number[]): Uint8Array {
  const natives = new Set<string>();
  const wanted = new Set(nativeTableIndices);
  for (let i = 0; i < module.getNumElementSegments(); i++) {
    const segment = binaryen.getElementSegmentInfo(module.getElementSegmentByIndex(i));
    const offset = (binaryen.getExpressionInfo(segment.offset) as binaryen.ConstInfo).value as number;
    segment.data.forEach((name, position) => {
      if (wanted.has(offset + position)) natives.add(name);
    });
  }
  const exported = new Map<string, string>();
  for (let i = 0; i < module.getNumExports(); i++) {
    const info = binaryen.getExportInfo(module.getExportByIndex(i));
    if (info.kind === binaryen.ExternalFunction) exported.set(info.value, info.name);
  }
  const imported: binaryen.FunctionInfo[] = [];
  const defined: binaryen.FunctionInfo[] = [];
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    (info.module ? imported : defined).push(info);
  }
  // The binary numbers imported functions first, then the defined ones, each in module order.
  const entries: number[][] = [];
  defined.forEach((info, position) => {
    const name = exported.get(info.name) ?? (natives.has(info.name) || ALWAYS_NAMED.has(info.name) ? info.name : undefined);
    if (name !== undefined) entries.push([...leb128(imported.length + position), ...utf8(name)]);
  });
  const functionNames = vector(entries);
  const subsection = [1, ...leb128(functionNames.length), ...functionNames];
  const body = [...utf8("name"), ...subsection];
  return new Uint8Array([0, ...leb128(body.length), ...body]);
}
