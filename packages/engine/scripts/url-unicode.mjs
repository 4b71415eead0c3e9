// Writes src/globals/url-unicode.ts: the Unicode properties the URL
// global's UTS #46 checks read (src/globals/url.ts), as one run-length table
// of code point classes, taken from Node's regular expressions. The URL code
// itself has none: its first regular expression would bring the engine's
// RegExp (45 KB of engine code). Run it with a Node whose Unicode version is
// the engine's (QuickJS-NG's libunicode): `node scripts/url-unicode.mjs`.
//
// A class is a set of bits (CLASS_BITS): its right-to-left bidi class for
// RFC 5893 (0-5: o, a, e, m, r, l, as url.ts's bidiClasses names them) or
// DISALLOWED (6) or IGNORED (7); MARK (8): a combining mark (\p{M}), which
// no label may start with; JOINING (16): a letter of the scripts that
// join, for RFC 5892's ZWNJ rule; RIGHT_JOINING (32): one that joins only
// to the right, which a ZWNJ may not follow.
//
// The table is a string of 8-bit characters, one or more a run: the low four
// bits the class's index, the high four the run's length less one (1-15),
// or 15 and the length less 16 in the characters after, seven bits each,
// least significant first, the high bit on all but the last. A code point
// UTS #46's mapping never leaves in a label (one that NFKC changes) belongs
// to no class, and continues the run before it (unless that is IGNORED).
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const DISALLOWED = 6;
export const IGNORED = 7;
export const MARK = 8;
export const JOINING = 16;
export const RIGHT_JOINING = 32;

// The default ignorable code points UTS #46 maps to nothing: all but the joiners and the tags' and variation selectors' reserved blocks.
const IGNORABLE = /(?![\u200c\u200d\u{e0000}-\u{e00ff}\u{e01f0}-\u{e0fff}])\p{DI}/u;
const NOT_VALID = /[\p{Cc}\p{Co}\p{Cn}\p{Cs}\p{Z}\p{Cf}\ufffd]/u;
const COMBINING = /\p{M}/u;
// Bidi classes by script and category, the first that matches: o (the neutral modifier letters), a (AN), e (EN), m (NSM), r (R and AL), l (L); none is o.
const BIDI = [
  /[\u02b9\u02ba\u02c2-\u02cf\u02d2-\u02df\u02e5-\u02ed\u02ef-\u02ff]/u,
  /[\u0600-\u0605\u0660-\u0669\u066b\u066c\u06dd\u0890\u0891\u08e2\u{10d30}-\u{10d39}\u{10e60}-\u{10e7e}]/u,
  /[0-9\u06f0-\u06f9]/u,
  /[\p{Mn}\p{Me}]/u,
  /[\p{sc=Hebr}\p{sc=Arab}\p{sc=Syrc}\p{sc=Thaa}\p{sc=Nkoo}\p{sc=Samr}\p{sc=Mand}\p{sc=Adlm}\p{sc=Rohg}\u0640\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u,
  /[\p{L}\p{Mc}\p{Nd}\p{Nl}]/u,
];
// The letters of the joining scripts (U+0621, which joins to neither side, left out).
const JOINING_SCRIPTS = /(?!\u0621)[\p{sc=Arab}\p{sc=Syrc}\p{sc=Nkoo}\p{sc=Mong}\p{sc=Mand}\p{sc=Mani}\p{sc=Phlp}\p{sc=Sogd}\p{sc=Rohg}\p{sc=Adlm}\p{sc=Phag}]/u;
// Arabic letters that join only to the right: no non-joiner may follow them.
const JOINS_RIGHT_ONLY = /[\u0622-\u0625\u0627\u0629\u062f-\u0632\u0648\u0671-\u0673\u0675-\u0677\u0688-\u0699\u06c0\u06c3-\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5\u06ee\u06ef]/u;

/** The class bits of code point `cp`, or undefined where UTS #46's mapping never leaves it in a label. */
export function classOf(cp) {
  const c = String.fromCodePoint(cp);
  if (IGNORABLE.test(c)) return IGNORED;
  if (c.normalize("NFKC") !== c) return undefined;
  if (NOT_VALID.test(c)) return DISALLOWED;
  const bidi = BIDI.findIndex((set) => set.test(c));
  return (bidi < 0 ? 0 : bidi) | (COMBINING.test(c) ? MARK : 0) | (JOINING_SCRIPTS.test(c) ? JOINING : 0) | (JOINS_RIGHT_ONLY.test(c) ? RIGHT_JOINING : 0);
}

/** The table: CLASS_BITS (each class's bits, as a character code) and RUNS. */
export function unicodeTables() {
  const bits = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) bits.push(classOf(cp));
  // A code point of no class takes the class of the one before, or of the one after where that is IGNORED: the
  // ignored code points are removed from the domain before the mapping, and so must be those exactly.
  for (let cp = 0x10ffff, next = DISALLOWED; cp >= 0; cp--) {
    if (bits[cp] === undefined && (cp === 0 || bits[cp - 1] === IGNORED)) bits[cp] = next;
    if (bits[cp] !== undefined && bits[cp] !== IGNORED) next = bits[cp];
  }
  const runs = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    const last = runs[runs.length - 1];
    if (last !== undefined && (bits[cp] === undefined || bits[cp] === last.bits)) last.length++;
    else runs.push({ bits: bits[cp], length: 1 });
  }
  const classes = [...new Set(runs.map((run) => run.bits))];
  if (classes.length > 16) throw new Error(`${classes.length} classes: the table has room for 16`);
  let table = "";
  for (const { bits, length } of runs) {
    const index = classes.indexOf(bits);
    if (length <= 15) {
      table += String.fromCharCode(((length - 1) << 4) | index);
      continue;
    }
    table += String.fromCharCode(0xf0 | index);
    for (let rest = length - 16; ; rest >>= 7) {
      table += String.fromCharCode((rest & 0x7f) | (rest > 0x7f ? 0x80 : 0));
      if (rest <= 0x7f) break;
    }
  }
  return { version: process.versions.unicode, classBits: String.fromCharCode(...classes), runs: table, count: runs.length };
}

/** A TypeScript string literal of `text`, ASCII only. */
function literal(text) {
  let out = '"';
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (c === '"' || c === "\\") out += `\\${c}`;
    else if (code >= 0x20 && code < 0x7f) out += c;
    else out += `\\x${code.toString(16).padStart(2, "0")}`;
  }
  return `${out}"`;
}

export function unicodeModule() {
  const { version, classBits, runs, count } = unicodeTables();
  return [
    `// Written by scripts/url-unicode.mjs from Unicode ${version} (the engine's): the code point classes the URL global's`,
    "// UTS #46 checks read, run-length encoded (the script says how).",
    "",
    "/** The Unicode version the table is from. */",
    `export const UNICODE_VERSION: string = ${literal(version)};`,
    "",
    "/** Each class's bits, as a character code: the bidi class (0-5) or 6 (disallowed) or 7 (ignored), 8 a mark, 16 a joining letter, 32 one that joins only to the right. */",
    `export const CLASS_BITS: string = ${literal(classBits)};`,
    "",
    `/** ${count} runs of code points of one class, from U+0000 on. */`,
    `export const RUNS: string = ${literal(runs)};`,
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "globals", "url-unicode.ts");
  writeFileSync(out, unicodeModule());
  console.log(`${out}: Unicode ${process.versions.unicode}`);
}
