// The engine as plug-ins see it: today's language, recursion as deep as the
// hosts allow, module initialization that sees what run time will see, and a
// pristine start after any trap. Each plug-in is built with the real CLI and
// called from @extism/extism 2.0 (V8) and the Python SDK (wasmtime).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { i32 } from "@extism-ts/convert";
import { languageChecks, specifiedResults } from "./support/modern-language.js";
import { buildFixture } from "./support/cli.js";
import { currentHosts, goSdk, jsSdk2, pythonSdk, text, type CallResult } from "./support/hosts.js";
import { MATH_INPUTS, mathCalls, mathResults, reducedCases, weakRefAcrossMicrotask } from "./support/v8-behaviour.js";

function built(name: string, source: string, args: string[] = [], env?: Record<string, string>): string {
  const result = buildFixture(name, source, args, { env });
  if (result.status !== 0) throw new Error(`build of ${name} failed: ${result.stderr}`);
  return result.wasm;
}

function failure(result: CallResult | undefined): string {
  if (!result || result.ok) throw new Error(`expected a failure, got ${result ? text(result) : "nothing"}`);
  return result.error;
}

describe("the language", () => {
  let wasm: string;
  beforeAll(() => {
    wasm = built(
      "modern-language",
      `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";
import { languageChecks } from "../../support/modern-language.ts";
export const checks = plugin(null, json(), () => languageChecks());`,
    );
  });

  it("expects what Node gives, for everything Node 20 has", () => {
    const inNode = languageChecks();
    const supported = Object.keys(inNode).filter((name) => !String(inNode[name]).startsWith("unsupported"));
    expect(supported.length).toBeGreaterThan(10);
    for (const name of supported) expect([name, JSON.parse(JSON.stringify(inNode[name]))]).toEqual([name, specifiedResults[name]]);
  });

  for (const host of currentHosts) {
    it(`runs ES2022-ES2025 built-ins and regex syntax (${host.name})`, async () => {
      const [result] = await host.run(wasm, [{ function: "checks" }]);
      expect(JSON.parse(text(result))).toEqual(specifiedResults);
    });
  }
});

describe("intrinsics a plug-in never names", () => {
  // Map, Set, WeakMap, WeakRef, Proxy, Date, RegExp and Promise are each
  // named nowhere in this bundle (only computed), so the plug-in starts
  // without them and the link step drops their engine code.
  let wasm: string;
  beforeAll(() => {
    wasm = built(
      "unnamed-intrinsics",
      `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";
const global = globalThis as unknown as Record<string, unknown>;
const computed = (...parts: string[]) => parts.join("");
function attempt(run: () => unknown): string {
  try { return String(run()); } catch (error) { return (error as Error).name + ": " + (error as Error).message; }
}
export const probe = plugin(null, json(), () => ({
  absent: ["Ma,p", "Se,t", "Weak,Map", "Weak,Ref", "Pro,xy", "Da,te", "Reg,Exp", "Prom,ise"].map((name) => typeof global[computed(...name.split(","))]),
  stringMatch: attempt(() => (String.prototype as unknown as Record<string, (p: string) => unknown>)[computed("mat", "ch")]!.call("abc", "b")),
  fromAsync: attempt(() => (Array as unknown as Record<string, (v: unknown) => unknown>)[computed("from", "Async")]!([1])),
  zip: attempt(() => JSON.stringify([...(Iterator as unknown as Record<string, (v: unknown) => Iterable<unknown>>)[computed("zi", "p")]!([[1, 2], [3, 4]])])),
  split: "a-b".split("-").join(","),
  replaceAll: "aXa".replaceAll("a", "b"),
  sorted: [3, 1, 2].toSorted().join(","),
  // A property named search (a URL's), only read, is no call of String.prototype.search.
  searchRead: (JSON.parse('{"search":"?q"}') as { search: string }).search,
}));`,
    );
  });

  for (const host of currentHosts) {
    it(`are absent, and reaching for them is an error, not a trap (${host.name})`, async () => {
      const results = await host.run(wasm, [{ function: "probe" }, { function: "probe" }]);
      for (const result of results) {
        expect(JSON.parse(text(result))).toEqual({
          absent: Array(8).fill("undefined"),
          // String.prototype.match builds a RegExp; Array.fromAsync a Promise.
          stringMatch: "TypeError: not a function",
          fromAsync: "TypeError: not a function",
          zip: "[[1,3],[2,4]]",
          split: "a,b",
          replaceAll: "bXb",
          sorted: "1,2,3",
          searchRead: "?q",
        });
      }
    });
  }
});

describe("intrinsics a plug-in names, and all of them when it may compile code", () => {
  // Names Map (which brings Set, WeakMap and WeakSet with it) and calls
  // String.prototype.search (which builds a RegExp); reaches the others only
  // through computed names, as code given to eval would.
  const source = `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";
const global = globalThis as unknown as Record<string, unknown>;
const computed = (...parts: string[]) => parts.join("");
export const probe = plugin(null, json(), () => ({
  map: [...new Map([[1, "one"]]).entries()],
  searched: "abc".search("b"),
  kinds: Object.fromEntries(["Se,t", "Weak,Map", "Weak,Ref", "Pro,xy", "Da,te", "Reg,Exp", "Prom,ise"].map((name) => [name.replace(",", ""), typeof global[computed(...name.split(","))]])),
}));`;
  let named: string;
  let compiling: string;
  beforeAll(() => {
    named = built("named-intrinsics", source);
    compiling = built("named-intrinsics-eval", source, ["--eval"]);
  });

  for (const host of currentHosts) {
    it(`starts with the intrinsics the code names, and every one with --eval (${host.name})`, async () => {
      const [withNamed] = await host.run(named, [{ function: "probe" }]);
      const [withEval] = await host.run(compiling, [{ function: "probe" }]);
      const absent = { WeakRef: "undefined", Proxy: "undefined", Date: "undefined", Promise: "undefined" };
      expect(JSON.parse(text(withNamed))).toEqual({ map: [[1, "one"]], searched: 1, kinds: { Set: "function", WeakMap: "function", RegExp: "function", ...absent } });
      const every = Object.fromEntries(["Set", "WeakMap", "RegExp", ...Object.keys(absent)].map((name) => [name, "function"]));
      expect(JSON.parse(text(withEval))).toEqual({ map: [[1, "one"]], searched: 1, kinds: every });
    });
  }
});

describe("recursion", () => {
  let wasm: string;
  beforeAll(() => {
    wasm = built(
      "recursion",
      `import { plugin } from "@extism-ts/pdk";
import { i32, string } from "@extism-ts/convert";
function plain(n: number): number { return n === 0 ? 0 : plain(n - 1) + 1; }
function viaMap(n: number): number { return n === 0 ? 0 : [n].map((x) => viaMap(x - 1) + 1)[0]!; }
function viaGetter(n: number): number { const o = { get v() { return n === 0 ? 0 : viaGetter(n - 1) + 1; } }; return o.v; }
function viaJson(n: number): number { let r = 0; JSON.stringify({ toJSON() { r = n === 0 ? 0 : viaJson(n - 1) + 1; return 1; } }); return r; }
function viaProxy(n: number): number { const p = new Proxy({}, { get: () => (n === 0 ? 0 : viaProxy(n - 1) + 1) }); return (p as { x: number }).x; }
async function viaAsync(n: number): Promise<number> { return n === 0 ? 0 : (await viaAsync(n - 1)) + 1; }
const kinds: Record<string, (n: number) => number | Promise<number>> = { plain, viaMap, viaGetter, viaJson, viaProxy, viaAsync };
export const depth = plugin(i32, i32, plain);
// How deep each kind of recursion goes before the engine's RangeError, caught inside the plug-in.
export const deepest = plugin(string, string, async (kind) => {
  try {
    await kinds[kind]!(10_000_000);
    return "no limit";
  } catch (error) {
    return String(error);
  }
});
export const small = plugin(string, string, (s) => s + "!");`,
    );
  });

  for (const host of currentHosts) {
    // The reference runtime's 512 KiB native stack bounds this (docs/security.md).
    it(`reaches 500 frames of a simple recursive function (${host.name})`, async () => {
      const [result] = await host.run(wasm, [{ function: "depth", input: i32.encode(500) }]);
      expect(result!.ok && i32.decode(result.output)).toBe(500);
    });

    it(`throws a catchable RangeError past the limit, for every kind of recursion, and carries on (${host.name})`, async () => {
      const kinds = ["plain", "viaMap", "viaGetter", "viaJson", "viaProxy", "viaAsync"];
      const results = await host.run(wasm, [...kinds.map((kind) => ({ function: "deepest", input: kind })), { function: "small", input: "ok" }]);
      for (const result of results.slice(0, kinds.length)) expect(text(result)).toBe("RangeError: Maximum call stack size exceeded");
      expect(text(results.at(-1))).toBe("ok!");
    });
  }
});

describe("initialization sees what run time sees", () => {
  const probe = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
// The probe a schema library runs at module level to decide whether it may compile code.
function canCompile(): boolean {
  try {
    const F = Function;
    new F("");
    return true;
  } catch {
    return false;
  }
}
const atInit = canCompile();
export const compiles = plugin(null, string, () => \`init: \${atInit}, run: \${canCompile()}\`);`;

  it("keeps the compiler when the bundle names Function, and init and run time agree", async () => {
    const wasm = built("eval-probe-kept", probe);
    for (const host of currentHosts) expect(text((await host.run(wasm, [{ function: "compiles" }]))[0])).toBe("init: true, run: true");
  });

  it("without the compiler (--no-eval), init already sees it missing", async () => {
    const wasm = built("eval-probe-dropped", probe, ["--no-eval"]);
    for (const host of currentHosts) expect(text((await host.run(wasm, [{ function: "compiles" }]))[0])).toBe("init: false, run: false");
  });

  const clock = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
const builtAt = Date.now();
const builtDate = new Date().toISOString();
export const built_at = plugin(null, string, () => \`\${builtAt} \${builtDate} \${Date === globalThis.Date}\`);
export const now = plugin(null, string, () => String(Date.now()));`;

  it("gives Date a fixed instant at build time: SOURCE_DATE_EPOCH, else 2000-01-01", async () => {
    const pinned = built("clock-pinned", clock, [], { SOURCE_DATE_EPOCH: "1700000000" });
    const unpinned = built("clock-default", clock);
    for (const host of currentHosts) {
      expect(text((await host.run(pinned, [{ function: "built_at" }]))[0])).toBe("1700000000000 2023-11-14T22:13:20.000Z true");
      expect(text((await host.run(unpinned, [{ function: "built_at" }]))[0])).toBe("946684800000 2000-01-01T00:00:00.000Z true");
    }
    // The same source builds to the same bytes whenever it is built.
    expect(readFileSync(built("clock-default", clock)).equals(readFileSync(unpinned))).toBe(true);
  });

  it("reads the real clock at run time with --wasi, and says how to get one without", async () => {
    const withWasi = built("clock-wasi", clock, ["--wasi"]);
    const withoutWasi = built("clock-default", clock);
    for (const host of currentHosts) {
      const now = Number(text((await host.run(withWasi, [{ function: "now" }], { wasi: true }))[0]));
      expect(Math.abs(now - Date.now())).toBeLessThan(60_000);
      expect(failure((await host.run(withoutWasi, [{ function: "now" }]))[0])).toMatch(/needs WASI: build the plug-in with `extism-ts build --wasi`/);
    }
  });

  const random = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
const drawnAtInit = Math.random();
export const draws = plugin(null, string, () => JSON.stringify([drawnAtInit, Math.random(), Math.random()]));`;

  it("seeds Math.random from WASI in each instance; without WASI the sequence is the same in every instance", async () => {
    const withWasi = built("random-wasi", random, ["--wasi"]);
    const withoutWasi = built("random-default", random);
    for (const host of currentHosts) {
      const [a, b] = await Promise.all([host.run(withWasi, [{ function: "draws" }], { wasi: true }), host.run(withWasi, [{ function: "draws" }], { wasi: true })]);
      const [first, second] = [JSON.parse(text(a[0])) as number[], JSON.parse(text(b[0])) as number[]];
      // The value drawn at init is frozen into the snapshot; run-time draws differ per instance.
      expect(first[0]).toBe(second[0]);
      expect(first.slice(1)).not.toEqual(second.slice(1));
      const [c, d] = await Promise.all([host.run(withoutWasi, [{ function: "draws" }]), host.run(withoutWasi, [{ function: "draws" }])]);
      expect(text(c[0])).toBe(text(d[0]));
    }
  });
});

describe("a pristine start after a trap", () => {
  let wasm: string;
  beforeAll(() => {
    wasm = built(
      "pristine",
      `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import { hostFn } from "@extism-ts/host-fn";
const fails = hostFn<(offset: bigint) => bigint>("fails", { params: ["i64"], result: "i64" });
let calls = 0;
const seen = new Map<string, number>();
// Module state that a trapped call must not leave half-changed.
export const record = plugin(string, string, (word) => {
  calls++;
  seen.set(word, (seen.get(word) ?? 0) + 1);
  return \`\${calls} \${seen.size} \${word.split("").reverse().join("")}\`;
});
export const churn = plugin(null, null, () => {
  let garbage: unknown[] = [];
  for (;;) {
    garbage.push({ text: "x".repeat(64), list: new Array(16).fill(seen) });
    if (garbage.length > 5000) garbage = [];
    calls++;
  }
});
export const call_failing_host = plugin(null, null, () => {
  seen.set("half", 1);
  calls += 100;
  fails(0n);
});`,
    );
  });

  const words = Array.from({ length: 1000 }, (_, i) => `word${i % 7}-${i}`);
  const expected = words.map((word, i) => `${i + 1} ${i + 1} ${word.split("").reverse().join("")}`);

  for (const host of [jsSdk2, pythonSdk]) {
    it(`after a call the host timed out mid-allocation, 1,000 calls start from the snapshot (${host.name})`, async () => {
      const results = await host.run(
        wasm,
        [{ function: "record", input: "before" }, { function: "churn" }, ...words.map((word) => ({ function: "record", input: word }))],
        { limits: { timeoutMs: 300 }, hostFunctions: [{ name: "fails", behaviour: "fails" }] },
      );
      expect(text(results[0])).toBe("1 1 erofeb");
      failure(results[1]);
      expect(results.slice(2).map((result) => text(result))).toEqual(expected);
    });
  }

  // The Python SDK reports a host function's exception and lets the call go on, so no trap happens there.
  for (const host of [jsSdk2, goSdk]) {
    it(`after a host function threw, 1,000 calls start from the snapshot (${host.name})`, async () => {
      const results = await host.run(
        wasm,
        [{ function: "record", input: "before" }, { function: "call_failing_host" }, ...words.map((word) => ({ function: "record", input: word }))],
        { hostFunctions: [{ name: "fails", behaviour: "fails" }] },
      );
      expect(text(results[0])).toBe("1 1 erofeb");
      failure(results[1]);
      expect(results.slice(2).map((result) => text(result))).toEqual(expected);
    });
  }
});

// QuickJS-NG behaved otherwise than V8 where npm packages noticed; each case is
// reduced in test/support/v8-behaviour.ts and fixed by a build-time patch
// (packages/engine/scripts/quickjs-patches.mjs, docs/decisions/quickjs-ng.md).
describe("V8's behaviour where QuickJS-NG differed", () => {
  let wasm: string;
  beforeAll(() => {
    wasm = built(
      "v8-behaviour",
      `import { plugin } from "@extism-ts/pdk";
import { bytes, json } from "@extism-ts/convert";
import { mathResults, reducedCases, weakRefAcrossMicrotask, weakRefCreate, weakRefLater } from "../../support/v8-behaviour.ts";
export const cases = plugin(null, json(), () => reducedCases());
export const microtask = plugin(null, json(), () => weakRefAcrossMicrotask());
export const weak_create = plugin(null, json(), () => weakRefCreate());
export const weak_later = plugin(null, json(), () => weakRefLater());
export const math = plugin(null, bytes, () => mathResults());`,
    );
  });

  for (const host of currentHosts) {
    it(`error.stack takes any value, v-flag reserved characters only in classes, a WeakRef's target lasts the job (${host.name})`, async () => {
      const [cases, microtask] = await host.run(wasm, [{ function: "cases" }, { function: "microtask" }]);
      expect(JSON.parse(text(cases))).toEqual(JSON.parse(JSON.stringify(reducedCases())));
      expect(JSON.parse(text(microtask))).toBe(await weakRefAcrossMicrotask());
    });

    it(`lets a WeakRef's target go once the job that kept it has ended (${host.name})`, async () => {
      const results = await host.run(wasm, [{ function: "weak_create" }, { function: "weak_later" }]);
      expect(results.map((result) => JSON.parse(text(result)))).toEqual(["object", "undefined"]);
    });

    it(`Math and ** give Node's bytes over ${MATH_INPUTS} fixed inputs per function (${host.name})`, async () => {
      const [result] = await host.run(wasm, [{ function: "math" }]);
      if (!result?.ok) throw new Error(`math failed: ${failure(result)}`);
      const engine = new Float64Array(new Uint8Array(result.output).slice().buffer);
      const node = new Float64Array(mathResults().slice().buffer);
      const calls = mathCalls();
      const mismatches = calls.flatMap((call, i) => (Object.is(engine[i], node[i]) ? [] : [`${call}: ${engine[i]} (Node ${node[i]})`]));
      expect(engine.length).toBe(node.length);
      expect(mismatches.slice(0, 10), `${mismatches.length} of ${calls.length} results differ`).toEqual([]);
    });
  }
});
