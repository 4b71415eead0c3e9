import { native } from "@extism-ts/engine";
import { expectCodec, string, type Codec } from "@extism-ts/convert";

const readInput = /* @__PURE__ */ native("input");
const readInputText = /* @__PURE__ */ native("input_text");
const writeOutput = /* @__PURE__ */ native("output");

/** The call's input as bytes, or decoded with a codec. */
export function input(): Uint8Array;
export function input<T>(codec: Codec<T>): T;
export function input<T>(codec?: Codec<T>): Uint8Array | T {
  // A codec factory given uncalled (`json` for `json()`) gets the message that says what to write.
  if (typeof codec === "function") expectCodec(codec, "input(): the codec");
  // The engine reads a string straight from the input; ill-formed UTF-8 goes through the codec, which says where.
  if (codec === (string as Codec<unknown>)) {
    const text = readInputText();
    if (text !== null) return text as T;
  }
  const bytes = readInput();
  return codec ? codec.decode(bytes) : bytes;
}

/** Set the call's output from bytes, or from a value and its codec. */
export function output(value: Uint8Array): void;
export function output<T>(value: T, codec: Codec<T>): void;
export function output<T>(value: T | Uint8Array, codec?: Codec<T>): void {
  if (typeof codec === "function") expectCodec(codec, "output(): the codec (second argument)");
  // The engine writes a string's UTF-8 itself: the same bytes as string.encode, one copy fewer.
  if (codec === (string as Codec<unknown>) && typeof value === "string") writeOutput(value);
  else writeOutput(codec ? codec.encode(value as T) : (value as Uint8Array));
}
