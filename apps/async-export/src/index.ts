import { plugin } from "@extism-ts/pdk";
import { json, string } from "@extism-ts/convert";

/** Resolves on a later turn of the microtask queue, like a call that had to wait. */
function later<T>(value: T): Promise<T> {
  return Promise.resolve().then(() => value);
}

async function lookUp(word: string): Promise<string> {
  await later(undefined);
  if (word === "") throw new Error("lookUp: empty word");
  return word.split("").reverse().join("");
}

/**
 * An async export: the plug-in runs the promise to completion before the call
 * returns. Splits the input into words, "looks each up" concurrently and
 * answers `{"words": n, "reversed": [...]}`; an empty input makes the lookup
 * reject, which fails the call with the rejection's message.
 */
export const reverse_words = plugin(string, json<{ words: number; reversed: string[] }>(), async (text) => {
  const words = text.split(" ");
  const reversed = await Promise.all(words.map(lookUp));
  return { words: await later(words.length), reversed };
});

/** Awaits in a loop: the promise chain settles step by step inside one call. */
export const countdown = plugin(string, string, async (start) => {
  let n = Number(start);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new RangeError(`countdown: '${start}' is not a whole number from 0 to 1000`);
  const seen: number[] = [];
  while (n >= 0) seen.push(await later(n--));
  return seen.join(",");
});
