import { native } from "@extism-ts/engine";
import { string } from "@extism-ts/convert";
import { memory } from "../memory.js";
import { fromI64, toArrayBuffer, toBytes, toI64, type BytesLike } from "./values.js";

const memoryRead = /* @__PURE__ */ native("memory_read");
const memoryFree = /* @__PURE__ */ native("memory_free");
const utf8Decode = /* @__PURE__ */ native("utf8_decode");

/** A view of a block's bytes, checked to be long enough for a `size`-byte value. */
function view(handle: MemoryHandle, size: number, what: string): DataView {
  const bytes = memoryRead(toI64(handle.offset, `MemoryHandle.${what}`));
  if (bytes.length < size) {
    throw new RangeError(`MemoryHandle.${what}: the block at offset ${handle.offset} has ${bytes.length} bytes, fewer than ${size}`);
  }
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * extism-js's MemoryHandle: a block of Extism memory by offset and length.
 * Offsets and lengths are numbers, as in extism-js (bigints only past 2^53).
 */
export class MemoryHandle {
  offset: number | bigint;
  len: number | bigint;

  constructor(offset: number | bigint, len: number | bigint) {
    this.offset = offset;
    this.len = len;
  }

  /** A copy of the block's bytes. */
  readBytes(): ArrayBuffer {
    return toArrayBuffer(memoryRead(toI64(this.offset, "MemoryHandle.readBytes")));
  }

  /** The block as UTF-8 text (invalid sequences become U+FFFD, as TextDecoder does). */
  readString(): string {
    return utf8Decode(memoryRead(toI64(this.offset, "MemoryHandle.readString")), false);
  }

  readJsonObject<T = any>(): T {
    return JSON.parse(this.readString()) as T;
  }

  /** Little-endian, like every number in Extism memory. */
  readUInt32(): number {
    return view(this, 4, "readUInt32").getUint32(0, true);
  }

  readUInt64(): bigint {
    return view(this, 8, "readUInt64").getBigUint64(0, true);
  }

  readFloat32(): number {
    return view(this, 4, "readFloat32").getFloat32(0, true);
  }

  /** The name extism-js's typings give readFloat64. */
  readUFloat64(): number {
    return view(this, 8, "readUFloat64").getFloat64(0, true);
  }

  readFloat64(): number {
    return view(this, 8, "readFloat64").getFloat64(0, true);
  }

  /** Give the block back to the host. */
  free(): void {
    memoryFree(toI64(this.offset, "MemoryHandle.free"));
  }
}

function handleOf(block: { offset: bigint; length: bigint }): MemoryHandle {
  return new MemoryHandle(fromI64(block.offset), fromI64(block.length));
}

function fromNumber(size: number, write: (view: DataView) => void): MemoryHandle {
  const bytes = new Uint8Array(size);
  write(new DataView(bytes.buffer));
  return handleOf(memory.fromBytes(bytes));
}

/** extism-js's Memory: allocate blocks of Extism memory, or find one by offset. */
export const Memory = {
  fromString(str: string): MemoryHandle {
    return handleOf(memory.fromBytes(string.encode(String(str))));
  },
  fromBuffer(bytes: BytesLike): MemoryHandle {
    return handleOf(memory.fromBytes(toBytes(bytes, "Memory.fromBuffer")));
  },
  fromJsonObject(obj: unknown): MemoryHandle {
    return Memory.fromString(JSON.stringify(obj));
  },
  allocUInt32(i: number): MemoryHandle {
    return fromNumber(4, (view) => view.setUint32(0, i, true));
  },
  allocUInt64(i: bigint): MemoryHandle {
    return fromNumber(8, (view) => view.setBigUint64(0, BigInt.asUintN(64, BigInt(i)), true));
  },
  allocFloat32(i: number): MemoryHandle {
    return fromNumber(4, (view) => view.setFloat32(0, i, true));
  },
  allocFloat64(i: number): MemoryHandle {
    return fromNumber(8, (view) => view.setFloat64(0, i, true));
  },
  /** The block that starts at `offset`; throws when none does (extism-js aborts the call). */
  find(offset: number | bigint): MemoryHandle {
    const block = memory.find(toI64(offset, "Memory.find"));
    if (!block) throw new Error(`Memory.find: no block of Extism memory starts at offset ${String(offset)}`);
    return handleOf(block);
  },
};
