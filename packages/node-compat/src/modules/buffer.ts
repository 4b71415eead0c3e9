// Node's `buffer` module: the engine's Buffer module, which the global Buffer
// is too, so that a plug-in that reaches Buffer both ways bundles it once.
import { Buffer, INSPECT_MAX_BYTES, kMaxLength, SlowBuffer } from "@extism-ts/engine/globals/buffer";

export { Buffer, INSPECT_MAX_BYTES, kMaxLength, SlowBuffer };
export default { Buffer, INSPECT_MAX_BYTES, kMaxLength, SlowBuffer };
