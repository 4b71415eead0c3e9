// ES2022-ES2025 built-ins and syntax that npm packages call. The same
// function runs in Node and inside a plug-in; the test compares the JSON.

function iteratorHelpers(): unknown {
  function* naturals() {
    for (let n = 1; ; n++) yield n;
  }
  const iterator = naturals() as unknown as {
    filter(f: (n: number) => boolean): { map(f: (n: number) => number): { take(n: number): { toArray(): number[] } } };
  };
  return iterator.filter((n) => n % 2 === 1).map((n) => n * n).take(4).toArray();
}

export function languageChecks(): Record<string, unknown> {
  const list = [3, 1, 2];
  const people = [
    { name: "ada", team: "a" },
    { name: "bob", team: "b" },
    { name: "cy", team: "a" },
  ];
  const grouped = (Object as unknown as { groupBy<T>(items: T[], key: (item: T) => string): Record<string, T[]> }).groupBy(people, (p) => p.team);
  const withResolvers = (Promise as unknown as { withResolvers<T>(): { promise: Promise<T>; resolve(v: T): void } }).withResolvers<number>();
  const setA = new Set([1, 2, 3]) as Set<number> & { union(o: Set<number>): Set<number>; intersection(o: Set<number>): Set<number>; isSubsetOf(o: Set<number>): boolean };
  const setB = new Set([3, 4]);
  const cause = new Error("outer", { cause: "inner" }) as Error & { cause?: unknown };
  const ref = new WeakRef({ alive: true });
  const indices = /(?<word>b+)/d.exec("aabbbcc") as RegExpExecArray & { indices: Array<[number, number]> };
  const unreserved = /[A-Za-z0-9\-._~]/u;
  const setNotation = /^[\p{L}--[a-z]]+$/v;
  let concatenated = "";
  for (let i = 0; i < 1 << 16; i++) concatenated += "x";
  return {
    at: [list.at(-1), "abc".at(-2)],
    hasOwn: [Object.hasOwn({ a: 1 }, "a"), Object.hasOwn({}, "toString")],
    findLast: [list.findLast((n) => n < 3), list.findLastIndex((n) => n > 5)],
    toSorted: [list.toSorted(), list.toReversed(), list.toSpliced(0, 1), list],
    with: list.with(0, 9),
    groupBy: Object.entries(grouped).map(([team, members]) => [team, members.map((m) => m.name)]),
    mapGroupBy: [...(Map as unknown as { groupBy<T>(i: T[], k: (x: T) => string): Map<string, T[]> }).groupBy(list, (n) => (n % 2 ? "odd" : "even")).keys()],
    withResolvers: typeof withResolvers.resolve,
    setMethods: [[...setA.union(setB)], [...setA.intersection(setB)], setA.isSubsetOf(new Set([1, 2, 3, 4]))],
    iteratorHelpers: iteratorHelpers(),
    errorCause: cause.cause,
    weakRef: (ref.deref() as { alive: boolean } | undefined)?.alive,
    regexpIndices: indices.indices.groups ? (indices.indices.groups as Record<string, [number, number]>).word : null,
    regexpUnicodeClass: ["a", "~", "-", "!"].map((c) => unreserved.test(c)),
    regexpSetNotation: [setNotation.test("ÄÖ"), setNotation.test("Äa")],
    stringWellFormed: ["ok".isWellFormed(), "\uD800".toWellFormed().charCodeAt(0)],
    arrayFromAsync: typeof (Array as unknown as { fromAsync?: unknown }).fromAsync,
    structuredErrors: new AggregateError([new Error("e")], "agg").errors.length,
    numberFormatting: [(0.1 + 0.2).toString(), (1.005).toFixed(2), (123.456).toPrecision(4), (2 ** 53 + 2).toString(), (-1.5e-7).toExponential(3)],
    bigint: [(2n ** 64n - 1n).toString(16), BigInt.asIntN(8, 255n).toString()],
    concatenatedLength: concatenated.length,
    classFields: new (class { #secret = 3; read() { return #secret in this ? this.#secret : 0; } })().read(),
    logicalAssignment: (() => { let a: number | null = null; a ??= 4; let b = 1; b ||= 5; return [a, b]; })(),
    arrayBufferResize: (() => { const b = new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer & { resize(n: number): void })(2, { maxByteLength: 8 }); b.resize(6); return b.byteLength; })(),
  };
}
