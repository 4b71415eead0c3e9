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
const hostCall = /* @__PURE__ */ native("host_call");
const hostInitializing = /* @__PURE__ */ native("host_initializing");
const memoryAlloc = /* @__PURE__ */ native("memory_alloc");
const memoryWrite = /* @__PURE__ */ native("memory_write");
const memoryRead = /* @__PURE__ */ native("memory_read");
const memoryFree = /* @__PURE__ */ native("memory_free");

const LETTERS: Record<WasmType, string> = { i32: "i", i64: "I", f32: "f", f64: "F" };

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
 */
export function hostFn<F extends (...args: any[]) => any>(name: string, signature: HostFnSignature = {}): F {
  const namespace = signature.namespace ?? "extism:host/user";
  const params = signature.params ?? [];
  const result = signature.result ?? null;
  const index = hostDeclare(namespace, name, params.map(letter).join(""), result === null ? "" : letter(result));

  // Only wasm values: the engine converts and counts the arguments, and refuses
  // a call at build time, with the same messages. Nothing is left to do here.
  if (params.every((kind) => typeof kind === "string") && (result === null || typeof result === "string")) {
    return ((...args: Array<number | bigint>) => hostCall(index, ...args)) as F;
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
  return call as F;
}
