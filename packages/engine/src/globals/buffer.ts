import * as npmBuffer from "buffer";

type Encoding = string | undefined;
interface PatchedBuffer {
  isEncoding(encoding: string): boolean;
  byteLength(value: unknown, encoding?: Encoding): number;
  prototype: { toString(encoding?: Encoding, start?: number, end?: number): string; write(...args: unknown[]): number };
}

/**
 * Node's base64url encoding (Node 15.7), which the npm package lacks: written
 * as base64 without padding, with - and _ for + and /; read by the package's
 * base64 decoder, which takes those two already. Buffer.from, alloc, fill
 * and indexOf take an encoding through isEncoding and write, so these four
 * cover them.
 */
function withBase64url<B>(buffer: B): B {
  const patched = buffer as unknown as PatchedBuffer;
  const isBase64url = (encoding: unknown): boolean => typeof encoding === "string" && encoding.toLowerCase() === "base64url";
  const { isEncoding, byteLength } = patched;
  const { toString, write } = patched.prototype;
  patched.isEncoding = (encoding) => isBase64url(encoding) || isEncoding.call(patched, encoding);
  patched.byteLength = (value, encoding) => byteLength.call(patched, value, isBase64url(encoding) ? "base64" : encoding);
  patched.prototype.toString = function (this: unknown, encoding?: Encoding, start?: number, end?: number): string {
    if (!isBase64url(encoding)) return toString.apply(this, arguments as unknown as [Encoding, number, number]);
    return toString.call(this, "base64", start, end).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };
  patched.prototype.write = function (this: unknown, ...args: unknown[]): number {
    // write(string[, offset[, length]][, encoding]): the encoding is the last string after the first argument.
    return write.apply(this, args.map((arg, i) => (i > 0 && isBase64url(arg) ? "base64" : arg)));
  };
  return buffer;
}

/**
 * Node's Buffer from the npm `buffer` package, bundled into this ES module.
 * It is the one Buffer of a plug-in: the global `Buffer` and `import "buffer"`
 * (which @extism-ts/node-compat resolves to this module) are the same object.
 */
export const Buffer = withBase64url(npmBuffer.Buffer);

// The package's other exports, which its typings leave out.
const untyped = npmBuffer as unknown as { SlowBuffer: (size: number) => InstanceType<typeof Buffer>; INSPECT_MAX_BYTES: number; kMaxLength: number };
export const SlowBuffer = untyped.SlowBuffer;
export const INSPECT_MAX_BYTES = untyped.INSPECT_MAX_BYTES;
export const kMaxLength = untyped.kMaxLength;
