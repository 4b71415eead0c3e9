import { native } from "@extism-ts/engine";
import type { Codec } from "@extism-ts/convert";

/** A value passed to or from a host function as it is, without Extism memory. */
export type WasmType = "i32" | "i64" | "f32" | "f64";

export interface HostFnSignature {
  /** Default "extism:host/user". */
  namespace?: string;
  /** A Codec is encoded into Extism memory and passed as its i64 offset; a WasmType is passed as is. */
  params?: (Codec<any> | WasmType)[];
  /** A Codec is decoded from the returned offset; null (the default) returns nothing. */
  result?: Codec<any> | WasmType | null;
}

const hostDeclare = /* @__PURE__ */ native("host_declare");
const hostFunction = /* @__PURE__ */ native("host_function");

/** The engine's type letters; M: bytes in a memory block, passed as its offset. */
const LETTERS: Record<WasmType, string> = { i32: "i", i64: "I", f32: "f", f64: "F" };

function letter(kind: Codec<unknown> | WasmType): string {
  return typeof kind === "string" ? LETTERS[kind] : "M";
}

/**
 * Import a function from the host, like the Rust PDK's `#[host_fn]`. Call it
 * at module level: the build finds the declaration and adds exactly this
 * import to the plug-in; call the function it returns inside an export.
 *
 * The engine makes the call (packages/engine/src/c/host_calls.c): it converts
 * and counts the arguments, refuses a call at build time, moves encoded
 * arguments into Extism memory and the result out of it. An i64 parameter
 * takes a bigint, or a number converted as Rust's `as i64` converts an f64.
 */
export function hostFn<F extends (...args: any[]) => any>(name: string, signature: HostFnSignature = {}): F {
  const namespace = signature.namespace ?? "extism:host/user";
  const params = signature.params ?? [];
  const result = signature.result ?? null;
  const index = hostDeclare(namespace, name, params.map(letter).join(""), result === null ? "" : letter(result));
  const call = hostFunction(index);

  const codecs = params.map((kind) => (typeof kind === "string" ? undefined : kind));
  const resultCodec = result === null || typeof result === "string" ? undefined : result;
  // Only wasm values: the engine's function is the host function.
  if (resultCodec === undefined && codecs.every((codec) => codec === undefined)) return call as unknown as F;

  return ((...args: unknown[]) => {
    // The arguments' own array carries the encoded values.
    for (let i = 0; i < args.length && i < codecs.length; i++) {
      const codec = codecs[i];
      if (codec) args[i] = codec.encode(args[i]);
    }
    const returned = call(...(args as Array<number | bigint | Uint8Array>));
    return resultCodec ? resultCodec.decode(returned as Uint8Array) : returned;
  }) as F;
}
