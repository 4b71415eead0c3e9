import { expectCodec, type Codec } from "@extism-ts/convert";

/** A value that crosses the host boundary as it is, as @extism-ts/host-fn's `WasmType`. */
export type WasmType = "i32" | "i64" | "f32" | "f64";

/**
 * How one parameter or the result of a host function travels: a codec travels as
 * the offset of a block of Extism memory (an i64) holding its encoding, a
 * WasmType as that value. The same values the plug-in declares in `hostFn`.
 */
export type MockParam = Codec<unknown> | WasmType;

/** The TypeScript value of a parameter: the codec's type, a bigint for i64, a number otherwise. */
export type ValueOf<P> = P extends Codec<infer T> ? T : P extends "i64" ? bigint : number;
export type ValuesOf<P extends readonly MockParam[]> = { -readonly [K in keyof P]: ValueOf<P[K]> };
export type ResultOf<R> = R extends null ? void : ValueOf<R>;

/** A host function provided by a test, with the decoded arguments of every call it got. */
export interface Mock<A extends unknown[] = unknown[]> {
  readonly params: readonly MockParam[];
  readonly result: MockParam | null;
  /** The decoded arguments of each call, in call order. */
  readonly calls: A[];
}

/** What a host hands over: the bytes of a codec parameter, or a wasm value. */
export type RawValue = Uint8Array | number | bigint;

const implementations = new WeakMap<Mock, (...args: unknown[]) => unknown>();

/**
 * A host function for a test, written as a plain typed function: the codecs
 * decode its arguments from the plug-in's memory and encode its result into
 * it, as `hostFn` does on the plug-in side. It may be async. If it throws,
 * the call fails with its message.
 *
 *     mock(string, string, (text) => `${text}!`)
 *     mock([string, "i32"], json<{ n: number }>(), (text, n) => ({ n: text.length + n }))
 */
export function mock<const P extends readonly MockParam[], R extends MockParam | null>(
  params: P,
  result: R,
  implementation: (...args: ValuesOf<P>) => ResultOf<R> | Promise<ResultOf<R>>,
): Mock<ValuesOf<P>>;
export function mock<P extends MockParam, R extends MockParam | null>(
  param: P,
  result: R,
  implementation: (arg: ValueOf<P>) => ResultOf<R> | Promise<ResultOf<R>>,
): Mock<[ValueOf<P>]>;
export function mock(
  params: MockParam | readonly MockParam[],
  result: MockParam | null,
  implementation: (...args: never[]) => unknown,
): Mock {
  const list = Array.isArray(params) ? [...(params as readonly MockParam[])] : [params as MockParam];
  list.forEach((param, index) => checkParam(param, `parameter ${index + 1}`));
  if (result !== null) checkParam(result, "its result");
  if (typeof implementation !== "function") throw new TypeError("mock: the third argument must be the function that implements the host function");
  const created: Mock = { params: list, result, calls: [] };
  implementations.set(created, implementation as (...args: unknown[]) => unknown);
  return created;
}

function checkParam(param: unknown, where: string): void {
  // A codec factory given uncalled (`json` for `json()`): the message plugin() gives, saying what to write.
  if (typeof param === "function") expectCodec(param, `mock: ${where}`);
  const valid =
    typeof param === "string"
      ? ["i32", "i64", "f32", "f64"].includes(param)
      : typeof (param as Codec<unknown> | undefined)?.encode === "function" && typeof (param as Codec<unknown>).decode === "function";
  if (!valid) throw new TypeError(`mock: ${where} must be a codec or one of "i32", "i64", "f32", "f64", got ${String(param)}`);
}

/** The wasm type a parameter or result has at the boundary: codecs travel as i64 offsets. */
export function wasmTypeOf(param: MockParam): WasmType {
  return typeof param === "string" ? param : "i64";
}

function fromWasm(kind: WasmType, value: RawValue): number | bigint {
  if (value instanceof Uint8Array) throw new TypeError(`expected a ${kind} value, got bytes`);
  return kind === "i64" ? BigInt(value) : Number(value);
}

/**
 * Run a mock on what a host received: decode, record, call, encode. Resolves
 * to the bytes of a codec result, a wasm value, or undefined for no result.
 */
export async function invokeMock(target: Mock, raw: RawValue[]): Promise<RawValue | undefined> {
  const implementation = implementations.get(target);
  if (!implementation) throw new TypeError("hostFunctions: every function must be made with mock()");
  const args = target.params.map((param, index) => {
    const value = raw[index] ?? new Uint8Array();
    if (typeof param === "string") return fromWasm(param, value);
    return param.decode(value instanceof Uint8Array ? value : new Uint8Array());
  });
  target.calls.push(args);
  const value = await implementation(...args);
  const { result } = target;
  if (result === null) return undefined;
  if (typeof result === "string") return result === "i64" ? BigInt(value as number | bigint) : Number(value);
  return result.encode(value);
}

/** The value a host function returns when its mock failed: nothing, offset 0, or zero. */
export function zeroOf(result: MockParam | null): number | bigint | undefined {
  if (result === null) return undefined;
  const kind = wasmTypeOf(result);
  return kind === "i64" ? 0n : 0;
}

export function isMock(value: unknown): value is Mock {
  return typeof value === "object" && value !== null && implementations.has(value as Mock);
}
