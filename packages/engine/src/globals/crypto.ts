import { native } from "../natives.js";

const randomFill = /* @__PURE__ */ native("random_fill");

function hex(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}

/** crypto.getRandomValues and randomUUID; they need WASI (build with --wasi). */
export const crypto = {
  getRandomValues<T extends ArrayBufferView>(array: T): T {
    if (array.byteLength > 65536) {
      throw new RangeError(`crypto.getRandomValues: ${array.byteLength} bytes requested, at most 65536 allowed`);
    }
    return randomFill(array);
  },
  randomUUID(): string {
    const bytes = randomFill(new Uint8Array(16));
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const h = Array.from(bytes, hex).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  },
};
