import { tokenizer, tokTypes, type Token } from "acorn";

/** What a regular expression literal counts as: it makes a RegExp. */
export const REGEXP_LITERAL = "RegExp";

/**
 * The words of `wanted` that code names: as an identifier, a property name
 * or a whole string literal (`globalThis["URL"]`); a regular expression
 * literal names RegExp. Words inside template literals, comments and longer
 * strings do not count.
 */
export function namesIn(code: string, wanted: ReadonlySet<string>, found = new Set<string>()): Set<string> {
  try {
    for (const token of tokenizer(code, { ecmaVersion: "latest", allowHashBang: true })) {
      // acorn's typings leave out the token's value, which names and strings have.
      const value = (token as { value?: unknown }).value;
      if ((token.type === tokTypes.name || token.type === tokTypes.string) && typeof value === "string" && wanted.has(value)) found.add(value);
      if (token.type === tokTypes.regexp && wanted.has(REGEXP_LITERAL)) found.add(REGEXP_LITERAL);
    }
  } catch {
    // Code acorn cannot read: any occurrence of a word counts, and any slash may start a regular expression.
    for (const word of code.match(/[A-Za-z_$][\w$]*/g) ?? []) if (wanted.has(word)) found.add(word);
    if (code.includes("/") && wanted.has(REGEXP_LITERAL)) found.add(REGEXP_LITERAL);
  }
  return found;
}

/** The words of `wanted` that code probes for with `typeof` (`typeof Buffer !== "undefined"`). */
export function typeofProbesIn(code: string, wanted: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  try {
    let previous: Token | undefined;
    for (const token of tokenizer(code, { ecmaVersion: "latest", allowHashBang: true })) {
      const value = (token as { value?: unknown }).value;
      if (previous?.type === tokTypes._typeof && token.type === tokTypes.name && typeof value === "string" && wanted.has(value)) found.add(value);
      previous = token;
    }
  } catch {
    for (const match of code.matchAll(/\btypeof\s+([A-Za-z_$][\w$]*)/g)) if (wanted.has(match[1]!)) found.add(match[1]!);
  }
  return found;
}

/**
 * The words of `wanted` that code reads as members: after `.` or `?.`, or as
 * a whole string literal (`object["body"]`). Keys of object literals and
 * destructuring patterns do not count.
 */
export function membersIn(code: string, wanted: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  try {
    let previous: Token | undefined;
    for (const token of tokenizer(code, { ecmaVersion: "latest", allowHashBang: true })) {
      const value = (token as { value?: unknown }).value;
      const afterDot = previous?.type === tokTypes.dot || previous?.type === tokTypes.questionDot;
      if (typeof value === "string" && wanted.has(value) && ((token.type === tokTypes.name && afterDot) || token.type === tokTypes.string)) found.add(value);
      previous = token;
    }
  } catch {
    for (const match of code.matchAll(/\.\s*([A-Za-z_$][\w$]*)/g)) if (wanted.has(match[1]!)) found.add(match[1]!);
  }
  return found;
}
