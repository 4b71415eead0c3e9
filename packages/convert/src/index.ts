export { type Codec, DecodeError, codec } from "./codec.js";
export { string, bytes } from "./text.js";
