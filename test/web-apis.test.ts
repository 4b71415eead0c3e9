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
  // Node 20 has no global self.
  reach: () => undefined,
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

  for (const name of names.filter((name) => name !== "reach")) {
    it(`${name}: as in Node, on ${currentHosts.map((host) => host.name).join(" and ")}`, async () => {
      const expected = await inNode((cases[name] ?? clockCases[name])!);
      for (const host of currentHosts) {
        const answer = output(results.get(host.name)![names.indexOf(name)]);
        expect(answer, host.name).toEqual(specifiedNotNode[name] ? specifiedNotNode[name](expected) : expected);
      }
    });
  }

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
