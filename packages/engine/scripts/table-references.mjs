// Where the engine holds function-table indices, from the linker's own
// relocations (wasm-ld --emit-relocs), carried through binaryen's
// optimization: the link step of a plug-in keeps a table entry only when code
// it keeps, or memory, holds the entry's index (see prune in
// @extism-ts/codegen's link step), and this tells it exactly which constants
// and static words are indices rather than numbers that look like one.
//
// Data: a relocated word's address does not move under binaryen, so the
// addresses are read off the linker's output. Code: binaryen inlines, merges
// and folds, so positions do not survive; each relocated `i32.const` becomes
// a `global.get` of a marker global, imported while binaryen optimizes so
// that it cannot fold one away or take it for a number, and the functions
// reading each marker afterwards are the functions that hold that index.
// The markers then become the constants again.
import { createHash } from "node:crypto";
import binaryen from "binaryen";

const R_WASM_TABLE_INDEX_SLEB = 1;
const R_WASM_TABLE_INDEX_I32 = 2;
/** Relocation types that carry an addend (the wasm object-file format's list). */
const WITH_ADDEND = new Set([3, 4, 5, 8, 9, 11, 14, 15, 16, 17, 21, 22, 23, 25]);
const SECTION = { global: 6, code: 10, data: 11 };
const I32_CONST = 0x41;
const GLOBAL_GET = 0x23;
/** wasm-ld pads every relocated LEB to five bytes, so a marker fits where the constant was. */
const PADDED_LEB = 5;
const MARKER_MODULE = "extism-ts:table-index";

function reader(bytes, position = 0) {
  const r = {
    position,
    byte: () => bytes[r.position++],
    u32() {
      let value = 0;
      let shift = 0;
      let byte;
      do {
        byte = bytes[r.position++];
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      return value;
    },
    s64() {
      let value = 0n;
      let shift = 0n;
      let byte;
      do {
        byte = bytes[r.position++];
        value |= BigInt(byte & 0x7f) << shift;
        shift += 7n;
      } while (byte & 0x80);
      return byte & 0x40 ? value - (1n << shift) : value;
    },
    name() {
      const length = r.u32();
      const text = new TextDecoder().decode(bytes.subarray(r.position, r.position + length));
      r.position += length;
      return text;
    },
  };
  return r;
}

function u32Leb(value, padded = false) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0 || (padded && out.length < PADDED_LEB - 1)) byte |= 0x80;
    out.push(byte);
  } while (value !== 0 || (padded && out.length < PADDED_LEB));
  return out;
}

/** A module's sections: id, custom name, where the content (after a custom section's name) starts and ends. */
function sectionsOf(bytes) {
  const r = reader(bytes, 8);
  const found = [];
  while (r.position < bytes.length) {
    const start = r.position;
    const id = r.byte();
    const size = r.u32();
    const end = r.position + size;
    const name = id === 0 ? r.name() : null;
    found.push({ id, name, start, content: r.position, end });
    r.position = end;
  }
  return found;
}

/** The active data segments: where each goes in memory and where its bytes are in `bytes`. */
function dataSegments(bytes, section) {
  const r = reader(bytes, section.content);
  const segments = [];
  for (let count = r.u32(); count > 0; count--) {
    const flags = r.u32();
    if (flags === 1) throw new Error("engine.wasm has a passive data segment: its static data has no fixed address");
    if (flags === 2) r.u32();
    if (r.byte() !== I32_CONST) throw new Error("engine.wasm places a data segment at a computed address");
    const address = Number(r.s64());
    r.byte(); // end
    const length = r.u32();
    segments.push({ address, start: r.position, length });
    r.position += length;
  }
  return segments;
}

/**
 * The linker's output with relocations (`wasm-ld --emit-relocs`) made ready
 * for binaryen: each table index in code replaced by a read of a marker
 * global (one per index, defined after the engine's own globals, its value
 * the index), the linking and relocation sections gone. Also returns the
 * addresses of the static-data words that hold a table index.
 */
function markTableIndices(linked) {
  const bytes = Uint8Array.from(linked);
  const sections = sectionsOf(bytes);
  const find = (id, name = null) => sections.find((section) => section.id === id && section.name === name);
  const code = find(SECTION.code);
  const data = find(SECTION.data);
  const globals = find(SECTION.global);
  const relocations = (section) => {
    const custom = find(0, `reloc.${section}`);
    if (!custom) throw new Error(`engine.wasm has no reloc.${section} section: link it with --emit-relocs`);
    const r = reader(bytes, custom.content);
    r.u32(); // the section the offsets are in
    const entries = [];
    for (let count = r.u32(); count > 0; count--) {
      const type = r.byte();
      const offset = r.u32();
      r.u32(); // symbol
      if (WITH_ADDEND.has(type)) r.s64();
      entries.push({ type, offset });
    }
    return entries;
  };

  const existingGlobals = reader(bytes, globals.content).u32();
  const markers = new Map();
  for (const { type, offset } of relocations("CODE")) {
    if (type !== R_WASM_TABLE_INDEX_SLEB) continue;
    const at = code.content + offset;
    const r = reader(bytes, at);
    const index = Number(r.s64());
    if (bytes[at - 1] !== I32_CONST || r.position - at !== PADDED_LEB) {
      throw new Error(`engine.wasm: the table index at code offset ${offset} is not a padded i32.const`);
    }
    if (!markers.has(index)) markers.set(index, existingGlobals + markers.size);
    bytes[at - 1] = GLOBAL_GET;
    bytes.set(u32Leb(markers.get(index), true), at);
  }

  const segments = dataSegments(bytes, data);
  const view = new DataView(bytes.buffer);
  const dataAddresses = [];
  for (const { type, offset } of relocations("DATA")) {
    if (type !== R_WASM_TABLE_INDEX_I32) continue;
    const at = data.content + offset;
    const segment = segments.find(({ start, length }) => at >= start && at + 4 <= start + length);
    if (!segment) throw new Error(`engine.wasm: the table index at data offset ${offset} is in no data segment`);
    dataAddresses.push({ address: segment.address + at - segment.start, index: view.getUint32(at, true) });
  }

  const ownGlobals = reader(bytes, globals.content);
  ownGlobals.u32();
  const globalSection = [...u32Leb(existingGlobals + markers.size), ...bytes.subarray(ownGlobals.position, globals.end)];
  for (const index of markers.keys()) globalSection.push(0x7f, 0x00, I32_CONST, ...signedLeb(index), 0x0b);
  const parts = [bytes.subarray(0, 8)];
  for (const section of sections) {
    if (section.id === 0 && (section.name === "linking" || section.name.startsWith("reloc."))) continue;
    if (section === globals) parts.push(Uint8Array.of(SECTION.global, ...u32Leb(globalSection.length)), Uint8Array.from(globalSection));
    else parts.push(bytes.subarray(section.start, section.end));
  }
  return { wasm: concat(parts), markers: new Map([...markers].map(([index, global]) => [global, index])), dataAddresses };
}

function signedLeb(value) {
  const out = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && !(byte & 0x40)) || (value === -1 && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * While binaryen optimizes, the markers are imported globals: values it
 * cannot know, so it moves and copies each read with the code around it but
 * never folds one into a number or a direct call.
 */
function hideMarkers(module, markers) {
  const names = [...markers].map(([global, index]) => [binaryen.getGlobalInfo(module.getGlobalByIndex(global)).name, index]);
  for (const [name, index] of names) {
    module.removeGlobal(name);
    module.addGlobalImport(name, MARKER_MODULE, String(index), binaryen.i32, false);
  }
}

const IMPORT_KIND = { function: 0, table: 1, memory: 2, global: 3, tag: 4 };

/**
 * The functions of `module` in the order binaryen writes them (imported,
 * then defined), which is also the order it reads a binary back in: the
 * link step finds a function by its index in engine.wasm.
 */
function functionsInBinaryOrder(module) {
  const imported = [];
  const defined = [];
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    (info.module ? imported : defined).push(info.name);
  }
  return [...imported, ...defined];
}

/** Per defined function of `module`'s binary (by its index): the i32 constants and the globals it reads. */
function functionContents(module) {
  const binary = module.emitBinary();
  const sections = sectionsOf(binary);
  const find = (id, name = null) => sections.find((section) => section.id === id && section.name === name);
  let importedFunctions = 0;
  const importedGlobals = [];
  const imports = find(2);
  if (imports) {
    const r = reader(binary, imports.content);
    for (let count = r.u32(); count > 0; count--) {
      const module = r.name();
      const field = r.name();
      const kind = r.byte();
      if (kind === IMPORT_KIND.function) {
        r.u32();
        importedFunctions++;
      } else if (kind === IMPORT_KIND.global) {
        r.byte();
        r.byte();
        importedGlobals.push({ module, field });
      } else {
        throw new Error(`engine.wasm imports a ${Object.keys(IMPORT_KIND)[kind] ?? kind}: the table-index scan reads only function and global imports`);
      }
    }
  }
  const code = find(SECTION.code);
  const bodies = reader(binary, code.content);
  const contents = new Map();
  for (let count = bodies.u32(), index = importedFunctions; count > 0; count--, index++) {
    const end = bodies.u32() + bodies.position;
    contents.set(index, instructionsOf(binary, bodies.position, end));
    bodies.position = end;
  }
  const names = functionsInBinaryOrder(module);
  if (names.length !== contents.size + importedFunctions) throw new Error("engine.wasm: binaryen's functions are not the binary's");
  return { contents, importedGlobals, names };
}

/** Immediates by opcode, for the instructions the engine is compiled to (its target features). */
const NO_IMMEDIATE = new Set([0x00, 0x01, 0x05, 0x0b, 0x0f, 0x1a, 0x1b, 0xd1]);
const ONE_INDEX = new Set([0x0c, 0x0d, 0x10, 0x12, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x3f, 0x40, 0xd2]);
const BLOCKS = new Set([0x02, 0x03, 0x04]);
/** Immediate indices of each 0xfc-prefixed instruction (saturating truncation, bulk memory, tables). */
const PREFIXED_INDICES = [0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 2, 1, 2, 1, 2, 1, 1, 1];

/** The i32 constants and global reads of one function body. */
function instructionsOf(binary, start, end) {
  const r = reader(binary, start);
  for (let groups = r.u32(); groups > 0; groups--) {
    r.u32();
    r.byte();
  }
  const constants = new Set();
  const globalReads = new Set();
  while (r.position < end) {
    const at = r.position;
    const opcode = r.byte();
    if (opcode === I32_CONST) constants.add(Number(BigInt.asUintN(32, r.s64())));
    else if (opcode === GLOBAL_GET) globalReads.add(r.u32());
    else if (NO_IMMEDIATE.has(opcode) || (opcode >= 0x45 && opcode <= 0xc4)) continue;
    else if (ONE_INDEX.has(opcode)) r.u32();
    else if (BLOCKS.has(opcode) || opcode === 0x42 || opcode === 0xd0) r.s64();
    else if (opcode === 0x43) r.position += 4;
    else if (opcode === 0x44) r.position += 8;
    else if (opcode === 0x11 || opcode === 0x13) {
      r.u32();
      r.u32();
    } else if (opcode === 0x0e) {
      for (let targets = r.u32() + 1; targets > 0; targets--) r.u32();
    } else if (opcode === 0x1c) {
      for (let types = r.u32(); types > 0; types--) r.byte();
    } else if (opcode >= 0x28 && opcode <= 0x3e) {
      if (r.u32() & 0x40) r.u32();
      r.u32();
    } else if (opcode === 0xfc) {
      const op = r.u32();
      const indices = PREFIXED_INDICES[op];
      if (indices === undefined) throw new Error(`engine.wasm: unknown instruction 0xfc ${op} at byte ${at}`);
      for (let i = 0; i < indices; i++) r.u32();
    } else {
      throw new Error(`engine.wasm: unknown instruction 0x${opcode.toString(16)} at byte ${at}`);
    }
  }
  if (r.position !== end) throw new Error(`engine.wasm: a function body ends inside an instruction at byte ${end}`);
  return { constants, globalReads };
}

/**
 * After binaryen's optimization: which functions read which marker, then
 * the markers become their constants again (binaryen propagates them and
 * re-optimizes what they touch, directing calls through a constant index
 * as it would have). Returns, by function name, the table indices each
 * function's code holds.
 */
function foldMarkers(module) {
  const marked = functionContents(module);
  const markerIndex = new Map();
  marked.importedGlobals.forEach(({ module: from, field }, global) => {
    if (from === MARKER_MODULE) markerIndex.set(global, Number(field));
  });
  const held = new Map();
  for (const [position, { globalReads }] of marked.contents) {
    const indices = [...globalReads].filter((global) => markerIndex.has(global)).map((global) => markerIndex.get(global));
    if (indices.length > 0) held.set(marked.names[position], indices);
  }
  const markers = [];
  for (let i = 0; i < module.getNumGlobals(); i++) {
    const info = binaryen.getGlobalInfo(module.getGlobalByIndex(i));
    if (info.module === MARKER_MODULE) markers.push(info);
  }
  for (const { name, base } of markers) {
    module.removeGlobal(name);
    module.addGlobal(name, binaryen.i32, false, module.i32.const(Number(base)));
  }
  module.runPasses(["simplify-globals-optimizing", "directize", "remove-unused-module-elements"]);
  const globals = new Set();
  for (let i = 0; i < module.getNumGlobals(); i++) globals.add(binaryen.getGlobalInfo(module.getGlobalByIndex(i)).name);
  const left = markers.filter(({ name }) => globals.has(name));
  if (left.length > 0) throw new Error(`engine.wasm: binaryen left ${left.length} table-index markers as globals`);
  // A function that lost a constant (a call made direct) no longer holds it.
  const folded = functionContents(module);
  const code = [];
  for (const [position, { constants }] of folded.contents) {
    const indices = (held.get(folded.names[position]) ?? []).filter((index) => constants.has(index));
    if (indices.length > 0) code.push([position, [...new Set(indices)].sort((a, b) => a - b)]);
  }
  return code;
}

/**
 * The engine from the linker's output (`wasm-ld --emit-relocs`): `optimize`
 * runs binaryen's optimization on it, and the engine comes back with its
 * TableReferences (src/contract.ts).
 */
export function optimizeWithTableReferences(linked, optimize) {
  const { wasm, markers, dataAddresses } = markTableIndices(linked);
  const module = binaryen.readBinary(wasm);
  try {
    hideMarkers(module, markers);
    optimize(module);
    const code = foldMarkers(module);
    const engine = module.emitBinary();
    const sections = sectionsOf(engine);
    const data = sections.find((section) => section.id === SECTION.data);
    // binaryen's segments leave out runs of zeros, even inside a word.
    const byteAt = (address) => {
      const segment = segments.find((candidate) => address >= candidate.address && address < candidate.address + candidate.length);
      return segment ? engine[segment.start + address - segment.address] : 0;
    };
    const segments = dataSegments(engine, data);
    for (const { address, index } of dataAddresses) {
      const value = byteAt(address) | (byteAt(address + 1) << 8) | (byteAt(address + 2) << 16) | (byteAt(address + 3) << 24);
      if (value !== index) throw new Error(`engine.wasm: binaryen moved the table index ${index} stored at ${address}`);
    }
    const references = {
      engine: createHash("sha256").update(engine).digest("hex"),
      data: dataAddresses.map(({ address }) => address).sort((a, b) => a - b),
      code,
    };
    return { engine, references };
  } finally {
    module.dispose();
  }
}
