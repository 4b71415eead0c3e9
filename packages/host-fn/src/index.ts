import { native } from "@extism-ts/engine";
import { expectCodec, type Codec } from "@extism-ts/convert";

/** A value passed to or from a host function as it is, without Extism memory. */
export type WasmType = "i32" | "i64" | "f32" | "f64";

/** How a parameter or result travels: a codec through Extism memory (as an i64 offset), a WasmType as that value. */
export type HostValueKind = Codec<unknown> | WasmType;

/** What the function accepts for a parameter of this kind (an i64 takes a whole number too). */
export type ParamValue<K> = K extends Codec<infer T> ? T : K extends "i64" ? bigint | number : K extends WasmType ? number : never;

/** What the function returns for a result of this kind; null (no result) returns nothing. */
export type ResultValue<K> = K extends Codec<infer T> ? T : K extends "i64" ? bigint : K extends WasmType ? number : void;

/** The function hostFn returns for these params and result. */
export type HostFunction<P extends readonly HostValueKind[], R extends HostValueKind | null> = (
  ...args: { -readonly [I in keyof P]: ParamValue<P[I]> }
) => ResultValue<R>;

export interface HostFnSignature<P extends readonly HostValueKind[] = readonly HostValueKind[], R extends HostValueKind | null = HostValueKind | null> {
  /** Default "extism:host/user". */
  namespace?: string;
  /** A Codec is encoded into Extism memory and passed as its i64 offset; a WasmType is passed as is. */
  params?: P;
  /** A Codec is decoded from the returned offset; null (the default) returns nothing. */
  result?: R;
}

/** The kinds that can carry a parameter of type T. */
type ParamKindFor<T> =
  | Codec<T>
  | ([T] extends [number] ? "i32" | "f32" | "f64" | "i64" : never)
  | ([T] extends [number | bigint] ? "i64" : never);

/** The kinds whose value a function returning R can give. */
type ResultKindFor<R> = Codec<R> | (number extends R ? "i32" | "f32" | "f64" : never) | (bigint extends R ? "i64" : never);

/** The kinds that can carry each of the parameters A. */
type ParamKindsFor<A extends readonly unknown[]> = { readonly [I in keyof A]: ParamKindFor<A[I]> };

/** The signature that agrees with the function type F, for `hostFn<F>(...)`. */
export type HostFnSignatureOf<F extends (...args: never[]) => unknown> = {
  namespace?: string;
} & (Parameters<F> extends [] ? { params?: readonly [] } : { params: ParamKindsFor<Parameters<F>> }) &
  ([ReturnType<F>] extends [void] ? { result?: null } : { result: ResultKindFor<ReturnType<F>> });

const hostDeclare = /* @__PURE__ */ native("host_declare");
const hostFunction = /* @__PURE__ */ native("host_function");

/** The engine's type letters; M: bytes in a memory block, passed as its offset. */
const LETTERS: Record<WasmType, string> = { i32: "i", i64: "I", f32: "f", f64: "F" };

/** Refuse what is neither a wasm type nor a codec, at declaration (build) time. */
function checkKind(kind: unknown, where: string): void {
  if (typeof kind !== "string") return expectCodec(kind, where);
  if (!Object.prototype.hasOwnProperty.call(LETTERS, kind)) {
    throw new TypeError(`${where} must be "i32", "i64", "f32", "f64" or a codec, not "${kind}"`);
  }
}

function letter(kind: Codec<unknown> | WasmType): string {
  return typeof kind === "string" ? LETTERS[kind] : "M";
}

/**
 * Import a function from the host, like the Rust PDK's `#[host_fn]`. Call it
 * at module level: the build finds the declaration and adds exactly this
 * import to the plug-in; call the function it returns inside an export.
 *
 * The function's type follows from `params` and `result`; `hostFn<F>(...)`
 * names it instead, and then `params` and `result` must agree with F.
 *
 * The engine makes the call (packages/engine/src/c/host_calls.c): it converts
 * and counts the arguments, refuses a call at build time, moves encoded
 * arguments into Extism memory and the result out of it. An i64 parameter
 * takes a bigint, or a number converted as Rust's `as i64` converts an f64.
 */
export function hostFn<const P extends readonly HostValueKind[] = [], const R extends HostValueKind | null = null>(
  name: string,
  signature?: HostFnSignature<P, R>,
): HostFunction<P, R>;
export function hostFn<F extends (...args: never[]) => unknown>(
  name: string,
  // Optional only where F takes and returns nothing.
  ...signature: {} extends HostFnSignatureOf<F> ? [signature?: HostFnSignatureOf<F>] : [signature: HostFnSignatureOf<F>]
): F;
export function hostFn(name: string, declared: object = {}): unknown {
  // The overloads above type what callers pass; any of it has this shape.
  const signature: HostFnSignature = declared;
  const namespace = signature.namespace ?? "extism:host/user";
  const params = signature.params ?? [];
  const result = signature.result ?? null;
  params.forEach((kind, position) => checkKind(kind, `hostFn("${name}"): params[${position}]`));
  if (result !== null) checkKind(result, `hostFn("${name}"): the result`);
  const index = hostDeclare(namespace, name, params.map(letter).join(""), result === null ? "" : letter(result));
  const call = hostFunction(index);

  const codecs = params.map((kind) => (typeof kind === "string" ? undefined : kind));
  const resultCodec = result === null || typeof result === "string" ? undefined : result;
  // Only wasm values: the engine's function is the host function.
  if (resultCodec === undefined && codecs.every((codec) => codec === undefined)) return call;

  return (...args: unknown[]) => {
    // The arguments' own array carries the encoded values.
    for (let i = 0; i < args.length && i < codecs.length; i++) {
      const codec = codecs[i];
      if (codec) args[i] = codec.encode(args[i]);
    }
    const returned = call(...(args as Array<number | bigint | Uint8Array>));
    return resultCodec ? resultCodec.decode(returned as Uint8Array) : returned;
  };
}
