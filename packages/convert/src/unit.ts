import { codec, DecodeError, type Codec } from "./codec.js";

/**
 * No value: empty bytes (Rust `()`). extism-convert ignores whatever input
 * comes; this refuses non-empty bytes, so a caller that sends data to an
 * export that takes none finds out. Use `plugin(null, ...)` to ignore input.
 */
export const unit: Codec<void> = /* @__PURE__ */ codec(
  "unit",
  (value) => {
    if (value !== undefined) throw new TypeError("unit: expected undefined");
    return new Uint8Array(0);
  },
  (bytes) => {
    if (bytes.length !== 0) throw new DecodeError("unit", `expected no bytes, got ${bytes.length}`, 0);
  },
);
