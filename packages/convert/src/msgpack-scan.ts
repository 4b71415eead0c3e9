import { DecodeError } from "./codec.js";
import { invalidUtf8At } from "./text.js";

/** rmp-serde's default nesting limit. */
export const MAX_DEPTH = 1024;

/** The one extension rmp-serde peers may send that has a standard meaning: timestamps. */
const TIMESTAMP = -1;

/**
 * Walk the structure of the MessagePack value at the start of `bytes`
 * without building it, and return the offset just past it.
 *
 * msgpackr is lenient where rmp-serde is not (it reads 0xc1, its own
 * extensions, ill-formed UTF-8 as U+FFFD, and reports no offsets); this pass
 * refuses all of that first, naming the byte, so that decoding never guesses.
 */
export function scanMsgpack(name: string, bytes: Uint8Array): number {
  const end = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  // Items still to read in each open container; `pending` is the innermost.
  const outer: number[] = [];
  let pending = 1;

  const need = (count: number, what: string): void => {
    if (end - pos < count) throw new DecodeError(name, `truncated ${what}`, end);
  };
  const length = (size: 1 | 2 | 4): number => {
    need(size, "length");
    const value = size === 1 ? bytes[pos]! : size === 2 ? view.getUint16(pos) : view.getUint32(pos);
    pos += size;
    return value;
  };
  const array = (items: number, at: number): void => container(items, at, false);
  const map = (entries: number, at: number): void => container(2 * entries, at, true);
  const container = (items: number, at: number, isMap: boolean): void => {
    if (items === 0) return;
    // Every item takes at least one byte: fail now rather than count to 2^32.
    const left = end - pos;
    if (items > left) {
      const what = isMap ? `map of ${items / 2} entries` : `array of ${items} items`;
      throw new DecodeError(name, `truncated: ${what}, ${left} byte${left === 1 ? "" : "s"} left`, end);
    }
    if (outer.length >= MAX_DEPTH) throw new DecodeError(name, `nested deeper than ${MAX_DEPTH} levels`, at);
    outer.push(pending);
    pending = items;
  };
  const text = (size: number): void => {
    need(size, "string");
    const bad = invalidUtf8At(bytes, pos, pos + size);
    if (bad >= 0) throw new DecodeError(name, "invalid UTF-8 in string", bad);
    pos += size;
  };
  const skip = (size: number, what: string): void => {
    need(size, what);
    pos += size;
  };
  const extension = (size: number, at: number): void => {
    need(1 + size, "extension");
    const type = (bytes[pos]! << 24) >> 24;
    if (type !== TIMESTAMP) throw new DecodeError(name, `unsupported extension type ${type}`, at);
    if (size !== 4 && size !== 8 && size !== 12) {
      throw new DecodeError(name, `timestamp extension must be 4, 8 or 12 bytes, got ${size}`, at);
    }
    pos += 1 + size;
  };

  for (;;) {
    if (pending === 0) {
      const parent = outer.pop();
      if (parent === undefined) return pos;
      pending = parent;
      continue;
    }
    pending--;
    if (pos >= end) throw new DecodeError(name, "unexpected end of input", end);
    const at = pos;
    const token = bytes[pos++]!;
    if (token <= 0x7f || token >= 0xe0) continue; // fixint
    // The fix* forms are most of any document; their paths make as few calls as
    // possible, which is what costs in an interpreter.
    if (token <= 0x8f) container(2 * (token & 0x0f), at, true);
    else if (token <= 0x9f) container(token & 0x0f, at, false);
    else if (token <= 0xbf) {
      const stop = pos + (token & 0x1f);
      if (stop > end) throw new DecodeError(name, "truncated string", end);
      const bad = invalidUtf8At(bytes, pos, stop);
      if (bad >= 0) throw new DecodeError(name, "invalid UTF-8 in string", bad);
      pos = stop;
    } else {
      switch (token) {
        case 0xc0: // nil
        case 0xc2: // false
        case 0xc3: // true
          break;
        case 0xc4: skip(length(1), "binary"); break;
        case 0xc5: skip(length(2), "binary"); break;
        case 0xc6: skip(length(4), "binary"); break;
        case 0xc7: extension(length(1), at); break;
        case 0xc8: extension(length(2), at); break;
        case 0xc9: extension(length(4), at); break;
        case 0xca: skip(4, "float 32"); break;
        case 0xcb: skip(8, "float 64"); break;
        case 0xcc: case 0xd0: skip(1, "integer"); break;
        case 0xcd: case 0xd1: skip(2, "integer"); break;
        case 0xce: case 0xd2: skip(4, "integer"); break;
        case 0xcf: case 0xd3: skip(8, "integer"); break;
        case 0xd4: extension(1, at); break;
        case 0xd5: extension(2, at); break;
        case 0xd6: extension(4, at); break;
        case 0xd7: extension(8, at); break;
        case 0xd8: extension(16, at); break;
        case 0xd9: text(length(1)); break;
        case 0xda: text(length(2)); break;
        case 0xdb: text(length(4)); break;
        case 0xdc: array(length(2), at); break;
        case 0xdd: array(length(4), at); break;
        case 0xde: map(length(2), at); break;
        case 0xdf: map(length(4), at); break;
        default: // 0xc1: reserved, "never used" in the spec
          throw new DecodeError(name, `0x${token.toString(16)} is not a MessagePack type`, at);
      }
    }
  }
}
