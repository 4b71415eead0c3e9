/** Turning what the user typed into input bytes, and output bytes into something to read. */

export type InputMode = "text" | "hex" | "json";
export type OutputView = "text" | "hex" | "json";

export type Parsed = { ok: true; bytes: Uint8Array; note: string } | { ok: false; error: string };

const encoder = new TextEncoder();

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * Hex input: pairs of hex digits; spaces, newlines, commas, `:` and `0x`
 * prefixes are allowed between bytes (what hex dumps and byte arrays look like).
 */
export function parseHex(text: string): Parsed {
  const cleaned = text.replace(/0x/gi, " ");
  let digits = "";
  for (let i = 0; i < cleaned.length; i++) {
    const char = cleaned[i]!;
    if (/[0-9a-f]/i.test(char)) digits += char;
    else if (!/[\s,:]/.test(char)) {
      return { ok: false, error: `hex: '${char}' (character ${i + 1}) is not a hex digit; use 0-9 and a-f, e.g. 48 65 6c 6c 6f` };
    }
  }
  if (digits.length % 2 !== 0) {
    return { ok: false, error: `hex: an odd number of digits (${digits.length}); every byte takes two (write 0a, not a)` };
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, bytes, note: plural(bytes.length, "byte") };
}

class JsonSyntax extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Find where JSON text first goes wrong and why. JSON.parse decides validity;
 * this only explains it (V8's message does not always give a position).
 */
export function explainJsonError(text: string): { message: string; line: number; column: number } | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw new JsonSyntax(message, i);
  };
  const space = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail("unterminated string");
      const char = text[i]!;
      if (char === '"') return void i++;
      if (char === "\\") {
        const escape = text[i + 1];
        if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i += 2;
        else if (escape === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail("bad escape in string");
      } else if (char < " ") fail("raw control character in string (write it as an escape like \\n)");
      else i++;
    }
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === "{") {
      i++;
      space();
      if (text[i] === "}") return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail("expected a property name in double quotes");
        string();
        space();
        if (text[i] !== ":") fail("expected ':' after the property name");
        i++;
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail("expected ',' or '}' after a property");
      }
    }
    if (char === "[") {
      i++;
      space();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail("expected ',' or ']' after an element");
      }
    }
    if (char === '"') return string();
    const number = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    number.lastIndex = i;
    if ((char === "-" || (char !== undefined && char >= "0" && char <= "9")) && number.test(text)) {
      i = number.lastIndex;
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) return void (i += word.length);
    }
    fail("expected a value");
  };
  try {
    value();
    space();
    if (i < text.length) fail("unexpected text after the JSON value");
    return undefined;
  } catch (error) {
    if (!(error instanceof JsonSyntax)) throw error;
    const before = text.slice(0, error.offset).split("\n");
    const found = error.offset >= text.length ? "the end of the input" : `'${text[error.offset]}'`;
    return { message: `${error.message}, found ${found}`, line: before.length, column: before[before.length - 1]!.length + 1 };
  }
}

export function parseJson(text: string): Parsed {
  if (text.trim() === "") return { ok: false, error: "JSON: the input is empty; write a JSON value such as {} or \"text\"" };
  try {
    JSON.parse(text);
  } catch (error) {
    const explained = explainJsonError(text);
    return {
      ok: false,
      error: explained
        ? `JSON: ${explained.message} at line ${explained.line}, column ${explained.column}`
        : `JSON: ${(error as Error).message}`,
    };
  }
  const bytes = encoder.encode(text);
  return { ok: true, bytes, note: `valid JSON, ${plural(bytes.length, "byte")}` };
}

export function parseInput(mode: InputMode, text: string): Parsed {
  if (mode === "hex") return parseHex(text);
  if (mode === "json") return parseJson(text);
  const bytes = encoder.encode(text);
  return { ok: true, bytes, note: `UTF-8, ${plural(bytes.length, "byte")}` };
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join(" ");
}

/** A classic hex dump: offset, 16 bytes, and their printable ASCII. */
export function hexDump(bytes: Uint8Array): string {
  if (bytes.length === 0) return "(no bytes)";
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = Array.from(row, (byte) => byte.toString(16).padStart(2, "0"));
    const left = hex.slice(0, 8).join(" ");
    const right = hex.slice(8).join(" ");
    const ascii = Array.from(row, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : ".")).join("");
    lines.push(`${offset.toString(16).padStart(8, "0")}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii}|`);
  }
  return lines.join("\n");
}

export type Rendered = { text: string; warning?: string };

export function renderOutput(view: OutputView, bytes: Uint8Array): Rendered {
  if (view === "hex") return { text: hexDump(bytes) };
  let text: string;
  let invalidUtf8 = false;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    invalidUtf8 = true;
    text = new TextDecoder().decode(bytes);
  }
  if (view === "json") {
    if (invalidUtf8) return { text, warning: "not JSON: the output is not valid UTF-8 (see it as hex)" };
    try {
      return { text: JSON.stringify(JSON.parse(text), null, 2) };
    } catch (error) {
      return { text, warning: `not JSON: ${(error as Error).message}` };
    }
  }
  return invalidUtf8 ? { text, warning: "not valid UTF-8: invalid bytes are shown as \uFFFD (see it as hex)" } : { text };
}
