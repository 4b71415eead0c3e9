// JSON.parse says *that* a document is malformed, in engine-specific words and
// with character (not byte) positions. This scanner runs only after it fails,
// to report the same reason and byte offset in Node and in the plug-in.

export interface SyntaxProblem {
  reason: string;
  offset: number;
}

const enum Byte {
  Tab = 0x09,
  Newline = 0x0a,
  Return = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

function shown(byte: number): string {
  const hex = `0x${byte.toString(16).padStart(2, "0")}`;
  return byte >= 0x21 && byte <= 0x7e ? `'${String.fromCharCode(byte)}'` : hex;
}

const isDigit = (byte: number | undefined): boolean => byte !== undefined && byte >= Byte.Zero && byte <= Byte.Nine;
const isHex = (byte: number | undefined): boolean =>
  byte !== undefined && (isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));

class Problem {
  constructor(readonly reason: string, readonly offset: number) {}
}

/** The first RFC 8259 syntax error in `text`, or undefined when it is well-formed. */
export function findJsonSyntaxError(text: Uint8Array): SyntaxProblem | undefined {
  const end = text.length;
  let i = 0;

  const unexpected = (what: string): Problem =>
    i >= end ? new Problem(`unexpected end of input, expected ${what}`, end) : new Problem(`unexpected ${shown(text[i]!)}, expected ${what}`, i);

  const skipSpace = (): void => {
    while (i < end) {
      const byte = text[i]!;
      if (byte !== Byte.Space && byte !== Byte.Tab && byte !== Byte.Newline && byte !== Byte.Return) return;
      i++;
    }
  };

  const expect = (byte: number, what: string): void => {
    if (text[i] !== byte) throw unexpected(what);
    i++;
  };

  const scanString = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= end) throw new Problem("unterminated string", end);
      const byte = text[i]!;
      if (byte === Byte.Quote) {
        i++;
        return;
      }
      if (byte < 0x20) throw new Problem(`control character ${shown(byte)} in string`, i);
      if (byte !== Byte.Backslash) {
        i++;
        continue;
      }
      const escape = text[i + 1];
      if (escape === 0x75) {
        for (let k = 2; k < 6; k++) {
          if (!isHex(text[i + k])) throw new Problem("\\u must be followed by four hex digits", i);
        }
        i += 6;
      } else if (escape !== undefined && '"\\/bfnrt'.includes(String.fromCharCode(escape))) {
        i += 2;
      } else {
        throw new Problem("invalid escape in string", i);
      }
    }
  };

  const scanDigits = (what: string): void => {
    if (!isDigit(text[i])) throw unexpected(what);
    while (isDigit(text[i])) i++;
  };

  const scanNumber = (): void => {
    if (text[i] === Byte.Minus) i++;
    if (text[i] === Byte.Zero) i++;
    else scanDigits("a digit");
    if (text[i] === Byte.Dot) {
      i++;
      scanDigits("a digit after '.'");
    }
    if (text[i] === 0x65 || text[i] === 0x45) {
      i++;
      if (text[i] === Byte.Plus || text[i] === Byte.Minus) i++;
      scanDigits("a digit in the exponent");
    }
  };

  const scanWord = (word: string): void => {
    for (let k = 0; k < word.length; k++) {
      if (text[i] !== word.charCodeAt(k)) throw unexpected(`'${word}'`);
      i++;
    }
  };

  const scanKey = (): void => {
    skipSpace();
    if (text[i] !== Byte.Quote) throw unexpected("a string key");
    scanString();
    skipSpace();
    expect(Byte.Colon, "':'");
  };

  // Containers open on an explicit stack, so deep nesting cannot overflow ours.
  const open: number[] = [];
  try {
    for (;;) {
      // A value.
      skipSpace();
      const byte = text[i];
      if (byte === Byte.OpenBrace || byte === Byte.OpenBracket) {
        i++;
        skipSpace();
        const close = byte === Byte.OpenBrace ? Byte.CloseBrace : Byte.CloseBracket;
        if (text[i] === close) i++;
        else {
          open.push(close);
          if (close === Byte.CloseBrace) scanKey();
          continue;
        }
      } else if (byte === Byte.Quote) scanString();
      else if (byte === Byte.Minus || isDigit(byte)) scanNumber();
      else if (byte === 0x74) scanWord("true");
      else if (byte === 0x66) scanWord("false");
      else if (byte === 0x6e) scanWord("null");
      else throw unexpected("a value");

      // What may follow it: a separator, closers, or the end.
      for (;;) {
        skipSpace();
        const close = open[open.length - 1];
        if (close === undefined) {
          if (i < end) throw new Problem(`unexpected ${shown(text[i]!)} after the value`, i);
          return undefined;
        }
        if (text[i] === close) {
          i++;
          open.pop();
          continue;
        }
        if (text[i] !== Byte.Comma) throw unexpected(close === Byte.CloseBrace ? "',' or '}'" : "',' or ']'");
        i++;
        if (close === Byte.CloseBrace) scanKey();
        break;
      }
    }
  } catch (problem) {
    if (problem instanceof Problem) return { reason: problem.reason, offset: problem.offset };
    throw problem;
  }
}
