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
const hostCall = /* @__PURE__ */ native("host_call");
const hostInitializing = /* @__PURE__ */ native("host_initializing");
const memoryAlloc = /* @__PURE__ */ native("memory_alloc");
const memoryWrite = /* @__PURE__ */ native("memory_write");
const memoryRead = /* @__PURE__ */ native("memory_read");
const memoryFree = /* @__PURE__ */ native("memory_free");

const LETTERS: Record<WasmType, string> = { i32: "i", i64: "I", f32: "f", f64: "F" };

/** Refuse what is neither a wasm type nor a codec, at declaration (build) time. */
function checkKind(kind: unknown, where: string): void {
  if (typeof kind !== "string") return expectCodec(kind, where);
  if (!Object.prototype.hasOwnProperty.call(LETTERS, kind)) {
    throw new TypeError(`${where} must be "i32", "i64", "f32", "f64" or a codec, not "${kind}"`);
  }
}

function letter(kind: Codec<unknown> | WasmType): string {
  return typeof kind === "string" ? LETTERS[kind] : "I";
}

function toBlock(bytes: Uint8Array): bigint {
  const offset = memoryAlloc(bytes.length);
  if (bytes.length > 0) memoryWrite(offset, bytes);
  return offset;
}

/**
 * Import a function from the host, like the Rust PDK's `#[host_fn]`. Call it
 * at module level: the build finds the declaration and adds exactly this
 * import to the plug-in; call the function it returns inside an export.
 *
 * The function's type follows from `params` and `result`; `hostFn<F>(...)`
 * names it instead, and then `params` and `result` must agree with F.
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

  // Only wasm values: the engine converts and counts the arguments, and refuses
  // a call at build time, with the same messages. Nothing is left to do here.
  if (params.every((kind) => typeof kind === "string") && (result === null || typeof result === "string")) {
    return (...args: Array<number | bigint>) => hostCall(index, ...args);
  }

  const call = (...args: unknown[]): unknown => {
    if (hostInitializing()) {
      throw new Error(
        `host function ${name} was called while the plug-in initialized (at build time): call host functions inside an exported function`,
      );
    }
    if (args.length !== params.length) {
      throw new TypeError(`host function ${name} takes ${params.length} arguments, got ${args.length}`);
    }
    const blocks: bigint[] = [];
    try {
      const values = args.map((arg, position) => {
        const kind = params[position]!;
        if (kind === "i64") return typeof arg === "bigint" ? arg : BigInt(arg as number);
        if (typeof kind === "string") return arg as number;
        const block = toBlock(kind.encode(arg));
        blocks.push(block);
        return block;
      });
      const returned = hostCall(index, ...values);
      if (result === null || typeof result === "string") return returned;
      const offset = returned as bigint;
      if (offset === 0n) return result.decode(new Uint8Array());
      blocks.push(offset);
      return result.decode(memoryRead(offset));
    } finally {
      for (const block of blocks) memoryFree(block);
    }
  };
  return call;
}
