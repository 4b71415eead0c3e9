import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  base64,
  bool,
  bytes,
  f32,
  f64,
  i32,
  i64,
  json,
  msgpack,
  optional,
  string,
  u32,
  u64,
  type Codec,
} from "@extism-ts/convert";
import { describe as render } from "../apps/codecs/src/describe.js";
import { msgpackValues } from "../packages/convert/src/testing/arbitraries.js";
import { allHosts, jsSdk2, pythonSdk, type CallResult, type HostCall } from "./support/hosts.js";
import { buildFixture } from "./support/cli.js";
import { appWasm } from "./support/paths.js";

// apps/codecs runs every codec inside the engine; these tests hold its bytes to
// the same golden vectors as packages/convert's unit tests, on every host.
const wasm = appWasm("codecs");

const hex = (data: Uint8Array): string => Array.from(data, (b) => b.toString(16).padStart(2, "0")).join(" ");
const fromHex = (text: string): Uint8Array => new Uint8Array((text.match(/[0-9a-f]{2}/gi) ?? []).map((b) => parseInt(b, 16)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function output(result: CallResult | undefined): Uint8Array {
  if (!result) throw new Error("no result");
  if (!result.ok) throw new Error(`call failed: ${result.error}`);
  return result.output;
}

function failure(result: CallResult | undefined): string {
  if (!result) throw new Error("no result");
  if (result.ok) throw new Error(`expected the call to fail, it returned ${hex(result.output)}`);
  return result.error;
}

// Hand-written, as in packages/convert/src/*.test.ts.
const golden: Array<[string, string]> = [
  ["golden_string", "5a 6f c3 ab 20 f0 9f 8c 8d"],
  ["golden_bool", "01"],
  ["golden_i32", "ff ff ff ff"],
  ["golden_u32", "ff ff ff ff"],
  ["golden_f32", "c3 f5 48 40"],
  ["golden_f64", "1f 85 eb 51 b8 1e 09 40"],
  ["golden_i64", "00 00 00 00 00 00 00 80"],
  ["golden_u64", "ff ff ff ff ff ff ff ff"],
  ["golden_json", hex(utf8('{"a":1,"b":[true,null],"c":"é"}'))],
  ["golden_msgpack", "81 a1 61 01"],
  // [5e9, 2n ** 63n, -129, "é", bytes "hi", { x: undefined, y: null }]
  ["golden_msgpack_mixed", "96 d3 00 00 00 01 2a 05 f2 00 cf 80 00 00 00 00 00 00 00 d1 ff 7f a2 c3 a9 c4 02 68 69 81 a1 79 c0"],
  ["golden_base64", hex(utf8("aGVsbG8="))],
  ["golden_optional_some", "07 00 00 00"],
];

// Inputs that each round-trip export must give back byte for byte, and some it must canonicalize.
const roundtrips: Array<[string, string, string?]> = [
  ["roundtrip_string", "5a 6f c3 ab 20 f0 9f 8c 8d"],
  ["roundtrip_bytes", "00 ff 80 7f"],
  ["roundtrip_bool", "01"],
  ["roundtrip_bool", "02", "01"],
  ["roundtrip_i32", "ff ff ff 7f"],
  ["roundtrip_u32", "00 00 00 80"],
  ["roundtrip_f32", "c3 f5 48 40"],
  ["roundtrip_f64", "1f 85 eb 51 b8 1e 09 40"],
  ["roundtrip_i64", "01 00 00 00 00 00 20 00"],
  ["roundtrip_u64", "ff ff ff ff ff ff ff ff"],
  ["roundtrip_json", hex(utf8(' { "a" : [1, 2.5e3, "\\u00e9"] } ')), hex(utf8('{"a":[1,2500,"é"]}'))],
  ["roundtrip_msgpack", "92 01 02"],
  // rmp-serde's to_vec of User { name: "Bob", age: 30, tags: ["a", "b"], id: u64::MAX }
  ["roundtrip_msgpack", "94 a3 42 6f 62 1e 92 a1 61 a1 62 cf ff ff ff ff ff ff ff ff"],
  // rmp-serde writes 1.0_f64 as a float; JS has one number type and writes it back as the integer 1
  ["roundtrip_msgpack", "91 cb 3f f0 00 00 00 00 00 00", "91 01"],
  ["roundtrip_base64", hex(utf8("+/+/AA=="))],
  ["roundtrip_optional_i32", "05 00 00 00"],
];

// Each error as the plug-in reports it: codec, reason and offset.
const errors: Array<[string, string, string]> = [
  ["roundtrip_string", "41 ff 42", "string: invalid UTF-8 at byte 1"],
  ["roundtrip_i32", "01 02 03", "i32: expected 4 bytes, got 3 at byte 3"],
  ["roundtrip_u64", "01", "u64: expected 8 bytes, got 1 at byte 1"],
  ["roundtrip_bool", "", "bool: expected 1 byte, got 0 at byte 0"],
  ["roundtrip_unit", "00", "unit: expected no bytes, got 1 at byte 0"],
  ["roundtrip_json", hex(utf8('{"a":}')), "json: malformed JSON: unexpected '}', expected a value at byte 5"],
  ["roundtrip_json", "22 ff 22", "json: invalid UTF-8 at byte 1"],
  ["roundtrip_msgpack", "81 a1 61 01 00", "msgpack: 1 trailing byte after the value at byte 4"],
  ["roundtrip_msgpack", "92 01", "msgpack: truncated: array of 2 items, 1 byte left at byte 2"],
  ["roundtrip_msgpack", "91 c1", "msgpack: 0xc1 is not a MessagePack type at byte 1"],
  ["roundtrip_msgpack", "a2 ff fe", "msgpack: invalid UTF-8 in string at byte 1"],
  ["roundtrip_msgpack", hex(new Uint8Array([...new Array<number>(1025).fill(0x91), 0xc0])), "msgpack: nested deeper than 1024 levels at byte 1024"],
  ["roundtrip_base64", hex(utf8("aGVsbG8")), "base64: 7 bytes is not a multiple of 4 (padding missing?) at byte 4"],
  ["roundtrip_base64", hex(utf8("YR==")), "base64: last symbol 0x52 ('R') has non-zero unused bits at byte 1"],
  ["roundtrip_optional_i32", "05", "i32: expected 4 bytes, got 1 at byte 1"],
];

// Documents decoded inside the plug-in (msgpackr and JSON.parse under QuickJS) and described.
const documents: Array<[string, string, string]> = [
  ["describe_msgpack", "92 01 02", "[1,2]"],
  ["describe_msgpack", "94 a3 42 6f 62 1e 92 a1 61 a1 62 cf ff ff ff ff ff ff ff ff", '["Bob",30,["a","b"],18446744073709551615n]'],
  ["describe_msgpack", "82 a4 6e 61 6d 65 a3 42 6f 62 a3 61 67 65 1e", '{"name":"Bob","age":30}'],
  ["describe_msgpack", "83 a1 62 c4 02 01 02 a1 66 ca 3f c0 00 00 a1 6e d3 ff df ff ff ff ff ff ff", '{"b":bin(0102),"f":1.5,"n":-9007199254740993n}'],
  ["describe_msgpack", "93 c0 c2 d6 ff 00 00 00 01", "[null,false,date(1000)]"],
  ["describe_msgpack", "81 01 a1 78", '{"1":"x"}'],
  ["describe_json", hex(utf8('{"a":[1,-0.5,"é",true,null],"b":{}}')), '{"a":[1,-0.5,"é",true,null],"b":{}}'],
  ["describe_json", hex(utf8("12345678901234567890")), "12345678901234567000"],
];

describe("apps/codecs: golden vectors encoded inside the plug-in", () => {
  it("match what the same codecs write in Node", () => {
    const node: Record<string, Uint8Array> = {
      golden_string: string.encode("Zoë 🌍"),
      golden_bool: bool.encode(true),
      golden_i32: i32.encode(-1),
      golden_u32: u32.encode(4294967295),
      golden_f32: f32.encode(3.14),
      golden_f64: f64.encode(3.14),
      golden_i64: i64.encode(-(2n ** 63n)),
      golden_u64: u64.encode(2n ** 64n - 1n),
      golden_json: json().encode({ a: 1, b: [true, null], c: "é" }),
      golden_msgpack: msgpack().encode({ a: 1 }),
      golden_msgpack_mixed: msgpack().encode([5e9, 2n ** 63n, -129, "é", utf8("hi"), { x: undefined, y: null }]),
      golden_base64: base64().encode(utf8("hello")),
      golden_optional_some: optional(i32).encode(7),
    };
    for (const [name, expected] of golden) expect(`${name}: ${hex(node[name]!)}`).toBe(`${name}: ${expected}`);
  });

  for (const host of allHosts) {
    it(`are byte for byte the same under ${host.name}`, async () => {
      const results = await host.run(wasm, golden.map(([name]) => ({ function: name })));
      const got = results.map((result, i) => `${golden[i]![0]}: ${hex(output(result))}`);
      expect(got).toEqual(golden.map(([name, bytes]) => `${name}: ${bytes}`));
    });

    it(`round-trip canonical inputs unchanged under ${host.name}`, async () => {
      const results = await host.run(wasm, roundtrips.map(([name, input]) => ({ function: name, input: fromHex(input) })));
      const got = results.map((result, i) => `${roundtrips[i]![0]} ${roundtrips[i]![1]} -> ${hex(output(result))}`);
      expect(got).toEqual(roundtrips.map(([name, input, back]) => `${name} ${input} -> ${back ?? input}`));
    });

    it(`fail with the codec's DecodeError under ${host.name}, and keep answering`, async () => {
      const calls: HostCall[] = errors.map(([name, input]) => ({ function: name, input: fromHex(input) }));
      const results = await host.run(wasm, [...calls, { function: "golden_i32" }]);
      errors.forEach(([name, , message], i) => {
        const error = failure(results[i]);
        expect(error, name).toContain(message);
        expect(error, name).toContain("DecodeError");
      });
      expect(hex(output(results[errors.length]))).toBe("ff ff ff ff");
    });

    it(`decode msgpack and JSON documents inside the engine as Node does, under ${host.name}`, async () => {
      const results = await host.run(wasm, documents.map(([name, input]) => ({ function: name, input: fromHex(input) })));
      results.forEach((result, i) => {
        const [name, input, expected] = documents[i]!;
        const codec: Codec<unknown> = name === "describe_msgpack" ? msgpack() : json();
        expect(render(codec.decode(fromHex(input))), `${name} ${input} in Node`).toBe(expected);
        expect(new TextDecoder().decode(output(result)), `${name} ${input} in the plug-in`).toBe(expected);
      });
    });
  }

  // The engine's C codec nests as deep as rmp-serde reads (1024 levels) without
  // touching the JS stack; one level more is the codec's DecodeError, never a trap.
  for (const host of allHosts) {
    it(`decode and encode msgpack nested 1024 levels deep, and refuse 1025 with an error, not a trap, under ${host.name}`, async () => {
      const nested = (levels: number) => new Uint8Array([...new Array<number>(levels).fill(0x91), 0xc0]);
      const [shallow, deepest, tooDeep, farTooDeep, after] = await host.run(wasm, [
        { function: "roundtrip_msgpack", input: nested(100) },
        { function: "roundtrip_msgpack", input: nested(1024) },
        { function: "roundtrip_msgpack", input: nested(1025) },
        { function: "roundtrip_msgpack", input: nested(100_000) },
        { function: "roundtrip_msgpack", input: nested(3) },
      ]);
      expect(hex(output(shallow))).toBe(hex(nested(100)));
      expect(hex(output(deepest))).toBe(hex(nested(1024)));
      expect(failure(tooDeep)).toContain("msgpack: nested deeper than 1024 levels at byte 1024");
      expect(failure(farTooDeep)).toContain("msgpack: nested deeper than 1024 levels at byte 1024");
      expect(hex(output(after))).toBe(hex(nested(3)));
    });
  }

  // Empty output (unit, None, an empty string or byte array): no output is set,
  // which every host reads as empty (output_set(0, 0) read as one 00 byte in the JS SDKs).
  const empties: HostCall[] = [
    { function: "golden_unit" },
    { function: "golden_optional_none" },
    { function: "roundtrip_unit" },
    { function: "roundtrip_optional_i32" },
    { function: "roundtrip_string" },
    { function: "roundtrip_bytes" },
    { function: "roundtrip_base64" },
  ];
  for (const host of allHosts) {
    it(`give empty output for unit, None and empty values under ${host.name}`, async () => {
      const results = await host.run(wasm, empties);
      expect(results.map((result) => hex(output(result)))).toEqual(empties.map(() => ""));
    });
  }
});

// Engine bugs found by these tests, each pinned by a test: u64 values >= 2^63
// (libbf on 32-bit limbs, QuickJS 2021), integer literals of 20-21 digits off by
// one ulp (QuickJS 2021; the json codec parses numbers with strtod in any case),
// and a BigInt compared with a negative double of a different magnitude
// (QuickJS-NG, patched at engine build: see packages/engine/scripts/quickjs-patches.mjs).

describe("apps/codecs: engine bugs, fixed", () => {
  it("u64 values >= 2^63 survive a round trip", async () => {
    const values = [2n ** 63n + 1n, 0xbc2a91219e30ee72n];
    const results = await jsSdk2.run(wasm, [
      ...values.map((value) => ({ function: "roundtrip_u64", input: u64.encode(value) })),
      { function: "roundtrip_msgpack", input: fromHex("cf 80 00 00 00 00 00 00 01") },
    ]);
    expect(results.map((result) => hex(output(result)))).toEqual([
      ...values.map((value) => hex(u64.encode(value))),
      "cf 80 00 00 00 00 00 00 01",
    ]);
  });

  it("JSON integers of 20-21 digits parse to the nearest double", async () => {
    const [result] = await jsSdk2.run(wasm, [{ function: "roundtrip_json", input: "[123456789012345680000]" }]);
    expect(new TextDecoder().decode(output(result))).toBe("[123456789012345680000]");
  });

  it("negative i64 values beyond 32 bits encode as msgpack integers (BigInt compared with a negative double)", async () => {
    const [result] = await jsSdk2.run(wasm, [{ function: "roundtrip_msgpack", input: fromHex("d3 ff ff ba 1e 53 a5 6e 8a") }]);
    expect(hex(output(result))).toBe("d3 ff ff ba 1e 53 a5 6e 8a");
  });
});

// Property tests through the plug-in: each codec's random values are encoded in
// Node, decoded and re-encoded inside the engine, and must come back identical.
// 200 values per codec, all in one plug-in instance per codec.
describe("apps/codecs: random round trips through @extism/extism 2.0", () => {
  const msgpackValue = msgpackValues(8);

  const cases: Array<[string, Codec<unknown>, fc.Arbitrary<unknown>]> = [
    ["roundtrip_string", string as Codec<unknown>, fc.string({ unit: "binary" })],
    ["roundtrip_bytes", bytes as Codec<unknown>, fc.uint8Array({ maxLength: 300 })],
    ["roundtrip_bool", bool as Codec<unknown>, fc.boolean()],
    ["roundtrip_i32", i32 as Codec<unknown>, fc.integer()],
    ["roundtrip_u32", u32 as Codec<unknown>, fc.integer({ min: 0, max: 0xffffffff })],
    ["roundtrip_f32", f32 as Codec<unknown>, fc.float()],
    ["roundtrip_f64", f64 as Codec<unknown>, fc.double()],
    ["roundtrip_i64", i64 as Codec<unknown>, fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })],
    ["roundtrip_u64", u64 as Codec<unknown>, fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })],
    ["roundtrip_json", json(), fc.jsonValue()],
    ["roundtrip_msgpack", msgpack(), msgpackValue],
    ["roundtrip_base64", base64() as Codec<unknown>, fc.uint8Array({ maxLength: 300 })],
    ["roundtrip_optional_i32", optional(i32) as Codec<unknown>, fc.integer()],
  ];

  for (const [name, codec, arbitrary] of cases) {
    it(`${name}: 200 random values come back byte for byte`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(arbitrary, { minLength: 200, maxLength: 200 }), async (values) => {
          const inputs = values.map((value) => codec.encode(value));
          const results = await jsSdk2.run(wasm, inputs.map((input) => ({ function: name, input })));
          results.forEach((result, i) => {
            expect(hex(output(result)), `${name} ${hex(inputs[i]!)}`).toBe(hex(inputs[i]!));
          });
        }),
        { numRuns: 1, endOnFailure: true },
      );
    });
  }

  it("roundtrip_bool: any single byte reads as a bool, written back as 00 or 01", async () => {
    const inputs = Array.from({ length: 256 }, (_, byte) => new Uint8Array([byte]));
    const results = await jsSdk2.run(wasm, inputs.map((input) => ({ function: "roundtrip_bool", input })));
    expect(results.map((result) => hex(output(result)))).toEqual(inputs.map((input) => (input[0] === 0 ? "00" : "01")));
  });
});

// With `sideEffects: false` and one module per codec, a plug-in carries only
// the codecs it imports. @extism-ts/cli does not export its bundle step, so this
// looks for msgpackr's and the other codecs' own strings in the built wasm: the
// snapshot keeps the bundle's functions and string constants in linear memory.
describe("tree-shaking", () => {
  const MSGPACKR = "Unknown MessagePack token"; // an error message in msgpackr's unpack.js
  const JSON_SCANNER = "malformed JSON"; // our json codec
  // A function name of our base64 codec's JS (its error messages are in the engine's C too, in every plug-in).
  const BASE64_DECODER = "decodeBase64";
  const contains = (wasmBytes: Uint8Array, text: string): boolean => Buffer.from(wasmBytes).includes(Buffer.from(text));

  it("keeps msgpackr (and json, base64) out of a plug-in that only uses string", () => {
    const stringOnly = buildFixture(
      "convert-string-only",
      `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
export const echo = plugin(string, string, (text) => text);
`,
    );
    const withMsgpack = buildFixture(
      "convert-msgpack",
      `import { plugin } from "@extism-ts/pdk";
import { msgpack, string } from "@extism-ts/convert";
export const echo = plugin(msgpack<unknown>(), string, (value) => JSON.stringify(value));
`,
    );
    expect(stringOnly.stderr).toBe("");
    expect(withMsgpack.stderr).toBe("");
    const small = new Uint8Array(readFileSync(stringOnly.wasm));
    const large = new Uint8Array(readFileSync(withMsgpack.wasm));

    expect(contains(large, MSGPACKR)).toBe(true);
    expect(contains(small, MSGPACKR)).toBe(false);
    expect(contains(small, JSON_SCANNER)).toBe(false);
    expect(contains(small, BASE64_DECODER)).toBe(false);
    expect(contains(large, JSON_SCANNER)).toBe(false);
    // msgpackr's code is tens of KiB of bytecode and source in the snapshot.
    expect(large.length - small.length).toBeGreaterThan(20 * 1024);
  });
});
