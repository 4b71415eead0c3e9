// ES2022-ES2025 built-ins and syntax that npm packages call. The same
// function runs inside a plug-in and in Node; test/engine.test.ts compares both
// with the results the specifications give.

type Loose = Record<string, (...args: never[]) => unknown>;

const people = [
  { name: "ada", team: "a" },
  { name: "bob", team: "b" },
  { name: "cy", team: "a" },
];

function* naturals(): Generator<number> {
  for (let n = 1; ; n++) yield n;
}

const checks: Record<string, () => unknown> = {
  at: () => [[3, 1, 2].at(-1), "abc".at(-2)],
  hasOwn: () => [Object.hasOwn({ a: 1 }, "a"), Object.hasOwn({}, "toString")],
  findLast: () => [[3, 1, 2].findLast((n) => n < 3), [3, 1, 2].findLastIndex((n) => n > 5)],
  changeArrayByCopy: () => {
    const list = [3, 1, 2];
    return [list.toSorted(), list.toReversed(), list.toSpliced(0, 1), list.with(0, 9), list];
  },
  objectGroupBy: () => {
    const grouped = (Object as unknown as Loose).groupBy!(people as never, ((p: { team: string }) => p.team) as never) as Record<string, typeof people>;
    return Object.entries(grouped).map(([team, members]) => [team, members.map((m) => m.name)]);
  },
  mapGroupBy: () => [...((Map as unknown as Loose).groupBy!([3, 1, 2] as never, ((n: number) => (n % 2 ? "odd" : "even")) as never) as Map<string, number[]>)],
  promiseWithResolvers: () => Object.keys((Promise as unknown as Loose).withResolvers!() as object).sort(),
  setMethods: () => {
    const a = new Set([1, 2, 3]) as unknown as Loose;
    return [[...(a.union!(new Set([3, 4]) as never) as Set<number>)], [...(a.intersection!(new Set([3, 4]) as never) as Set<number>)], a.isSubsetOf!(new Set([1, 2, 3, 4]) as never)];
  },
  iteratorHelpers: () => {
    const odd = (naturals() as unknown as Loose).filter!(((n: number) => n % 2 === 1) as never) as Loose;
    const squares = odd.map!(((n: number) => n * n) as never) as Loose;
    return (squares.take!(4 as never) as Loose).toArray!();
  },
  errorCause: () => (new Error("outer", { cause: "inner" }) as Error & { cause?: unknown }).cause,
  weakRef: () => {
    const target = { alive: true };
    return new WeakRef(target).deref() === target;
  },
  regexpIndices: () => (/(?<word>b+)/d.exec("aabbbcc") as unknown as { indices: { groups: Record<string, [number, number]> } }).indices.groups.word,
  regexpUnicodeClass: () => ["a", "~", "-", "!"].map((c) => /[A-Za-z0-9\-._~]/u.test(c)),
  regexpSetNotation: () => {
    const upper = /^[\p{L}--[a-z]]+$/v;
    return [upper.test("ÄÖ"), upper.test("Äa")];
  },
  wellFormedStrings: () => ["ok".isWellFormed(), "\uD800".toWellFormed().charCodeAt(0)],
  arrayFromAsync: () => (Array as unknown as Loose).fromAsync!([1] as never) instanceof Promise,
  aggregateError: () => new AggregateError([new Error("e")], "agg").errors.length,
  numberFormatting: () => [(0.1 + 0.2).toString(), (1.005).toFixed(2), (123.456).toPrecision(4), (2 ** 53 + 2).toString(), (-1.5e-7).toExponential(3), (1e21).toString(), (0.000001).toString()],
  bigint: () => [(2n ** 64n - 1n).toString(16), BigInt.asIntN(8, 255n).toString(), String(-5n >= -1e19)],
  stringConcatenation: () => {
    let text = "";
    for (let i = 0; i < 1 << 16; i++) text += "x";
    return text.length;
  },
  privateFields: () => new (class { #secret = 3; read() { return #secret in this ? this.#secret : 0; } })().read(),
  logicalAssignment: () => {
    let a: number | null = null;
    a ??= 4;
    let b = 1;
    b ||= 5;
    return [a, b];
  },
  resizableArrayBuffer: () => {
    const buffer = new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer & { resize(n: number): void })(2, { maxByteLength: 8 });
    buffer.resize(6);
    return buffer.byteLength;
  },
};

export function languageChecks(): Record<string, unknown> {
  const results: Record<string, unknown> = {};
  for (const [name, check] of Object.entries(checks)) {
    try {
      results[name] = check();
    } catch (error) {
      results[name] = `unsupported: ${String(error)}`;
    }
  }
  return results;
}

/** What the specifications say each check returns. */
export const specifiedResults: Record<string, unknown> = {
  at: [2, "b"],
  hasOwn: [true, false],
  findLast: [2, -1],
  changeArrayByCopy: [[1, 2, 3], [2, 1, 3], [1, 2], [9, 1, 2], [3, 1, 2]],
  objectGroupBy: [["a", ["ada", "cy"]], ["b", ["bob"]]],
  mapGroupBy: [["odd", [3, 1]], ["even", [2]]],
  promiseWithResolvers: ["promise", "reject", "resolve"],
  setMethods: [[1, 2, 3, 4], [3], true],
  iteratorHelpers: [1, 9, 25, 49],
  errorCause: "inner",
  weakRef: true,
  regexpIndices: [2, 5],
  regexpUnicodeClass: [true, true, true, false],
  regexpSetNotation: [true, false],
  wellFormedStrings: [true, 0xfffd],
  arrayFromAsync: true,
  aggregateError: 1,
  numberFormatting: ["0.30000000000000004", "1.00", "123.5", "9007199254740994", "-1.500e-7", "1e+21", "0.000001"],
  bigint: ["ffffffffffffffff", "-1", "true"],
  stringConcatenation: 65536,
  privateFields: 3,
  logicalAssignment: [4, 1],
  resizableArrayBuffer: 6,
};
