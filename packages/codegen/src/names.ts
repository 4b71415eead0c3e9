import { tokenizer, tokTypes } from "acorn";

/**
 * The words of `wanted` that code names: as an identifier, a property name
 * or a whole string literal (`globalThis["URL"]`). Words inside template
 * literals, comments and longer strings do not count.
 */
export function namesIn(code: string, wanted: ReadonlySet<string>, found = new Set<string>()): Set<string> {
  try {
    for (const token of tokenizer(code, { ecmaVersion: "latest", allowHashBang: true })) {
      // acorn's typings leave out the token's value, which names and strings have.
      const value = (token as { value?: unknown }).value;
      if ((token.type === tokTypes.name || token.type === tokTypes.string) && typeof value === "string" && wanted.has(value)) found.add(value);
    }
  } catch {
    // Code acorn cannot read: any occurrence of a word counts.
    for (const word of code.match(/[A-Za-z_$][\w$]*/g) ?? []) if (wanted.has(word)) found.add(word);
  }
  return found;
}
