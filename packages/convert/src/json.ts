import { insidePlugin, native } from "@extism-ts/engine/natives";
import { codec, DecodeError, fromNative, typeName, type Codec } from "./codec.js";
import { findJsonSyntaxError } from "./json-syntax.js";
import { decodeUtf8, encodeUtf8 } from "./text.js";

/**
 * Inside a plug-in the engine parses and writes UTF-8 JSON itself
 * (packages/engine/src/c/json.c), without a JS string of the whole text in between.
 */
const engine = /* @__PURE__ */ (() =>
  insidePlugin() ? { encode: native("json_encode"), decode: native("json_decode") } : undefined)();

function stringify(value: unknown): Uint8Array | undefined {
  if (engine) return engine.encode(value);
  const text = JSON.stringify(value);
  return text === undefined ? undefined : encodeUtf8(text);
}

function encodeJson(value: unknown): Uint8Array {
  let bytes: Uint8Array | undefined;
  try {
    bytes = stringify(value);
  } catch (error) {
    // A bigint, a cycle: the engine's words, but naming the codec.
    throw new TypeError(`json: ${(error as Error).message}`, { cause: error });
  }
  if (bytes === undefined) throw new TypeError(`json: ${typeName(value)} has no JSON representation`);
  return bytes;
}

function parse(bytes: Uint8Array): unknown {
  if (!engine) return JSON.parse(decodeUtf8("json", bytes));
  try {
    return engine.decode(bytes);
  } catch (error) {
    throw fromNative("json", error);
  }
}

function decodeJson(bytes: Uint8Array): unknown {
  try {
    return parse(bytes);
  } catch (error) {
    if (error instanceof DecodeError) throw error;
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
