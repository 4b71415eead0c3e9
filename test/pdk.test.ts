import { beforeAll, describe, expect, it } from "vitest";
import { allHosts, currentHosts, jsSdk2, pythonSdk, text, type CallResult } from "./support/hosts.js";
import { buildFixture, runCli } from "./support/cli.js";
import { appWasm } from "./support/paths.js";

function failure(result: CallResult | undefined): { error: string; code?: number } {
  if (!result || result.ok) throw new Error(`expected the call to fail, got ${result ? text(result) : "nothing"}`);
  return result;
}

describe("config", () => {
  for (const host of allHosts) {
    it(`reads the host's config in ${host.name}`, async () => {
      const [result] = await host.run(appWasm("greet-user"), [{ function: "greet_user" }], { config: { user: "Benjamin" } });
      expect(text(result)).toBe("Hello, Benjamin!");
    });
  }

  it("gives undefined for a missing key", async () => {
    const [result] = await jsSdk2.run(appWasm("greet-user"), [{ function: "greet_user" }]);
    expect(text(result)).toBe("Hello, undefined!");
  });

  it("works with `extism-ts call --config`", () => {
    const run = runCli(["call", appWasm("greet-user"), "greet_user", "--config", "user=Benjamin"]);
    expect(run.stdout).toBe("Hello, Benjamin!");
  });
});

describe("vars", () => {
  const counts = (results: CallResult[]) =>
    results.map((result) => (result.ok ? new DataView(result.output.buffer).getBigInt64(0, true) : result.error));
  for (const host of allHosts) {
    it(`keep a counter across calls of one instance in ${host.name}`, async () => {
      const calls = [{ function: "count" }, { function: "count" }, { function: "count" }];
      expect(counts(await host.run(appWasm("count"), calls))).toEqual([1n, 2n, 3n]);
      // A new instance of the plug-in starts with no vars.
      expect(counts(await host.run(appWasm("count"), calls.slice(0, 1)))).toEqual([1n]);
    });
  }
});

describe("logging", () => {
  for (const host of [jsSdk2, pythonSdk]) {
    it(`sends info, warn and error but not debug or trace at level info (${host.name})`, async () => {
      const logs: string[] = [];
      const [result] = await host.run(appWasm("log-stuff"), [{ function: "log_stuff" }], { logLevel: "info", logs });
      expect(result?.ok).toBe(true);
      expect(logs.filter((line) => /Some info!|A warning!|An error!/.test(line))).toEqual(["INFO Some info!", "WARN A warning!", "ERROR An error!"]);
    });

    it(`sends nothing when logging is off (${host.name})`, async () => {
      const logs: string[] = [];
      const [result] = await host.run(appWasm("log-stuff"), [{ function: "log_stuff" }], { logLevel: "off", logs });
      expect(result?.ok).toBe(true);
      expect(logs.filter((line) => /Some info!|A warning!|An error!/.test(line))).toEqual([]);
    });
  }

  it("prints the plug-in's logs from `extism-ts call --log-level=info`", () => {
    const run = runCli(["call", appWasm("log-stuff"), "log_stuff", "--log-level=info"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("INFO Some info!\nWARN A warning!\nERROR An error!\n");
  });
});

const featureSource = `import { plugin, input, output, PluginError, memory, debug, trace, info, logLevel, LogLevel } from "@extism-ts/pdk";
import { string, json } from "@extism-ts/convert";

export const fails = plugin(null, null, () => {
  throw new Error("something broke");
});

export const fails_with_code = plugin(null, null, () => {
  throw new PluginError("x", 7);
});

export const fails_with_other_code = plugin(null, null, () => {
  throw Object.assign(new Error("not found"), { code: 404 });
});

export function raw_fails_with_other_code() {
  throw Object.assign(new Error("raw, not found"), { code: 404 });
}

export function raw_fails_with_code() {
  throw new PluginError("raw", 9);
}

export const causes = plugin(null, json<string[]>(), () => {
  const causeOf = (fail: () => unknown): string => {
    try {
      fail();
      return "did not throw";
    } catch (error) {
      return String((error as Error).cause);
    }
  };
  return [
    causeOf(() => json().decode(new TextEncoder().encode("{"))),
    causeOf(() => string.decode(new Uint8Array([0xc3]))),
    String(new PluginError("outer", 3, { cause: new Error("inner") }).cause),
  ];
});

export const throws_string = plugin(null, null, () => {
  throw "just a string";
});

export const async_greet = plugin(string, string, async (name) => {
  await Promise.resolve();
  return \`Hello, \${await Promise.resolve(name)}!\`;
});

export const async_rejects = plugin(null, null, async () => {
  await null;
  throw new Error("rejected on purpose");
});

export const never_settles = plugin(null, null, () => new Promise<void>(() => {}));

export function raw_echo() {
  const bytes = input();
  output(bytes);
  return bytes.length === 0 ? 3 : 0;
}

export const memory_round_trip = plugin(string, string, (text) => {
  const block = memory.fromString(text);
  const found = memory.find(block.offset);
  const copy = found ? found.text() : "missing";
  block.free();
  return \`\${copy}:\${block.length}\`;
});

let expensive = 0;
export const lazy_logging = plugin(null, json<{ level: number | null; formatted: number }>(), () => {
  trace("trace", { toString() { expensive++; return "x"; } });
  debug("%s", { toString() { expensive++; return "x"; } });
  info("info %d items", 3, { nested: [1, 2] });
  const level = logLevel();
  return { level: level === undefined ? null : level, formatted: expensive };
});

export const uses_clock = plugin(null, string, () => String(Date.now() > 1_700_000_000_000));

export const random_values = plugin(null, json<number[]>(), () => {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [Math.random(), ...bytes];
});

// 20,000 draws: how many fall outside [0, 1), how many are distinct, and how many fall in each tenth.
export const math_random = plugin(null, json<{ first: number; outside: number; distinct: number; tenths: number[] }>(), () => {
  const draws = Array.from({ length: 20_000 }, () => Math.random());
  const tenths = Array<number>(10).fill(0);
  for (const draw of draws) tenths[Math.floor(draw * 10)]++;
  return { first: draws[0]!, outside: draws.filter((draw) => !(draw >= 0 && draw < 1)).length, distinct: new Set(draws).size, tenths };
});

export const web_globals = plugin(null, json<unknown>(), () => ({
  b64: btoa("hello"),
  unb64: atob("aGVsbG8="),
  clone: structuredClone({ a: [1, { b: 2 }], m: new Map([[1, 2]]).size }),
  utf8: new TextDecoder().decode(new TextEncoder().encode("zoë")),
}));

export const microtasks = plugin(null, string, async () => {
  const order: string[] = [];
  queueMicrotask(() => order.push("micro"));
  order.push("sync");
  await null;
  return order.join(",");
});
`;

interface RandomDraws {
  first: number;
  outside: number;
  distinct: number;
  tenths: number[];
}

/** 20,000 draws of Math.random: all in [0, 1), all but a few distinct, each tenth within 240 of 2,000 (5.6 standard deviations: a uniform source misses about once in ten million runs). */
function expectUniform(draws: RandomDraws): void {
  expect(draws.outside).toBe(0);
  expect(draws.distinct).toBeGreaterThan(19_990);
  expect(draws.tenths, "draws in each tenth of [0, 1)").toSatisfy((tenths: number[]) => tenths.every((count) => Math.abs(count - 2_000) <= 240));
}

describe("plug-in features", () => {
  let wasm = "";
  let wasiWasm = "";
  beforeAll(() => {
    const built = buildFixture("pdk-features", featureSource);
    expect(built.stderr).toBe("");
    wasm = built.wasm;
    const wasi = buildFixture("pdk-features-wasi", featureSource, ["--wasi"]);
    expect(wasi.stderr).toBe("");
    wasiWasm = wasi.wasm;
  });

  for (const host of currentHosts) {
    it(`reports thrown errors with their message and TypeScript location (${host.name})`, async () => {
      const [thrown, coded, stringThrown] = await host.run(wasm, [
        { function: "fails" },
        { function: "fails_with_code" },
        { function: "throws_string" },
      ]);
      const error = failure(thrown).error;
      expect(error).toContain("Error: something broke");
      expect(error).toMatch(/at <anonymous> \(index\.ts:5\)/);
      expect(failure(coded).error).toContain("PluginError: x");
      expect(failure(stringThrown).error).toContain("just a string");
    });

    it(`runs async exports to completion (${host.name})`, async () => {
      const [greeting, rejected, pending] = await host.run(wasm, [
        { function: "async_greet", input: "Benjamin" },
        { function: "async_rejects" },
        { function: "never_settles" },
      ]);
      expect(text(greeting)).toBe("Hello, Benjamin!");
      expect(failure(rejected).error).toContain("Error: rejected on purpose");
      expect(failure(pending).error).toContain("never settled");
    });
  }

  it("makes PluginError's code the return code, -1 for other errors", async () => {
    const [coded, plain, raw, rawOk, otherCode, rawOtherCode, rawCoded] = await pythonSdk.run(wasm, [
      { function: "fails_with_code" },
      { function: "fails" },
      { function: "raw_echo", input: "" },
      { function: "raw_echo", input: "echo" },
      { function: "fails_with_other_code" },
      { function: "raw_fails_with_other_code" },
      { function: "raw_fails_with_code" },
    ]);
    expect(failure(coded).code).toBe(7);
    expect(failure(plain).code).toBe(-1);
    expect(failure(raw).code).toBe(3);
    expect(text(rawOk)).toBe("echo");
    // A `code` of any other error is not a return code: only PluginError's brand is.
    expect(failure(otherCode)).toMatchObject({ code: -1, error: expect.stringContaining("Error: not found") });
    expect(failure(rawOtherCode)).toMatchObject({ code: -1, error: expect.stringContaining("Error: raw, not found") });
    expect(failure(rawCoded)).toMatchObject({ code: 9, error: expect.stringContaining("PluginError: raw") });
  });

  it("keeps the error underneath as the cause of errors the kit rethrows", async () => {
    const [result] = await jsSdk2.run(wasm, [{ function: "causes" }]);
    const [json, utf8, pluginError] = JSON.parse(text(result)) as string[];
    expect(json).toMatch(/^SyntaxError: /);
    expect(utf8).toMatch(/^TypeError: /);
    expect(pluginError).toBe("Error: inner");
  });

  it("passes memory handles through Extism memory", async () => {
    const [result] = await jsSdk2.run(wasm, [{ function: "memory_round_trip", input: "block" }]);
    expect(text(result)).toBe("block:5");
  });

  it("formats nothing below the host's level", async () => {
    const logs: string[] = [];
    const [result] = await jsSdk2.run(wasm, [{ function: "lazy_logging" }], { logLevel: "info", logs });
    expect(JSON.parse(text(result))).toEqual({ level: 2, formatted: 0 });
    expect(logs).toEqual(["INFO info 3 items { nested: [ 1, 2 ] }"]);
  });

  it("provides web globals", async () => {
    const [result, order] = await jsSdk2.run(wasm, [{ function: "web_globals" }, { function: "microtasks" }]);
    expect(JSON.parse(text(result))).toEqual({ b64: "aGVsbG8=", unb64: "hello", clone: { a: [1, { b: 2 }], m: 1 }, utf8: "zoë" });
    expect(text(order)).toBe("sync,micro");
  });

  for (const host of currentHosts) {
    it(`says to use --wasi when a plug-in without WASI reads the clock or randomness (${host.name})`, async () => {
      const [clock, random, mathRandom] = await host.run(wasm, [{ function: "uses_clock" }, { function: "random_values" }, { function: "math_random" }]);
      expect(failure(clock).error).toMatch(/needs WASI: build the plug-in with `extism-ts build --wasi`/);
      expect(failure(random).error).toMatch(/randomness \(crypto\.getRandomValues\) needs WASI/);
      // Without WASI Math.random still works, from the same seed in every instance.
      const [again] = await host.run(wasm, [{ function: "math_random" }]);
      expectUniform(JSON.parse(text(mathRandom)) as RandomDraws);
      expect(JSON.parse(text(again))).toEqual(JSON.parse(text(mathRandom)));
    });
  }

  for (const host of currentHosts) {
    it(`has a real clock and per-instance randomness with --wasi (${host.name})`, async () => {
      const first = await host.run(wasiWasm, [{ function: "uses_clock" }, { function: "random_values" }, { function: "math_random" }], { wasi: true });
      const second = await host.run(wasiWasm, [{ function: "random_values" }, { function: "math_random" }], { wasi: true });
      expect(text(first[0])).toBe("true");
      expect(JSON.parse(text(first[1]))).not.toEqual(JSON.parse(text(second[0])));
      const [draws, otherDraws] = [first[2], second[1]].map((result) => JSON.parse(text(result)) as RandomDraws);
      expectUniform(draws!);
      expect(draws!.first).not.toBe(otherDraws!.first);
    });
  }
});

describe("exports", () => {
  it("are the named functions only: classes, values and the default export are left out, with a warning each", async () => {
    const built = buildFixture(
      "exports-kinds",
      `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
export class Helper { shout(text: string) { return text.toUpperCase(); } }
export const VERSION = "1.0";
export const greet = plugin(string, string, (name) => new Helper().shout(name));
export function raw() {}
export default function run() {}
`,
    );
    expect(built.status).toBe(0);
    expect(built.stderr.split("\n").filter(Boolean)).toEqual([
      "warning: 'Helper' is a class, not a function: it is not a plug-in export (call it from an exported function)",
      "warning: 'VERSION' is a string, not a function: it is not a plug-in export",
      "warning: the default export is not a plug-in export, as a host calls exports by name: export it under a name, e.g. `export function greet()` or `export { greet }`",
    ]);
    expect(built.stdout).toContain("exports: greet, raw\n");
    const [greeting] = await jsSdk2.run(built.wasm, [{ function: "greet", input: "ada" }]);
    expect(text(greeting)).toBe("ADA");
  });

  it("fails the build when no export is a function, saying what each one is", () => {
    const built = buildFixture("exports-none", `export class Helper {}\nexport default () => 1;\n`);
    expect(built.status).toBe(1);
    expect(built.stderr).toContain("the entry exports no function");
    expect(built.stderr).toContain("'Helper' is a class, not a function");
    expect(built.stderr).toContain("the default export is not a plug-in export, as a host calls exports by name: export it under a name");
  });
});

describe("codecs", () => {
  it("are checked when the module loads, so a codec factory passed uncalled fails the build", () => {
    const built = buildFixture(
      "codec-factory",
      `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";
export const add = plugin(null, json, () => 1);
`,
    );
    expect(built.status).toBe(1);
    expect(built.stderr).toContain("TypeError: plugin(): the output codec (second argument) is the function json, not a codec: write json()");
    expect(built.stderr).toMatch(/index\.ts:3/);
  });

  it("of a host function are checked too", () => {
    const built = buildFixture(
      "host-fn-codec",
      `import { hostFn } from "@extism-ts/host-fn";
import { msgpack } from "@extism-ts/convert";
const send = hostFn("send", { params: [msgpack, "i8"] } as never);
export function f() { send(); }
`,
    );
    expect(built.status).toBe(1);
    expect(built.stderr).toContain('hostFn("send"): params[0] is the function msgpack, not a codec: write msgpack()');
  });
});
