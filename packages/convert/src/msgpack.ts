import { insidePlugin, native } from "@extism-ts/engine/natives";
import { Packr, type Options } from "msgpackr";
import { codec, DecodeError, fromNative, type Codec } from "./codec.js";
import { scanMsgpack } from "./msgpack-scan.js";

/** msgpackr supports these; its typings lack them. */
interface MissingOptions {
  skipValues?: unknown[];
  int64AsType?: "auto";
}

// Plain MessagePack as rmp-serde reads and writes it: maps (never msgpackr's
// record extension), compact map headers like rmp's, undefined as nil or
// skipped like JSON.stringify does, and 64-bit integers as bigint only beyond
// ±2^53 where a number would lose precision.
const options: Omit<Options, "int64AsType"> & MissingOptions = {
  useRecords: false,
  mapsAsObjects: true,
  variableMapSize: true,
  encodeUndefinedAsNil: true,
  skipValues: [undefined],
  int64AsType: "auto",
  copyBuffers: true,
};

// Made on first use: inside a plug-in the engine's C codec does the work and
// msgpackr is only needed for the values it leaves to JS.
let packr: Packr | undefined;
const getPackr = (): Packr => (packr ??= new Packr(options as Options));

/** The engine's MessagePack in C (packages/engine/src/c/msgpack_encode.c and msgpack_decode.c), inside a plug-in only. */
const engine = /* @__PURE__ */ (() =>
  insidePlugin() ? { encode: native("msgpack_encode"), decode: native("msgpack_decode") } : undefined)();

/** Timestamps become the plug-in's Date (the build binds `Date` to the engine's). */
const makeDate = (milliseconds: number): Date => new Date(milliseconds);

const INT32_MIN = -0x80000000;
const UINT32_MAX = 0xffffffff;

const UNCHANGED: unique symbol = Symbol("unchanged");

/**
 * `item` in the integer form rmp-serde writes, or UNCHANGED. msgpackr writes
 * integers beyond 32 bits as float 64, which rmp-serde refuses for integer
 * fields (int 64 is what Rust would have written), and every bigint as 9
 * bytes, where rmp-serde writes small values in 1 to 5.
 */
function rewrite(item: unknown): unknown {
  if (typeof item === "number") {
    if ((item >= INT32_MIN && item <= UINT32_MAX) || !Number.isSafeInteger(item)) return UNCHANGED;
    return BigInt(item);
  }
  if (typeof item === "bigint") return item >= INT32_MIN && item <= UINT32_MAX ? Number(item) : UNCHANGED;
  if (typeof item === "object" && item !== null) return rewriteContainer(item);
  return UNCHANGED;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Copies only what changes, so a document without wide integers costs one walk and no allocation. */
function rewriteContainer(value: object): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0, n = value.length; i < n; i++) {
      const changed = rewrite(value[i]);
      if (changed !== UNCHANGED) (copy ??= value.slice())[i] = changed;
    }
    return copy ?? UNCHANGED;
  }
  if (value instanceof Map) {
    let copy: Map<unknown, unknown> | undefined;
    for (const [key, item] of value) {
      const changed = rewrite(item);
      if (changed !== UNCHANGED) (copy ??= new Map(value)).set(key, changed);
    }
    return copy ?? UNCHANGED;
  }
  if (!isPlainObject(value)) return UNCHANGED;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    const changed = rewrite(value[key]);
    if (changed !== UNCHANGED) (copy ??= { ...value })[key] = changed;
  }
  return copy ?? UNCHANGED;
}

/** A plain Uint8Array view, so msgpackr neither sees nor returns Node Buffers. */
function plain(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function encodeMsgpack(value: unknown): Uint8Array {
  try {
    const encoded = engine?.encode(value);
    if (encoded !== undefined) return encoded;
    const rewritten = rewrite(value);
    return plain(getPackr().pack(rewritten === UNCHANGED ? value : rewritten));
  } catch (error) {
    const Kind = error instanceof RangeError ? RangeError : TypeError;
    throw new Kind(`msgpack: ${reason(error)}`, { cause: error });
  }
}

function decodeMsgpack(bytes: Uint8Array): unknown {
  if (engine) {
    try {
      return engine.decode(bytes, makeDate);
    } catch (error) {
      throw fromNative("msgpack", error, (other) => new DecodeError("msgpack", reason(other)));
    }
  }
  const data = plain(bytes);
  const end = scanMsgpack("msgpack", data);
  if (end !== data.length) {
    const extra = data.length - end;
    throw new DecodeError("msgpack", `${extra} trailing byte${extra === 1 ? "" : "s"} after the value`, end);
  }
  try {
    return getPackr().unpack(data);
  } catch (error) {
    // Well-formed but not representable as JS values, e.g. a map keyed by arrays.
    throw new DecodeError("msgpack", reason(error), undefined, { cause: error });
  }
}

const instance: Codec<unknown> = /* @__PURE__ */ codec("msgpack", encodeMsgpack, decodeMsgpack);

/**
 * MessagePack as rmp-serde reads and writes it (extism-convert's `Msgpack<T>`).
 *
 * Decoding reads maps as objects (non-string keys become strings) and arrays
 * as arrays; rmp-serde's default `to_vec` writes structs as arrays, so a Rust
 * `struct { a: 1, b: 2 }` arrives as `[1, 2]` (use `to_vec_named` on the Rust
 * side for maps). Integers beyond ±2^53 decode as bigint, binary as
 * Uint8Array, timestamps as Date. The type parameter is not checked.
 */
export function msgpack<T = unknown>(): Codec<T> {
  return instance as Codec<T>;
}
