// The web platform inside a plug-in: each global's behaviour from its
// specification (test/web-apis/cases.ts), built into real plug-ins with the
// CLI and run on two hosts, compared with the same code run in Node; how the
// globals are reached (free identifier, globalThis, self, typeof,
// destructuring) and that a bundle carries only the globals it names; timers
// within a call; console's logging methods.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { currentHosts, jsSdk2, pythonSdk, text, type CallResult } from "./support/hosts.js";
import { buildFixture } from "./support/cli.js";
import { cases, clockCases, describe as describeValue } from "./web-apis/cases.js";

const PLUGIN = `import { plugin } from "@extism-ts/pdk";
import { json, string } from "@extism-ts/convert";
import { cases, clockCases, describe } from "../../web-apis/cases.ts";

const all: Record<string, () => unknown> = { ...cases, ...clockCases };

export const run = plugin(string, json<unknown>(), async (name) => {
  const found = all[name];
  if (!found) throw new Error(\`no case named \${name}\`);
  return describe(await found());
});
`;

/** Node's answer with some of its text replaced, each replacement a place where Node 20 departs from the specification. */
function nodeExceptFor(replacements: Array<[string, string]>): (node: unknown) => unknown {
  return (node) => JSON.parse(replacements.reduce((json, [from, to]) => json.split(from).join(to), JSON.stringify(node)));
}

/**
 * Where the plug-in follows the specification and Node 20 does not: what the
 * plug-in must answer instead of Node's answer.
 */
const specifiedNotNode: Record<string, (node: unknown) => unknown> = {
  // DOM: at the target, capture listeners run before the others, and a listener
  // added during a dispatch waits for the next one. Node runs registrations in
  // order, new ones included, and reports eventPhase 0 for capture listeners.
  events_dispatch: () => ({
    object: {
      log: {
        array: ["first:2:true", "first:2:true", "once", "remover", "object:go", "--", "first:2:true", "remover", "object:go", "added during dispatch (runs next time)"],
        extra: [],
      },
      results: { array: [true, true], extra: [] },
    },
    prototypeIsObject: true,
  }),
  // DOM: preventDefault() in a passive listener does nothing; dispatching an
  // event that is being dispatched throws an InvalidStateError DOMException.
  events_cancel_and_stop: nodeExceptFor([
    ['"passive:true"', '"passive:false"'],
    ['"passive":false', '"passive":true'],
    ['"reentrant":{"object":{"name":"Error","code":null', '"reentrant":{"object":{"name":"InvalidStateError","code":11'],
  ]),
  // WebIDL: timeout's [EnforceRange] unsigned long long turns -1 into a TypeError.
  abort_signal: nodeExceptFor([['"timeoutArgument":{"object":{"name":"RangeError"', '"timeoutArgument":{"object":{"name":"TypeError"']]),
  // Web Crypto: a key used for an operation its usages lack is an InvalidAccessError (code 15).
  crypto_hmac: nodeExceptFor([['"name":"InvalidAccessException","code":0', '"name":"InvalidAccessError","code":15']]),
  // File API: "native" endings turn a lone CR into LF too.
  blob_file: nodeExceptFor([['"a\\nb\\rc"', '"a\\nb\\nc"']]),
};

function output(result: CallResult | undefined): unknown {
  return JSON.parse(text(result));
}

async function inNode(run: () => unknown): Promise<unknown> {
  return JSON.parse(JSON.stringify(describeValue(await run())));
}

describe("web globals, built into a plug-in, against Node", () => {
  let wasm = "";
  const names = [...Object.keys(cases), ...Object.keys(clockCases)];
  const results = new Map<string, CallResult[]>();
  beforeAll(async () => {
    const built = buildFixture("web-apis", PLUGIN, ["--wasi"]);
    expect(built.stderr).toBe("");
    wasm = built.wasm;
    for (const host of currentHosts) {
      results.set(host.name, await host.run(wasm, names.map((name) => ({ function: "run", input: name })), { wasi: true }));
    }
  }, 120_000);

  // Node 20 has neither self nor URLPattern: these two are checked below.
  for (const name of names.filter((name) => name !== "reach" && name !== "url_pattern")) {
    it(`${name}: as in Node, on ${currentHosts.map((host) => host.name).join(" and ")}`, async () => {
      const expected = await inNode((cases[name] ?? clockCases[name])!);
      for (const host of currentHosts) {
        const answer = output(results.get(host.name)![names.indexOf(name)]);
        expect(answer, host.name).toEqual(specifiedNotNode[name] ? specifiedNotNode[name](expected) : expected);
      }
    });
  }

  it(`matches URLPatterns (${currentHosts.map((host) => host.name).join(", ")})`, () => {
    for (const host of currentHosts) {
      expect(output(results.get(host.name)![names.indexOf("url_pattern")])).toEqual({ array: [false, { object: { id: "42" }, prototypeIsObject: true }, true], extra: [] });
    }
  });

  it(`reaches every global as a free identifier, through globalThis and self, with typeof and by destructuring (${currentHosts.map((host) => host.name).join(", ")})`, () => {
    for (const host of currentHosts) {
      const answer = output(results.get(host.name)![names.indexOf("reach")]) as { object: Record<string, unknown> };
      const objects = new Set(["crypto", "console", "performance"]);
      expect(answer.object.typeofGlobal).toEqual({
        array: (answer.object.typeofGlobal as { array: string[] }).array.map((entry) => {
          const name = entry.split(":")[0]!;
          return `${name}:${objects.has(name) ? "object" : "function"}`;
        }),
        extra: [],
      });
      expect(answer.object.viaSelf).toEqual({ array: [], extra: [] });
      expect(answer.object.descriptors).toEqual({ array: [], extra: [] });
      expect(answer.object.same).toEqual({ array: [true, true, "function", true, true], extra: [] });
      expect(answer.object.featureDetection).toBe(true);
    }
  });
});

describe("timers within a call", () => {
  const source = `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";

let lateRuns = 0;

// Without WASI there is no clock: timers run in deadline order, without waiting.
export const in_order = plugin(null, json<unknown>(), async () => {
  const order: string[] = [];
  setTimeout(() => order.push("an hour"), 3_600_000);
  setTimeout(() => order.push("a minute"), 60_000);
  const interval = setInterval(() => {
    order.push("every 25 s");
    if (order.filter((entry) => entry === "every 25 s").length === 3) clearInterval(interval);
  }, 25_000);
  setTimeout(() => order.push("now"));
  await new Promise((resolve) => setTimeout(resolve, 7_200_000));
  return order;
});

// A timer still pending when the export returns is cancelled, with a warning, and never runs later.
export const leaves_one = plugin(null, json<unknown>(), () => {
  setTimeout(() => lateRuns++, 10);
  setTimeout(() => lateRuns++, 0);
  return "returned";
});

export const late_runs = plugin(null, json<number>(), () => lateRuns);

export const throws_in_timer = plugin(null, json<unknown>(), async () => {
  setTimeout(() => {
    throw new Error("thrown in a timer");
  }, 5);
  await new Promise((resolve) => setTimeout(resolve, 10));
  return "not reached";
});
`;
  let wasm = "";
  beforeAll(() => {
    const built = buildFixture("web-timers", source);
    expect(built.stderr).toBe("");
    wasm = built.wasm;
  });

  for (const host of currentHosts) {
    it(`runs timers in deadline order without a clock, drops pending ones with a warning (${host.name})`, async () => {
      const logs: string[] = [];
      const started = Date.now();
      const [order, leaves, late, thrown] = await host.run(
        wasm,
        [{ function: "in_order" }, { function: "leaves_one" }, { function: "late_runs" }, { function: "throws_in_timer" }],
        { logLevel: "warn", logs },
      );
      expect(output(order)).toEqual(["now", "every 25 s", "every 25 s", "a minute", "every 25 s", "an hour"]);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(output(leaves)).toBe("returned");
      // The due timer ran before the call ended; the other was cancelled and did not run in the next call.
      expect(output(late)).toBe(1);
      // One warning for leaves_one, one for the timer throws_in_timer waited on when it failed.
      expect(logs.filter((line) => line.startsWith("WARN"))).toEqual(
        Array(2).fill("WARN 1 timer was still pending when the call ended (setTimeout/setInterval): cancelled, they never run in a later call"),
      );
      expect(thrown).toMatchObject({ ok: false });
      expect((thrown as Extract<CallResult, { ok: false }>).error).toContain("thrown in a timer");
    });
  }

  it("warns at build time about timers set while initializing that never came due", () => {
    const built = buildFixture(
      "web-timers-at-init",
      `import { plugin } from "@extism-ts/pdk";\nimport { string } from "@extism-ts/convert";\nlet ran = "no";\nsetTimeout(() => (ran = "yes"));\nsetInterval(() => {}, 1000);\nexport const ran_at_init = plugin(null, string, () => ran);\n`,
    );
    expect(built.status).toBe(0);
    expect(built.stderr).toContain("warning: 1 timer set while the plug-in initialized (setTimeout/setInterval at module level) had not come due");
  });
});

describe("console", () => {
  const source = `import { plugin } from "@extism-ts/pdk";

export const logs = plugin(null, null, () => {
  console.count();
  console.count("x");
  console.count();
  console.countReset();
  console.count();
  console.countReset("never");
  console.assert(true, "not logged");
  console.assert(false, "%s failed", "check");
  console.assert(false, { a: 1 });
  console.info("%s%% of %d, %x %i", "50", 7);
  console.info({ map: new Map([[1, "a"]]), set: new Set([2]), date: new Date(0), re: /x/g, "a-b": 1 });
  console.group("group");
  console.info("inside\\nthe group");
  console.groupEnd();
  console.table([{ a: 1, b: "x" }, { a: 2, c: [1] }]);
  console.time("t");
  console.timeLog("t", "more");
  console.timeEnd("t");
  console.timeEnd("t");
});
`;
  let wasm = "";
  beforeAll(() => {
    const built = buildFixture("web-console", source, ["--wasi"]);
    expect(built.stderr).toBe("");
    wasm = built.wasm;
  });

  for (const host of currentHosts) {
    it(`writes count, assert, group, table and time to the host's log (${host.name})`, async () => {
      const logs: string[] = [];
      const [result] = await host.run(wasm, [{ function: "logs" }], { wasi: true, logLevel: "info", logs });
      expect(result).toMatchObject({ ok: true });
      const lines = logs.join("\n").replace(/\d+\.\d{3}ms/g, "<time>ms");
      // The Python host reads the runtime's log line by line: a message's later lines are not there.
      const shown = (expected: string): string =>
        host === pythonSdk ? expected.split("\n").filter((line) => /^(TRACE|DEBUG|INFO|WARN|ERROR) /.test(line)).join("\n") : expected;
      expect(lines).toBe(
        shown(
        [
          "INFO default: 1",
          "INFO x: 1",
          "INFO default: 2",
          "INFO default: 1",
          "WARN Count for 'never' does not exist",
          "ERROR Assertion failed: check failed",
          "ERROR Assertion failed { a: 1 }",
          "INFO 50% of 7, %x %i",
          'INFO { map: Map(1) { 1 => "a" }, set: Set(1) { 2 }, date: 1970-01-01T00:00:00.000Z, re: /x/g, "a-b": 1 }',
          "INFO group",
          "INFO   inside\n  the group",
          "INFO ┌─────────┬───┬─────┬───────┐\n│ (index) │ a │ b   │ c     │\n├─────────┼───┼─────┼───────┤\n│ 0       │ 1 │ 'x' │       │\n│ 1       │ 2 │     │ [ 1 ] │\n└─────────┴───┴─────┴───────┘",
          "INFO t: <time>ms more",
          "INFO t: <time>ms",
          "WARN Timer 't' does not exist",
        ].join("\n"),
        ),
      );
    });
  }
});

describe("pay for what you use", () => {
  it("defines only the globals a bundle names, and bundles nothing of the others", async () => {
    const built = buildFixture(
      "web-only-url",
      `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";

const lookUp = (name: string) => typeof (globalThis as Record<string, unknown>)[name];

export const globals = plugin(null, json<unknown>(), () => ({
  url: new URL("https://example.com/a").pathname,
  // Names computed at run time: the bundle names neither global, so neither is there.
  headers: lookUp(["Head", "ers"].join("")),
  buffer: lookUp(["Buf", "fer"].join("")),
}));
`,
      ["--debug"],
    );
    expect(built.stderr).toBe("");
    const [result] = await jsSdk2.run(built.wasm, [{ function: "globals" }]);
    expect(output(result)).toEqual({ url: "/a", headers: "undefined", buffer: "undefined" });
    const bundle = readFileSync(`${built.wasm}.bundle.js`, "utf8");
    // Headers, the streams and Buffer, by a method of each.
    expect(bundle).not.toMatch(/getSetCookie|ByteLengthQueuingStrategy|swap64/);
    expect(bundle).toMatch(/searchParams/);
  });

  it("has one Buffer, whether the global or node:buffer reaches it", async () => {
    const built = buildFixture(
      "web-one-buffer",
      `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";
import { Buffer as Imported, kMaxLength } from "node:buffer";
import buffer from "buffer";

export const buffers = plugin(null, json<unknown>(), () => ({
  same: Buffer === Imported && buffer.Buffer === Buffer,
  hex: Buffer.from("hi").toString("hex"),
  kMaxLength: kMaxLength > 0,
}));
`,
      ["--debug"],
    );
    expect(built.stderr).toBe("");
    const [result] = await jsSdk2.run(built.wasm, [{ function: "buffers" }]);
    expect(output(result)).toEqual({ same: true, hex: "6869", kMaxLength: true });
    expect(readFileSync(`${built.wasm}.bundle.js`, "utf8").match(/\bswap64\(\) \{/g)).toHaveLength(1);
  });

  it("brings the streams to a Blob only when the code reads .stream", async () => {
    const source = (use: string) => `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";

export const blob = plugin(null, json<unknown>(), async () => {
  const blob = new Blob(["ab", new Uint8Array([99])], { type: "Text/Plain" });
  return [blob.size, blob.type, await blob.slice(1).text(), ${use}];
});
`;
    const lean = buildFixture("web-blob-lean", source("0"), ["--debug"]);
    const streamed = buildFixture("web-blob-stream", source("(await blob.stream().getReader().read()).value.length"), ["--debug"]);
    expect([lean.stderr, streamed.stderr]).toEqual(["", ""]);
    const modules = (wasm: string) => readFileSync(`${wasm}.bundle.js`, "utf8").split("\n", 1)[0]!;
    expect(modules(lean.wasm)).not.toMatch(/globals\/streams\.js|web-streams-polyfill/);
    expect(modules(streamed.wasm)).toMatch(/globals\/streams\.js/);
    for (const host of currentHosts) {
      const [leanResult, streamedResult] = [(await host.run(lean.wasm, [{ function: "blob" }]))[0], (await host.run(streamed.wasm, [{ function: "blob" }]))[0]];
      expect(output(leanResult), host.name).toEqual([3, "text/plain", "bc", 0]);
      expect(output(streamedResult), host.name).toEqual([3, "text/plain", "bc", 3]);
    }
  });

  it("does not bring Buffer to a module that only probes for it with typeof", async () => {
    const built = buildFixture(
      "web-buffer-probe",
      `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";
import { bytesOf } from "./probe";

export const probe = plugin(null, json<unknown>(), () => bytesOf(3));
`,
      ["--debug"],
      {
        files: {
          // What msgpackr and crc-32 do: Node's Buffer when there is one, else a Uint8Array.
          "probe.ts": `const hasNodeBuffer = typeof Buffer !== "undefined";
export const bytesOf = (length: number) => (hasNodeBuffer ? Buffer.allocUnsafe(length) : new Uint8Array(length)).constructor.name;
`,
        },
      },
    );
    expect(built.stderr).toBe("");
    const [result] = await jsSdk2.run(built.wasm, [{ function: "probe" }]);
    expect(output(result)).toBe("Uint8Array");
    expect(readFileSync(`${built.wasm}.bundle.js`, "utf8")).not.toMatch(/readUInt32LE/);
  });
});
