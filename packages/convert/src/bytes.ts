import { codec, typeName, type Codec } from "./codec.js";

/** Raw bytes, passed through (Rust `Vec<u8>`). */
export const bytes: Codec<Uint8Array> = /* @__PURE__ */ codec(
  "bytes",
  (value) => {
    if (!(value instanceof Uint8Array)) throw new TypeError(`bytes: expected a Uint8Array, got ${typeName(value)}`);
    return value;
  },
  (data) => data,
);
