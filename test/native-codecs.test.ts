import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64, base64url, hex, json, msgpack, u32, type Codec } from "@extism-ts/convert";
import { describe as render } from "../apps/codecs/src/describe.js";
import { jsonEncodeCases, msgpackEncodeCases } from "../apps/codecs/src/encode-cases.js";
import { msgpackValues } from "../packages/convert/src/testing/arbitraries.js";
import { fromHex, toHex } from "../packages/convert/src/testing/hex.js";
import { jsSdk2, pythonSdk, type CallResult, type Host } from "./support/hosts.js";
import { appWasm } from "./support/paths.js";

// Inside a plug-in, @extism-ts/convert's msgpack, json, base64, base64url and
// hex run in the engine's C (packages/engine/src/c); in Node they run in JS.
// apps/codecs is built by the real CLI; here the two implementations must
// agree byte for byte on what they write, value for value on what they read,
// and error for error (reason and offset) on what they refuse.
const wasm = appWasm("codecs");
const hosts: Host[] = [jsSdk2, pythonSdk];

/** What Node's JS implementation makes of `bytes`: an output to compare, or its error message. */
type Outcome = { ok: true; text: string } | { ok: false; message: string };

function nodeOutcome(work: () => string): Outcome {
  try {
    return { ok: true, text: work() };
  } catch (error) {
    return { ok: false, message: String(error) };
  }
}

/** The plug-in's result agrees with Node's: the same output, or an error carrying Node's message. */
function expectSame(result: CallResult | undefined, node: Outcome, output: (bytes: Uint8Array) => string, label: string): void {
  if (!result) throw new Error(`${label}: no result`);
  if (node.ok) {
    expect(result.ok ? output(result.output) : `failed: ${result.error}`, label).toBe(node.text);
  } else {
    expect(result.ok ? `returned ${toHex(result.output)}` : result.error, label).toContain(node.message);
  }
}

const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** Change one byte, insert one, cut the tail or append some: near-valid input. */
function mutations(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(valid, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("set", "insert", "cut", "append"))
    .map(([bytes, at, byte, how]) => {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (how === "cut") return bytes.subarray(0, i);
      if (how === "append") return new Uint8Array([...bytes, byte]);
      const copy = [...bytes];
      if (how === "insert") copy.splice(i, 0, byte);
      else copy[i] = byte;
      return new Uint8Array(copy);
    });
}

const RUNS = 150;

/** Tokens and documents that each take a different path through a MessagePack decoder. */
const msgpackEdges: string[] = [
  "c1", "91 c1", "c7 01 05 00", "d4 00 00", "d4 ff 00", "d5 ff 00 00", "d6 ff", "c7 0c ff 00", "c8 00 04 ff 00 00 00 01",
  "d6 ff 00 00 00 01", "d7 ff 00 00 00 04 00 00 00 01", "d7 ff ff ff ff fc ff ff ff ff",
  "c7 0c ff 00 00 00 01 00 00 00 00 00 00 00 01", "c7 0c ff ff ff ff ff ff ff ff ff ff ff ff ff",
  "c7 0c ff 80 00 00 00 80 00 00 00 00 00 00 00",
  "81 91 01 02", "81 c4 01 00 01", "81 80 01", "81 d6 ff 00 00 00 01 01", "82 91 01 02 c1 00",
  "81 c0 01", "81 c3 01", "81 cb 3f f8 00 00 00 00 00 00 01", "81 cf 80 00 00 00 00 00 00 00 01", "81 d0 80 01",
  "81 a9 5f 5f 70 72 6f 74 6f 5f 5f 81 a1 61 01", "82 a2 c3 a9 01 a4 c3 83 c2 a9 02", "82 a1 61 01 a1 61 02",
  "a2 ed a0", "a3 ed a0 80", "a4 f4 90 80 80", "a2 c0 80", "d9 02 61", "da 00", "db 00 00 00 05 61",
  "dc 00 03 01 02", "dd ff ff ff ff", "de 00 01 a1 61", "df 00 00 00 02 a1 61 01",
  "c4 05 01", "c5 00", "c6 00 00 00 02 01 02", "ca 3f c0 00", "cb 00", "cc", "cd 01", "d3 80 00 00 00 00 00 00",
  "cf 00 20 00 00 00 00 00 00", "cf 00 20 00 00 00 00 00 01", "d3 ff e0 00 00 00 00 00 00", "d3 ff df ff ff ff ff ff ff",
  "", "c0 c0", "90 00",
];

describe("native msgpack against the JS implementation", () => {
  const describeInNode = (bytes: Uint8Array): Outcome => nodeOutcome(() => render(msgpack().decode(bytes)));

  for (const host of hosts) {
    it(`reads ${RUNS} random documents and ${RUNS} mutated ones as Node does, and writes them back byte for byte, under ${host.name}`, async () => {
      const valid = fc.sample(msgpackValues(8).map((value) => msgpack().encode(value)), { numRuns: RUNS, seed: 7 });
      const mutated = fc.sample(mutations(fc.constantFrom(...valid)), { numRuns: RUNS, seed: 8 });
      const documents = [...valid, ...mutated, ...msgpackEdges.map(fromHex)];
      const results = await host.run(wasm, [
        ...documents.map((input) => ({ function: "describe_msgpack", input })),
        ...documents.map((input) => ({ function: "roundtrip_msgpack", input })),
      ]);
      documents.forEach((input, i) => {
        const node = describeInNode(input);
        expectSame(results[i], node, utf8, `describe ${toHex(input)}`);
        // What decodes re-encodes as Node encodes the same value.
        const again = nodeOutcome(() => toHex(msgpack().encode(msgpack().decode(input))));
        expectSame(results[documents.length + i], again, toHex, `roundtrip ${toHex(input)}`);
      });
    });

    it(`writes what Node writes for every value in apps/codecs/src/encode-cases.ts under ${host.name}`, async () => {
      const results = await host.run(
        wasm,
        msgpackEncodeCases.map((_, index) => ({ function: "encode_msgpack_case", input: u32.encode(index) })),
      );
      msgpackEncodeCases.forEach((make, index) => {
        const node = nodeOutcome(() => toHex(msgpack().encode(make())));
        expectSame(results[index], node, toHex, `case ${index}: ${String(make).slice(0, 80)}`);
      });
    });

    it(`refuses a cyclic value with an error under ${host.name}`, async () => {
      const [result] = await host.run(wasm, [{ function: "encode_msgpack_cycle" }]);
      expect(result?.ok ? "returned" : result?.error).toContain("RangeError: msgpack: nested deeper than 1024 levels (is there a cycle?)");
    });
  }

  it("never lets a key set a prototype: __proto__ arrives as the key __proto_ (as msgpackr reads it)", async () => {
    // {"__proto__": {"polluted": true}}
    const input = fromHex("81 a9 5f 5f 70 72 6f 74 6f 5f 5f 81 a8 70 6f 6c 6c 75 74 65 64 c3");
    const [result] = await jsSdk2.run(wasm, [{ function: "describe_msgpack", input }]);
    expect(result?.ok && utf8(result.output)).toBe('{"__proto_":{"polluted":true}}');
  });
});

describe("native JSON against the JS implementation", () => {
  const json_ = json();
  const jsonText = fc.jsonValue().map((value) => new TextEncoder().encode(JSON.stringify(value)));
  const edges = ['{"a":1}', " [1, 2] ", "\ufeff{}", '{"a":}', "[1,]", '"\\ud800"', '{"__proto__":{"x":1}}', "1e400", "-0", '"\u0000"'];

  for (const host of hosts) {
    it(`reads ${RUNS} random and ${RUNS} mutated documents as Node does, and writes them back byte for byte, under ${host.name}`, async () => {
      const valid = fc.sample(jsonText, { numRuns: RUNS, seed: 9 });
      const mutated = fc.sample(mutations(fc.constantFrom(...valid)), { numRuns: RUNS, seed: 10 });
      const documents = [...valid, ...mutated, ...edges.map((text) => new TextEncoder().encode(text)), fromHex("22 ff 22"), fromHex("5b 22 c3 22 5d")];
      const results = await host.run(wasm, [
        ...documents.map((input) => ({ function: "describe_json", input })),
        ...documents.map((input) => ({ function: "roundtrip_json", input })),
      ]);
      documents.forEach((input, i) => {
        expectSame(results[i], nodeOutcome(() => render(json_.decode(input))), utf8, `describe ${utf8(input).slice(0, 80)}`);
        const again = nodeOutcome(() => toHex(json_.encode(json_.decode(input))));
        expectSame(results[documents.length + i], again, toHex, `roundtrip ${utf8(input).slice(0, 80)}`);
      });
    });
  }
});

describe("native JSON writer against JSON.stringify in the engine", () => {
  for (const host of hosts) {
    it(`writes what JSON.stringify and TextEncoder write, and fails where JSON.stringify throws, under ${host.name}`, async () => {
      const calls = jsonEncodeCases.flatMap((_, index) => [
        { function: "encode_json_case", input: u32.encode(index) },
        { function: "stringify_json_case", input: u32.encode(index) },
      ]);
      const results = await host.run(wasm, calls);
      jsonEncodeCases.forEach((make, index) => {
        const [native, stringify] = [results[2 * index]!, results[2 * index + 1]!];
        const label = `case ${index}: ${String(make).slice(0, 80)}`;
        if (stringify.ok) {
          expect(native.ok ? toHex(native.output) : `failed: ${native.error}`, label).toBe(toHex(stringify.output));
        } else {
          // The codec names itself in front of JSON.stringify's words.
          const words = /Error: (.*)/.exec(stringify.error)![1]!;
          expect(native.ok ? "returned" : native.error, label).toContain(words === "no JSON text" ? "has no JSON representation" : `json: ${words}`);
        }
      });
    });
  }
});

describe("native JSON in the engine's limits", () => {
  it("refuses JSON nested deeper than 1000 levels as JSON.parse does in the engine, and reads 1000", async () => {
    const nested = (levels: number) => new TextEncoder().encode("[".repeat(levels) + "]".repeat(levels));
    const [deepest, tooDeep] = await jsSdk2.run(wasm, [
      { function: "roundtrip_json", input: nested(1000) },
      { function: "roundtrip_json", input: nested(1001) },
    ]);
    expect(deepest?.ok && utf8(deepest.output)).toBe(utf8(nested(1000)));
    expect(tooDeep?.ok ? "returned" : tooDeep?.error).toContain("DecodeError: json: malformed JSON: JSON.parse: nested more than 1000 levels deep");
  });
});

describe("native base64, base64url and hex against the JS implementation", () => {
  const textCodecs: Array<[string, Codec<Uint8Array>, string]> = [
    ["roundtrip_base64", base64(), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n\u00e9"],
    ["roundtrip_base64url", base64url(), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ \n"],
    ["roundtrip_hex", hex(), "0123456789abcdefABCDEFgxG \n"],
  ];

  for (const host of hosts) {
    it(`encode and decode as Node does: valid text, random text over each alphabet and beyond it, under ${host.name}`, async () => {
      const calls: Array<{ function: string; input: Uint8Array; codec: Codec<Uint8Array> }> = [];
      for (const [name, codec, alphabet] of textCodecs) {
        const valid = fc.sample(fc.uint8Array({ maxLength: 100 }).map((bytes) => codec.encode(bytes)), { numRuns: RUNS, seed: 11 });
        const random = fc.sample(
          fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 24 }).map((text) => new TextEncoder().encode(text)),
          { numRuns: RUNS, seed: 12 },
        );
        const mutated = fc.sample(mutations(fc.constantFrom(...valid)), { numRuns: RUNS, seed: 13 });
        for (const input of [...valid, ...random, ...mutated]) calls.push({ function: name, input, codec });
      }
      const results = await host.run(wasm, calls);
      calls.forEach(({ function: name, input, codec }, i) => {
        // A round trip gives back the text when it is canonical, else the codec's DecodeError.
        const node = nodeOutcome(() => toHex(codec.encode(codec.decode(input))));
        expectSame(results[i], node, toHex, `${name} ${JSON.stringify(utf8(input))}`);
      });
    });
  }

  it("golden values: base64url without padding, hex in lowercase", async () => {
    const [url, digits] = await jsSdk2.run(wasm, [{ function: "golden_base64url" }, { function: "golden_hex" }]);
    expect(url?.ok && utf8(url.output)).toBe("-_-_AQ");
    expect(digits?.ok && utf8(digits.output)).toBe("00abff");
  });
});
