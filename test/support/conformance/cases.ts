// The conformance matrix's case table: the hosts (and the imports each is known
// to lack) and, for every app in apps/, the calls made on each host and what
// each must give. test/conformance.test.ts runs it (./runner.ts) and writes it
// down (./render.ts).
import { f32, f64, i32, i64, msgpack, u32, u64 } from "@extism-ts/convert";
import { goSdk, jsSdk1, jsSdk2, pythonSdk, type Host, type HostOptions } from "../hosts.js";

// ---------------------------------------------------------------------------
// Hosts and what they are known to lack

export interface MatrixHost {
  host: Host;
  /** Column title in the matrix. */
  column: string;
  runtime: string;
  /** extism:host/env imports the host does not provide: plug-ins importing them cannot load there. */
  lacks: string[];
  /** Load in-process before running in a worker: the worker hides link errors (see runInstance). */
  probeOutsideWorker?: boolean;
}

export const hosts: MatrixHost[] = [
  { host: jsSdk1, column: "JS SDK 1.0.3", runtime: "@extism/extism 1.0.3 on V8 (Node)", lacks: ["log_trace", "get_log_level", "http_headers"], probeOutsideWorker: true },
  { host: jsSdk2, column: "JS SDK 2.0.0-rc13", runtime: "@extism/extism 2.0.0-rc13 on V8 (Node)", lacks: [] },
  { host: pythonSdk, column: "Python SDK 1.1.1", runtime: "Python extism 1.1.1 on the reference Rust runtime (wasmtime)", lacks: [] },
  { host: goSdk, column: "Go SDK 1.7.1", runtime: "github.com/extism/go-sdk 1.7.1 on wazero 1.9.0", lacks: [] },
];

// ---------------------------------------------------------------------------
// The cases

export type Bytes = string | Uint8Array;

export type Expect =
  /** The call succeeds with exactly these bytes. */
  | { output: Bytes }
  /**
   * The call fails. `message` is the plug-in's own message, which every host's
   * error must contain (null: the host's own error, which differs by host);
   * `code` is the return code where the host shows it (default -1 for a
   * plug-in message, as the Rust PDK returns for an error).
   */
  | { error: string | null; code?: number | null };

export interface Case {
  fn: string;
  label: string;
  /** The input, or a function of the test HTTP server's base URL that makes it. */
  input?: Bytes | ((httpBase: string) => Bytes);
  expect: Expect;
}

/** One plug-in instance per host: its cases run in order, as one batch. */
export interface Instance {
  options?: () => HostOptions;
  /** Plug-in log lines (matched by `logFilter`) every host must pass on, in order. */
  logs?: { filter: RegExp; expected: string[] };
  cases: Case[];
}

export interface AppSpec {
  app: string;
  /** Why some hosts cannot load it: the ABI imports it needs beyond the basics. */
  needs?: string;
  instances: Instance[];
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (text: string) => new Uint8Array(Buffer.from(text.replace(/\s+/g, ""), "hex"));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const ok = (output: Bytes): Expect => ({ output });
const fails = (message: string | null, code?: number | null): Expect => ({ error: message, ...(code === undefined ? {} : { code }) });
const invalidUtf8 = new Uint8Array([0x41, 0xff, 0x42]);
const allBytes = new Uint8Array(256).map((_, i) => i);

export const apps: AppSpec[] = [
  {
    app: "greet",
    instances: [
      {
        cases: [
          { fn: "greet", label: "Benjamin", input: "Benjamin", expect: ok("Hello, Benjamin!") },
          { fn: "greet", label: "non-ASCII", input: "Zoë 🌍", expect: ok("Hello, Zoë 🌍!") },
          { fn: "greet", label: "empty", input: "", expect: ok("Hello, !") },
          { fn: "greet", label: "invalid UTF-8", input: invalidUtf8, expect: fails("string: invalid UTF-8 at byte 1") },
          { fn: "greet", label: "after a failure", input: "again", expect: ok("Hello, again!") },
        ],
      },
    ],
  },
  {
    app: "greet-user",
    instances: [
      { options: () => ({ config: { user: "Benjamin" } }), cases: [{ fn: "greet_user", label: "config user=Benjamin", expect: ok("Hello, Benjamin!") }] },
      { cases: [{ fn: "greet_user", label: "no config", input: "ignored", expect: ok("Hello, undefined!") }] },
    ],
  },
  {
    app: "count",
    instances: [
      {
        cases: [
          { fn: "count", label: "1st call", expect: ok(i64.encode(1n)) },
          { fn: "count", label: "2nd call", input: "ignored", expect: ok(i64.encode(2n)) },
          { fn: "count", label: "3rd call", expect: ok(i64.encode(3n)) },
        ],
      },
      { cases: [{ fn: "count", label: "new instance", expect: ok(i64.encode(1n)) }] },
    ],
  },
  {
    app: "log-stuff",
    needs: "logging (log_trace .. log_error, get_log_level)",
    instances: [
      {
        options: () => ({ logLevel: "info" }),
        logs: { filter: /Some info!|A warning!|An error!/, expected: ["INFO Some info!", "WARN A warning!", "ERROR An error!"] },
        cases: [{ fn: "log_stuff", label: "log level info", expect: ok("") }],
      },
      {
        options: () => ({ logLevel: "error" }),
        logs: { filter: /Some info!|A warning!|An error!/, expected: ["ERROR An error!"] },
        cases: [{ fn: "log_stuff", label: "log level error", expect: ok("") }],
      },
    ],
  },
  {
    app: "hello-from-python",
    instances: [
      {
        options: () => ({ hostFunctions: [{ name: "a_python_func", behaviour: "append_bang" }] }),
        cases: [
          { fn: "hello_from_python", label: "host function a_python_func", expect: ok("An argument to send to Python!") },
          { fn: "hello_from_python", label: "again", expect: ok("An argument to send to Python!") },
        ],
      },
    ],
  },
  {
    app: "http-get",
    needs: "HTTP (http_request, http_status_code, http_headers)",
    instances: [
      {
        options: () => ({ allowedHosts: ["127.0.0.1"] }),
        cases: [
          { fn: "http_get", label: "GET 300 bytes", input: (httpBase) => JSON.stringify({ url: `${httpBase}/bytes/300` }), expect: ok(concat(allBytes, allBytes.subarray(0, 44))) },
          { fn: "http_get", label: "404, empty body", input: (httpBase) => JSON.stringify({ url: `${httpBase}/status/404` }), expect: ok("") },
          { fn: "http_get", label: "bad JSON", input: '{"url": ', expect: fails("json: malformed JSON") },
          // Last: after a failed host call the JS SDK's worker stops answering.
          { fn: "http_get", label: "host not allowed", input: JSON.stringify({ url: "http://forbidden.invalid/" }), expect: fails(null, null) },
        ],
      },
    ],
  },
  {
    app: "numbers",
    instances: [
      {
        cases: [
          { fn: "add_pi", label: "1.5", input: f32.encode(1.5), expect: ok(f64.encode(1.5 + 3.14)) },
          { fn: "add_pi", label: "f32 3.14", input: f32.encode(3.14), expect: ok(f64.encode(Math.fround(3.14) + 3.14)) },
          { fn: "add_pi", label: "8 bytes (an f64)", input: f64.encode(1.5), expect: fails("f32: expected 4 bytes, got 8") },
          { fn: "add_pi", label: "empty", input: "", expect: fails("f32: expected 4 bytes, got 0") },
          { fn: "sum_42", label: "-50", input: i32.encode(-50), expect: ok(i64.encode(-8n)) },
          { fn: "sum_42", label: "i32 max", input: i32.encode(2147483647), expect: ok(i64.encode(2147483689n)) },
          { fn: "sum_42", label: "3 bytes", input: new Uint8Array([1, 2, 3]), expect: fails("i32: expected 4 bytes, got 3") },
        ],
      },
    ],
  },
  {
    app: "process-bytes",
    instances: [
      {
        cases: [
          { fn: "reverse", label: "text", input: "abc", expect: ok("cba") },
          { fn: "reverse", label: "all 256 byte values", input: allBytes, expect: ok(allBytes.slice().reverse()) },
          { fn: "reverse", label: "empty", input: "", expect: ok("") },
          { fn: "xor", label: "default key 42", input: new Uint8Array([0, 42, 255]), expect: ok(new Uint8Array([42, 0, 213])) },
        ],
      },
      {
        options: () => ({ config: { key: "255" } }),
        cases: [{ fn: "xor", label: "config key=255", input: allBytes, expect: ok(allBytes.map((byte) => byte ^ 255)) }],
      },
      {
        options: () => ({ config: { key: "300" } }),
        cases: [{ fn: "xor", label: "bad config key=300", input: "x", expect: fails(`xor: config "key" must be a number from 0 to 255, not '300'`) }],
      },
    ],
  },
  {
    app: "add",
    instances: [
      {
        cases: [
          { fn: "add", label: "{a: 1, b: 2}", input: '{"a":1,"b":2}', expect: ok('{"sum":3}') },
          { fn: "add", label: "floats", input: '{"a": 0.1, "b": 0.2}', expect: ok('{"sum":0.30000000000000004}') },
          { fn: "add", label: "bad JSON", input: '{"a":1,', expect: fails("json: malformed JSON") },
          { fn: "add", label: "invalid UTF-8", input: concat(utf8('{"a":"'), new Uint8Array([0xff]), utf8('"}')), expect: fails("invalid UTF-8") },
          { fn: "add", label: "not numbers (PluginError code 2)", input: '{"a":"1","b":2}', expect: fails('add: expected {"a": number, "b": number}', 2) },
        ],
      },
    ],
  },
  {
    app: "msgpack",
    instances: [
      {
        cases: [
          {
            fn: "summarize",
            label: "map {sensor, values}",
            input: msgpack().encode({ sensor: "t1", values: [1.5, -2, 3] }),
            expect: ok(msgpack().encode({ sensor: "t1", count: 3, min: -2, max: 3, mean: 2.5 / 3 })),
          },
          {
            fn: "summarize",
            label: "no values (nil fields)",
            // {"sensor": "t2", "values": []}, as rmp-serde writes a map
            input: hex("82 a6 73656e736f72 a2 7432 a6 76616c756573 90"),
            expect: ok(hex("85 a6 73656e736f72 a2 7432 a5 636f756e74 00 a3 6d696e c0 a3 6d6178 c0 a4 6d65616e c0")),
          },
          { fn: "summarize", label: "truncated", input: hex("82 a6 7365"), expect: fails("msgpack:") },
          { fn: "summarize", label: "wrong shape", input: msgpack().encode(["t1", [1]]), expect: fails("summarize: expected {sensor: string, values: number[]}") },
        ],
      },
    ],
  },
  {
    app: "raw-export",
    instances: [
      {
        cases: [
          { fn: "shout", label: "hi", input: "hi", expect: ok("HI!") },
          { fn: "shout", label: "empty (return code 1)", input: "", expect: fails("shout returned 1", 1) },
          { fn: "shout", label: "invalid UTF-8", input: invalidUtf8, expect: fails("string: invalid UTF-8 at byte 1") },
          { fn: "byte_length", label: "hello", input: "hello", expect: ok("5") },
          { fn: "byte_length", label: "binary", input: allBytes, expect: ok("256") },
          { fn: "byte_length", label: "empty", input: "", expect: ok("0") },
        ],
      },
    ],
  },
  {
    app: "count-vowels",
    instances: [
      {
        cases: [
          { fn: "count_vowels", label: "Hello, World!", input: "Hello, World!", expect: ok('{"count":3,"total":3,"vowels":"aeiouAEIOU"}') },
          { fn: "count_vowels", label: "total kept in a var", input: "AEIOU", expect: ok('{"count":5,"total":8,"vowels":"aeiouAEIOU"}') },
          { fn: "count_vowels", label: "invalid UTF-8", input: invalidUtf8, expect: fails("string: invalid UTF-8 at byte 1") },
          { fn: "count_vowels", label: "empty, total unchanged", input: "", expect: ok('{"count":0,"total":8,"vowels":"aeiouAEIOU"}') },
        ],
      },
      {
        options: () => ({ config: { vowels: "é🌍" } }),
        cases: [{ fn: "count_vowels", label: 'config vowels="é🌍"', input: "café 🌍 é", expect: ok('{"count":3,"total":3,"vowels":"é🌍"}') }],
      },
    ],
  },
  {
    app: "async-export",
    instances: [
      {
        cases: [
          { fn: "reverse_words", label: "three words", input: "hello big world", expect: ok('{"words":3,"reversed":["olleh","gib","dlrow"]}') },
          { fn: "reverse_words", label: "empty word (rejects)", input: "a  b", expect: fails("Error: lookUp: empty word") },
          { fn: "reverse_words", label: "invalid UTF-8", input: invalidUtf8, expect: fails("string: invalid UTF-8 at byte 1") },
          { fn: "countdown", label: "5", input: "5", expect: ok("5,4,3,2,1,0") },
          { fn: "countdown", label: "not a number", input: "x", expect: fails("RangeError: countdown: 'x' is not a whole number from 0 to 1000") },
        ],
      },
    ],
  },
  {
    app: "codecs",
    instances: [
      {
        cases: [
          { fn: "roundtrip_string", label: "non-ASCII", input: "Zoë 🌍", expect: ok("Zoë 🌍") },
          { fn: "roundtrip_string", label: "invalid UTF-8", input: new Uint8Array([0xc3]), expect: fails("string: invalid UTF-8 at byte 0") },
          { fn: "roundtrip_bytes", label: "all 256 byte values", input: allBytes, expect: ok(allBytes) },
          { fn: "roundtrip_bytes", label: "empty", input: "", expect: ok("") },
          { fn: "roundtrip_bool", label: "true", input: new Uint8Array([1]), expect: ok(new Uint8Array([1])) },
          { fn: "roundtrip_bool", label: "non-zero byte", input: new Uint8Array([7]), expect: ok(new Uint8Array([1])) },
          { fn: "roundtrip_bool", label: "false", input: new Uint8Array([0]), expect: ok(new Uint8Array([0])) },
          { fn: "roundtrip_bool", label: "2 bytes", input: new Uint8Array([1, 0]), expect: fails("bool: expected 1 byte, got 2") },
          { fn: "roundtrip_i32", label: "-123456", input: i32.encode(-123456), expect: ok(i32.encode(-123456)) },
          { fn: "roundtrip_i32", label: "8 bytes", input: i64.encode(1n), expect: fails("i32: expected 4 bytes, got 8") },
          { fn: "roundtrip_u32", label: "u32 max", input: u32.encode(4294967295), expect: ok(u32.encode(4294967295)) },
          { fn: "roundtrip_u32", label: "2 bytes", input: new Uint8Array([1, 2]), expect: fails("u32: expected 4 bytes, got 2") },
          { fn: "roundtrip_f32", label: "-0.5", input: f32.encode(-0.5), expect: ok(f32.encode(-0.5)) },
          { fn: "roundtrip_f32", label: "empty", input: "", expect: fails("f32: expected 4 bytes, got 0") },
          { fn: "roundtrip_f64", label: "pi", input: f64.encode(Math.PI), expect: ok(f64.encode(Math.PI)) },
          { fn: "roundtrip_f64", label: "4 bytes", input: f32.encode(1), expect: fails("f64: expected 8 bytes, got 4") },
          { fn: "roundtrip_i64", label: "i64 min", input: i64.encode(-(2n ** 63n)), expect: ok(i64.encode(-(2n ** 63n))) },
          { fn: "roundtrip_i64", label: "4 bytes", input: i32.encode(1), expect: fails("i64: expected 8 bytes, got 4") },
          { fn: "roundtrip_u64", label: "u64 max", input: u64.encode(2n ** 64n - 1n), expect: ok(u64.encode(2n ** 64n - 1n)) },
          { fn: "roundtrip_u64", label: "9 bytes", input: new Uint8Array(9), expect: fails("u64: expected 8 bytes, got 9") },
          { fn: "roundtrip_json", label: "object", input: '{"a":[1,2.5,{"b":null}],"c":"é"}', expect: ok('{"a":[1,2.5,{"b":null}],"c":"é"}') },
          { fn: "roundtrip_json", label: "bad JSON", input: '{"a":', expect: fails("json: malformed JSON") },
          { fn: "roundtrip_msgpack", label: "map", input: hex("82 a1 61 01 a1 62 92 c3 c0"), expect: ok(hex("82 a1 61 01 a1 62 92 c3 c0")) },
          { fn: "roundtrip_msgpack", label: "reserved byte 0xc1", input: hex("c1"), expect: fails("msgpack:") },
          { fn: "roundtrip_base64", label: "hello", input: "aGVsbG8=", expect: ok("aGVsbG8=") },
          { fn: "roundtrip_base64", label: "padding missing", input: "aGVsbG8", expect: fails("base64: 7 bytes is not a multiple of 4") },
          { fn: "roundtrip_optional_i32", label: "none", input: "", expect: ok("") },
          { fn: "roundtrip_optional_i32", label: "some 7", input: i32.encode(7), expect: ok(i32.encode(7)) },
          { fn: "roundtrip_optional_i32", label: "2 bytes", input: new Uint8Array([1, 2]), expect: fails("i32: expected 4 bytes, got 2") },
          { fn: "roundtrip_unit", label: "empty", input: "", expect: ok("") },
          { fn: "roundtrip_unit", label: "1 byte", input: "x", expect: fails("unit: expected no bytes, got 1") },
          { fn: "golden_string", label: "golden", expect: ok("Zoë 🌍") },
          { fn: "golden_bool", label: "golden", expect: ok(new Uint8Array([1])) },
          { fn: "golden_i32", label: "golden", expect: ok(i32.encode(-1)) },
          { fn: "golden_u32", label: "golden", expect: ok(u32.encode(4294967295)) },
          { fn: "golden_f32", label: "golden", expect: ok(f32.encode(3.14)) },
          { fn: "golden_f64", label: "golden", expect: ok(f64.encode(3.14)) },
          { fn: "golden_i64", label: "golden", expect: ok(i64.encode(-(2n ** 63n))) },
          { fn: "golden_u64", label: "golden", expect: ok(u64.encode(2n ** 64n - 1n)) },
          { fn: "golden_json", label: "golden", expect: ok('{"a":1,"b":[true,null],"c":"é"}') },
          { fn: "golden_msgpack", label: "golden", expect: ok(hex("81 a1 61 01")) },
          // [5e9, 2^63, -129, "é", bin "hi", {y: nil}] as rmp-serde writes it
          { fn: "golden_msgpack_mixed", label: "golden", expect: ok(hex("96 d3 000000012a05f200 cf 8000000000000000 d1 ff7f a2 c3a9 c4 02 6869 81 a1 79 c0")) },
          { fn: "golden_base64", label: "golden", expect: ok("aGVsbG8=") },
          { fn: "roundtrip_base64url", label: "URL-safe symbols", input: "-_-_AQ", expect: ok("-_-_AQ") },
          { fn: "roundtrip_base64url", label: "padding", input: "AQ==", expect: fails("base64url: padding '=' (base64url has none) at byte 2") },
          { fn: "golden_base64url", label: "golden", expect: ok("-_-_AQ") },
          { fn: "roundtrip_hex", label: "mixed case", input: "00AbFf", expect: ok("00abff") },
          { fn: "roundtrip_hex", label: "odd length", input: "abc", expect: fails("hex: odd number of hex digits (3) at byte 2") },
          { fn: "golden_hex", label: "golden", expect: ok("00abff") },
          // msgpackEncodeCases[17] and jsonEncodeCases[4] of apps/codecs/src/encode-cases.ts
          { fn: "encode_msgpack_case", label: "true, false, null, undefined", input: u32.encode(17), expect: ok(hex("94 c3 c2 c0 c0")) },
          { fn: "encode_msgpack_case", label: "bigint 2^64 (too large)", input: u32.encode(3), expect: fails("RangeError: msgpack: 18446744073709551616 was too large") },
          { fn: "encode_msgpack_cycle", label: "cycle", expect: fails("RangeError: msgpack: nested deeper than 1024 levels") },
          { fn: "encode_json_case", label: "no-JSON values in an array", input: u32.encode(4), expect: ok("[null,null,null,null]") },
          { fn: "stringify_json_case", label: "no-JSON values in an array", input: u32.encode(4), expect: ok("[null,null,null,null]") },
          { fn: "golden_optional_none", label: "golden", expect: ok("") },
          { fn: "golden_optional_some", label: "golden", expect: ok(i32.encode(7)) },
          { fn: "golden_unit", label: "golden", expect: ok("") },
          { fn: "describe_json", label: "object", input: '{"a":[1,-0.0,"x",null]}', expect: ok('{"a":[1,-0,"x",null]}') },
          { fn: "describe_json", label: "bad JSON", input: "nope", expect: fails("json: malformed JSON") },
          { fn: "describe_msgpack", label: "u64 beyond 2^53", input: hex("81 a1 61 cf 8000000000000000"), expect: ok('{"a":9223372036854775808n}') },
          { fn: "describe_msgpack", label: "truncated", input: hex("81 a1"), expect: fails("msgpack:") },
          { fn: "bench_string", label: "3 rounds", input: concat(u32.encode(3), utf8("hello")), expect: ok(u32.encode(5)) },
          { fn: "bench_string", label: "2 bytes", input: new Uint8Array([3, 0]), expect: fails("u32: expected 4 bytes, got 2") },
          { fn: "bench_bytes", label: "3 rounds", input: concat(u32.encode(3), new Uint8Array([1, 2, 3])), expect: ok(u32.encode(3)) },
          { fn: "bench_json", label: "3 rounds", input: concat(u32.encode(3), utf8('{"a":[1,2]}')), expect: ok(u32.encode(11)) },
          { fn: "bench_json", label: "bad JSON", input: concat(u32.encode(3), utf8("{")), expect: fails("json: malformed JSON") },
          { fn: "bench_msgpack", label: "3 rounds", input: concat(u32.encode(3), utf8('{"a":[1,2]}')), expect: ok(u32.encode(6)) },
          { fn: "bench_base64", label: "3 rounds", input: concat(u32.encode(3), new Uint8Array([1, 2, 3, 4])), expect: ok(u32.encode(8)) },
          { fn: "bench_hex", label: "3 rounds", input: concat(u32.encode(3), new Uint8Array([1, 2, 3, 4])), expect: ok(u32.encode(8)) },
          { fn: "bench_string_encode", label: "3 rounds", input: concat(u32.encode(3), utf8("hello")), expect: ok(u32.encode(5)) },
          { fn: "bench_string_decode", label: "3 rounds", input: concat(u32.encode(3), utf8("hello")), expect: ok(u32.encode(5)) },
          { fn: "bench_json_encode", label: "3 rounds", input: concat(u32.encode(3), utf8('{"a":[1,2]}')), expect: ok(u32.encode(11)) },
          { fn: "bench_json_decode", label: "3 rounds", input: concat(u32.encode(3), utf8('{"a":[1,2]}')), expect: ok(u32.encode(11)) },
          { fn: "bench_msgpack_encode", label: "3 rounds", input: concat(u32.encode(3), utf8('{"a":[1,2]}')), expect: ok(u32.encode(6)) },
          { fn: "bench_msgpack_decode", label: "3 rounds", input: concat(u32.encode(3), utf8('{"a":[1,2]}')), expect: ok(u32.encode(6)) },
        ],
      },
    ],
  },
];
