// Every codec of @extism-ts/convert, exercised inside the engine: round trips
// (decode the input, encode it back), golden values encoded in the plug-in,
// decoders that report what they read, and throughput loops for the benchmark.
import { plugin } from "@extism-ts/pdk";
import {
  base64,
  base64url,
  bool,
  bytes,
  f32,
  f64,
  hex,
  i32,
  i64,
  json,
  msgpack,
  optional,
  string,
  u32,
  u64,
  unit,
  type Codec,
} from "@extism-ts/convert";
import { describe } from "./describe.js";
import { jsonEncodeCases, msgpackEncodeCases } from "./encode-cases.js";

const same = <T>(value: T): T => value;

export const roundtrip_string = plugin(string, string, same);
export const roundtrip_bytes = plugin(bytes, bytes, same);
export const roundtrip_bool = plugin(bool, bool, same);
export const roundtrip_i32 = plugin(i32, i32, same);
export const roundtrip_u32 = plugin(u32, u32, same);
export const roundtrip_f32 = plugin(f32, f32, same);
export const roundtrip_f64 = plugin(f64, f64, same);
export const roundtrip_i64 = plugin(i64, i64, same);
export const roundtrip_u64 = plugin(u64, u64, same);
export const roundtrip_json = plugin(json(), json(), same);
export const roundtrip_msgpack = plugin(msgpack(), msgpack(), same);
export const roundtrip_base64 = plugin(base64(), base64(), same);
export const roundtrip_base64url = plugin(base64url(), base64url(), same);
export const roundtrip_hex = plugin(hex(), hex(), same);
export const roundtrip_optional_i32 = plugin(optional(i32), optional(i32), same);
export const roundtrip_unit = plugin(unit, unit, same);

export const golden_string = plugin(null, string, () => "Zoë 🌍");
export const golden_bool = plugin(null, bool, () => true);
export const golden_i32 = plugin(null, i32, () => -1);
export const golden_u32 = plugin(null, u32, () => 4294967295);
export const golden_f32 = plugin(null, f32, () => 3.14);
export const golden_f64 = plugin(null, f64, () => 3.14);
export const golden_i64 = plugin(null, i64, () => -(2n ** 63n));
export const golden_u64 = plugin(null, u64, () => 2n ** 64n - 1n);
export const golden_json = plugin(null, json(), () => ({ a: 1, b: [true, null], c: "é" }));
export const golden_msgpack = plugin(null, msgpack(), () => ({ a: 1 }));
export const golden_msgpack_mixed = plugin(null, msgpack(), () => [5e9, 2n ** 63n, -129, "é", string.encode("hi"), { x: undefined, y: null }]);
export const golden_base64 = plugin(null, base64(), () => string.encode("hello"));
export const golden_base64url = plugin(null, base64url(), () => new Uint8Array([0xfb, 0xff, 0xbf, 0x01]));
export const golden_hex = plugin(null, hex(), () => new Uint8Array([0x00, 0xab, 0xff]));
export const golden_optional_none = plugin(null, optional(i32), () => undefined);
export const golden_optional_some = plugin(null, optional(i32), () => 7);
export const golden_unit = plugin(null, unit, () => undefined);

export const describe_json = plugin(json(), string, describe);
export const describe_msgpack = plugin(msgpack(), string, describe);

/** Input: a u32 index into msgpackEncodeCases; output: that value as msgpack. */
export const encode_msgpack_case = plugin(u32, bytes, (index) => msgpack().encode(msgpackEncodeCases[index]!()));

/** Input: a u32 index into jsonEncodeCases; output: that value as json() writes it... */
export const encode_json_case = plugin(u32, bytes, (index) => json().encode(jsonEncodeCases[index]!()));
/** ...and as JSON.stringify and TextEncoder write it (or what JSON.stringify throws). */
export const stringify_json_case = plugin(u32, bytes, (index) => {
  const text = JSON.stringify(jsonEncodeCases[index]!());
  if (text === undefined) throw new TypeError("no JSON text");
  return new TextEncoder().encode(text);
});

/** A cyclic object: the encoder must say so, not run out of stack. */
export const encode_msgpack_cycle = plugin(null, msgpack(), () => {
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  return cycle;
});

/**
 * Input: rounds (u32, little-endian) then the payload. `prepare` turns the
 * payload into a value once; each round then encodes and decodes it. Returns
 * the encoded size, so the output stays small and the work cannot be skipped.
 */
function bench<T>(codec: Codec<T>, prepare: (payload: Uint8Array) => T) {
  return plugin(bytes, u32, (input) => {
    const rounds = u32.decode(input.subarray(0, 4));
    let value = prepare(input.subarray(4));
    let size = 0;
    for (let i = 0; i < rounds; i++) {
      const encoded = codec.encode(value);
      size = encoded.length;
      value = codec.decode(encoded);
    }
    return size;
  });
}

/** As bench, but each round only encodes (the value) or only decodes (its encoding). */
function benchOneWay<T>(codec: Codec<T>, prepare: (payload: Uint8Array) => T, way: "encode" | "decode") {
  return plugin(bytes, u32, (input) => {
    const rounds = u32.decode(input.subarray(0, 4));
    const value = prepare(input.subarray(4));
    const encoded = codec.encode(value);
    let size = 0;
    for (let i = 0; i < rounds; i++) size = way === "encode" ? codec.encode(value).length : (codec.decode(encoded), encoded.length);
    return size;
  });
}

export const bench_string = bench(string, (payload) => string.decode(payload));
export const bench_bytes = bench(bytes, (payload) => payload);
export const bench_json = bench(json(), (payload) => json().decode(payload));
export const bench_msgpack = bench(msgpack(), (payload) => json().decode(payload));
export const bench_base64 = bench(base64(), (payload) => payload);
export const bench_hex = bench(hex(), (payload) => payload);
export const bench_json_decode = benchOneWay(json(), (payload) => json().decode(payload), "decode");
export const bench_json_encode = benchOneWay(json(), (payload) => json().decode(payload), "encode");
export const bench_msgpack_decode = benchOneWay(msgpack(), (payload) => json().decode(payload), "decode");
export const bench_msgpack_encode = benchOneWay(msgpack(), (payload) => json().decode(payload), "encode");
export const bench_string_decode = benchOneWay(string, (payload) => string.decode(payload), "decode");
export const bench_string_encode = benchOneWay(string, (payload) => string.decode(payload), "encode");
