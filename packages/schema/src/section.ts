import { INTERFACE_VERSION, type PluginInterface } from "./model.js";

/** The custom section that carries a plug-in's interface, as compact JSON. */
export const INTERFACE_SECTION = "extism-ts:interface";

const CUSTOM_SECTION = 0;

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

/** The module with the interface appended as a custom section (hosts ignore custom sections). */
export function withInterfaceSection(wasm: Uint8Array, description: PluginInterface): Uint8Array {
  const encoder = new TextEncoder();
  const name = encoder.encode(INTERFACE_SECTION);
  const payload = encoder.encode(JSON.stringify(description));
  const content = [...leb128(name.length), ...name];
  const size = content.length + payload.length;
  const header = [CUSTOM_SECTION, ...leb128(size), ...content];
  const out = new Uint8Array(wasm.length + header.length + payload.length);
  out.set(wasm, 0);
  out.set(header, wasm.length);
  out.set(payload, wasm.length + header.length);
  return out;
}

/** Thrown for a module whose interface section is not one this version reads. */
export class InterfaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InterfaceError";
  }
}

/**
 * The interface a build recorded in the module, or undefined when it has
 * none (built by another tool, or without TypeScript).
 */
export function readInterfaceSection(wasm: Uint8Array): PluginInterface | undefined {
  if (wasm.length < 8 || wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) {
    throw new InterfaceError("not a WebAssembly module (it does not start with \\0asm)");
  }
  let at = 8;
  const readLeb = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (at >= wasm.length) throw new InterfaceError("the module ends inside a section header");
      const byte = wasm[at++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new InterfaceError(`a section size at byte ${at} is longer than 5 bytes`);
    }
  };
  const decoder = new TextDecoder();
  while (at < wasm.length) {
    const start = at;
    const id = wasm[at++]!;
    const size = readLeb();
    const end = at + size;
    if (end > wasm.length) throw new InterfaceError(`section ${id} at byte ${start} runs past the end of the module`);
    if (id === CUSTOM_SECTION) {
      const nameLength = readLeb();
      const name = decoder.decode(wasm.subarray(at, at + nameLength));
      if (name === INTERFACE_SECTION) {
        const parsed = JSON.parse(decoder.decode(wasm.subarray(at + nameLength, end))) as PluginInterface;
        if (parsed.version !== INTERFACE_VERSION) {
          throw new InterfaceError(`the module's interface is version ${String(parsed.version)}; this extism-ts reads version ${INTERFACE_VERSION}`);
        }
        return parsed;
      }
    }
    at = end;
  }
  return undefined;
}
