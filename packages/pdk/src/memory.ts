import { native } from "@extism-ts/engine";
import { string } from "@extism-ts/convert";

const memoryAlloc = /* @__PURE__ */ native("memory_alloc");
const memoryLength = /* @__PURE__ */ native("memory_length");
const memoryRead = /* @__PURE__ */ native("memory_read");
const memoryWrite = /* @__PURE__ */ native("memory_write");
const memoryFree = /* @__PURE__ */ native("memory_free");

/** A block of Extism memory, addressed by its offset, like the Rust PDK's `Memory`. */
export interface MemoryHandle {
  readonly offset: bigint;
  readonly length: bigint;
  /** A copy of the block's bytes. */
  bytes(): Uint8Array;
  /** The block's bytes as UTF-8 text. */
  text(): string;
  /** Give the block back to the host; the handle must not be used afterwards. */
  free(): void;
}

function handle(offset: bigint, length: bigint): MemoryHandle {
  return {
    offset,
    length,
    bytes: () => memoryRead(offset),
    text: () => string.decode(memoryRead(offset)),
    free: () => memoryFree(offset),
  };
}

/** Extism memory, for passing offsets to and from hosts by hand. */
export const memory = {
  alloc(length: number): MemoryHandle {
    return handle(memoryAlloc(length), BigInt(length));
  },
  /** The block that starts at `offset`, or undefined when none does. */
  find(offset: bigint): MemoryHandle | undefined {
    const length = memoryLength(offset);
    return length === 0n ? undefined : handle(offset, length);
  },
  fromBytes(bytes: Uint8Array): MemoryHandle {
    const block = memory.alloc(bytes.length);
    memoryWrite(block.offset, bytes);
    return block;
  },
  fromString(text: string): MemoryHandle {
    return memory.fromBytes(string.encode(text));
  },
};
