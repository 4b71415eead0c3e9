// Regression tests for defects of the engine's C bridge at the edges of what a
// host or plug-in code can send, each on the host where it showed: the kernel
// hosts (Python SDK on the reference runtime, Go SDK) answer alloc(0) with 0.
import { beforeAll, describe, expect, it } from "vitest";
import { goSdk, jsSdk2, pythonSdk, text, type CallResult, type Host } from "./support/hosts.js";
import { buildFixture } from "./support/cli.js";

const kernelHosts: Host[] = [pythonSdk, goSdk];

function output(result: CallResult | undefined): string {
  if (!result?.ok) throw new Error(`expected an output, got ${result ? result.error : "nothing"}`);
  return text(result);
}

function failure(result: CallResult | undefined): string {
  if (!result || result.ok) throw new Error(`expected a failure, got ${result ? text(result) : "nothing"}`);
  return result.error;
}

/** What a trap looks like in each host: the plug-in failed without an error of its own. */
const TRAP = /unreachable|RuntimeError|wasm backtrace|error while executing|out of bounds|memory access/i;

// An export name as long as an author may make it: the message about its
// return code is longer than any fixed buffer the bridge might use.
const LONG_NAME = `raw_${"x".repeat(300)}`;

// Getters, toJSON and Proxy traps, counted while a codec encodes: plain
// JavaScript, run in the plug-in and in Node alike.
const OBSERVED = `
function observed() {
  let calls = 0;
  const counted = (value) => { calls++; return value; };
  const proxy = new Proxy({ p: 1 }, {
    get: (target, key, receiver) => counted(Reflect.get(target, key, receiver)),
    ownKeys: (target) => counted(Reflect.ownKeys(target)),
    getOwnPropertyDescriptor: (target, key) => counted(Reflect.getOwnPropertyDescriptor(target, key)),
    has: (target, key) => counted(Reflect.has(target, key)),
  });
  const value = {
    get a() { return counted(1); },
    b: { toJSON: () => counted("b") },
    list: [1, { get c() { return counted(2); } }],
    proxy,
    d: new Date(0),
    m: new Map([["k", { get e() { return counted(3); } }]]),
  };
  return { value, calls: () => calls };
}
`;

const SOURCE = `
import { plugin, config, vars, info, input, output } from "@extism-ts/pdk";
import { string, json, msgpack } from "@extism-ts/convert";

const seen = (value: unknown) => (value === undefined ? "absent" : JSON.stringify(Array.from(value as Uint8Array)));

export const empty_var = plugin(null, string, () => {
  vars.set("k", new Uint8Array());
  return seen(vars.get("k"));
});

export const empty_log = plugin(null, string, () => {
  info("");
  console.log("");
  return "logged";
});

export const empty_config_key = plugin(null, string, () => String(config.get("")) + " " + String(config.get("blank")));

export const ${LONG_NAME} = () => {
  output("partial");
  return 7;
};

// A raw export's settled value is its return code: the first, 0, must count.
export const settles_twice = () => {
  output("settled");
  return { then(resolve: (code: number) => void) { resolve(0); resolve(3); } };
};

// A typed export's thenable is awaited as Node awaits one: the first resolution counts, and one that
// resolves later, from a job, is still waited for although its then() returns nothing.
export const typed_settles_twice = plugin(null, string, () => ({
  then(resolve: (text: string) => void) { resolve("first"); resolve("second"); },
}));
export const typed_settles_later = plugin(null, string, () => ({
  then(resolve: (text: string) => void) { Promise.resolve().then(() => resolve("later")); },
}));

// 2^29 + 1 items: their JSValues take 2^32 + 8 bytes, which wraps to 8 in wasm32.
export const huge_msgpack_array = plugin(null, string, () => {
  const bytes = new Uint8Array(5 + 2 ** 29 + 1);
  bytes.set([0xdd, 0x20, 0x00, 0x00, 0x01]);
  try {
    msgpack().decode(bytes);
    return "decoded";
  } catch (error) {
    return String((error as Error).message);
  }
});

// 1 GiB of bytes that are each an ill-formed sequence: three bytes of U+FFFD each, 4 GiB, wraps to 0 in wasm32.
export const huge_invalid_utf8 = plugin(null, string, () => {
  const bytes = new Uint8Array(2 ** 30).fill(0xff);
  try {
    return String(new TextDecoder().decode(bytes).length);
  } catch (error) {
    return String((error as Error).message);
  }
});

export const echo = plugin(string, string, (s) => s);

${OBSERVED}
export const encode_counts = plugin(null, string, () => {
  const counts: Record<string, number> = {};
  for (const [name, codec] of [["json", json()], ["msgpack", msgpack()]] as const) {
    const { value, calls } = observed();
    const bytes = codec.encode(value as never);
    counts[name] = calls();
    counts[name + "_bytes"] = bytes.length;
  }
  return JSON.stringify(counts);
});
`;

let wasm: string;

beforeAll(() => {
  const build = buildFixture("engine-edges", SOURCE);
  expect(build.status, build.stderr).toBe(0);
  wasm = build.wasm;
});

describe.each(kernelHosts.map((host) => [host.name, host] as const))("empty values on a kernel host (%s)", (_name, host) => {
  it("sets an empty var (alloc(0) = 0 is the empty block, as the Rust PDK sends it) and reads it back as absent", async () => {
    const [set, after] = await host.run(wasm, [{ function: "empty_var" }, { function: "echo", input: "next" }]);
    expect(output(set)).toBe("absent");
    expect(output(after)).toBe("next");
  });

  it("logs an empty message", async () => {
    const logs: string[] = [];
    const [logged] = await host.run(wasm, [{ function: "empty_log" }], { logLevel: "info", logs });
    expect(output(logged)).toBe("logged");
  });

  it("looks up the empty config key, and an empty config value reads as absent (the kernel's answer)", async () => {
    const [result] = await host.run(wasm, [{ function: "empty_config_key" }], { config: { "": "x", blank: "" } });
    // The kernel stores "" as a key like any other; an empty value comes back as 0, which is absent.
    expect(output(result)).toBe("x undefined");
  });
});

describe.each([jsSdk2, pythonSdk].map((host) => [host.name, host] as const))("the bridge's own buffers (%s)", (_name, host) => {
  it("names a raw export's non-zero return code in full, however long the export's name", async () => {
    const [result, after] = await host.run(wasm, [{ function: LONG_NAME }, { function: "echo", input: "next" }]);
    // @extism/extism puts "Plugin-originated error: " in front.
    expect(failure(result)).toMatch(new RegExp(`(^|: )${LONG_NAME} returned 7$`));
    expect(output(after)).toBe("next");
  });

  it("takes the first settlement of a thenable that settles twice, as a promise does", async () => {
    const [result] = await host.run(wasm, [{ function: "settles_twice" }]);
    expect(output(result)).toBe("settled");
  });

  it("awaits a typed export's thenable as Node does: the first resolution, even one from a later job", async () => {
    const [twice, later] = await host.run(wasm, [{ function: "typed_settles_twice" }, { function: "typed_settles_later" }]);
    expect(output(twice)).toBe("first");
    expect(output(later)).toBe("later");
  });
});

describe("sizes that wrap in wasm32 (Python SDK)", () => {
  it("refuses a msgpack array whose item buffer would not fit, instead of writing past it", async () => {
    const [result, after] = await pythonSdk.run(wasm, [{ function: "huge_msgpack_array" }, { function: "echo", input: "next" }]);
    expect(result?.ok ? "" : result?.error).not.toMatch(TRAP);
    expect(output(result)).toMatch(/array of 536870913 items: more than a plug-in can hold at byte 0/);
    expect(output(after)).toBe("next");
  });

  it("refuses to decode ill-formed UTF-8 whose replacement would not fit, instead of writing past it", async () => {
    const [result, after] = await pythonSdk.run(wasm, [{ function: "huge_invalid_utf8" }, { function: "echo", input: "next" }]);
    expect(result?.ok ? "" : result?.error).not.toMatch(TRAP);
    expect(output(result)).toMatch(/1073741824 bytes with 1073741824 ill-formed UTF-8 sequences decode to more text than a plug-in can hold/);
    expect(output(after)).toBe("next");
  });
});

describe("encoders run plug-in code exactly as often as in Node", () => {
  // The same value, encoded by the same codecs in Node (their JS implementations).
  async function nodeCounts(): Promise<Record<string, number>> {
    const { json, msgpack } = await import("@extism-ts/convert");
    const observed = new Function(`${OBSERVED}; return observed;`)() as () => { value: unknown; calls: () => number };
    const counts: Record<string, number> = {};
    for (const [name, codec] of [["json", json()], ["msgpack", msgpack()]] as const) {
      const { value, calls } = observed();
      const bytes = codec.encode(value as never);
      counts[name] = calls();
      counts[`${name}_bytes`] = bytes.length;
    }
    return counts;
  }

  it.each([jsSdk2, pythonSdk].map((host) => [host.name, host] as const))("on %s", async (_name, host) => {
    const expected = await nodeCounts();
    expect(expected.json).toBeGreaterThan(0);
    const [result] = await host.run(wasm, [{ function: "encode_counts" }]);
    expect(JSON.parse(output(result))).toEqual(expected);
  });
});
