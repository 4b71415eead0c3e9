/**
 * Values whose MessagePack the plug-in (`encode_msgpack_case`) and Node must
 * write byte for byte alike: the engine's C encoder's edge cases (integer
 * widths, -0, floats, bigints, lone surrogates, key order, undefined values,
 * header sizes) and values it leaves to the JS implementation (Map, Date,
 * class instances, typed arrays other than Uint8Array, functions, an own
 * hasOwnProperty). Each is made fresh by its function, in Node and in the plug-in.
 */
class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

/** Deleted, symbol-keyed and non-enumerable properties, which an encoder skips; with `index`, keys that sort before the rest. */
const edited = (index: boolean): Record<string | symbol, unknown> => {
  const object: Record<string | symbol, unknown> = { a: 1, b: 2, c: [3] };
  delete object.b;
  object[Symbol("s")] = 4;
  Object.defineProperty(object, "hidden", { value: 5, enumerable: false });
  object.d = "last";
  if (index) {
    object["4294967295"] = "not an index";
    object["4294967294"] = "the largest index";
  }
  return object;
};

const keyed = (count: number, value: (i: number) => unknown): Record<string, unknown> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, value(i)]));

export const msgpackEncodeCases: Array<() => unknown> = [
  () => [-0, 0.5, -1.5, 1e21, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 4294967296, -2147483649, 4294967295, -2147483648, 127, 128, -32, -33],
  () => [NaN, Infinity, -Infinity, Number.MIN_VALUE, Number.MAX_VALUE, 0.1 + 0.2],
  () => [5n, -5n, 0n, 4294967295n, 4294967296n, -2147483648n, -2147483649n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 63n, 2n ** 64n - 1n],
  () => 2n ** 64n,
  () => -(2n ** 63n) - 1n,
  () => ["", "a\uD800b", "\uDC00", "\uD83C\uDF0D", "x".repeat(31), "x".repeat(32), "é".repeat(200), "🌍".repeat(20000)],
  () => ({ b: 1, 2: "two", a: undefined, 1: "one", "": null, "-1": -1, "10": 10, "9": 9 }),
  () => ({ "é": 1, "Ã©": 2, "__proto_": 3 }),
  () => Object.assign(Object.create(null) as object, { z: 1, y: [undefined, null] }),
  () => keyed(17, (i) => (i % 8 === 0 ? undefined : i)),
  () => keyed(16, (i) => i),
  () => keyed(16, () => undefined),
  () => new Array<number>(70000).fill(1),
  () => new Array(3),
  () => [[[[[]]]], {}, []],
  () => [new Uint8Array([1, 2, 3]), new Uint8Array(300), new Uint8Array(70000).fill(7), new Uint8Array(10).subarray(2, 5)],
  () => {
    const shared = [1];
    return [shared, shared];
  },
  () => [true, false, null, undefined],
  () => ({ constructor: "c", hasOwnProperty: 1 }),
  () => ({ toJSON: () => "json" }),
  () => new Map<unknown, unknown>([[1, "a"], ["b", 5e9], [2n, 3n]]),
  () => [new Date(1500), new Date(-1), new Date(2 ** 40), new Date(Number.NaN)],
  () => new Point(1, 2),
  () => [new Uint16Array([1, 2]), new Set([1])],
  () => [() => 1],
  () => Symbol("s"),
  () => [edited(false), edited(true)],
];

/**
 * Values whose JSON the plug-in must write as JSON.stringify and TextEncoder
 * write it (`encode_json_case` against `stringify_json_case`): the engine's C
 * writer's edge cases (numbers, escapes, lone surrogates, values without JSON
 * text, key order) and what it leaves to JSON.stringify (toJSON, Dates, class
 * instances, bigints, cycles).
 */
export const jsonEncodeCases: Array<() => unknown> = [
  () => [0, -0, 1, -1, 2147483647, -2147483648, 2147483648, 1.5, -1e-7, 1e21, 1e-7, 123456789012345680000, 0.1 + 0.2, Number.MAX_VALUE, Number.MIN_VALUE],
  () => [NaN, Infinity, -Infinity],
  () => ["", "plain", "quote \" backslash \\ slash /", "\b\f\n\r\t", "\u0000\u0001\u001f\u007f", "\u2028\u2029", "é 你好 🌍", "a\uD800b", "\uDC00", "\uD83C\uDF0D"],
  () => ({ b: 1, 2: "two", a: undefined, 1: "one", f: () => 1, s: Symbol("s"), "": null, "-1": -1, "10": 10 }),
  () => [undefined, () => 1, Symbol("s"), null],
  () => Object.assign(Object.create(null) as object, { z: [1, { y: true }] }),
  () => ({ nested: [[[[[{}]]]], []], "ke\"y": "v" }),
  () => ({ toJSON: () => ({ replaced: true }) }),
  () => [new Date(1500), new Date(Number.NaN)],
  () => new Point(1, 2),
  () => new Map([[1, 2]]),
  () => [new Uint8Array([1, 2])],
  () => [Object(1), Object("s"), Object(true)],
  () => {
    const withGetter = { plain: 1 };
    Object.defineProperty(withGetter, "computed", { get: () => "got", enumerable: true });
    Object.defineProperty(withGetter, "hidden", { value: "no", enumerable: false });
    return withGetter;
  },
  () => undefined,
  () => () => 1,
  () => 5n,
  () => [1n],
  () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    return cycle;
  },
  () => [edited(false), edited(true)],
];
