import { input, output } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";

/**
 * A raw export: a plain exported function reads its input and writes its
 * output itself, and what it returns is the call's return code (0, or
 * undefined, is success). Returns 1 without output when the input is empty;
 * a thrown error (here: invalid UTF-8) fails the call with its message.
 */
export function shout(): number {
  const text = input(string);
  if (text.length === 0) return 1;
  output(`${text.toUpperCase()}!`, string);
  return 0;
}

/** The input's length in bytes, as decimal text; the raw bytes need no decoding. */
export function byte_length(): void {
  output(String(input().length), string);
}
