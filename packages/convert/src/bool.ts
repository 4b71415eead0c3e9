import { codec, expectLength, typeName, type Codec } from "./codec.js";

/**
 * One byte, 0 or 1 (Rust `bool`). Any non-zero byte reads as true, as in
 * extism-convert; unlike it, a length other than 1 is refused rather than
 * reading the first byte of whatever came.
 */
export const bool: Codec<boolean> = /* @__PURE__ */ codec(
  "bool",
  (value) => {
    if (typeof value !== "boolean") throw new TypeError(`bool: expected a boolean, got ${typeName(value)}`);
    return new Uint8Array([value ? 1 : 0]);
  },
  (bytes) => {
    expectLength("bool", bytes, 1);
    return bytes[0] !== 0;
  },
);
