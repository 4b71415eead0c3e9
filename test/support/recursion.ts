// A plug-in that recurses in seven ways until the engine's stack limit stops
// it: each kind must end in a catchable RangeError on every host, whatever
// engine the plug-in was built with (test/optimize.test.ts, test/aot.test.ts).
export const recursion = `import { plugin } from "@extism-ts/pdk";
import { i32, string } from "@extism-ts/convert";
function plain(n: number): number { return n === 0 ? 0 : plain(n - 1) + 1; }
function viaMap(n: number): number { return n === 0 ? 0 : [n].map((x) => viaMap(x - 1) + 1)[0]!; }
function viaGetter(n: number): number { const o = { get v() { return n === 0 ? 0 : viaGetter(n - 1) + 1; } }; return o.v; }
function viaJson(n: number): number { let r = 0; JSON.stringify({ toJSON() { r = n === 0 ? 0 : viaJson(n - 1) + 1; return 1; } }); return r; }
function viaProxy(n: number): number { const p = new Proxy({}, { get: () => (n === 0 ? 0 : viaProxy(n - 1) + 1) }); return (p as { x: number }).x; }
async function viaAsync(n: number): Promise<number> { return n === 0 ? 0 : (await viaAsync(n - 1)) + 1; }
function viaSort(n: number): number { let r = 0; [2, 1].sort(() => { r = n === 0 ? 0 : viaSort(n - 1) + 1; return 0; }); return r; }
const kinds: Record<string, (n: number) => number | Promise<number>> = { plain, viaMap, viaGetter, viaJson, viaProxy, viaAsync, viaSort };
export const depth = plugin(i32, i32, plain);
export const deepest = plugin(string, string, async (kind) => {
  try {
    await kinds[kind]!(10_000_000);
    return "no limit";
  } catch (error) {
    return String(error);
  }
});
export const vowels = plugin(string, i32, (input) => {
  let count = 0;
  for (const c of input) if ("aeiouAEIOU".includes(c)) count++;
  return count;
});`;

/** The kinds `deepest` takes. */
export const recursionKinds = ["plain", "viaMap", "viaGetter", "viaJson", "viaProxy", "viaAsync", "viaSort"];
