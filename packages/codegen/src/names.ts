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

/** Functions a method's value may be called through when read: `s.search.call(t, x)`. */
const CALLERS: ReadonlySet<string> = new Set(["call", "apply", "bind"]);

/**
 * The words of `wanted` (method names) that code may call: a call
 * (`s.search(x)`, `s.search?.(x)`, a tagged template), a read that goes on to
 * call, apply, bind or a computed member, a read off a prototype
 * (`String.prototype.search`, which polyfills keep to call later), a binding
 * or key of that name (`const { search } = ...`), and a whole string literal
 * (`s["search"](x)`) but a case label. A property read whose value is
 * assigned, compared or passed on as a value (a URL's `url.search`) does not
 * count: calling a method without a call in sight takes a read off a
 * prototype or a string, which count.
 */
export function methodCallsIn(code: string, wanted: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  try {
    let before: Token | undefined;
    let twoBefore: Token | undefined;
    // A member read whose fate the next token or two decide: `.search(`, `.search.call`.
    let pending: { word: string; next?: Token } | undefined;
    for (const token of tokenizer(code, { ecmaVersion: "latest", allowHashBang: true })) {
      const value = (token as { value?: unknown }).value;
      if (pending?.next !== undefined) {
        if (token.type === tokTypes.name && typeof value === "string" && CALLERS.has(value)) found.add(pending.word);
        pending = undefined;
      } else if (pending !== undefined) {
        pending.next = token;
        if (token.type === tokTypes.parenL || token.type === tokTypes.backQuote || token.type === tokTypes.questionDot || token.type === tokTypes.bracketL) found.add(pending.word);
        if (token.type !== tokTypes.dot) pending = undefined;
      }
      if (typeof value === "string" && wanted.has(value)) {
        if (token.type === tokTypes.string) {
          if (before?.type !== tokTypes._case) found.add(value);
        } else if (token.type === tokTypes.name) {
          const member = before?.type === tokTypes.dot || before?.type === tokTypes.questionDot;
          if (!member || (twoBefore?.type === tokTypes.name && (twoBefore as { value?: unknown }).value === "prototype")) found.add(value);
          else pending = { word: value };
        }
      }
      twoBefore = before;
      before = token;
    }
  } catch {
    // Code acorn cannot read: any occurrence counts.
    for (const word of code.match(/[A-Za-z_$][\w$]*/g) ?? []) if (wanted.has(word)) found.add(word);
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
