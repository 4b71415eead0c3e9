// Intl for the locales a build names with `--locales` (or the project
// config's "locales"), from CLDR's data (scripts/intl-locales.mjs packs it when
// the engine is built; the build passes each named locale's data here as
// JSON). English stays ./intl.ts's own code; this module formats numbers,
// plurals, dates, relative times and lists from a locale's patterns, and only
// plug-ins built with extra locales carry it.
import type { ExtraLocale, IntlInternals, NumberFormatOptions, Part } from "./intl.js";

/** One locale's CLDR data, as scripts/intl-locales.mjs writes it. */
export interface LocaleData {
  /** decimal, group, percent sign, minus sign, plus sign, exponent, infinity, NaN, approximately. */
  symbols: string[];
  minimumGroupingDigits: number;
  decimal: string;
  percent: string;
  currency: string;
  currencyAlpha: string;
  accounting: string;
  accountingAlpha: string;
  currencyUnit: Record<string, string>;
  /** Compact patterns from 10^3 up, by plural category. */
  compactShort: Array<Record<string, string>>;
  compactLong: Array<Record<string, string>>;
  compactCurrency: Array<Record<string, string>>;
  /** code: [symbol, narrow symbol, names by plural category]. */
  currencies: Record<string, [string, string, Record<string, string>]>;
  cardinal: Record<string, string>;
  ordinal: Record<string, string>;
  /** [abbreviated, wide, narrow] (weekdays: and short), each in calendar order (weekdays from Sunday). */
  months: string[][];
  monthsStandalone: string[][];
  weekdays: string[][];
  weekdaysStandalone: string[][];
  /** [abbreviated, wide, narrow], each [BC, AD]. */
  eras: string[][];
  /** [abbreviated, wide, narrow], each [AM, PM]. */
  dayPeriods: string[][];
  /** full, long, medium, short. */
  dateFormats: string[];
  timeFormats: string[];
  dateTimeFormats: string[];
  availableFormats: Record<string, string>;
  /** CLDR's preferred hour symbol for the locale's region: h, H, K or k. */
  hourCycle: string;
  /** gmtFormat, gmtZeroFormat, hourFormat. */
  zoneFormats: string[];
  /** unit[-short|-narrow]: [words for -2 to 2 where the locale has them ("yesterday"), future by category, past by category]. */
  relative: Record<string, [Record<string, string>, Record<string, string>, Record<string, string>]>;
  /** type[-short|-narrow]: [start, middle, end, two]. */
  lists: Record<string, string[]>;
}

const HOUR_CYCLES: Record<string, "h11" | "h12" | "h23" | "h24"> = { h: "h12", H: "h23", K: "h11", k: "h24" };
const HOUR_LETTERS: Record<string, string> = { h12: "h", h23: "H", h11: "K", h24: "k" };

// ---------------------------------------------------------------- plural rules

/** The operands of CLDR's plural rules for a number written with these digits. */
function operands(integer: string, fraction: string, exponent: number): Record<string, number> {
  const trimmed = fraction.replace(/0+$/, "");
  // ICU keeps an integer's last 18 digits only.
  return { n: Number(`${integer}.${fraction || 0}`), i: Number(integer.slice(-18)), v: fraction.length, w: trimmed.length, f: Number(fraction || 0), t: Number(trimmed || 0), e: exponent, c: exponent };
}

/** Whether CLDR's rule ("i = 1 and v = 0 or n % 10 = 2..4") holds for the operands. */
function holds(rule: string, op: Record<string, number>): boolean {
  return rule.split(" or ").some((conjunction) =>
    conjunction.split(" and ").every((relation) => {
      const [, name, modulus, not, list] = /^\s*([nivwftec])\s*(?:%\s*(\d+))?\s*(!?)=\s*(.+?)\s*$/.exec(relation)!;
      const x = modulus ? op[name!]! % Number(modulus) : op[name!]!;
      const inList = list!.split(",").some((range) => {
        const [low, high] = range.split("..").map(Number) as [number, number | undefined];
        return high === undefined ? x === low : Number.isInteger(x) && x >= low && x <= high;
      });
      return inList !== (not === "!");
    }),
  );
}

function category(rules: Record<string, string>, integer: string, fraction: string, exponent = 0): string {
  const op = operands(integer, fraction, exponent);
  for (const [name, rule] of Object.entries(rules)) if (name !== "other" && rule && holds(rule, op)) return name;
  return "other";
}

// ---------------------------------------------------------------- numbers

/** A pattern's text before and after its number, quotes taken out ("0 Mio'.'" gives ["", " Mio."]). */
function affixes(pattern: string): [string, string] {
  const match = /[#0,.@]*[0@#][#0,.@]*(?:E0+)?/.exec(pattern);
  const unquote = (text: string) => text.replace(/'([^']*)'/g, (_, quoted: string) => quoted || "'");
  if (!match) return [unquote(pattern), ""];
  return [unquote(pattern.slice(0, match.index)), unquote(pattern.slice(match.index + match[0].length))];
}

/** Parts of an affix: the percent sign, the currency sign and the compact word become their own parts, spaces literals. */
function affixParts(text: string, symbols: Record<string, Part>, compact: boolean): Part[] {
  const parts: Part[] = [];
  let literal = "";
  const flush = () => {
    if (literal) parts.push({ type: "literal", value: literal });
    literal = "";
  };
  // No "u" flag here or below: a Unicode pattern compiles to range tables that every plug-in's snapshot would keep.
  // Bidi marks (U+200E, U+200F, U+061C) are literals, as in ICU's parts.
  for (const piece of text.split(/([¤%]|[^\s¤%\u200e\u200f\u061c-]+)/)) {
    if (!piece) continue;
    const symbol = symbols[piece];
    if (symbol) {
      flush();
      parts.push(symbol);
    } else if (compact && /\S/.test(piece)) {
      flush();
      parts.push({ type: "compact", value: piece });
    } else literal += piece;
  }
  flush();
  return parts;
}

/** Primary and secondary group sizes of a decimal pattern ("#,##,##0" groups 3 then 2). */
function groupSizes(pattern: string): [number, number] {
  const integer = pattern.split(";")[0]!.split(".")[0]!.replace(/[^#0,]/g, "");
  const groups = integer.split(",");
  const primary = groups.length > 1 ? groups[groups.length - 1]!.length : 0;
  const secondary = groups.length > 2 ? groups[groups.length - 2]!.length : primary;
  return [primary, secondary];
}

function numberParts(data: LocaleData, internals: IntlInternals, o: NumberFormatOptions, value: number | bigint | string): Part[] {
  const [decimalSign, groupSign, percentSign, minusSign, plusSign, exponentSign, infinity, nan] = data.symbols as [string, string, string, string, string, string, string, string];
  const numeric = typeof value === "string" ? Number(value) : value;
  let negative: boolean;
  let zero: boolean;
  const body: Part[] = [];
  let compactPattern = "";
  let integer = "0";
  let fraction = "";
  let exponent = 0;
  if (typeof numeric === "number" && !Number.isFinite(numeric)) {
    negative = numeric < 0;
    zero = Number.isNaN(numeric);
    body.push(Number.isNaN(numeric) ? { type: "nan", value: nan } : { type: "infinity", value: infinity });
  } else {
    let d = internals.decimalOf(typeof value === "string" && /^\s*[+-]?(?:\d|\.\d)/.test(value) ? value : numeric);
    negative = d.negative;
    if (o.style === "percent") d = { ...d, point: d.point + 2 };
    let r;
    if (o.notation === "scientific" || o.notation === "engineering") {
      const step = o.notation === "engineering" ? 3 : 1;
      exponent = Math.floor((internals.isZero(d) ? 0 : d.point - 1) / step) * step;
      r = internals.round({ ...d, point: d.point - exponent }, o);
      if (!internals.isZero(r.decimal) && r.decimal.point - 1 >= step) {
        exponent += step;
        r = internals.round({ ...d, point: d.point - exponent }, o);
      }
    } else if (o.notation === "compact") {
      const table = o.style === "currency" && o.currencyDisplay !== "name" ? data.compactCurrency : o.compactDisplay === "long" ? data.compactLong : data.compactShort;
      const scaled = (magnitude: number) => {
        // Past the largest pattern the locale has, that pattern, with more digits ("1.000.000.000 Bio.").
        const capped = Math.min(magnitude, table.length + 2);
        const patterns = capped >= 3 ? table[capped - 3] : undefined;
        const pattern = patterns?.other ?? "0";
        // "00 Tsd." for 10^4 shows two digits: the number is divided by 10^3.
        const power = pattern === "0" ? 0 : capped - ((/0+/.exec(pattern)?.[0].length ?? 1) - 1);
        return { patterns, power, rounded: internals.round({ ...d, point: d.point - power }, o) };
      };
      const magnitude = internals.isZero(d) ? 0 : d.point - 1;
      let pick = scaled(magnitude);
      const after = internals.isZero(pick.rounded.decimal) ? 0 : pick.rounded.decimal.point - 1 + pick.power;
      if (after > magnitude && after <= table.length + 2) pick = scaled(after);
      r = pick.rounded;
      const [i, f] = internals.digitStrings(r, o.minimumIntegerDigits);
      compactPattern = pick.patterns ? (pick.patterns[category(data.cardinal, i, f, pick.power)] ?? pick.patterns.other ?? "") : "";
      // A negative subpattern ("milioni -0" in Swahili) places the sign itself.
      const [positiveCompact, negativeCompact] = compactPattern.split(";") as [string, string | undefined];
      compactPattern = negative && negativeCompact !== undefined ? negativeCompact : positiveCompact;
      if (compactPattern === "0") compactPattern = "";
      exponent = pick.power;
    } else r = internals.round(d, o);
    [integer, fraction] = internals.digitStrings(r, o.minimumIntegerDigits);
    zero = internals.isZero(r.decimal);
    // Digits, grouped as the locale groups them.
    const [primary, secondary] = groupSizes(data.decimal);
    const minimum = o.useGrouping === "always" ? 1 : o.useGrouping === "min2" ? Math.max(2, data.minimumGroupingDigits) : data.minimumGroupingDigits;
    const groups: string[] = [];
    if (o.useGrouping !== false && primary > 0 && integer.length >= primary + minimum) {
      let end = integer.length;
      groups.unshift(integer.slice(end - primary, end));
      end -= primary;
      while (end > 0) {
        groups.unshift(integer.slice(Math.max(0, end - secondary), end));
        end -= secondary;
      }
    } else groups.push(integer);
    groups.forEach((group, i) => {
      if (i > 0) body.push({ type: "group", value: groupSign });
      body.push({ type: "integer", value: group });
    });
    if (fraction) body.push({ type: "decimal", value: decimalSign }, { type: "fraction", value: fraction });
    if (o.notation === "scientific" || o.notation === "engineering") {
      body.push({ type: "exponentSeparator", value: exponentSign });
      if (exponent < 0) body.push({ type: "exponentMinusSign", value: minusSign });
      body.push({ type: "exponentInteger", value: String(Math.abs(exponent)) });
      exponent = 0;
    }
  }
  let sign = "";
  if (o.signDisplay === "auto") sign = negative ? minusSign : "";
  else if (o.signDisplay === "always") sign = negative ? minusSign : plusSign;
  else if (o.signDisplay === "exceptZero") sign = zero ? "" : negative ? minusSign : plusSign;
  else if (o.signDisplay === "negative") sign = negative && !zero ? minusSign : "";
  // A sign's bidi marks (he's and ar's minus is U+200E and "-") are a literal before it, as in ICU's parts.
  const marks = /^[\u200e\u200f\u061c]*/.exec(sign)![0];
  const signPart: Part[] = sign ? [...(marks ? [{ type: "literal", value: marks }] : []), { type: sign === plusSign ? "plusSign" : "minusSign", value: sign.slice(marks.length) }] : [];
  const symbols: Record<string, Part> = { "%": { type: "percentSign", value: percentSign } };
  // The compact word, then the style's own affixes around the whole.
  if (compactPattern.includes("-") && signPart.length > 0) {
    // The compact pattern's "-" is where the sign goes: the sign is written there and not before the number.
    const [before, after] = affixes(compactPattern);
    const [head, tail] = before.split("-") as [string, string | undefined];
    body.unshift(...affixParts(head, symbols, true), ...(tail === undefined ? [] : [...signPart, ...affixParts(tail, symbols, true)]));
    body.push(...affixParts(after, symbols, true));
    signPart.length = 0;
    compactPattern = "";
  }
  if (compactPattern) {
    const [before, after] = affixes(compactPattern);
    const currency = o.style === "currency" && compactPattern.includes("¤");
    if (currency) symbols["¤"] = { type: "currency", value: currencySymbol(data, o) };
    body.unshift(...spaced(affixParts(before, symbols, true), true));
    body.push(...spaced(affixParts(after, symbols, true), false));
    if (currency) return [...signPart, ...body];
  }
  let pattern = o.style === "percent" ? data.percent : data.decimal;
  if (o.style === "currency") {
    const info = data.currencies[o.currency!];
    if (o.currencyDisplay === "name") {
      const plural = category(data.cardinal, integer, fraction, exponent);
      const names = info?.[2] ?? {};
      const name = names[plural] ?? names.other ?? o.currency!;
      const unit = data.currencyUnit[plural] ?? data.currencyUnit.other ?? "{0} {1}";
      const [before, after] = unit.split("{0}") as [string, string];
      const wrap = (text: string) => text.split(/(\{1\})/).filter(Boolean).map((piece): Part => (piece === "{1}" ? { type: "currency", value: name } : { type: "literal", value: piece }));
      return [...wrap(before), ...signPart, ...body, ...wrap(after)];
    }
    const symbol = currencySymbol(data, o);
    symbols["¤"] = { type: "currency", value: symbol };
    // CLDR's alphaNextToNumber patterns are for a sign whose character next to the number is a letter ("CHF", not "US$").
    const standard = o.currencySign === "accounting" ? data.accounting : data.currency;
    const alphabetic = letterNextTo(symbol, standard.indexOf("¤") < standard.search(/[#0]/));
    pattern = o.currencySign === "accounting" ? (alphabetic ? data.accountingAlpha : data.accounting) : alphabetic ? data.currencyAlpha : data.currency;
  }
  const [positive, negativePattern] = pattern.split(";") as [string, string | undefined];
  const useNegative = negativePattern !== undefined && sign === minusSign;
  const [before, after] = affixes(useNegative ? negativePattern : positive);
  const suffix = spaced(affixParts(after, symbols, false), false);
  // The sign goes where the negative pattern has it ("‏-#,##0.00 ‏¤": after a right-to-left mark), else before the prefix.
  const at = useNegative ? before.indexOf("-") : -1;
  const head = at < 0 ? "" : before.slice(0, at);
  const prefix = spaced(affixParts(at < 0 ? before : before.slice(at + 1), symbols, false), true);
  return merged([...affixParts(head, symbols, false), ...(useNegative && at < 0 ? [] : signPart), ...prefix, ...body, ...suffix]);
}

/** Adjacent literal parts as one, as ICU gives them. */
function merged(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (last?.type === "literal" && part.type === "literal") out[out.length - 1] = { type: "literal", value: last.value + part.value };
    else out.push(part);
  }
  return out;
}

/** Whether a currency sign's character next to the number is neither a symbol nor a space (CLDR's [[:^S:]&[:^Z:]]): "EUR" and "CHF" are, "US$" and "€" are not. */
function letterNextTo(sign: string, beforeNumber: boolean): boolean {
  const char = beforeNumber ? sign[sign.length - 1]! : sign[0]!;
  // Currency signs and the common symbols, by hand: \p{S} would keep its range tables in every snapshot.
  return !/[\s$+<=>^`|~¢£¤¥¦§¨©¬®¯°±´¸×÷؋৲৳৻૱௹฿៛₠-₿﷼﹩＄￠￡￥￦]/.test(char);
}

/** A currency sign's parts with CLDR's currency spacing: a no-break space between the number and a sign whose character next to it is a letter ("EUR 1.2 k"). */
function spaced(parts: Part[], beforeNumber: boolean): Part[] {
  const next = beforeNumber ? parts[parts.length - 1] : parts[0];
  if (next?.type !== "currency" || !letterNextTo(next.value, beforeNumber)) return parts;
  const space: Part = { type: "literal", value: "\u00a0" };
  return beforeNumber ? [...parts, space] : [space, ...parts];
}

function currencySymbol(data: LocaleData, o: NumberFormatOptions): string {
  const info = data.currencies[o.currency!];
  if (o.currencyDisplay === "code" || !info) return o.currency!;
  return o.currencyDisplay === "narrowSymbol" ? info[1] : info[0];
}

// ---------------------------------------------------------------- dates

type Fields = Partial<Record<string, string>>;

/** The skeleton (CLDR field letters) for ECMA-402's options. */
function skeleton(fields: Fields, hourCycle: string | undefined): string {
  const widths: Record<string, Record<string, string>> = {
    era: { short: "GGG", long: "GGGG", narrow: "GGGGG" },
    year: { numeric: "y", "2-digit": "yy" },
    month: { numeric: "M", "2-digit": "MM", short: "MMM", long: "MMMM", narrow: "MMMMM" },
    weekday: { short: "EEE", long: "EEEE", narrow: "EEEEE" },
    day: { numeric: "d", "2-digit": "dd" },
    minute: { numeric: "m", "2-digit": "mm" },
    second: { numeric: "s", "2-digit": "ss" },
    timeZoneName: { short: "z", long: "zzzz", shortOffset: "O", longOffset: "OOOO", shortGeneric: "v", longGeneric: "vvvv" },
  };
  let text = "";
  for (const field of ["era", "year", "month", "weekday", "day"]) if (fields[field]) text += widths[field]![fields[field]!];
  // The 12- or 24-hour patterns are matched; the hour's letter is the cycle's afterwards, as V8 does.
  if (fields.hour) text += (hourCycle === "h11" || hourCycle === "h12" ? "h" : "H").repeat(fields.hour === "2-digit" ? 2 : 1);
  for (const field of ["minute", "second", "timeZoneName"]) if (fields[field]) text += widths[field]![fields[field]!];
  return text;
}

/** The field a letter writes: CLDR's variants folded (L as M, c as E, the four hours as one, the zone styles as one). */
const FIELD_OF: Record<string, string> = { L: "M", c: "E", h: "j", H: "j", K: "j", k: "j", z: "v", O: "v" };

/** A skeleton's or pattern's field runs by field ("MMM" for M); day periods are left out, as the hour implies them. */
function runsOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const token of tokens(text)) if (typeof token === "string" && !"abB".includes(token[0]!)) out[FIELD_OF[token[0]!] ?? token[0]!] = token;
  return out;
}

/** ICU's type of a field run, whose differences are its distances: numbers by letter and width, names by style (E to EEE are one). */
function kind(run: string): number {
  const letter = run[0]!;
  const n = run.length;
  const hour = "hHKk".indexOf(letter);
  if (hour >= 0) return 0x100 + 0x10 * (10 + hour) + n;
  if ("yduDms".includes(letter) || ((letter === "M" || letter === "L") && n <= 2)) return 0x100 + n;
  const style = n >= 4 ? (n === 4 ? -0x104 : n === 5 ? -0x101 : -0x102) : -0x103;
  return style - 0x10 * Math.max(0, "zvO".indexOf(letter) + 1);
}

interface Candidate {
  pattern: string;
  runs: Record<string, string>;
  /** From availableFormats, whose skeleton names the widths it was written for (ICU's "specified skeleton"). */
  specified: boolean;
}

/**
 * What ICU's pattern generator chooses from, in its order: the date and time
 * styles' patterns (their skeletons read from them), then availableFormats,
 * each replacing a style pattern of the very same skeleton.
 */
function candidates(data: LocaleData & { candidates?: Candidate[] }): Candidate[] {
  // Kept on the data itself: a WeakMap would bring the engine's Map, Set and WeakMap into the plug-in.
  let list = data.candidates;
  if (list) return list;
  list = [...data.dateFormats, ...data.timeFormats].map((pattern) => ({ pattern, runs: runsOf(pattern), specified: false }));
  const signature = (runs: Record<string, string>) => Object.values(runs).sort().join();
  for (const [key, pattern] of Object.entries(data.availableFormats)) {
    if (key.includes("-")) continue;
    const candidate = { pattern, runs: runsOf(key), specified: true };
    const same = list.findIndex((other) => signature(other.runs) === signature(candidate.runs));
    if (same >= 0) list[same] = candidate;
    else list.push(candidate);
  }
  data.candidates = list;
  return list;
}

/** The candidate nearest the skeleton among those with exactly its fields (the first of equals, as in ICU). */
function bestFormat(data: LocaleData, wanted: Record<string, string>): Candidate | undefined {
  const fields = Object.keys(wanted).sort().join();
  let best: Candidate | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates(data)) {
    if (Object.keys(candidate.runs).sort().join() !== fields) continue;
    let distance = 0;
    for (const [field, run] of Object.entries(wanted)) distance += Math.abs(kind(run) - kind(candidate.runs[field]!));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/**
 * The candidate's pattern with its fields as asked, by ICU's rules with V8's
 * options: each field takes the width asked for, except minutes and seconds
 * (the pattern's), and fields whose availableFormats skeleton already had the
 * width asked for, or writes a number where the pattern writes a name or the
 * reverse (ja's "M月" for MMM). The hour's letter is the hour cycle's.
 */
function adjust(candidate: Candidate, wanted: Record<string, string>, hourCycle: string | undefined): string {
  return tokens(candidate.pattern)
    .map((token) => {
      if (typeof token !== "string") return `'${token.literal.replace(/'/g, "''")}'`;
      const field = FIELD_OF[token[0]!] ?? token[0]!;
      const asked = wanted[field];
      if (!asked) return token;
      let length = asked[0] === "E" && asked.length < 3 ? 3 : asked.length;
      if (field === "m" || field === "s") length = token.length;
      else if (candidate.specified) {
        const skeleton = candidate.runs[field]!;
        if (skeleton.length === length || (kind(token) > 0) !== (kind(skeleton) > 0)) length = token.length;
      }
      const letter = field === "j" ? HOUR_LETTERS[hourCycle ?? "h23"]! : field === "M" || field === "E" || field === "y" ? token[0]! : asked[0]!;
      return letter.repeat(length);
    })
    .join("");
}

/** A pattern's field runs ("MMM") and literals (quotes taken out). */
function tokens(pattern: string): Array<string | { literal: string }> {
  const out: Array<string | { literal: string }> = [];
  const literal = (text: string) => {
    const last = out[out.length - 1];
    if (typeof last === "object") last.literal += text;
    else out.push({ literal: text });
  };
  for (const [piece] of pattern.matchAll(/'(?:[^']|'')*'|''|([A-Za-z])\1*|[^'A-Za-z]+/g)) {
    if (piece.startsWith("'")) literal(piece === "''" ? "'" : piece.slice(1, -1).replace(/''/g, "'"));
    else if (/^[A-Za-z]/.test(piece)) out.push(piece);
    else literal(piece);
  }
  return out;
}

function datePattern(data: LocaleData, fields: Fields, hourCycle: string | undefined, dateStyle?: string, timeStyle?: string): string {
  const styles = ["full", "long", "medium", "short"];
  const withCycle = (pattern: string) => (hourCycle ? pattern.replace(/([hHkK])\1*/g, (run) => HOUR_LETTERS[hourCycle]!.repeat(run.length)) : pattern);
  if (dateStyle || timeStyle) {
    const date = dateStyle ? data.dateFormats[styles.indexOf(dateStyle)]! : "";
    const time = timeStyle ? withCycle(data.timeFormats[styles.indexOf(timeStyle)]!) : "";
    if (!date || !time) return date || time;
    return data.dateTimeFormats[styles.indexOf(dateStyle!)]!.replace("{1}", date).replace("{0}", time);
  }
  const fraction = fields.fractionalSecondDigits ? Number(fields.fractionalSecondDigits) : 0;
  const find = (text: string): string => {
    const wanted = runsOf(text);
    const found = bestFormat(data, wanted);
    if (found) return adjust(found, wanted, hourCycle);
    // A zone that no format names with these fields is appended, as CLDR's appendItems do.
    const zone = /[zOv]+/.exec(text);
    if (zone) return `${find(text.replace(zone[0], ""))} ${zone[0]}`;
    return text;
  };
  const wanted = skeleton(fields, hourCycle);
  const date = wanted.replace(/[hHkKmsvzO]+/g, "");
  const time = wanted.replace(/[GyMEd]+/g, "");
  let pattern: string;
  if (bestFormat(data, runsOf(wanted)) || !date || !time) pattern = find(wanted);
  else {
    // A date and a time joined as the locale joins them, by how long the month is written.
    const month = runsOf(date).M?.length ?? 0;
    const style = month >= 4 ? (runsOf(date).E ? 0 : 1) : month === 3 ? 2 : 3;
    pattern = data.dateTimeFormats[style]!.replace("{1}", find(date)).replace("{0}", find(time));
  }
  // Fractions of a second follow the seconds, after the locale's decimal sign.
  if (fraction) pattern = pattern.replace(/s+/, (seconds) => `${seconds}'${data.symbols[0]}'${"S".repeat(fraction)}`);
  return pattern;
}

const FIELD_TYPES: Record<string, string> = { G: "era", y: "year", M: "month", L: "month", E: "weekday", c: "weekday", d: "day", a: "dayPeriod", b: "dayPeriod", B: "dayPeriod", h: "hour", H: "hour", K: "hour", k: "hour", m: "minute", s: "second", S: "fractionalSecond", z: "timeZoneName", v: "timeZoneName", O: "timeZoneName" };

/**
 * The fields V8 reports for a pattern, in its order, each with its letters
 * from the widest: V8 looks for them anywhere in the pattern, quoted text
 * included, so pt's "d 'de' MMM" reports a day and "'às'" a second, as Node does.
 */
const REPORTED: Array<[string, string]> = [
  ["weekday", "EEEEE narrow EEEE long EEE short ccccc narrow cccc long ccc short"],
  ["era", "GGGGG narrow GGGG long GGG short"],
  ["year", "yy 2-digit y numeric"],
  ["month", "MMMMM narrow MMMM long MMM short MM 2-digit M numeric LLLLL narrow LLLL long LLL short LL 2-digit L numeric"],
  ["day", "dd 2-digit d numeric"],
  ["hour", "HH 2-digit H numeric hh 2-digit h numeric kk 2-digit k numeric KK 2-digit K numeric"],
  ["minute", "mm 2-digit m numeric"],
  ["second", "ss 2-digit s numeric"],
  ["timeZoneName", "zzzz long z short OOOO longOffset O shortOffset vvvv longGeneric v shortGeneric"],
];

/** ECMA-402's widths for a pattern's fields, as V8's resolvedOptions reports them. */
function resolvedFields(pattern: string): Fields {
  const out: Fields = {};
  for (const [field, pairs] of REPORTED) {
    const words = pairs.split(" ");
    for (let i = 0; i < words.length; i += 2) {
      if (pattern.includes(words[i]!)) {
        out[field] = words[i + 1]!;
        break;
      }
    }
  }
  const fraction = /S+/.exec(pattern.replace(/'[^']*'/g, ""));
  if (fraction) out.fractionalSecondDigits = String(fraction[0].length);
  return out;
}

function gmt(data: LocaleData, offset: number, long: boolean): string {
  const [format, zero, hourFormat] = data.zoneFormats as [string, string, string];
  if (offset === 0) return zero;
  const [positive, negative] = hourFormat.split(";") as [string, string];
  const hourPattern = offset < 0 ? negative : positive;
  const hours = Math.floor(Math.abs(offset) / 60);
  const minutes = Math.abs(offset) % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  // The locale's own sign and separator ("+HH:mm;−HH:mm", "+HH.mm;-HH.mm"); short drops zero minutes and the hour's padding.
  // The long form pads the hour whatever the hour format says ("+H.mm" writes UTC+05.30), as ICU does.
  const [, sign = "+", separator = ":"] = /^([^H]*)H+([^m]*)m/.exec(hourPattern) ?? [];
  return format.replace("{0}", long ? `${sign}${pad(hours)}${separator}${pad(minutes)}` : `${sign}${hours}${minutes ? `${separator}${pad(minutes)}` : ""}`);
}

function formatDate(data: LocaleData, pattern: string, local: Date, offset: number, fieldsAsked: Fields): Part[] {
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  const hour = local.getUTCHours();
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const width = (n: number) => (n <= 3 ? 0 : n === 4 ? 1 : 2);
  const parts: Part[] = [];
  for (const token of tokens(pattern)) {
    if (typeof token !== "string") {
      parts.push({ type: "literal", value: token.literal });
      continue;
    }
    const letter = token[0]!;
    const n = token.length;
    const type = FIELD_TYPES[letter];
    let value: string;
    switch (letter) {
      case "G":
        value = data.eras[n === 4 ? 1 : n === 5 ? 2 : 0]![year > 0 ? 1 : 0]!;
        break;
      case "y": {
        const shown = fieldsAsked.era && year <= 0 ? 1 - year : year;
        value = n === 2 ? pad(Math.abs(shown) % 100, 2) : pad(shown, n);
        break;
      }
      case "M":
      case "L":
        value = n <= 2 ? pad(month + 1, n) : (letter === "M" ? data.months : data.monthsStandalone)[width(n)]![month]!;
        break;
      case "E":
      case "c":
        value = (letter === "E" ? data.weekdays : data.weekdaysStandalone)[n === 6 ? 3 : width(n)]![local.getUTCDay()]!;
        break;
      case "d":
        value = pad(local.getUTCDate(), n);
        break;
      // A flexible day period (zh-Hant's "Bh:mm") is written as AM or PM, as V8 has ICU write it when dayPeriod is not asked for.
      case "a":
      case "b":
      case "B":
        value = data.dayPeriods[width(n)]![hour < 12 ? 0 : 1]!;
        break;
      case "h":
        value = pad(hour % 12 || 12, n);
        break;
      case "K":
        value = pad(hour % 12, n);
        break;
      case "k":
        value = pad(hour || 24, n);
        break;
      case "H":
        value = pad(hour, n);
        break;
      case "m":
        value = pad(local.getUTCMinutes(), n);
        break;
      case "s":
        value = pad(local.getUTCSeconds(), n);
        break;
      case "S":
        value = pad(local.getUTCMilliseconds(), 3).slice(0, n);
        break;
      default:
        value = type === "timeZoneName" ? gmt(data, offset, n >= 4) : token;
    }
    parts.push(type ? { type, value } : { type: "literal", value });
  }
  return parts;
}

// ---------------------------------------------------------------- the locale

/**
 * A locale's formatters over its data, read from the JSON on first use: a
 * plug-in's snapshot keeps the JSON as one string, where the objects parsed
 * from it would take four times the room.
 */
function extraLocale(json: string, internals: IntlInternals): ExtraLocale {
  let parsed: LocaleData | undefined;
  const data = (): LocaleData => (parsed ??= JSON.parse(json) as LocaleData);
  return {
    get hourCycle() {
      return HOUR_CYCLES[data().hourCycle] ?? "h23";
    },
    number: (o, value) => numberParts(data(), internals, o, value),
    plural: (type, integer, fraction) => category(type === "cardinal" ? data().cardinal : data().ordinal, integer, fraction),
    categories: (type) =>
      Object.keys(type === "cardinal" ? data().cardinal : data().ordinal)
        .filter((name) => name !== "other")
        .sort()
        .concat("other"),
    datePattern: (fields, hourCycle, dateStyle, timeStyle) => {
      const pattern = datePattern(data(), fields, hourCycle, dateStyle, timeStyle);
      return { pattern, fields: resolvedFields(pattern) };
    },
    formatDate: (pattern, local, offset, fields) => formatDate(data(), pattern, local, offset, fields),
    relative: (unit, style) => data().relative[style === "long" ? unit : `${unit}-${style}`]!,
    pluralOf: (integer, fraction) => category(data().cardinal, integer, fraction),
    list: (type, style) => data().lists[style === "long" ? type : `${type}-${style}`]!,
  };
}

/** Make each locale's data (JSON, by tag) available to Intl; `aliases` are tags that share another's data (de for de-DE). */
export function addLocales(internals: IntlInternals, locales: Record<string, string>, aliases: Record<string, string> = {}): void {
  for (const [tag, json] of Object.entries(locales)) internals.locales[tag] = extraLocale(json, internals);
  for (const [alias, tag] of Object.entries(aliases)) internals.locales[alias] = internals.locales[tag]!;
}
