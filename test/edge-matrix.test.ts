// The edge-value matrix: every place where bytes cross between a plug-in and
// its host (input, output, config, vars, logs, HTTP bodies and headers,
// host-function parameters and results, each codec of @extism-ts/convert),
// with empty, one-byte, NUL, ill-formed UTF-8, 1 MiB and 16 MiB values and
// values just over the host's limits, on four hosts. One fixture plug-in
// (built with the real CLI) runs many cases on one instance per host; after
// every case a `ping` call on the same instance must answer as before.
//
// A case either behaves as the Rust PDK does on that host, or fails with an
// error the plug-in can catch and whose message names the value; nothing
// traps in the plug-in. Where the host itself refuses (its limits, its HTTP
// client), the call fails as it fails the Rust PDK's. Where hosts differ the
// expectation is per host, with the reason next to it. Every run writes the
// whole matrix to test/artifacts/edge-matrix.md.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bool, f64, i32, i64, msgpack } from "@extism-ts/convert";
import { buildFixture } from "./support/cli.js";
import { edgeBytes, edgeText, edgeTextBytes, fingerprint, MiB, type EdgeValue } from "./support/edge-values.js";
import { goSdk, jsSdk1, jsSdk2, pythonSdk, type CallResult, type Host, type HostCall, type HostFunction, type HostOptions } from "./support/hosts.js";
import { testDir } from "./support/paths.js";
import { startHttpServer, type TestServer } from "./support/http.js";

// ---------------------------------------------------------------------------
// The fixture

/** Everything the plug-in does that every host can link. */
const coreSource = `import { plugin, input, output, config, vars, memory } from "@extism-ts/pdk";
import { string, bytes, bool, i32, u32, f32, f64, i64, u64, json, msgpack, base64, optional, unit } from "@extism-ts/convert";
import { hostFn } from "@extism-ts/host-fn";
import { edgeBytes, edgeText, fingerprint, type EdgeValue } from "../../support/edge-values.ts";

export const ping = plugin(string, string, (s) => s + "!");
export function echo() { output(input()); }
export const echo_text = plugin(string, string, (s) => s);
export const make = plugin(json<EdgeValue>(), bytes, (value) => edgeBytes(value));
export const make_text = plugin(json<EdgeValue>(), string, (value) => edgeText(value));
export const input_fingerprint = plugin(bytes, string, (data) => fingerprint(data));

export const rt_string = plugin(string, string, (v) => v);
export const rt_bytes = plugin(bytes, bytes, (v) => v);
export const rt_bool = plugin(bool, bool, (v) => v);
export const rt_i32 = plugin(i32, i32, (v) => v);
export const rt_u32 = plugin(u32, u32, (v) => v);
export const rt_f32 = plugin(f32, f32, (v) => v);
export const rt_f64 = plugin(f64, f64, (v) => v);
export const rt_i64 = plugin(i64, i64, (v) => v);
export const rt_u64 = plugin(u64, u64, (v) => v);
export const rt_json = plugin(json(), json(), (v) => v);
export const rt_msgpack = plugin(msgpack(), msgpack(), (v) => v);
export const rt_base64 = plugin(base64(), base64(), (v) => v);
export const rt_optional = plugin(optional(string), optional(string), (v) => v);
export const rt_unit = plugin(unit, unit, (v) => v);

const echoBytes = hostFn("echo_bytes", { params: [bytes], result: bytes });
const makeBytes = hostFn("make_bytes", { params: ["i64"], result: bytes });
const appendBang = hostFn("append_bang", { params: [string], result: string });
const echoI64 = hostFn("echo_i64", { params: ["i64"], result: "i64" });
const combine = hostFn("combine", { params: [string, "i32", "f64"], result: json<{ text: string; count: number; value: number }>() });

/** A short, comparable form of what came back: long values as their fingerprint. */
function shown(value: unknown): unknown {
  if (value instanceof Uint8Array) return value.length <= 16 ? { bytes: Array.from(value) } : { fingerprint: fingerprint(value) };
  if (typeof value === "string") return value.length <= 64 ? value : { fingerprint: fingerprint(new TextEncoder().encode(value)) };
  if (typeof value === "bigint") return value.toString();
  return value === undefined ? "(undefined)" : value;
}

/** key: a name as it is; keyValue: an edge value as the name. */
type Probe = { op: string; key?: string; keyValue?: EdgeValue; value?: EdgeValue; size?: number; level?: string; path?: string; body?: EdgeValue; header?: EdgeValue; i64?: string };
const name = (p: Probe) => (p.keyValue === undefined ? p.key! : edgeText(p.keyValue));

const probes: Record<string, (p: Probe) => unknown> = {
  config: (p) => config.get(name(p)),
  config_bytes: (p) => config.get(name(p), bytes),
  var_set: (p) => {
    vars.set(name(p), edgeBytes(p.value!));
    return vars.get(name(p));
  },
  var_get: (p) => vars.get(name(p)),
  var_remove: (p) => {
    vars.remove(name(p));
    return vars.get(name(p));
  },
  host_echo: (p) => echoBytes(edgeBytes(p.value!)),
  host_make: (p) => makeBytes(BigInt(p.size!)),
  host_text: (p) => appendBang(edgeText(p.value!)),
  host_i64: (p) => echoI64(BigInt(p.i64!)),
  host_i64_number: (p) => echoI64(Number(p.i64!)),
  host_combine: (p) => {
    const [count, value] = p.i64!.split(",").map(Number) as [number, number];
    const answer = combine(edgeText(p.value!), count, value);
    return { text: answer.text, count: answer.count, value: answer.value };
  },
  alloc: (p) => {
    const block = new Uint8Array(p.size!);
    block[block.length - 1] = 1;
    return block.length;
  },
  memory_alloc: (p) => {
    const block = memory.alloc(p.size!);
    block.free();
    return block.length;
  },
  memory: (p) => {
    const block = memory.fromBytes(edgeBytes(p.value!));
    const back = block.bytes();
    block.free();
    return back;
  },
};

/** Runs one edge case inside the plug-in: what came back, or the error it caught. */
export const probe = plugin(json<Probe>(), json(), (p) => {
  try {
    return { value: shown(probes[p.op]!(p)) };
  } catch (error) {
    return { error: \`\${(error as Error).name}: \${(error as Error).message}\` };
  }
});
`;

/** Logs and HTTP: @extism/extism 1.0.3 lacks log_trace, get_log_level and http_headers. */
const fullSource = `${coreSource}
import { trace, debug, info, warn, error } from "@extism-ts/pdk";
import { request } from "@extism-ts/http";

const loggers: Record<string, (...args: unknown[]) => void> = { trace, debug, info, warn, error };
probes.log = (p) => loggers[p.level!]!(edgeText(p.value!));
probes.console = (p) => (console as unknown as Record<string, (...args: unknown[]) => void>)[p.level!]!(edgeText(p.value!));
probes.http = (p) => {
  const headers: Record<string, string> = p.header === undefined ? {} : { "x-test": edgeText(p.header) };
  const post = p.body !== undefined;
  const response = request({ url: config.get("base") + p.path!, method: post ? "POST" : "GET", headers }, post ? edgeBytes(p.body!) : undefined);
  // /headers answers with the request's headers; /echo sends x-test back as x-echo-test.
  if (p.path === "/headers" && response.status === 200) return { status: response.status, received: shown((response.json() as Record<string, string>)["x-test"]) };
  const shared = Object.keys(response.headers).length > 0;
  return { status: response.status, echoed: shared ? shown(response.headers[p.header === undefined ? "content-length" : "x-echo-test"]) : "(not shared)", body: shown(response.body) };
};`;

// ---------------------------------------------------------------------------
// Hosts

interface MatrixHost {
  host: Host;
  /** The Extism kernel (the reference Rust runtime, and the Go SDK's copy of it) holds Extism memory. */
  kernel: boolean;
  /** Can link the logging and HTTP imports (see fullSource); the others run the core fixture. */
  full: boolean;
  /** Takes HostOptions.limits (@extism/extism 1.x has none). */
  limits: boolean;
}

const hosts: MatrixHost[] = [
  { host: jsSdk1, kernel: false, full: false, limits: false },
  { host: jsSdk2, kernel: false, full: true, limits: true },
  { host: pythonSdk, kernel: true, full: true, limits: true },
  { host: goSdk, kernel: true, full: true, limits: true },
];

// ---------------------------------------------------------------------------
// Cases

type Outcome =
  /** The call succeeds with exactly these bytes. */
  | { output: Uint8Array }
  /** The probe succeeds and gives this value (see `shown`). */
  | { value: unknown }
  /** The probe's operation threw, inside the plug-in, an error matching this. */
  | { caught: RegExp }
  /** The call fails with a host error matching this. */
  | { fails: RegExp };

interface Case {
  area: string;
  label: string;
  call: HostCall;
  expect: Outcome | ((host: MatrixHost) => Outcome);
  /** Log lines (as hosts.ts collects them) the call must leave. */
  logs?: string[];
  /** Only on hosts that link logging and HTTP. */
  full?: boolean;
  /** On these hosts the case leaves the instance unusable (a host defect): it runs on an instance of its own, last. */
  alone?: (host: MatrixHost) => boolean;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const probe = (fields: Record<string, unknown>): HostCall => ({ function: "probe", input: JSON.stringify(fields) });
const output = (bytes: Uint8Array | string): Outcome => ({ output: typeof bytes === "string" ? utf8(bytes) : bytes });
const value = (shown: unknown): Outcome => ({ value: shown });
const caught = (pattern: RegExp): Outcome => ({ caught: pattern });
const fails = (pattern: RegExp): Outcome => ({ fails: pattern });
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** What the fixture's `shown` makes of a value. */
function shownBytes(bytes: Uint8Array): unknown {
  return bytes.length <= 16 ? { bytes: Array.from(bytes) } : { fingerprint: fingerprint(bytes) };
}
function shownText(text: string): unknown {
  return text.length <= 64 ? text : { fingerprint: fingerprint(utf8(text)) };
}

const values: EdgeValue[] = ["empty", "one", "nul", "bad_utf8", "1mib", "16mib"];
const smallValues: EdgeValue[] = ["empty", "one", "nul", "bad_utf8", "1mib"];
const label = (v: EdgeValue) => (typeof v === "object" ? `${v.size} bytes` : v);

let httpBase = "";

const config: Record<string, string> = {
  empty: "",
  one: edgeText("one"),
  nul: edgeText("nul"),
  "1mib": edgeText("1mib"),
  [edgeText("nul")]: "under a NUL key",
  "": "under the empty key",
};

function cases(): Case[] {
  const list: Case[] = [];
  const add = (area: string, caseLabel: string, call: HostCall, expected: Case["expect"], extra: Partial<Case> = {}) =>
    list.push({ area, label: caseLabel, call, expect: expected, ...extra });

  // Input and output.
  for (const v of values) {
    add("input", `raw input ${label(v)}`, { function: "echo", input: edgeBytes(v) }, output(edgeBytes(v)));
    add("output", `bytes output ${label(v)}`, { function: "make", input: JSON.stringify(v) }, output(edgeBytes(v)));
    add("output", `string output ${label(v)}`, { function: "make_text", input: JSON.stringify(v) }, output(edgeTextBytes(v)));
  }
  for (const v of smallValues) {
    const text = edgeBytes(v);
    // Sized values are i & 0xff: byte 128 is the first that is not UTF-8.
    const bad = v === "bad_utf8" ? 1 : typeof v === "string" && v.endsWith("mib") ? 128 : undefined;
    add("input", `string input ${label(v)}`, { function: "echo_text", input: text }, bad === undefined ? output(text) : fails(new RegExp(`string: invalid UTF-8 at byte ${bad}\\b`)));
  }

  // Config: the host's strings. A value "" reads as absent on the kernel, as
  // it does for the Rust PDK (config_get answers 0 for it); @extism/extism 2.0
  // hands over an empty block, which reads as ""; 1.0.3 cannot store an empty
  // block, and its config_get fails the call.
  add("config", "empty value", probe({ op: "config", key: "empty" }), (h) => (h.kernel ? value("(undefined)") : h.host === jsSdk1 ? fails(/failed to store output/) : value("")));
  add("config", "one-byte value", probe({ op: "config", key: "one" }), value(edgeText("one")));
  add("config", "NUL bytes in the value", probe({ op: "config", key: "nul" }), value(edgeText("nul")));
  add("config", "NUL bytes in the value, as bytes", probe({ op: "config_bytes", key: "nul" }), value(shownBytes(edgeTextBytes("nul"))));
  add("config", "1 MiB value", probe({ op: "config", key: "1mib" }), value(shownText(edgeText("1mib"))));
  add("config", "absent key", probe({ op: "config", key: "absent" }), value("(undefined)"));
  add("config", "empty key", probe({ op: "config", keyValue: "empty" }), value("under the empty key"));
  add("config", "NUL bytes in the key", probe({ op: "config", keyValue: "nul" }), value("under a NUL key"));
  // Every string leaves the plug-in as UTF-8 with lone surrogates as U+FFFD, as
  // output() and TextEncoder write them: the kernel refuses ill-formed UTF-8 in
  // a key (the call traps) and drops a log message that holds it.
  add("config", "lone surrogates in the key", probe({ op: "config", keyValue: "bad_utf8" }), value("(undefined)"));
  add("config", "1 MiB key", probe({ op: "config", keyValue: "1mib" }), value("(undefined)"));

  // Vars: bytes the host keeps between calls. On the kernel, as for the Rust
  // PDK, an empty value is the offset 0 (alloc(0) answers 0) and var_set(k, 0)
  // removes the var; and the store holds at most 1 MiB by default, so a 1 MiB
  // value (with its key) makes the host fail the call, as it does the Rust PDK's.
  const storeFull = (h: MatrixHost) => fails(h.host === goSdk ? /Variable store is full/ : /wasm backtrace/);
  for (const v of smallValues) {
    add("vars", `set and get ${label(v)}`, probe({ op: "var_set", key: `v-${label(v)}`, value: v }), (h) =>
      h.kernel && v === "empty" ? value("(undefined)") : h.kernel && v === "1mib" ? storeFull(h) : value(shownBytes(edgeBytes(v))),
    );
  }
  // @extism/extism 1.0.3 answers var_get with the var's own block, not a
  // copy: a plug-in that frees it (the Rust PDK never does) deletes the var.
  for (const v of smallValues) {
    add("vars", `get ${label(v)} in a later call`, probe({ op: "var_get", key: `v-${label(v)}` }), (h) =>
      h.kernel && (v === "empty" || v === "1mib") ? value("(undefined)") : value(shownBytes(edgeBytes(v))),
    );
  }
  add("vars", "remove", probe({ op: "var_remove", key: "v-one" }), value("(undefined)"));
  add("vars", "absent", probe({ op: "var_get", key: "v-absent" }), value("(undefined)"));
  for (const key of ["empty", "nul", "bad_utf8", "1mib"] as const) {
    add("vars", `${label(key)} key`, probe({ op: "var_set", keyValue: key, value: "one" }), (h) => (h.kernel && key === "1mib" ? storeFull(h) : value(shownBytes(edgeBytes("one")))));
  }

  // Logs, at every level: the message as the host prints it (lone surrogates as U+FFFD).
  for (const level of ["trace", "debug", "info", "warn", "error"]) {
    for (const v of smallValues) {
      add("log", `${level} ${label(v)}`, probe({ op: "log", level, value: v }), value("(undefined)"), {
        full: true,
        logs: [`${level.toUpperCase()} ${new TextDecoder().decode(edgeTextBytes(v))}`],
      });
    }
  }

  // console writes through the same imports: log and info at INFO.
  for (const [method, level] of [["log", "INFO"], ["info", "INFO"], ["debug", "DEBUG"], ["warn", "WARN"], ["error", "ERROR"]] as const) {
    for (const v of ["empty", "bad_utf8"] as const) {
      add("log", `console.${method} ${label(v)}`, probe({ op: "console", level: method, value: v }), value("(undefined)"), {
        full: true,
        logs: [`${level} ${new TextDecoder().decode(edgeTextBytes(v))}`],
      });
    }
  }

  // HTTP request and response bodies and headers, through test/support/http-server.mjs
  // (content-length and x-echo-test are response headers). The Python SDK has
  // no switch for sharing response headers with the plug-in.
  const echoed = (h: MatrixHost, shownValue: unknown) => (h.host === pythonSdk ? "(not shared)" : shownValue);
  for (const v of smallValues) {
    const body = edgeBytes(v);
    add("http", `request body ${label(v)}`, probe({ op: "http", path: "/echo", body: v }), (h) => value({ status: 200, echoed: echoed(h, String(body.length)), body: shownBytes(body) }), { full: true });
  }
  for (const size of [0, 1, MiB, 16 * MiB]) {
    add("http", `response body ${size} bytes`, probe({ op: "http", path: `/bytes/${size}` }), (h) => value({ status: 200, echoed: echoed(h, String(size)), body: shownBytes(edgeBytes({ size })) }), { full: true });
  }
  for (const v of ["empty", "one"] as const) {
    add("http", `request header ${label(v)}`, probe({ op: "http", path: "/headers", header: v }), value({ status: 200, received: edgeText(v) }), { full: true });
    add("http", `response header ${label(v)}`, probe({ op: "http", path: "/echo", body: "one", header: v }), (h) => value({ status: 200, echoed: echoed(h, edgeText(v)), body: shownBytes(edgeBytes("one")) }), { full: true });
  }
  add("http", "request header with NUL bytes", probe({ op: "http", path: "/headers", header: "nul" }), caught(/^TypeError: invalid HTTP request: header 'x-test' holds NUL\b/), { full: true });
  // Lone surrogates leave as U+FFFD. The kernel hosts send its UTF-8, which
  // the server (Node) reads as Latin-1; @extism/extism's fetch takes only
  // Latin-1 header values, so its host function fails, and its worker then
  // answers no further call (hence a run of its own).
  add("http", "request header with lone surrogates", probe({ op: "http", path: "/headers", header: "bad_utf8" }), (h) =>
    h.kernel ? value({ status: 200, received: Buffer.from(edgeTextBytes("bad_utf8")).toString("latin1") }) : fails(/ByteString/),
    { full: true, alone: (h) => !h.kernel },
  );
  // The reference runtime's HTTP client refuses it, and fails the call as it fails the Rust PDK's.
  add("http", "request header of 1 MiB", probe({ op: "http", path: "/headers", header: "1mib" }), (h) =>
    h.host === pythonSdk ? fails(/wasm backtrace/) : value({ status: 200, received: shownText(edgeText("1mib")) }),
    { full: true },
  );

  // Host-function parameters and results.
  for (const v of values) {
    add("host function", `bytes parameter and result ${label(v)}`, probe({ op: "host_echo", value: v }), value(shownBytes(edgeBytes(v))));
  }
  for (const size of [0, 1, MiB, 16 * MiB]) {
    add("host function", `result of ${size} bytes`, probe({ op: "host_make", size }), value(shownBytes(edgeBytes({ size }))));
  }
  for (const v of smallValues) {
    add("host function", `string parameter ${label(v)}`, probe({ op: "host_text", value: v }), value(shownText(`${new TextDecoder().decode(edgeTextBytes(v))}!`)));
  }
  for (const n of ["0", "-1", "9223372036854775807", "-9223372036854775808"]) {
    add("host function", `i64 ${n}`, probe({ op: "host_i64", i64: n }), value(n));
  }
  // i32 and f64 parameters at their edges, with a string parameter beside them.
  for (const [numbers, text] of [["-2147483648,-0", "empty"], ["2147483647,5e-324", "one"], ["-1,1.7976931348623157e308", "nul"]] as const) {
    const [count, real] = numbers.split(",").map(Number) as [number, number];
    add("host function", `i32 and f64 parameters ${numbers}, string ${label(text)}`, probe({ op: "host_combine", i64: numbers, value: text }), value({ text: edgeText(text), count, value: real }));
  }
  // A number for an i64 parameter converts as Rust's `as i64`: toward zero, saturating, NaN as 0.
  for (const [n, expected] of [["2.9", "2"], ["-0", "0"], ["NaN", "0"], ["1e20", "9223372036854775807"], ["-Infinity", "-9223372036854775808"]]) {
    add("host function", `i64 from the number ${n}`, probe({ op: "host_i64_number", i64: n }), value(expected));
  }

  // Extism memory blocks made by hand.
  for (const v of values) {
    add("memory", `block of ${label(v)}`, probe({ op: "memory", value: v }), value(shownBytes(edgeBytes(v))));
  }

  // Each codec, as an export's input and output.
  const roundTrip = (codec: string, caseLabel: string, bytes: Uint8Array, expected: Outcome = output(bytes)) =>
    add(`codec ${codec}`, caseLabel, { function: `rt_${codec}`, input: bytes }, expected);
  for (const v of values) roundTrip("bytes", label(v), edgeBytes(v));
  for (const v of smallValues) {
    const bad = v === "bad_utf8" ? 1 : v === "1mib" ? 128 : undefined;
    roundTrip("string", label(v), edgeBytes(v), bad === undefined ? undefined : fails(new RegExp(`string: invalid UTF-8 at byte ${bad}\\b`)));
  }
  const wrongLength = (codec: string, size: number) => (v: EdgeValue) =>
    fails(new RegExp(`${codec}: expected ${size} bytes?, got ${edgeBytes(v).length}\\b`));
  for (const v of smallValues) roundTrip("bool", label(v), edgeBytes(v), v === "one" ? output(bool.encode(true)) : wrongLength("bool", 1)(v));
  roundTrip("bool", "NUL", new Uint8Array([0]));
  for (const [codec, size] of [["i32", 4], ["u32", 4], ["f32", 4], ["f64", 8], ["i64", 8], ["u64", 8]] as const) {
    for (const v of smallValues) roundTrip(codec, label(v), edgeBytes(v), wrongLength(codec, size)(v));
    roundTrip(codec, "NUL bytes", new Uint8Array(size));
    roundTrip(codec, "all bits set", new Uint8Array(size).fill(0xff), codec === "f32" || codec === "f64" ? output(codec === "f32" ? new Uint8Array([0, 0, 0xc0, 0x7f]) : f64.encode(NaN)) : undefined);
  }
  roundTrip("i32", "minimum", i32.encode(-(2 ** 31)));
  roundTrip("i64", "minimum", i64.encode(-(2n ** 63n)));
  roundTrip("f64", "negative zero", f64.encode(-0));

  roundTrip("json", "empty", edgeBytes("empty"), fails(/json: /));
  roundTrip("json", "one byte", utf8("7"));
  roundTrip("json", "NUL bytes", edgeBytes("nul"), fails(/json: .* at byte 0\b/));
  roundTrip("json", "escaped NUL", utf8(JSON.stringify(edgeText("nul"))));
  roundTrip("json", "ill-formed UTF-8 in a string", concat(utf8('"'), edgeBytes("bad_utf8"), utf8('"')), fails(/json: invalid UTF-8 at byte 2\b/));
  roundTrip("json", "1 MiB string", utf8(JSON.stringify(edgeText("1mib"))));
  roundTrip("json", "16 MiB string", utf8(JSON.stringify(edgeText("16mib"))));

  roundTrip("msgpack", "empty", edgeBytes("empty"), fails(/msgpack: /));
  roundTrip("msgpack", "one byte (nil)", new Uint8Array([0xc0]));
  roundTrip("msgpack", "NUL byte (0)", new Uint8Array([0x00]));
  roundTrip("msgpack", "NUL bytes (trailing)", edgeBytes("nul"), fails(/msgpack: .* at byte 1\b/));
  roundTrip("msgpack", "ill-formed UTF-8 in a str", concat(new Uint8Array([0xa0 | 10]), edgeBytes("bad_utf8")), fails(/msgpack: invalid UTF-8 in string at byte 2\b/));
  roundTrip("msgpack", "1 MiB bin", concat(new Uint8Array([0xc6, 0x00, 0x10, 0x00, 0x00]), edgeBytes("1mib")));
  roundTrip("msgpack", "16 MiB bin", concat(new Uint8Array([0xc6, 0x01, 0x00, 0x00, 0x00]), edgeBytes("16mib")));
  roundTrip("msgpack", "1 MiB str", msgpack().encode(edgeText("1mib")));

  roundTrip("base64", "empty", edgeBytes("empty"));
  roundTrip("base64", "one byte", utf8("YQ=="));
  roundTrip("base64", "NUL bytes", edgeBytes("nul"), fails(/base64: .* at byte 0\b/));
  roundTrip("base64", "ill-formed UTF-8", edgeBytes("bad_utf8"), fails(/base64: .* at byte 1\b/));
  roundTrip("base64", "1 MiB", utf8(Buffer.from(edgeBytes("1mib")).toString("base64")));

  // extism-convert's Option: empty bytes are None, which encodes as empty bytes.
  for (const v of smallValues) {
    const bad = v === "bad_utf8" ? 1 : v === "1mib" ? 128 : undefined;
    roundTrip("optional", label(v), edgeBytes(v), bad === undefined ? undefined : fails(new RegExp(`string: invalid UTF-8 at byte ${bad}\\b`)));
  }
  roundTrip("unit", "empty", edgeBytes("empty"));
  for (const v of ["one", "nul", "1mib"] as const) roundTrip("unit", label(v), edgeBytes(v), fails(new RegExp(`unit: expected no bytes, got ${edgeBytes(v).length}\\b`)));

  return list;
}

/** The limits of the limits run: room for the engine (about 60 pages) and a few MiB of values. */
const limits = { maxPages: 160, maxVarBytes: 4096, maxHttpResponseBytes: 4096 };
const memoryLimit = limits.maxPages * 65536;

/**
 * Values just over (and just under) each of the host's limits. What a host
 * does past its limit is its own: the Rust PDK meets the same. The wasmtime
 * store of the reference runtime traps a memory that grows past the limit
 * ("oom"); @extism/extism 2.0.0-rc13 caps only Extism blocks, and when one
 * does not fit it logs "memory limit exceeded" and ends the call without an
 * output and without an error; the Go SDK's Extism blocks come out of the
 * plug-in's own memory and fail as allocations there.
 */
function limitCases(): Case[] {
  const list: Case[] = [];
  const add = (area: string, caseLabel: string, call: HostCall, expected: Case["expect"]) => list.push({ area, label: caseLabel, call, expect: expected });
  const over = { size: memoryLimit + 1 };
  const noOutput = output(new Uint8Array());
  add("input", "1 MiB, under the memory limit", { function: "echo", input: edgeBytes("1mib") }, output(edgeBytes("1mib")));
  add("input", "just over the memory limit", { function: "input_fingerprint", input: edgeBytes(over) }, (h) =>
    h.host === jsSdk2
      ? noOutput
      : h.host === pythonSdk
        ? fails(/failed to allocate extism memory/)
        : // The Go SDK 1.7.1 ignores its failed allocation of the input and calls the plug-in with none.
          output(fingerprint(new Uint8Array())),
  );
  add("output", "just over the memory limit", { function: "make", input: JSON.stringify(over) }, (h) =>
    h.host === jsSdk2 ? noOutput : h.host === pythonSdk ? fails(/^oom$/) : fails(new RegExp(`could not allocate ${memoryLimit + 1} bytes for the output|out of memory`)),
  );
  add("memory", "JS allocation just over the memory limit", probe({ op: "alloc", size: memoryLimit + 1 }), (h) =>
    h.host === jsSdk2 ? value(memoryLimit + 1) : h.host === pythonSdk ? fails(/^oom$/) : caught(/out of memory/),
  );
  add("memory", "Extism block just over the memory limit", probe({ op: "memory_alloc", size: memoryLimit + 1 }), (h) =>
    h.host === jsSdk2 ? noOutput : h.host === pythonSdk ? fails(/^oom$/) : caught(new RegExp(`^RangeError: the host could not allocate ${memoryLimit + 1} bytes`)),
  );
  add("host function", "result just over the memory limit", probe({ op: "host_make", size: memoryLimit + 1 }), (h) =>
    h.host === jsSdk2
      ? // Its host functions' blocks are not capped.
        value(shownBytes(edgeBytes(over)))
      : h.host === pythonSdk
        ? // The Python SDK swallows a host function's exception: the result is offset 0, no bytes.
          value(shownBytes(new Uint8Array()))
        : fails(/failed to write to memory/),
  );
  add("vars", "value under the var limit", probe({ op: "var_set", key: "under", value: { size: limits.maxVarBytes / 2 } }), value(shownBytes(edgeBytes({ size: limits.maxVarBytes / 2 }))));
  add("vars", "value just over the var limit", probe({ op: "var_set", key: "over", value: { size: limits.maxVarBytes + 1 } }), (h) =>
    fails(h.host === jsSdk2 ? /var memory limit exceeded/ : h.host === goSdk ? /Variable store is full/ : /wasm backtrace/),
  );
  add("vars", "the value under the limit, in a later call", probe({ op: "var_get", key: "under" }), value(shownBytes(edgeBytes({ size: limits.maxVarBytes / 2 }))));
  return list;
}

/**
 * An HTTP response just under, at and just over the host's cap. The kernel
 * hosts fail the call past the cap; @extism/extism 2.0.0-rc13 hands the
 * plug-in an empty body from the cap on (the cap itself included).
 */
function httpLimitCases(): Case[] {
  const cap = limits.maxHttpResponseBytes;
  return [cap - 1, cap, cap + 1].map((size) => ({
    area: "http",
    label: `response body of ${size} bytes, cap ${cap}`,
    call: probe({ op: "http", path: `/bytes/${size}` }),
    expect: (h: MatrixHost) =>
      h.host === jsSdk2 && size >= cap
        ? value({ status: 200, echoed: String(size), body: shownBytes(new Uint8Array()) })
        : size > cap
          ? fails(h.host === goSdk ? /request body too large/ : /wasm backtrace/)
          : value({ status: 200, echoed: h.host === pythonSdk ? "(not shared)" : String(size), body: shownBytes(edgeBytes({ size })) }),
  }));
}

// ---------------------------------------------------------------------------
// Running a batch of cases on one instance

type Report = { area: string; label: string; expected: string; actual: string; pass: boolean };

const describeResult = (result: CallResult | undefined): string => {
  if (!result) return "no result";
  // The start of the host's message, and its end: the reference runtime puts the cause after a backtrace.
  if (!result.ok) return `fails: ${result.error.length > 400 ? `${result.error.slice(0, 200)} ... ${result.error.slice(-200)}` : result.error}`;
  return `ok: ${JSON.stringify(shownBytes(result.output))}`;
};

function judge(outcome: Outcome, result: CallResult | undefined): { expected: string; actual: string; pass: boolean } {
  if ("fails" in outcome) {
    const pass = result !== undefined && !result.ok && outcome.fails.test(result.error);
    return { expected: `fails: ${outcome.fails}`, actual: describeResult(result), pass };
  }
  if ("output" in outcome) {
    const pass = result !== undefined && result.ok && Buffer.compare(result.output, outcome.output) === 0;
    return { expected: `ok: ${JSON.stringify(shownBytes(outcome.output))}`, actual: describeResult(result), pass };
  }
  // A probe: the call itself must succeed; the plug-in says what happened.
  if (!result?.ok) return { expected: JSON.stringify(outcome), actual: describeResult(result), pass: false };
  let answer: { value?: unknown; error?: string };
  try {
    answer = JSON.parse(new TextDecoder().decode(result.output)) as typeof answer;
  } catch {
    return { expected: JSON.stringify(outcome), actual: describeResult(result), pass: false };
  }
  const actual = JSON.stringify(answer).slice(0, 300);
  if ("caught" in outcome) return { expected: `caught: ${outcome.caught}`, actual, pass: typeof answer.error === "string" && outcome.caught.test(answer.error) };
  return { expected: JSON.stringify(outcome.value), actual, pass: "value" in answer && JSON.stringify(answer.value) === JSON.stringify(outcome.value) };
}

/** Run `list` on one instance of the plug-in, each case followed by a `ping` that must answer. */
async function runCases(h: MatrixHost, wasm: string, all: Case[], options: HostOptions): Promise<Report[]> {
  const list = all.filter((c) => !c.alone?.(h));
  const alone: Report[] = [];
  for (const c of all.filter((c) => c.alone?.(h))) {
    const [result] = await h.host.run(wasm, [c.call], options);
    alone.push({ area: c.area, label: `${c.label} (alone)`, ...judge(typeof c.expect === "function" ? c.expect(h) : c.expect, result) });
  }
  const calls = list.flatMap((c, i) => [c.call, { function: "ping", input: `after case ${i}` }]);
  const logs: string[] = [];
  const results = await h.host.run(wasm, calls, { ...options, logs });
  let cursor = 0;
  return list.flatMap((c, i) => {
    const outcome = typeof c.expect === "function" ? c.expect(h) : c.expect;
    const reports: Report[] = [{ area: c.area, label: c.label, ...judge(outcome, results[2 * i]) }];
    const after = results[2 * i + 1];
    const expectedPing = `after case ${i}!`;
    if (!(after?.ok && new TextDecoder().decode(after.output) === expectedPing)) {
      reports.push({ area: c.area, label: `${c.label}: the next call`, expected: `ok: ${expectedPing}`, actual: describeResult(after), pass: false });
    }
    // In call order: a line an earlier case left does not count for this one.
    for (const line of c.logs ?? []) {
      const at = logs.indexOf(line, cursor);
      if (at >= 0) {
        cursor = at + 1;
        continue;
      }
      const seen = logs.slice(cursor).filter((entry) => entry.startsWith(line.split(" ")[0]!)).map((entry) => JSON.stringify(entry.slice(0, 40)));
      reports.push({ area: c.area, label: `${c.label}: log line`, expected: JSON.stringify(line.slice(0, 60)), actual: `not among the ${seen.length} later lines at that level: ${seen.slice(0, 5).join(", ")}`, pass: false });
    }
    return reports;
  }).concat(alone);
}

// ---------------------------------------------------------------------------
// The matrix

const hostFunctions: HostFunction[] = (["echo_bytes", "make_bytes", "append_bang", "echo_i64", "combine"] as const).map((name) => ({ name, behaviour: name }));

describe("edge-value matrix", () => {
  let full = "";
  let core = "";
  let server: TestServer;
  const reports = new Map<string, Report[]>();

  beforeAll(async () => {
    for (const [name, source] of [["edge-matrix", fullSource], ["edge-matrix-core", coreSource]] as const) {
      const built = buildFixture(name, source);
      if (built.status !== 0) throw new Error(`build of ${name} failed: ${built.stderr}`);
      if (name === "edge-matrix") full = built.wasm;
      else core = built.wasm;
    }
    server = await startHttpServer();
    httpBase = server.base;
  });

  afterAll(() => {
    server?.stop();
    // For people: every case on every host, passed or not.
    const lines = ["# Edge-value matrix (test/edge-matrix.test.ts)", ""];
    for (const [host, list] of reports) {
      lines.push(`## ${host}`, "", "| area | case | expected | actual | |", "|---|---|---|---|---|");
      for (const r of list) lines.push(`| ${r.area} | ${r.label} | ${r.expected.replace(/\|/g, "\\|")} | ${r.actual.replace(/\|/g, "\\|").replace(/\n/g, " ")} | ${r.pass ? "pass" : "FAIL"} |`);
      lines.push("");
    }
    mkdirSync(join(testDir, "artifacts"), { recursive: true });
    writeFileSync(join(testDir, "artifacts", "edge-matrix.md"), lines.join("\n"));
  });

  const check = (found: Report[]) => expect(found.filter((r) => !r.pass).map((r) => `${r.area} / ${r.label}: expected ${r.expected}, got ${r.actual}`)).toEqual([]);

  for (const h of hosts) {
    it(`every value in every place but HTTP, on one instance (${h.host.name})`, async () => {
      const list = cases().filter((c) => c.area !== "http" && (h.full || !c.full));
      const options: HostOptions = { config, hostFunctions, ...(h.full ? { logLevel: "trace" as const } : {}) };
      const found = await runCases(h, h.full ? full : core, list, options);
      reports.set(`${h.host.name}, no HTTP`, found);
      check(found);
      // About 200 cases with 16 MiB values among them, on a machine that may be running the rest of the suite.
    }, 300_000);

    if (!h.full) {
      it(`cannot link the fixture that logs and makes HTTP requests, and says which import it lacks (${h.host.name})`, async () => {
        await expect(h.host.run(full, [{ function: "ping", input: "x" }], { hostFunctions })).rejects.toThrow(/log_trace|get_log_level|http_headers/);
      });
      continue;
    }

    it(`HTTP bodies and headers, on one instance (${h.host.name})`, async () => {
      const list = cases().filter((c) => c.area === "http");
      const options: HostOptions = { config: { base: httpBase }, hostFunctions, allowedHosts: ["127.0.0.1"], httpResponseHeaders: true };
      const found = await runCases(h, full, list, options);
      reports.set(`${h.host.name}, HTTP`, found);
      check(found);
    });

    if (!h.limits) continue;
    it(`values just over the host's limits, on one instance (${h.host.name})`, async () => {
      const found = await runCases(h, full, limitCases(), { hostFunctions, limits });
      reports.set(`${h.host.name}, limits`, found);
      check(found);
    });

    it(`an HTTP response just over the host's cap (${h.host.name})`, async () => {
      const options: HostOptions = { config: { base: httpBase }, hostFunctions, allowedHosts: ["127.0.0.1"], httpResponseHeaders: true, limits };
      const found = await runCases(h, full, httpLimitCases(), options);
      reports.set(`${h.host.name}, HTTP limit`, found);
      check(found);
    });
  }
});
