// Where QuickJS-NG behaved otherwise than V8 in ways npm packages notice, each
// reduced to a few lines (docs/decisions/quickjs-ng.md, "Patches"). The same
// functions run in a plug-in and in Node; test/engine.test.ts compares them.

function attempt(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** The reduced cases that settle within the current job. */
export function reducedCases(): Record<string, unknown> {
  return {
    // superjson's error round trip sets `stack` to whatever was serialized.
    stackSetter: attempt(() => {
      const error = new Error("boom");
      const values: unknown[] = [undefined, null, 42, { frames: 2 }];
      return values.map((value) => {
        error.stack = value as string;
        return [typeof error.stack, JSON.stringify(error.stack) ?? "undefined"];
      });
    }),
    // jsonpath-plus's slice pattern: `-` is reserved only inside a v-flag class.
    vFlagOutsideClass: attempt(() => {
      // Built at run time: as a literal, the engine's parser refused the whole bundle.
      const slice = new RegExp("^(-?\\d*):(-?\\d*):?(-?\\d*)$", "v");
      const patterns = ["-", "a-b", "&&", "!!", "/", "(?:-)", "a--b"];
      return [slice.exec("-1:5:2")?.slice(1), ...patterns.map((source) => attempt(() => new RegExp(source, "v").test("a-b&&!!/")))];
    }),
    // Inside a v-flag class they stay reserved (the engines' messages differ, so only the kind of error counts).
    vFlagInsideClass: ["[a&&b]", "[\\-]", "[\\d--[0]]", "[-a]", "[(]", "[a!!]"].map((source) => {
      try {
        return new RegExp(source, "v").test("-");
      } catch (error) {
        return (error as Error).name;
      }
    }),
    // A WeakRef's target lives until the current job ends.
    weakRefSameJob: attempt(() => {
      const ref = new WeakRef({ id: 7 });
      const symbolRef = new WeakRef(Symbol("s"));
      return [(ref.deref() as { id: number } | undefined)?.id, typeof symbolRef.deref()];
    }),
  };
}

/** A WeakRef's target is still there in a microtask of the same job. */
export async function weakRefAcrossMicrotask(): Promise<unknown> {
  const ref = new WeakRef({ id: 8 });
  await Promise.resolve();
  return (ref.deref() as { id: number } | undefined)?.id;
}

let held: WeakRef<object> | undefined;

/** A WeakRef whose target nothing else holds: the target lasts as long as this job. */
export function weakRefCreate(): string {
  held = new WeakRef({ id: 9 });
  return typeof held.deref();
}

/** A later job: the engine has let the target go when the job that kept it ended (V8 does at its next collection). */
export function weakRefLater(): string {
  return typeof held?.deref();
}

// ---------------------------------------------------------------------------
// Math: where the specification leaves the result to the implementation, V8
// computes with fdlibm's algorithms (pow, exp, log, the trigonometric and
// hyperbolic functions) and hypot with its own normalized sum.

/** xorshift64: the same doubles in every engine. */
function random(seed: number): () => number {
  let state = BigInt(seed) | 1n;
  const mask = (1n << 64n) - 1n;
  return () => {
    state ^= (state << 13n) & mask;
    state ^= state >> 7n;
    state ^= (state << 17n) & mask;
    return Number(state >> 11n) / 2 ** 53;
  };
}

const specials = [0, -0, 1, -1, 0.5, -0.5, 2, -2, Math.PI, -Math.PI, Math.PI / 2, Math.PI / 4, Math.E, 1e-300, 5e-324, Number.MAX_VALUE, Infinity, -Infinity, NaN, 1e-10, 1e10, 709.78, -745.1, 0.1, 0.7, 3, 10, 100];

const domains: Record<string, [number, number]> = {
  asin: [-1, 1],
  acos: [-1, 1],
  atanh: [-1, 1],
  acosh: [1, 50],
  log: [0, 1000],
  log2: [0, 1000],
  log10: [0, 1000],
  log1p: [-1, 100],
  exp: [-745, 710],
  expm1: [-40, 710],
  sinh: [-710, 710],
  cosh: [-710, 710],
};

export const unaryMath = ["sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "exp", "expm1", "log", "log1p", "log2", "log10", "cbrt", "sqrt"] as const;
export const binaryMath = ["pow", "atan2", "hypot"] as const;

/** Fixed arguments for a one-argument Math function: specials, its domain, and magnitudes from 2^-1000 to 2^1000. */
export function unaryInputs(name: string, count: number): number[] {
  const next = random(name.length * 7919 + count);
  const [low, high] = domains[name] ?? [-50, 50];
  const inputs = [...specials];
  while (inputs.length < count) {
    const kind = inputs.length % 4;
    if (kind === 0) inputs.push(low + (high - low) * next());
    else if (kind === 1) inputs.push((next() < 0.5 ? -1 : 1) * next() * 2 ** Math.floor(next() * 80 - 40));
    else if (kind === 2) inputs.push(next() * 4 - 2);
    else inputs.push((next() < 0.5 ? -1 : 1) * next() * 2 ** Math.floor(next() * 2000 - 1000));
  }
  return inputs;
}

/** Fixed argument pairs for a two-argument Math function: specials crossed, fractional and integer exponents, wide magnitudes. */
export function binaryInputs(name: string, count: number): Array<[number, number]> {
  const next = random(name.length * 104729 + count);
  const pairs: Array<[number, number]> = [];
  for (const a of specials) for (const b of [0, -0, 0.5, -0.5, 1, 2, 3, -3, Infinity, -Infinity, NaN, 1e300]) pairs.push([a, b]);
  while (pairs.length < count) {
    const kind = pairs.length % 5;
    if (kind === 0) pairs.push([next() * 100, next() * 20 - 10]);
    else if (kind === 1) pairs.push([next(), next() * 3]);
    else if (kind === 2) pairs.push([Math.floor(next() * 1000) - 500, Math.floor(next() * 40) - 20]);
    else if (kind === 3) pairs.push([next() * 2 ** Math.floor(next() * 200 - 100), next() * 8 - 4]);
    else pairs.push([(next() - 0.5) * 2e3, (next() - 0.5) * 2e3]);
  }
  return pairs;
}

export const MATH_INPUTS = 1500;

/** Every function's results over its inputs, as the bytes of one Float64Array (functions in list order). */
export function mathResults(count = MATH_INPUTS): Uint8Array {
  const math = Math as unknown as Record<string, (...args: number[]) => number>;
  const results: number[] = [];
  for (const name of unaryMath) for (const x of unaryInputs(name, count)) results.push(math[name]!(x));
  for (const name of binaryMath) for (const [x, y] of binaryInputs(name, count)) results.push(name === "pow" ? x ** y : math[name]!(x, y));
  for (const [x, y] of binaryInputs("pow", count)) results.push(math.pow!(x, y));
  return new Uint8Array(new Float64Array(results).buffer);
}

/** The calls mathResults makes, in order, for naming a mismatch. */
export function mathCalls(count = MATH_INPUTS): string[] {
  const calls: string[] = [];
  for (const name of unaryMath) for (const x of unaryInputs(name, count)) calls.push(`Math.${name}(${x})`);
  for (const name of binaryMath) for (const [x, y] of binaryInputs(name, count)) calls.push(name === "pow" ? `${x} ** ${y}` : `Math.${name}(${x}, ${y})`);
  for (const [x, y] of binaryInputs("pow", count)) calls.push(`Math.pow(${x}, ${y})`);
  return calls;
}
