// The WHATWG URL Standard's parser, serializer and API (URL, URLSearchParams),
// with UTS #46 processing for domains built on String.prototype.normalize.
// Written for size: a plug-in that names URL carries all of this module.
// No regular expressions: the first one would bring the engine's RegExp
// (43 KB of engine code); the Unicode properties the domain checks read come
// from a table (./url-unicode.ts).
import { CLASS_BITS, RUNS } from "./url-unicode.js";

/** A URL record: scheme, credentials, host (serialized), port, path (a string when opaque), query, fragment. */
interface Rec {
  s: string;
  u: string;
  w: string;
  h: string | null;
  p: number | null;
  path: string[] | string;
  q: string | null;
  f: string | null;
}

const SPECIAL: Record<string, number | null> = { ftp: 21, file: null, http: 80, https: 443, ws: 80, wss: 443 };
const isSpecial = (scheme: string): boolean => scheme in SPECIAL;

// Percent-encode sets beyond the C0 control set, as the ASCII characters they add.
const FRAGMENT = ' "<>`';
const QUERY = ' "#<>';
const SPECIAL_QUERY = QUERY + "'";
const PATH = QUERY + "?`{}";
const USERINFO = PATH + "/:;=@[\\]^|";
const FORM = USERINFO + "$%&+,!'()~";

/** `s` with what the set (and the C0 control set) holds percent-encoded as UTF-8; `form` also turns spaces into "+". */
function encode(s: string, set: string, form?: boolean): string {
  let out = "";
  for (const c of s) {
    if (form && c === " ") out += "+";
    else if (c < " " || c > "~" || set.includes(c)) out += c > "\x7f" ? encodeURIComponent(c) : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
    else out += c;
  }
  return out;
}

/** UTF-8 bytes to a string, each invalid sequence (its maximal part) as U+FFFD, as the Encoding Standard decodes. */
function utf8(bytes: number[]): string {
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i++]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let cp = b & (0x3f >> n);
    let k = 0;
    for (; k < n; k++) {
      const next = bytes[i];
      const low = k > 0 ? 0x80 : b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const high = k > 0 ? 0xbf : b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      if (next === undefined || next < low || next > high) break;
      cp = (cp << 6) | (next & 0x3f);
      i++;
    }
    out += k === n && n > 0 ? String.fromCodePoint(cp) : "\ufffd";
  }
  return out;
}

/** Whether `c` is one digit of base `radix` (up to 16). */
const isDigit = (c: string | undefined, radix = 10): c is string => c !== undefined && c.length === 1 && parseInt(c, radix) >= 0;
/** Whether `s` is one or more digits of base `radix`. */
function allDigits(s: string, radix = 10): boolean {
  for (const c of s) if (!isDigit(c, radix)) return false;
  return s !== "";
}
/** Whether `c` is an ASCII letter. */
const isAlpha = (c: string | undefined): c is string => c !== undefined && c.length === 1 && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));

/** Percent-decode `s` (taken as UTF-8) to a string; `form` first turns "+" into spaces. */
function decode(s: string, form?: boolean): string {
  if (form) s = s.replaceAll("+", " ");
  if (!s.includes("%")) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 && isDigit(s[i + 1], 16) && isDigit(s[i + 2], 16)) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else for (const byte of encodeURIComponent(s[i]! + (c >= 0xd800 && c < 0xdc00 ? s[++i] ?? "" : "")).slice(1).split("%")) bytes.push(parseInt(byte, 16));
  }
  return utf8(bytes);
}

// Punycode (RFC 3492).
const BASE = 36;
function adapt(delta: number, points: number, first: boolean): number {
  delta = first ? Math.floor(delta / 700) : delta >> 1;
  delta += Math.floor(delta / points);
  let k = 0;
  for (; delta > 455; k += BASE) delta = Math.floor(delta / 35);
  return k + Math.floor((36 * delta) / (delta + 38));
}
const digit = (d: number): string => String.fromCharCode(d + 22 + 75 * +(d < 26));

function punyEncode(input: string): string {
  const cps: number[] = [];
  let out = "";
  for (const c of input) {
    cps.push(c.codePointAt(0)!);
    if (c < "\x80") out += c;
  }
  const basic = out.length;
  let handled = basic;
  if (basic) out += "-";
  let n = 128;
  let delta = 0;
  let bias = 72;
  while (handled < cps.length) {
    let m = 0x10ffff;
    for (const c of cps) if (c >= n && c < m) m = c;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of cps) {
      if (c < n) delta++;
      if (c === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
          if (q < t) break;
          out += digit(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        out += digit(q);
        bias = adapt(delta, handled + 1, handled === basic);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return out;
}

/** Decoded Punycode, or null when `input` is not valid Punycode. */
function punyDecode(input: string): string | null {
  const dash = input.lastIndexOf("-");
  const out: number[] = [];
  for (let at = 0; at < dash; at++) out.push(input.charCodeAt(at));
  let n = 128;
  let i = 0;
  let bias = 72;
  for (let at = dash > 0 ? dash + 1 : 0; at < input.length; ) {
    const old = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (at >= input.length) return null;
      const c = input.charCodeAt(at++);
      const d = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : BASE;
      if (d >= BASE) return null;
      i += d * w;
      const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
      if (d < t) break;
      w *= BASE - t;
      if (i > 0x7fffffff || w > 0x7fffffff) return null;
    }
    bias = adapt(i - old, out.length + 1, old === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff) return null;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}

// UTS #46's tables and RFC 5892/5893's properties, as url-unicode.ts has
// them for each code point (scripts/url-unicode.mjs says what they are).
const enum Bits {
  // The low three bits: the bidi class (bidiClass), or DISALLOWED or IGNORED.
  BIDI = 7,
  DISALLOWED = 6,
  IGNORED = 7,
  MARK = 8,
  JOINING = 16,
  RIGHT_JOINING = 32,
}

/** Each run's first code point times 16 plus its class, decoded on first use: a plug-in that never sees a non-ASCII domain never does. */
let runs: number[] | undefined;

/** The class bits of code point `cp` (Bits). */
function unicodeClass(cp: number): number {
  if (!runs) {
    runs = [];
    for (let i = 0, start = 0; i < RUNS.length; ) {
      const byte = RUNS.charCodeAt(i++);
      let length = (byte >> 4) + 1;
      if (length === 16) for (let shift = 0, next = 128; next > 127; shift += 7) length += ((next = RUNS.charCodeAt(i++)) & 127) << shift;
      runs.push(start * 16 + (byte & 15));
      start += length;
    }
  }
  let low = 0;
  for (let high = runs.length - 1; low < high; ) {
    const middle = (low + high + 1) >> 1;
    if (runs[middle]! >> 4 <= cp) low = middle;
    else high = middle - 1;
  }
  return CLASS_BITS.charCodeAt(runs[low]! & 15);
}

/** `s` without the default ignorable code points UTS #46 maps to nothing. */
function unignored(s: string): string {
  let out = "";
  for (const c of s) if ((unicodeClass(c.codePointAt(0)!) & Bits.BIDI) !== Bits.IGNORED) out += c;
  return out;
}

/** Whether `s` has a code point other than a full stop whose NFKC has one (⒈ is "1."): UTS #46 disallows those. */
function dotted(s: string): boolean {
  for (const c of s) {
    const nfkc = c.normalize("NFKC");
    if (c > "\x7f" && !"\u3002\uff0e\uff61".includes(c) && (nfkc.includes(".") || nfkc.includes("\u3002"))) return true;
  }
  return false;
}

// UTS #46 mapping: the ignored code points removed, NFKC and lowercase (Σ
// always as σ), as the mapping table has it for all but a few code points.
const mapped = (s: string): string => unignored(unignored(s).normalize("NFKC").replaceAll("\u03a3", "\u03c3").toLowerCase().normalize("NFKC")).replaceAll("\u3002", ".");

/** The bidi class (o, a, e, m, r, l: RFC 5893's neutral, AN, EN, NSM, R and AL, L) of `bits`. */
const bidiClass = (bits: number): string => "oaemrloo"[bits & Bits.BIDI]!;

/** RFC 5893 section 2, for a label of a domain with right-to-left labels, as its bidi classes. */
function bidiValid(classes: string): boolean {
  if (classes === "") return true;
  let end = classes.length;
  while (classes[end - 1] === "m") end--;
  const last = classes[end - 1] ?? "m";
  if (classes[0] === "r") return !classes.includes("l") && "rea".includes(last) && !(classes.includes("e") && classes.includes("a"));
  return classes[0] === "l" && !classes.includes("r") && !classes.includes("a") && "le".includes(last);
}

// RFC 5892's CONTEXTJ rules: a joiner after a virama, or a non-joiner between
// joining letters (taken as the letters of the joining scripts, transparent marks between).
const VIRAMA =
  "\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d3b\u0d3c\u0d4d\u0dca\u0e3a\u0eba\u0f84\u1039\u103a\u1714\u1715\u1734\u17d2\u1a60\u1b44\u1baa\u1bab\u1bf2\u1bf3\u2d7f\ua806\ua82c\ua8c4\ua953\ua9c0\uaaf6\uabed\u{10a3f}\u{11046}\u{11070}\u{1107f}\u{110b9}\u{11133}\u{11134}\u{111c0}\u{11235}\u{112ea}\u{1134d}\u{11442}\u{114c2}\u{115bf}\u{1163f}\u{116b6}\u{1172b}\u{11839}\u{1193d}\u{1193e}\u{119e0}\u{11a34}\u{11a47}\u{11a99}\u{11c3f}\u{11d44}\u{11d45}\u{11d97}";

/**
 * Whether a joining letter stands next to position `at` of `cps`, marks
 * (Mn, Me) between: before it (`step` -1) one that joins to the left, after it (1) any.
 */
function joins(cps: number[], at: number, step: number): boolean {
  for (let i = at + step; i >= 0 && i < cps.length; i += step) {
    const bits = unicodeClass(cps[i]!);
    if (bits & Bits.JOINING && !(step < 0 && bits & Bits.RIGHT_JOINING)) return true;
    if (bidiClass(bits) !== "m") return false;
  }
  return false;
}

/**
 * A label's bidi classes (one letter a code point, bidiClass), or null where
 * UTS #46's validity criteria reject it: a mark first, a joiner out of
 * context (RFC 5892's CONTEXTJ), a disallowed code point.
 */
function labelClasses(label: string): string | null {
  const cps = Array.from(label, (c) => c.codePointAt(0)!);
  let classes = "";
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    const bits = unicodeClass(cp);
    if (cp === 0x200c || cp === 0x200d) {
      if (!VIRAMA.includes(String.fromCodePoint(cps[i - 1] ?? 0)) && !(cp === 0x200c && joins(cps, i, -1) && joins(cps, i, 1))) return null;
    } else if ((bits & Bits.BIDI) === Bits.DISALLOWED || (i === 0 && bits & Bits.MARK)) return null;
    classes += bidiClass(bits);
  }
  return classes;
}

/** Whether `s` is ASCII only. */
function ascii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** UTS #46 ToASCII as the URL Standard asks for it (not strict), or null on an error. */
function domainToASCII(domain: string): string | null {
  if (ascii(domain) && !`.${domain.toLowerCase()}`.includes(".xn--")) return domain.toLowerCase();
  if (dotted(domain)) return null;
  const labels = mapped(domain).normalize("NFC").split(".");
  const unicode: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    let label = labels[i]!;
    if (label.startsWith("xn--")) {
      const decoded = ascii(label) ? punyDecode(label.slice(4)) : null;
      if (!decoded || ascii(decoded) || mapped(decoded) !== decoded) return null;
      label = decoded;
    } else labels[i] = ascii(label) ? label : `xn--${punyEncode(label)}`;
    const classes = label.normalize("NFC") !== label || label.startsWith("xn--") ? null : labelClasses(label);
    if (classes === null) return null;
    unicode.push(classes);
  }
  const all = unicode.join();
  if ((all.includes("r") || all.includes("a")) && !unicode.every(bidiValid)) return null;
  const result = labels.join(".");
  return result === "" ? null : result;
}

/** An IPv4 number ("0x" hexadecimal, "0" octal or decimal), NaN when it is none. */
function ipv4Number(part: string): number {
  if (part === "") return NaN;
  const hex = part[0] === "0" && (part[1] === "x" || part[1] === "X");
  const radix = hex ? 16 : part.length > 1 && part[0] === "0" ? 8 : 10;
  const digits = hex ? part.slice(2) : radix === 8 ? part.slice(1) : part;
  if (digits === "") return 0;
  return allDigits(digits, radix) ? parseInt(digits, radix) : NaN;
}

function endsInANumber(host: string): boolean {
  const parts = host.split(".");
  if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
  const last = parts[parts.length - 1]!;
  return allDigits(last) || !Number.isNaN(ipv4Number(last));
}

function ipv4(host: string): string | null {
  const parts = host.split(".");
  if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
  if (parts.length > 4) return null;
  const numbers = parts.map(ipv4Number);
  const last = numbers.pop()!;
  let address = last;
  for (let i = 0; i < numbers.length; i++) {
    if (!(numbers[i]! <= 255)) return null;
    address += numbers[i]! * 256 ** (3 - i);
  }
  if (!(last < 256 ** (4 - numbers.length))) return null;
  const octets: number[] = [];
  for (let i = 0; i < 4; i++, address = Math.floor(address / 256)) octets.unshift(address % 256);
  return octets.join(".");
}

/** The serialized IPv6 address in `input` (within the brackets), or null. */
function ipv6(input: string): string | null {
  const a = [0, 0, 0, 0, 0, 0, 0, 0];
  let piece = 0;
  let compress: number | null = null;
  let p = 0;
  if (input[0] === ":") {
    if (input[1] !== ":") return null;
    p = 2;
    compress = ++piece;
  }
  while (p < input.length) {
    if (piece === 8) return null;
    if (input[p] === ":") {
      if (compress !== null) return null;
      p++;
      compress = ++piece;
      continue;
    }
    let value = 0;
    let length = 0;
    for (; length < 4 && isDigit(input[p], 16); length++) value = value * 16 + parseInt(input[p++]!, 16);
    if (input[p] === ".") {
      if (length === 0 || piece > 6) return null;
      p -= length;
      let seen = 0;
      while (p < input.length) {
        if (seen > 0) {
          if (input[p] !== "." || seen > 3) return null;
          p++;
        }
        if (!isDigit(input[p])) return null;
        let v = -1;
        while (isDigit(input[p])) {
          const n = +input[p++]!;
          if (v === 0) return null;
          v = v < 0 ? n : v * 10 + n;
          if (v > 255) return null;
        }
        a[piece] = a[piece]! * 256 + v;
        if (++seen % 2 === 0) piece++;
      }
      if (seen !== 4) return null;
      break;
    }
    if (input[p] === ":") {
      if (++p === input.length) return null;
    } else if (p < input.length) return null;
    a[piece++] = value;
  }
  if (compress !== null) {
    for (let swaps = piece - compress, i = 7; i !== 0 && swaps > 0; i--, swaps--) [a[i], a[compress + swaps - 1]] = [a[compress + swaps - 1]!, a[i]!];
  } else if (piece !== 8) return null;
  // The first longest run of two or more zero pieces is written "::".
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && a[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j + 1;
  }
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      out += i === 0 ? "::" : ":";
      i += bestLength - 1;
    } else out += a[i]!.toString(16) + (i < 7 ? ":" : "");
  }
  return `[${out}]`;
}

/** Whether `host` has a code point of `forbidden`, or (`controls`) a C0 control, space or DEL. */
function forbids(host: string, forbidden: string, controls?: boolean): boolean {
  for (const c of host) if (forbidden.includes(c) || (controls && (c <= " " || c === "\x7f"))) return true;
  return false;
}
const FORBIDDEN_HOST = "\0\t\n\r #/:<>?@[\\]^|";

function parseHost(input: string, opaque: boolean): string | null {
  if (input[0] === "[") return input.endsWith("]") ? ipv6(input.slice(1, -1)) : null;
  if (opaque) return forbids(input, FORBIDDEN_HOST) ? null : encode(input, "");
  const ascii = domainToASCII(decode(input));
  if (ascii === null || forbids(ascii, `${FORBIDDEN_HOST}%`, true)) return null;
  return endsInANumber(ascii) ? ipv4(ascii) : ascii;
}

// The parser's states.
const enum S {
  SCHEME_START = 1,
  SCHEME = 2,
  NO_SCHEME = 3,
  SPECIAL_RELATIVE_OR_AUTHORITY = 4,
  PATH_OR_AUTHORITY = 5,
  RELATIVE = 6,
  RELATIVE_SLASH = 7,
  SPECIAL_AUTHORITY_SLASHES = 8,
  SPECIAL_AUTHORITY_IGNORE_SLASHES = 9,
  AUTHORITY = 10,
  HOST = 11,
  HOSTNAME = 12,
  PORT = 13,
  FILE = 14,
  FILE_SLASH = 15,
  FILE_HOST = 16,
  PATH_START = 17,
  PATH_STATE = 18,
  OPAQUE_PATH = 19,
  QUERY_STATE = 20,
  FRAGMENT_STATE = 21,
}

const isDriveLetter = (s: string, normalized?: boolean): boolean => s.length === 2 && isAlpha(s[0]) && (s[1] === ":" || (!normalized && s[1] === "|"));
const startsWithDriveLetter = (cps: string[], i: number): boolean =>
  isDriveLetter((cps[i] ?? "") + (cps[i + 1] ?? "")) && (cps.length === i + 2 || "/\\?#".includes(cps[i + 2]!));

/** 1 for a single-dot path segment ("." or "%2e"), 2 for a double-dot one, 0 for any other. */
function dotSegment(segment: string): number {
  const s = segment.toLowerCase();
  return s === "." || s === "%2e" ? 1 : s === ".." || s === ".%2e" || s === "%2e." || s === "%2e%2e" ? 2 : 0;
}

function shorten(url: Rec): void {
  const path = url.path as string[];
  if (!(url.s === "file" && path.length === 1 && isDriveLetter(path[0]!, true))) path.pop();
}

/**
 * The basic URL parser: a new record, or with `url` and `override` a
 * setter's change to that record. null is failure (what a setter changed
 * before it failed stays, as the standard has it).
 */
function parse(input: string, base: Rec | null, url?: Rec, override = 0): Rec | null {
  if (!url) {
    url = { s: "", u: "", w: "", h: null, p: null, path: [], q: null, f: null };
    // Leading and trailing C0 controls and spaces go.
    let start = 0;
    let end = input.length;
    while (start < end && input[start]! <= " ") start++;
    while (end > start && input[end - 1]! <= " ") end--;
    input = input.slice(start, end);
  }
  const cps = Array.from(input).filter((c) => c !== "\t" && c !== "\n" && c !== "\r");
  let state = override || S.SCHEME_START;
  let buffer = "";
  let atSeen = false;
  let inBrackets = false;
  let passwordSeen = false;
  for (let i = 0; i <= cps.length; i++) {
    const c = cps[i];
    const special = isSpecial(url.s);
    const end = c === undefined || c === "/" || c === "?" || c === "#" || (special && c === "\\");
    switch (state) {
      case S.SCHEME_START:
        if (isAlpha(c)) {
          buffer += c.toLowerCase();
          state = S.SCHEME;
        } else if (override) return null;
        else {
          state = S.NO_SCHEME;
          i--;
        }
        break;
      case S.SCHEME:
        if (isAlpha(c) || isDigit(c) || c === "+" || c === "-" || c === ".") buffer += c.toLowerCase();
        else if (c === ":") {
          if (override) {
            if (special !== isSpecial(buffer) || ((url.u || url.w || url.p !== null) && buffer === "file") || (url.s === "file" && url.h === "")) return url;
          }
          url.s = buffer;
          if (override) {
            if (url.p === SPECIAL[url.s]) url.p = null;
            return url;
          }
          buffer = "";
          if (url.s === "file") state = S.FILE;
          else if (isSpecial(url.s) && base?.s === url.s) state = S.SPECIAL_RELATIVE_OR_AUTHORITY;
          else if (isSpecial(url.s)) state = S.SPECIAL_AUTHORITY_SLASHES;
          else if (cps[i + 1] === "/") {
            state = S.PATH_OR_AUTHORITY;
            i++;
          } else {
            url.path = "";
            state = S.OPAQUE_PATH;
          }
        } else if (override) return null;
        else {
          buffer = "";
          state = S.NO_SCHEME;
          i = -1;
        }
        break;
      case S.NO_SCHEME:
        if (!base || (typeof base.path === "string" && c !== "#")) return null;
        if (typeof base.path === "string") {
          url.s = base.s;
          url.path = base.path;
          url.q = base.q;
          url.f = "";
          state = S.FRAGMENT_STATE;
        } else {
          state = base.s === "file" ? S.FILE : S.RELATIVE;
          i--;
        }
        break;
      case S.SPECIAL_RELATIVE_OR_AUTHORITY:
        if (c === "/" && cps[i + 1] === "/") {
          state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
          i++;
        } else {
          state = S.RELATIVE;
          i--;
        }
        break;
      case S.PATH_OR_AUTHORITY:
        if (c === "/") state = S.AUTHORITY;
        else {
          state = S.PATH_STATE;
          i--;
        }
        break;
      case S.RELATIVE:
        url.s = base!.s;
        if (c === "/" || (isSpecial(url.s) && c === "\\")) state = S.RELATIVE_SLASH;
        else {
          Object.assign(url, base, { path: [...base!.path], f: null });
          if (c === "?") {
            url.q = "";
            state = S.QUERY_STATE;
          } else if (c === "#") {
            url.f = "";
            state = S.FRAGMENT_STATE;
          } else if (c !== undefined) {
            url.q = null;
            shorten(url);
            state = S.PATH_STATE;
            i--;
          }
        }
        break;
      case S.RELATIVE_SLASH:
        if (special && (c === "/" || c === "\\")) state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
        else if (c === "/") state = S.AUTHORITY;
        else {
          ({ u: url.u, w: url.w, h: url.h, p: url.p } = base!);
          state = S.PATH_STATE;
          i--;
        }
        break;
      case S.SPECIAL_AUTHORITY_SLASHES:
        state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
        if (c === "/" && cps[i + 1] === "/") i++;
        else i--;
        break;
      case S.SPECIAL_AUTHORITY_IGNORE_SLASHES:
        if (c !== "/" && c !== "\\") {
          state = S.AUTHORITY;
          i--;
        }
        break;
      case S.AUTHORITY:
        if (c === "@") {
          if (atSeen) buffer = `%40${buffer}`;
          atSeen = true;
          for (const b of buffer) {
            if (b === ":" && !passwordSeen) passwordSeen = true;
            else if (passwordSeen) url.w += encode(b, USERINFO);
            else url.u += encode(b, USERINFO);
          }
          buffer = "";
        } else if (end) {
          if (atSeen && buffer === "") return null;
          i -= Array.from(buffer).length + 1;
          buffer = "";
          state = S.HOST;
        } else buffer += c;
        break;
      case S.HOST:
      case S.HOSTNAME:
        if (override && url.s === "file") {
          i--;
          state = S.FILE_HOST;
        } else if (c === ":" && !inBrackets) {
          if (buffer === "" || override === S.HOSTNAME) return null;
          const host = parseHost(buffer, !special);
          if (host === null) return null;
          url.h = host;
          buffer = "";
          state = S.PORT;
        } else if (end) {
          i--;
          if (special && buffer === "") return null;
          if (override && buffer === "" && (url.u || url.w || url.p !== null)) return url;
          const host = parseHost(buffer, !special);
          if (host === null) return null;
          url.h = host;
          buffer = "";
          state = S.PATH_START;
          if (override) return url;
        } else {
          if (c === "[") inBrackets = true;
          if (c === "]") inBrackets = false;
          buffer += c;
        }
        break;
      case S.PORT:
        if (isDigit(c)) buffer += c;
        else if (end || override) {
          if (buffer !== "") {
            const port = parseInt(buffer, 10);
            if (port > 65535) return null;
            url.p = port === SPECIAL[url.s] ? null : port;
            buffer = "";
            if (override) return url;
          }
          if (override) return null;
          state = S.PATH_START;
          i--;
        } else return null;
        break;
      case S.FILE:
        url.s = "file";
        url.h = "";
        if (c === "/" || c === "\\") state = S.FILE_SLASH;
        else if (base?.s === "file") {
          url.h = base.h;
          url.path = [...base.path];
          url.q = base.q;
          if (c === "?") {
            url.q = "";
            state = S.QUERY_STATE;
          } else if (c === "#") {
            url.f = "";
            state = S.FRAGMENT_STATE;
          } else if (c !== undefined) {
            url.q = null;
            if (!startsWithDriveLetter(cps, i)) shorten(url);
            else url.path = [];
            state = S.PATH_STATE;
            i--;
          }
        } else {
          state = S.PATH_STATE;
          i--;
        }
        break;
      case S.FILE_SLASH:
        if (c === "/" || c === "\\") state = S.FILE_HOST;
        else {
          if (base?.s === "file") {
            url.h = base.h;
            if (!startsWithDriveLetter(cps, i) && isDriveLetter(base.path[0] ?? "", true)) (url.path as string[]).push(base.path[0]!);
          }
          state = S.PATH_STATE;
          i--;
        }
        break;
      case S.FILE_HOST:
        if (c === undefined || "/\\?#".includes(c)) {
          i--;
          if (!override && isDriveLetter(buffer)) state = S.PATH_STATE;
          else if (buffer === "") {
            url.h = "";
            if (override) return url;
            state = S.PATH_START;
          } else {
            const host = parseHost(buffer, !special);
            if (host === null) return null;
            url.h = host === "localhost" ? "" : host;
            if (override) return url;
            buffer = "";
            state = S.PATH_START;
          }
        } else buffer += c;
        break;
      case S.PATH_START:
        if (special) {
          state = S.PATH_STATE;
          if (c !== "/" && c !== "\\") i--;
        } else if (!override && c === "?") {
          url.q = "";
          state = S.QUERY_STATE;
        } else if (!override && c === "#") {
          url.f = "";
          state = S.FRAGMENT_STATE;
        } else if (c !== undefined) {
          state = S.PATH_STATE;
          if (c !== "/") i--;
        } else if (override && url.h === null) (url.path as string[]).push("");
        break;
      case S.PATH_STATE:
        if (c === undefined || c === "/" || (special && c === "\\") || (!override && (c === "?" || c === "#"))) {
          const slash = c === "/" || (special && c === "\\");
          const path = url.path as string[];
          const dots = dotSegment(buffer);
          if (dots === 2) {
            shorten(url);
            if (!slash) path.push("");
          } else if (dots === 1) {
            if (!slash) path.push("");
          } else {
            if (url.s === "file" && path.length === 0 && isDriveLetter(buffer)) buffer = `${buffer[0]}:`;
            path.push(buffer);
          }
          buffer = "";
          if (c === "?") {
            url.q = "";
            state = S.QUERY_STATE;
          }
          if (c === "#") {
            url.f = "";
            state = S.FRAGMENT_STATE;
          }
        } else buffer += encode(c, PATH);
        break;
      case S.OPAQUE_PATH:
        if (c === "?") {
          url.q = "";
          state = S.QUERY_STATE;
        } else if (c === "#") {
          url.f = "";
          state = S.FRAGMENT_STATE;
        } else if (c !== undefined) url.path += encode(c, "");
        break;
      case S.QUERY_STATE:
        if ((!override && c === "#") || c === undefined) {
          url.q += encode(buffer, special ? SPECIAL_QUERY : QUERY);
          buffer = "";
          if (c === "#") {
            url.f = "";
            state = S.FRAGMENT_STATE;
          }
        } else buffer += c;
        break;
      case S.FRAGMENT_STATE:
        if (c !== undefined) url.f += encode(c, FRAGMENT);
        break;
    }
  }
  return url;
}

const pathname = (url: Rec): string => (typeof url.path === "string" ? url.path : url.path.length ? `/${url.path.join("/")}` : "");

function serialize(url: Rec, noFragment?: boolean): string {
  let out = `${url.s}:`;
  if (url.h !== null) {
    out += "//";
    if (url.u || url.w) out += `${url.u}${url.w ? `:${url.w}` : ""}@`;
    out += url.h + (url.p === null ? "" : `:${url.p}`);
  } else if (typeof url.path !== "string" && url.path.length > 1 && url.path[0] === "") out += "/.";
  out += pathname(url);
  if (url.q !== null) out += `?${url.q}`;
  if (url.f !== null && !noFragment) out += `#${url.f}`;
  return out;
}

/** `s` without a leading `prefix`. */
const without = (s: string, prefix: string): string => (s.startsWith(prefix) ? s.slice(prefix.length) : s);

/** A USVString: lone surrogates become U+FFFD. */
const usv = (value: unknown): string => (String(value) as string & { toWellFormed(): string }).toWellFormed();

/** A spec-defined opaque path loses its trailing spaces when the query and fragment it ended before are gone. */
function stripOpaque(url: Rec): void {
  if (typeof url.path === "string" && url.f === null && url.q === null) {
    let end = url.path.length;
    while (url.path[end - 1] === " ") end--;
    url.path = url.path.slice(0, end);
  }
}

function parseForm(input: string): Array<[string, string]> {
  const list: Array<[string, string]> = [];
  for (const sequence of input.split("&")) {
    if (!sequence) continue;
    const at = sequence.indexOf("=");
    list.push([decode(at < 0 ? sequence : sequence.slice(0, at), true), decode(at < 0 ? "" : sequence.slice(at + 1), true)]);
  }
  return list;
}

function toForm(list: Array<[string, string]>): string {
  let out = "";
  for (const [name, value] of list) out += `${out ? "&" : ""}${encode(name, FORM, true)}=${encode(value, FORM, true)}`;
  return out;
}

/** Give a URL's searchParams the pairs of `query`, and bind them to the URL's record (set in URLSearchParams' static block). */
let linkParams: (params: URLSearchParams, url: Rec) => void;

/** application/x-www-form-urlencoded name-value pairs, live with the URL they came from. */
class URLSearchParams {
  #list: Array<[string, string]> = [];
  #url: Rec | null = null;

  static {
    linkParams = (params, url) => {
      params.#list = parseForm(url.q ?? "");
      params.#url = url;
    };
  }

  constructor(init: unknown = "") {
    if ((init !== null && typeof init === "object") || typeof init === "function") {
      // WebIDL's GetMethod: a null @@iterator makes a record, as an absent one does.
      if ((init as Iterable<unknown>)[Symbol.iterator] != null) {
        for (const pair of init as Iterable<Iterable<unknown>>) {
          const entry = [...pair];
          if (entry.length !== 2) throw new TypeError("URLSearchParams: each name-value pair must have exactly two items");
          this.#list.push([usv(entry[0]), usv(entry[1])]);
        }
      } else for (const name of Object.keys(init)) this.#list.push([usv(name), usv((init as Record<string, unknown>)[name])]);
    } else this.#list = parseForm(without(usv(init), "?"));
  }

  /** The list changed: so does the URL's query. */
  #update(): void {
    const url = this.#url;
    if (!url) return;
    const query = toForm(this.#list);
    url.q = query || null;
    if (!query) stripOpaque(url);
  }

  /** Remove the pairs named `name` (with `value`, if given), from `from` on. */
  #remove(name: string, value?: string, from = 0): void {
    const list = this.#list;
    for (let i = list.length - 1; i >= from; i--) if (list[i]![0] === name && (value === undefined || list[i]![1] === value)) list.splice(i, 1);
  }

  /** The index of the first pair named `name` (with `value`, if given), -1 if none. */
  #find(name: unknown, value?: unknown): number {
    const list = this.#list;
    name = usv(name);
    value = value === undefined ? value : usv(value);
    for (let i = 0; i < list.length; i++) if (list[i]![0] === name && (value === undefined || list[i]![1] === value)) return i;
    return -1;
  }

  get size(): number {
    return this.#list.length;
  }
  append(name: string, value: string): void {
    this.#list.push([usv(name), usv(value)]);
    this.#update();
  }
  delete(name: string, value?: string): void {
    this.#remove(usv(name), value === undefined ? value : usv(value));
    this.#update();
  }
  get(name: string): string | null {
    const index = this.#find(name);
    return index < 0 ? null : this.#list[index]![1];
  }
  getAll(name: string): string[] {
    name = usv(name);
    const values: string[] = [];
    for (const [n, value] of this.#list) if (n === name) values.push(value);
    return values;
  }
  has(name: string, value?: string): boolean {
    return this.#find(name, value) >= 0;
  }
  set(name: string, value: string): void {
    const index = this.#find(name);
    const pair: [string, string] = [usv(name), usv(value)];
    if (index < 0) this.#list.push(pair);
    else {
      this.#list[index] = pair;
      this.#remove(pair[0], undefined, index + 1);
    }
    this.#update();
  }
  sort(): void {
    // By UTF-16 code units, stable (Array.prototype.sort is).
    this.#list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.#update();
  }
  forEach(callback: (value: string, name: string, params: URLSearchParams) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.#list.length; i++) callback.call(thisArg, this.#list[i]![1], this.#list[i]![0], this);
  }
  /** Pairs (0), names (1) or values (2), reading the list as it changes. */
  *#iterate(kind: number): IterableIterator<never> {
    for (let i = 0; i < this.#list.length; i++) {
      const [name, value] = this.#list[i]!;
      yield (kind === 1 ? name : kind === 2 ? value : [name, value]) as never;
    }
  }
  entries(): IterableIterator<[string, string]> {
    return this.#iterate(0);
  }
  keys(): IterableIterator<string> {
    return this.#iterate(1);
  }
  values(): IterableIterator<string> {
    return this.#iterate(2);
  }
  declare [Symbol.iterator]: () => IterableIterator<[string, string]>;
  toString(): string {
    return toForm(this.#list);
  }
}
// WebIDL: the iterator is the entries function itself; the class string a data property.
Object.defineProperties(URLSearchParams.prototype, {
  [Symbol.iterator]: { value: URLSearchParams.prototype.entries, writable: true, configurable: true },
  [Symbol.toStringTag]: { value: "URLSearchParams", configurable: true },
});

function parseWithBase(url: unknown, base?: unknown): Rec | null {
  let baseRecord: Rec | null = null;
  if (base !== undefined) {
    baseRecord = parse(usv(base), null);
    if (!baseRecord) return null;
  }
  return parse(usv(url), baseRecord);
}

/** A URL's record and searchParams (set in URL's static block). */
let internals: (url: URL) => [Rec, URLSearchParams];

/** A WHATWG URL. Its attributes are defined below, from one getter and one setter. */
class URL {
  #url: Rec;
  #params = new URLSearchParams();

  static {
    internals = (url) => [url.#url, url.#params];
  }

  constructor(url: string | URL, base?: string | URL) {
    const record = parseWithBase(url, base);
    if (!record) throw new TypeError(`Invalid URL: ${usv(url)}${base === undefined ? "" : ` (base ${usv(base)})`}`);
    linkParams(this.#params, (this.#url = record));
  }

  static canParse(url: string | URL, base?: string | URL): boolean {
    return parseWithBase(url, base) !== null;
  }
  static parse(url: string | URL, base?: string | URL): URL | null {
    try {
      return new URL(url, base);
    } catch {
      return null;
    }
  }
  toString(): string {
    return serialize(internals(this)[0]);
  }
  toJSON(): string {
    return serialize(internals(this)[0]);
  }

  declare href: string;
  declare readonly origin: string;
  declare protocol: string;
  declare username: string;
  declare password: string;
  declare host: string;
  declare hostname: string;
  declare port: string;
  declare pathname: string;
  declare search: string;
  declare readonly searchParams: URLSearchParams;
  declare hash: string;
}

function getAttribute(target: URL, name: string): unknown {
  const [url, params] = internals(target);
  switch (name) {
    case "href":
      return serialize(url);
    case "origin": {
      // A blob: URL's origin is that of the http(s) URL in its path.
      const inner = url.s === "blob" ? parse(pathname(url), null) : url;
      const scheme = inner?.s;
      return inner && (scheme === "http" || scheme === "https" || (url.s !== "blob" && (scheme === "ws" || scheme === "wss" || scheme === "ftp"))) ? `${inner.s}://${inner.h}${inner.p === null ? "" : `:${inner.p}`}` : "null";
    }
    case "protocol":
      return `${url.s}:`;
    case "username":
      return url.u;
    case "password":
      return url.w;
    case "host":
      return url.h === null ? "" : url.h + (url.p === null ? "" : `:${url.p}`);
    case "hostname":
      return url.h ?? "";
    case "port":
      return url.p === null ? "" : String(url.p);
    case "pathname":
      return pathname(url);
    case "search":
      return url.q ? `?${url.q}` : "";
    case "searchParams":
      return params;
  }
  return url.f ? `#${url.f}` : "";
}

/** A setter, as the URL Standard has each: most parse the value into the record from one of the parser's states. */
function setAttribute(target: URL, name: string, value: string): void {
  const [url, params] = internals(target);
  const opaque = typeof url.path === "string";
  const credentials = !!url.h && url.s !== "file";
  switch (name) {
    case "href": {
      const record = parse(value, null);
      if (!record) throw new TypeError(`Invalid URL: ${value}`);
      linkParams(params, Object.assign(url, record));
      return;
    }
    case "protocol":
      parse(`${value}:`, null, url, S.SCHEME_START);
      return;
    case "username":
      if (credentials) url.u = encode(value, USERINFO);
      return;
    case "password":
      if (credentials) url.w = encode(value, USERINFO);
      return;
    case "host":
    case "hostname":
      if (!opaque) parse(value, null, url, name === "host" ? S.HOST : S.HOSTNAME);
      return;
    case "port":
      if (credentials) {
        if (value === "") url.p = null;
        else parse(value, null, url, S.PORT);
      }
      return;
    case "pathname":
      if (!opaque) {
        url.path = [];
        parse(value, null, url, S.PATH_START);
      }
      return;
    case "search":
      url.q = value ? "" : null;
      if (value) parse(without(value, "?"), null, url, S.QUERY_STATE);
      else stripOpaque(url);
      linkParams(params, url);
      return;
  }
  url.f = value ? "" : null;
  if (value) parse(without(value, "#"), null, url, S.FRAGMENT_STATE);
  else stripOpaque(url);
}

// WebIDL attributes: enumerable accessors on the prototype; origin and searchParams are read-only.
// One string: the word "search" alone, as a string, counts as naming RegExp (String.prototype.search builds one).
for (const name of "href origin protocol username password host hostname port pathname search searchParams hash".split(" ")) {
  Object.defineProperty(URL.prototype, name, {
    enumerable: true,
    configurable: true,
    get(this: URL) {
      return getAttribute(this, name);
    },
    set:
      name === "origin" || name === "searchParams"
        ? undefined
        : function (this: URL, value: unknown) {
            setAttribute(this, name, usv(value));
          },
  });
}
Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: "URL", configurable: true });

// Exported as the web's types, which code written against DOM or Node typings passes around.
const URLExport: typeof globalThis.URL = URL as unknown as typeof globalThis.URL;
const URLSearchParamsExport: typeof globalThis.URLSearchParams = URLSearchParams as unknown as typeof globalThis.URLSearchParams;
export { URLExport as URL, URLSearchParamsExport as URLSearchParams };
// For url-unicode.test.ts, which reads the whole table through it.
export { unicodeClass };
