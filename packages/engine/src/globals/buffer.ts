import * as npmBuffer from "buffer";

/**
 * Node's Buffer from the npm `buffer` package, bundled into this ES module.
 * It is the one Buffer of a plug-in: the global `Buffer` and `import "buffer"`
 * (which @extism-ts/node-compat resolves to this module) are the same object.
 */
export const Buffer = npmBuffer.Buffer;

// The package's other exports, which its typings leave out.
const untyped = npmBuffer as unknown as { SlowBuffer: (size: number) => InstanceType<typeof Buffer>; INSPECT_MAX_BYTES: number; kMaxLength: number };
export const SlowBuffer = untyped.SlowBuffer;
export const INSPECT_MAX_BYTES = untyped.INSPECT_MAX_BYTES;
export const kMaxLength = untyped.kMaxLength;
