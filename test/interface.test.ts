// A plug-in's interface as its build records it (the module's custom section,
// which `extism-ts inspect` prints, and `build --schema`'s XTP schema): for every
// app in apps/, what its source says, export by export and type by type.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { buildFixture, runCli } from "./support/cli.js";
import { appWasm, repoRoot } from "./support/paths.js";

const RAW = "raw: reads its input and writes its output itself";

/** Each app's signatures, read off its src/ by hand. */
const expected: Record<string, string[]> = {
  add: ["export add(json<Add>) -> json<Sum>", "type Add = { a: number; b: number }", "type Sum = { sum: number }"],
  "async-export": ["export countdown(string) -> string", "export reverse_words(string) -> json<{ words: number; reversed: string[] }>"],
  codecs: [
    ...["base64", "bytes", "hex", "json", "json_decode", "json_encode", "msgpack", "msgpack_decode", "msgpack_encode", "string", "string_decode", "string_encode"].map(
      (name) => `export bench_${name}(bytes) -> u32`,
    ),
    "export describe_json(json()) -> string",
    "export describe_msgpack(msgpack()) -> string",
    "export encode_json_case(u32) -> bytes",
    "export encode_msgpack_case(u32) -> bytes",
    "export encode_msgpack_cycle() -> msgpack()",
    ...["base64", "base64url", "bool", "f32", "f64", "hex", "i32", "i64"].map((codec) => `export golden_${codec}() -> ${codec}`),
    "export golden_json() -> json()",
    "export golden_msgpack() -> msgpack()",
    "export golden_msgpack_mixed() -> msgpack()",
    "export golden_optional_none() -> optional(i32)",
    "export golden_optional_some() -> optional(i32)",
    ...["string", "u32", "u64", "unit"].map((codec) => `export golden_${codec}() -> ${codec}`),
    ...["base64", "base64url", "bool", "bytes", "f32", "f64", "hex", "i32", "i64"].map((codec) => `export roundtrip_${codec}(${codec}) -> ${codec}`),
    "export roundtrip_json(json()) -> json()",
    "export roundtrip_msgpack(msgpack()) -> msgpack()",
    "export roundtrip_optional_i32(optional(i32)) -> optional(i32)",
    ...["string", "u32", "u64", "unit"].map((codec) => `export roundtrip_${codec}(${codec}) -> ${codec}`),
    "export stringify_json_case(u32) -> bytes",
  ],
  count: ["export count() -> i64"],
  "count-vowels": ["export count_vowels(string) -> json<VowelReport>", "type VowelReport = { count: number; total: number; vowels: string }", "config: vowels"],
  greet: ["export greet(string) -> string"],
  "greet-user": ["export greet_user() -> string", "config: user"],
  "hello-from-python": ["export hello_from_python() -> string", "import extism:host/user a_python_func(s: string) -> string"],
  "http-get": ["export http_get(json<HttpRequest>) -> bytes", "type HttpRequest = { url: string; method?: string; headers?: { [key: string]: string } }"],
  "log-stuff": ["export log_stuff()"],
  msgpack: [
    "export summarize(msgpack<Readings>) -> msgpack<Summary>",
    "type Readings = { sensor: string; values: number[] }",
    "type Summary = { sensor: string; count: number; min: number | null; max: number | null; mean: number | null }",
  ],
  numbers: ["export add_pi(f32) -> f64", "export sum_42(i32) -> i64"],
  "process-bytes": ["export reverse(bytes) -> bytes", "export xor(bytes) -> bytes", "config: key"],
  "raw-export": [`export byte_length()  ${RAW}`, `export shout()  ${RAW}`],
};

/** The lines under "interface:" in `extism-ts inspect`'s report. */
function recordedInterface(wasm: string): string[] {
  const run = runCli(["inspect", wasm]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const lines = run.stdout.split("\n");
  const start = lines.indexOf("interface:");
  expect(start, run.stdout).toBeGreaterThanOrEqual(0);
  return lines.slice(start + 1).filter((line) => line.trim() !== "").map((line) => line.trim());
}

/** Plug-in apps are the ones built with `extism-ts build` (apps/ also holds a web page). */
function pluginApps(): string[] {
  return readdirSync(join(repoRoot, "apps")).filter((app) => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "apps", app, "package.json"), "utf8")) as { scripts?: { build?: string } };
    return manifest.scripts?.build?.startsWith("extism-ts build") ?? false;
  });
}

describe("the interface each app's build records", () => {
  for (const app of Object.keys(expected)) {
    it(app, () => {
      expect(recordedInterface(appWasm(app))).toEqual(expected[app]);
    });
  }

  it("covers every plug-in app in apps/", () => {
    expect(Object.keys(expected).sort()).toEqual(pluginApps().sort());
  });
});

describe("build --schema", () => {
  it("writes an XTP schema with the exports' and types' doc comments as descriptions", () => {
    const source = readFileSync(join(repoRoot, "apps/add/src/index.ts"), "utf8");
    const schemaPath = join(repoRoot, "test/.fixtures/interface-add/add.yaml");
    const build = buildFixture("interface-add", source, ["--schema", schemaPath, "-q"]);
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    expect(parse(readFileSync(schemaPath, "utf8"))).toEqual({
      version: "v1-draft",
      exports: {
        add: {
          description:
            'JSON in, JSON out: `{"a": 1, "b": 2}` gives `{"sum":3}`. Input that is not\n' +
            "JSON fails in the codec; JSON without two numbers fails here, with return code 2.",
          input: { contentType: "application/json", $ref: "#/components/schemas/Add" },
          output: { contentType: "application/json", $ref: "#/components/schemas/Sum" },
        },
      },
      components: {
        schemas: {
          Add: { type: "object", properties: { a: { type: "number" } , b: { type: "number" } }, required: ["a", "b"] },
          Sum: { type: "object", properties: { sum: { type: "number" } }, required: ["sum"] },
        },
      },
    });
  });

  it("records enums, optional and nullable fields, dates, maps, shared and nested types, and host functions", () => {
    const schemaPath = join(repoRoot, "test/.fixtures/interface-types/schema.yaml");
    const build = buildFixture(
      "interface-types",
      `import { plugin } from "@extism-ts/pdk";
import { json, string, i32 } from "@extism-ts/convert";
import { hostFn } from "@extism-ts/host-fn";

/** A fruit the store sells. */
export type Fruit = "apple" | "orange" | "banana";

enum Ghost { Blinky = "blinky", Inky = "inky" }

/** Where a fruit comes from. */
interface Origin {
  /** ISO 3166 country code. */
  country: string;
  farm?: Origin;
}

interface Order {
  fruit: Fruit;
  favourites: Fruit[];
  ghost: Ghost;
  count: number;
  gift: boolean;
  note?: string;
  picked: Date | null;
  origin: Origin;
  stock: Record<string, number>;
  size: { width: number; height: number };
}

/** Reads the key from the host's store. */
const kv_read = hostFn("kv_read", { params: [string], result: string });
const tick = hostFn<(step: number) => number>("tick", { namespace: "clock", params: ["i32"], result: "i32" });

/** Takes an order, answers where its fruit came from. */
export const order = plugin(json<Order>(), json<Origin>(), (o) => ({ country: kv_read(o.fruit) + tick(1) }));
export const price = plugin(i32, null, () => {});
`,
      ["--schema", schemaPath, "-q"],
    );
    expect(build.status, build.stderr).toBe(0);
    // What XTP cannot say is said, not dropped silently.
    expect(build.stderr).toContain("host function clock tick: XTP imports are all in extism:host/user; left out of the schema");
    expect(build.stderr).toContain("export price's input: XTP has no content type for the i32 codec; written as bytes");

    expect(recordedInterface(build.wasm)).toEqual([
      "export order(json<Order>) -> json<Origin>",
      "export price(i32)",
      "import extism:host/user kv_read(string) -> string",
      "import clock tick(step: i32) -> i32",
      "type Order = { fruit: Fruit; favourites: Fruit[]; ghost: Ghost; count: number; gift: boolean; note?: string; picked: string | null; origin: Origin; stock: { [key: string]: number }; size: { width: number; height: number } }",
      'type Fruit = "apple" | "orange" | "banana"',
      'type Ghost = "blinky" | "inky"',
      "type Origin = { country: string; farm?: Origin }",
    ]);

    const schema = parse(readFileSync(schemaPath, "utf8"));
    expect(schema.exports.order.description).toBe("Takes an order, answers where its fruit came from.");
    expect(schema.imports).toEqual({
      kv_read: {
        description: "Reads the key from the host's store.",
        input: { contentType: "text/plain; charset=utf-8", type: "string" },
        output: { contentType: "text/plain; charset=utf-8", type: "string" },
      },
    });
    expect(schema.components.schemas.Fruit).toEqual({ description: "A fruit the store sells.", type: "string", enum: ["apple", "orange", "banana"] });
    expect(schema.components.schemas.Origin).toEqual({
      description: "Where a fruit comes from.",
      type: "object",
      properties: { country: { type: "string", description: "ISO 3166 country code." }, farm: { $ref: "#/components/schemas/Origin" } },
      required: ["country"],
    });
    const order = schema.components.schemas.Order;
    expect(order.required).toEqual(["fruit", "favourites", "ghost", "count", "gift", "picked", "origin", "stock", "size"]);
    expect(order.properties.favourites).toEqual({ type: "array", items: { $ref: "#/components/schemas/Fruit" } });
    expect(order.properties.picked).toEqual({ type: "string", format: "date-time", nullable: true });
    expect(order.properties.stock).toEqual({ type: "object", additionalProperties: { type: "number" } });
    expect(order.properties.size).toEqual({ type: "object", properties: { width: { type: "number" }, height: { type: "number" } }, required: ["width", "height"] });
  });

  it("warns where a type does not resolve, instead of recording a wrong one silently", () => {
    const build = buildFixture(
      "interface-unresolved",
      `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";
import type { Order } from "./types-not-written-yet.js";

export const take = plugin(json<Order>(), json<{ ok: boolean }>(), () => ({ ok: true }));
`,
      ["-q"],
    );
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).toBe(
      "warning: export take's input: its type does not resolve (a name without a declaration, or a package without its .d.ts), so the interface records any value there\n",
    );
    expect(recordedInterface(build.wasm)).toEqual(["export take(json()) -> json<{ ok: boolean }>"]);
  });
});
