import { resolve } from "node:path";
import { tokenizer, tokTypes, type Token } from "acorn";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";

/** A place where the bundle may compile code at run time: `eval` or `Function` used as a value, not only mentioned. */
export interface CompilerUse {
  /** "eval" or "Function". */
  word: string;
  /** The source file (absolute) the use comes from, or the bundle's own generated code. */
  file: string;
  line: number;
  /** 1-based. */
  column: number;
}

const WORDS: ReadonlySet<string> = new Set(["eval", "Function"]);

/** Properties of Function that give no way to compile code: `Function.prototype`, `Function.toString`. */
const INERT_PROPERTIES: ReadonlySet<string> = new Set(["prototype", "toString", "name", "length", "caller", "arguments", "__proto__"]);

const isName = (token: Token | undefined, value?: string): boolean =>
  token !== undefined && token.type === tokTypes.name && (value === undefined || (token as { value?: unknown }).value === value);
const valueOf = (token: Token | undefined): unknown => (token as { value?: unknown } | undefined)?.value;

/**
 * Whether the token at `index` (eval or Function, as a name or a whole
 * string) hands out the compiler. Only what cannot reach it is left out:
 * probes (`typeof Function`, `x instanceof Function`), the type-name strings
 * of `Object.prototype.toString` checks (`=== "Function"`, `case "Function":`),
 * object keys, and properties of Function other than call, apply, bind and
 * the prototype's constructor (`Function.prototype.call`,
 * `Function.toString`). Anything else (`Function(...)`, `new Function`,
 * `const F = Function`, `globalThis["eval"]`, `Function.apply(...)`) is a use.
 */
function isUse(tokens: readonly Token[], index: number): boolean {
  const previous = tokens[index - 1];
  const next = tokens[index + 1];
  if (previous?.type === tokTypes._typeof || previous?.type === tokTypes._instanceof) return false;
  if (tokens[index]!.type === tokTypes.string) {
    // A type name compared with, or switched on.
    if (previous?.type === tokTypes.equality || next?.type === tokTypes.equality || previous?.type === tokTypes._case) return false;
  }
  // `{ Function: ... }`, `, eval: ...`: a key of an object literal.
  if (next?.type === tokTypes.colon && (previous?.type === tokTypes.braceL || previous?.type === tokTypes.comma)) return false;
  if (valueOf(tokens[index]) === "Function" && tokens[index]!.type === tokTypes.name && next?.type === tokTypes.dot) {
    const property = tokens[index + 2];
    if (isName(property, "prototype")) {
      // Function.prototype.constructor is Function itself; a computed property may be it.
      return (tokens[index + 3]?.type === tokTypes.dot && isName(tokens[index + 4], "constructor")) || tokens[index + 3]?.type === tokTypes.bracketL;
    }
    if (isName(property) && INERT_PROPERTIES.has(valueOf(property) as string)) return false;
  }
  return true;
}

/** Offsets (start, end) of the uses of eval and Function in `code`, in order. */
export function compilerUseOffsets(code: string): Array<{ word: string; start: number }> {
  let tokens: Token[];
  try {
    tokens = [...tokenizer(code, { ecmaVersion: "latest", allowHashBang: true })];
  } catch {
    // Code acorn cannot read: every occurrence of the words counts.
    return [...code.matchAll(/\b(eval|Function)\b/g)].map((match) => ({ word: match[1]!, start: match.index }));
  }
  const uses: Array<{ word: string; start: number }> = [];
  tokens.forEach((token, index) => {
    const value = valueOf(token);
    if ((token.type === tokTypes.name || token.type === tokTypes.string) && typeof value === "string" && WORDS.has(value) && isUse(tokens, index)) {
      uses.push({ word: value, start: token.start });
    }
  });
  return uses;
}

/**
 * The uses of eval and Function in esbuild's output `script`, each traced
 * through its source map to the file and line it comes from (dependencies
 * included): why a plug-in keeps the JavaScript compiler.
 */
export function compilerUses(script: string, sourceMap: string, projectDir: string, bundleName: string): CompilerUse[] {
  const offsets = compilerUseOffsets(script);
  if (offsets.length === 0) return [];
  const map = new TraceMap(sourceMap);
  const lineStarts = [0];
  for (let i = script.indexOf("\n"); i >= 0; i = script.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  let line = 0;
  return offsets.map(({ word, start }) => {
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= start) line++;
    const original = originalPositionFor(map, { line: line + 1, column: start - lineStarts[line]! });
    return original.source === null || original.line === null
      ? { word, file: bundleName, line: line + 1, column: start - lineStarts[line]! + 1 }
      : { word, file: resolve(projectDir, original.source), line: original.line, column: original.column + 1 };
  });
}
