import { codec, DecodeError, typeName, type Codec } from "./codec.js";
import { findJsonSyntaxError } from "./json-syntax.js";
import { decodeUtf8, encodeUtf8 } from "./text.js";

function encodeJson(value: unknown): Uint8Array {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    // A bigint, a cycle: the engine's words, but naming the codec.
    throw new TypeError(`json: ${(error as Error).message}`, { cause: error });
  }
  if (text === undefined) throw new TypeError(`json: ${typeName(value)} has no JSON representation`);
  return encodeUtf8(text);
}

function decodeJson(bytes: Uint8Array): unknown {
  const text = decodeUtf8("json", bytes);
  try {
    return JSON.parse(text);
  } catch (error) {
    const problem = findJsonSyntaxError(bytes);
    if (problem) throw new DecodeError("json", `malformed JSON: ${problem.reason}`, problem.offset, { cause: error });
    // Well-formed yet refused (nested too deep for the engine's stack).
    throw new DecodeError("json", `malformed JSON: ${(error as Error).message}`, undefined, { cause: error });
  }
}

const instance: Codec<unknown> = /* @__PURE__ */ codec("json", encodeJson, decodeJson);

/**
 * UTF-8 JSON (extism-convert's `Json<T>`, serde_json). The type parameter is
 * not checked at run time: decode returns whatever the document holds.
 * Numbers are JS numbers: integers beyond 2^53 lose precision, and bigints
 * cannot be encoded (use msgpack, or the i64/u64 codecs, for those).
 */
export function json<T = unknown>(): Codec<T> {
  return instance as Codec<T>;
}
