import { codec, type Codec } from "./codec.js";

/**
 * Rust `Option<T>` as extism-convert writes it: None is empty bytes, Some is
 * the inner encoding. So, as in Rust, a Some whose encoding is empty (an
 * empty string, empty bytes) reads back as None.
 */
export function optional<T>(inner: Codec<T>): Codec<T | undefined> {
  return codec<T | undefined>(
    `optional(${inner.name})`,
    (value) => (value === undefined ? new Uint8Array(0) : inner.encode(value)),
    (bytes) => (bytes.length === 0 ? undefined : inner.decode(bytes)),
  );
}
