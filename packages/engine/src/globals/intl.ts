// Intl for plug-ins: ECMA-402's constructors with English (en-US) data, so
// that date and number libraries give Node's output for en-US. Every locale
// resolves to English; time zones come from the IANA database (./intl-zones.ts).
// Loading this module also routes Date's, Number's, BigInt's and String's
// locale methods through it, as they are in an engine with Intl.
import { canonicalZone, offsetAt, zoneNames } from "./intl-zones.js";
import { ASCII_ORDER, CURRENCIES, CURRENCY_DIGITS, METAZONES, PER_UNITS, RELATIVE, UNITS } from "./intl-data.js";

type Options = Record<string, unknown>;

/** A lookup table: a plain object (a Map would bring the engine's Map and Set into plug-ins that have none). */
function table<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
type Part = { type: string; value: string; unit?: string; source?: string };

const DEFAULT_LOCALE = "en-US";

/** What ./intl-locales.ts gives a locale that a build added (--locales): this module's own code is English. */
export interface ExtraLocale {
  readonly hourCycle: "h11" | "h12" | "h23" | "h24";
  number(o: NumberFormatOptions, value: number | bigint | string): Part[];
  plural(type: "cardinal" | "ordinal", integer: string, fraction: string): string;
  categories(type: "cardinal" | "ordinal"): string[];
  /** The CLDR pattern for the fields or styles, and the fields' widths as it writes them. */
  datePattern(fields: Partial<Record<string, string>>, hourCycle: string | undefined, dateStyle?: string, timeStyle?: string): { pattern: string; fields: Partial<Record<string, string>> };
  /** A date (`local`: its wall-clock time as UTC) in a pattern. */
  formatDate(pattern: string, local: Date, offset: number, fields: Partial<Record<string, string>>): Part[];
  /** [words for -2 to 2 where the locale has them, future patterns by plural category, past ones]. */
  relative(unit: string, style: string): [Record<string, string>, Record<string, string>, Record<string, string>];
  pluralOf(integer: string, fraction: string): string;
  /** [start, middle, end, two] of a list pattern. */
  list(type: string, style: string): string[];
}

/** The locales a build added, by tag (./intl-locales.ts fills it). */
const extraLocales: Record<string, ExtraLocale> = table();

// ---------------------------------------------------------------- locales

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$/i;

function canonicalTag(tag: string): string {
  if (!LANGUAGE_TAG.test(tag)) throw new RangeError(`Incorrect locale information provided: ${tag}`);
  const parts = tag.split("-");
  let singleton = false;
  return parts
    .map((part, i) => {
      if (i === 0 || singleton) return part.toLowerCase();
      if (part.length === 1) {
        singleton = true;
        return part.toLowerCase();
      }
      if (part.length === 4 && /^[a-z]+$/i.test(part)) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      if (part.length === 2 || /^\d{3}$/.test(part)) return part.toUpperCase();
      return part.toLowerCase();
    })
    .join("-");
}

function canonicalizeLocaleList(locales: unknown): string[] {
  if (locales === undefined) return [];
  const list = typeof locales === "string" || locales instanceof Locale ? [locales] : Array.from(locales as ArrayLike<unknown>);
  const seen: string[] = [];
  for (const item of list) {
    if (typeof item !== "string" && !(item instanceof Locale) && (typeof item !== "object" || item === null)) throw new TypeError("Language ID should be string or object.");
    const tag = canonicalTag(item instanceof Locale ? item.toString() : String(item));
    if (!seen.includes(tag)) seen.push(tag);
  }
  return seen;
}

/** The locale a tag resolves to, without extensions: en, en-US, or the added locale the tag or a prefix of it names (de-AT to de). */
function availableLocale(tag: string): string | undefined {
  const base = tag.split(/-[a-z]-/)[0]!;
  if (base === "en" || base === "en-US") return base;
  for (let candidate = base; candidate; candidate = candidate.slice(0, Math.max(0, candidate.lastIndexOf("-")))) if (extraLocales[candidate]) return candidate;
  return undefined;
}

/** The locale an object resolves to: the first one asked for that is available, else en-US. */
function resolveLocale(locales: unknown): string {
  for (const tag of canonicalizeLocaleList(locales)) {
    const found = availableLocale(tag);
    if (found) return found;
  }
  return DEFAULT_LOCALE;
}

function supportedLocalesOf(locales: unknown): string[] {
  return canonicalizeLocaleList(locales).filter((tag) => /^en(?:-|$)/.test(tag) || availableLocale(tag) !== undefined);
}

function toObject(options: unknown): Options {
  if (options === undefined) return Object.create(null) as Options;
  if (options === null) throw new TypeError("Cannot convert undefined or null to object");
  return Object(options) as Options;
}

function getOption<T extends string>(options: Options, name: string, values: readonly T[] | undefined, fallback: T): T;
function getOption<T extends string>(options: Options, name: string, values: readonly T[] | undefined, fallback: T | undefined): T | undefined;
function getOption<T extends string>(options: Options, name: string, values: readonly T[] | undefined, fallback: T | undefined): T | undefined {
  const value = options[name];
  if (value === undefined) return fallback;
  const text = String(value) as T;
  if (values && !values.includes(text)) throw new RangeError(`Value ${text} out of range for Intl options property ${name}`);
  return text;
}

function getBoolean(options: Options, name: string): boolean | undefined {
  const value = options[name];
  return value === undefined ? undefined : Boolean(value);
}

function getNumber(options: Options, name: string, min: number, max: number, fallback: number | undefined): number | undefined {
  const value = options[name];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (Number.isNaN(n) || n < min || n > max) throw new RangeError(`${name} value is out of range.`);
  return Math.floor(n);
}

/** A constructor that can also be called without `new`, as ECMA-402's can. */
function callable<T extends new (...args: never[]) => object>(implementation: T, name: string): T {
  const wrapper = function (this: unknown, ...args: unknown[]) {
    return Reflect.construct(implementation, args, new.target ?? implementation);
  } as unknown as T;
  Object.defineProperty(wrapper, "name", { value: name });
  Object.defineProperty(wrapper, "length", { value: 0 });
  wrapper.prototype = implementation.prototype;
  Object.defineProperty(implementation.prototype, "constructor", { value: wrapper, writable: true, configurable: true });
  Object.defineProperty(implementation.prototype, Symbol.toStringTag, { value: `Intl.${name}`, configurable: true });
  (wrapper as unknown as { supportedLocalesOf: unknown }).supportedLocalesOf = supportedLocalesOf;
  return wrapper;
}

// ---------------------------------------------------------------- numbers

/** A decimal: digits without leading or trailing zeros, and how many of them are before the point. */
interface Decimal {
  negative: boolean;
  digits: string;
  point: number;
}

function decimalOf(value: number | bigint | string): Decimal {
  if (typeof value === "bigint") {
    const text = (value < 0n ? -value : value).toString();
    const digits = text.replace(/0+$/, "");
    return { negative: value < 0n, digits, point: text.length };
  }
  if (typeof value === "string") {
    const match = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?\s*$/i.exec(value);
    if (match && (match[2] || match[3])) {
      const whole = (match[2] ?? "") + (match[3] ?? "");
      const lead = whole.length - whole.replace(/^0+/, "").length;
      const digits = whole.slice(lead).replace(/0+$/, "");
      return { negative: match[1] === "-", digits, point: (match[2] ?? "").length - lead + Number(match[4] ?? 0) };
    }
    return decimalOf(Number(value));
  }
  const [mantissa, exponent] = Math.abs(value).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "").replace(/0+$/, "");
  return { negative: value < 0 || Object.is(value, -0), digits, point: Number(exponent) + 1 };
}

type RoundingMode = "ceil" | "floor" | "expand" | "trunc" | "halfCeil" | "halfFloor" | "halfExpand" | "halfTrunc" | "halfEven";

/** The decimal rounded to `keep` digits from its start. */
function roundDigits(d: Decimal, keep: number, mode: RoundingMode): Decimal {
  if (d.digits.length <= keep) return d;
  if (keep < 0) return { ...d, digits: "", point: d.point };
  const kept = d.digits.slice(0, keep);
  const rest = d.digits.slice(keep);
  const first = Number(rest[0]);
  const beyondHalf = first > 5 || (first === 5 && /[1-9]/.test(rest.slice(1)));
  const half = first === 5 && !beyondHalf;
  const odd = kept.length > 0 && Number(kept[kept.length - 1]) % 2 === 1;
  const away: boolean = (() => {
    switch (mode) {
      case "ceil":
        return !d.negative;
      case "floor":
        return d.negative;
      case "expand":
        return true;
      case "trunc":
        return false;
      case "halfCeil":
        return beyondHalf || (half && !d.negative);
      case "halfFloor":
        return beyondHalf || (half && d.negative);
      case "halfTrunc":
        return beyondHalf;
      case "halfEven":
        return beyondHalf || (half && odd);
      default:
        return beyondHalf || half;
    }
  })();
  if (!away) return { ...d, digits: kept.replace(/0+$/, "") };
  // Add one at the last kept digit.
  const chars = kept.split("");
  let i = chars.length - 1;
  while (i >= 0 && chars[i] === "9") chars[i--] = "0";
  if (i < 0) return { ...d, digits: ("1" + chars.join("")).replace(/0+$/, ""), point: d.point + 1 };
  chars[i] = String(Number(chars[i]) + 1);
  return { ...d, digits: chars.join("").replace(/0+$/, "") };
}

interface Digits {
  minimumIntegerDigits: number;
  minimumFractionDigits?: number;
  maximumFractionDigits?: number;
  minimumSignificantDigits?: number;
  maximumSignificantDigits?: number;
  roundingPriority: "auto" | "morePrecision" | "lessPrecision";
  roundingMode: RoundingMode;
  trailingZeroDisplay: "auto" | "stripIfInteger";
}

interface Rounded {
  decimal: Decimal;
  /** Digits after the point to show (trailing zeros included). */
  fraction: number;
}

function roundBy(d: Decimal, options: Digits, significant: boolean): Rounded & { magnitude: number } {
  if (significant) {
    const r = roundDigits(d, options.maximumSignificantDigits!, options.roundingMode);
    const shown = Math.max(options.minimumSignificantDigits!, r.digits.length);
    return { decimal: r, fraction: Math.max(0, shown - r.point), magnitude: r.point - options.maximumSignificantDigits! };
  }
  const r = roundDigits(d, d.point + options.maximumFractionDigits!, options.roundingMode);
  const fraction = Math.max(options.minimumFractionDigits!, r.digits.length ? r.digits.length - r.point : 0);
  return { decimal: r, fraction: Math.max(0, fraction), magnitude: -options.maximumFractionDigits! };
}

function round(d: Decimal, options: Digits): Rounded {
  const hasSignificant = options.maximumSignificantDigits !== undefined;
  const hasFraction = options.maximumFractionDigits !== undefined;
  let result: Rounded;
  if (options.roundingPriority === "auto" || !hasSignificant || !hasFraction) result = roundBy(d, options, hasSignificant);
  else {
    const bySignificant = roundBy(d, options, true);
    const byFraction = roundBy(d, options, false);
    const preferSignificant = options.roundingPriority === "morePrecision" ? bySignificant.magnitude <= byFraction.magnitude : bySignificant.magnitude > byFraction.magnitude;
    result = preferSignificant ? bySignificant : byFraction;
  }
  if (options.trailingZeroDisplay === "stripIfInteger" && (result.decimal.digits === "" || result.decimal.digits.length <= result.decimal.point)) result = { ...result, fraction: 0 };
  if (result.decimal.digits === "") result = { decimal: { ...result.decimal, point: 1 }, fraction: result.fraction };
  return result;
}

/** Integer and fraction digit strings of a rounded decimal. */
function digitStrings({ decimal, fraction }: Rounded, minimumIntegerDigits: number): [string, string] {
  const { digits, point } = decimal;
  let integer = point <= 0 ? "0" : digits.slice(0, point).padEnd(point, "0");
  integer = integer.replace(/^0+(?=\d)/, "").padStart(minimumIntegerDigits, "0");
  const after = point < 0 ? "0".repeat(-point) + digits : digits.slice(Math.max(0, point));
  return [integer, after.padEnd(fraction, "0").slice(0, Math.max(fraction, after.length))];
}

function isZero(d: Decimal): boolean {
  return d.digits === "";
}

const COMPACT_SHORT = ["", "K", "M", "B", "T"];
const COMPACT_LONG = ["", "thousand", "million", "billion", "trillion"];

interface CurrencyInfo {
  symbol: string;
  narrow: string;
  one: string;
  other: string;
}
let currencyTable: Record<string, CurrencyInfo> | undefined;
function currencyInfo(code: string): CurrencyInfo {
  if (!currencyTable) {
    currencyTable = table();
    for (const row of CURRENCIES.split(";")) {
      const [c, symbol, narrow, one, other] = row.split(",") as [string, string, string, string, string];
      currencyTable[c] = { symbol: symbol || c, narrow: narrow || symbol || c, one, other: other || `${one}s` };
    }
  }
  return currencyTable[code] ?? { symbol: code, narrow: code, one: code, other: code };
}

let unitTable: Record<string, string[]> | undefined;
/** [short one, short other, long one, long other, narrow one, narrow other], each the text after the number. */
function simpleUnit(unit: string): string[] | undefined {
  if (!unitTable) {
    unitTable = table();
    for (const row of UNITS.split(";")) {
      const colon = row.indexOf(":");
      const f = row.slice(colon + 1).split(",");
      const shortOne = f[0]!;
      const shortOther = f[1] || shortOne;
      const longOne = f[2]!;
      const longOther = f[3] || longOne;
      const narrowOne = f[4] === "=" ? shortOne : f[4]!;
      const narrowOther = f[5] || (f[4] === "=" ? shortOther : narrowOne);
      unitTable[row.slice(0, colon)] = [shortOne, shortOther, longOne, longOther, narrowOne, narrowOther];
    }
  }
  return unitTable[unit];
}

const SPECIAL_PER: Record<string, string[]> = {
  "mile-per-gallon": [" mpg", " mpg", " mile per gallon", " miles per gallon", "mpg", "mpg"],
  "mile-per-hour": [" mph", " mph", " mile per hour", " miles per hour", "mph", "mph"],
};

function unitForms(unit: string): string[] | undefined {
  const simple = simpleUnit(unit);
  if (simple) return simple;
  if (SPECIAL_PER[unit]) return SPECIAL_PER[unit];
  const per = /^([a-z-]+?)-per-([a-z-]+)$/.exec(unit);
  if (!per) return undefined;
  const top = simpleUnit(per[1]!);
  const bottom = simpleUnit(per[2]!);
  if (!top || !bottom) return undefined;
  const shortBottom = PER_UNITS[per[2]!] ?? bottom[0]!.trim();
  const narrowBottom = PER_UNITS[per[2]!] ?? bottom[4]!.trim();
  return [`${top[0]}/${shortBottom}`, `${top[0]}/${shortBottom}`, `${top[2]} per${bottom[2]}`, `${top[3]} per${bottom[2]}`, `${top[4]}/${narrowBottom}`, `${top[4]}/${narrowBottom}`];
}

function isSanctionedUnit(unit: string): boolean {
  return unitForms(unit) !== undefined && (simpleUnit(unit) !== undefined || /^[a-z-]+-per-[a-z-]+$/.test(unit));
}

type NumberFormatOptions = Digits & {
  locale: string;
  numberingSystem: string;
  style: "decimal" | "percent" | "currency" | "unit";
  currency?: string;
  currencyDisplay?: string;
  currencySign?: string;
  unit?: string;
  unitDisplay?: string;
  notation: "standard" | "scientific" | "engineering" | "compact";
  compactDisplay?: "short" | "long";
  useGrouping: "auto" | "always" | "min2" | false;
  signDisplay: "auto" | "never" | "always" | "exceptZero" | "negative";
  roundingIncrement: number;
};

function setDigitOptions(target: Digits, options: Options, defaultMin: number, defaultMax: number, notation: string): void {
  target.minimumIntegerDigits = getNumber(options, "minimumIntegerDigits", 1, 21, 1)!;
  const mnfd = options.minimumFractionDigits;
  const mxfd = options.maximumFractionDigits;
  const mnsd = options.minimumSignificantDigits;
  const mxsd = options.maximumSignificantDigits;
  const roundingPriority = getOption(options, "roundingPriority", ["auto", "morePrecision", "lessPrecision"] as const, "auto");
  const hasSd = mnsd !== undefined || mxsd !== undefined;
  const hasFd = mnfd !== undefined || mxfd !== undefined;
  let needSd = true;
  let needFd = true;
  if (roundingPriority === "auto") {
    needSd = hasSd;
    if (needSd || (!hasFd && notation === "compact")) needFd = false;
  }
  if (needSd) {
    if (hasSd) {
      target.minimumSignificantDigits = getNumber(options, "minimumSignificantDigits", 1, 21, 1)!;
      target.maximumSignificantDigits = getNumber(options, "maximumSignificantDigits", target.minimumSignificantDigits, 21, 21)!;
    } else {
      target.minimumSignificantDigits = 1;
      target.maximumSignificantDigits = 21;
    }
  }
  if (needFd) {
    if (hasFd) {
      let min = getNumber(options, "minimumFractionDigits", 0, 100, undefined);
      let max = getNumber(options, "maximumFractionDigits", 0, 100, undefined);
      if (min === undefined) min = Math.min(defaultMin, max!);
      else if (max === undefined) max = Math.max(defaultMax, min);
      else if (min > max) throw new RangeError("maximumFractionDigits value is out of range.");
      target.minimumFractionDigits = min;
      target.maximumFractionDigits = max;
    } else {
      target.minimumFractionDigits = defaultMin;
      target.maximumFractionDigits = defaultMax;
    }
  }
  if (!needSd && !needFd) {
    target.minimumFractionDigits = 0;
    target.maximumFractionDigits = 0;
    target.minimumSignificantDigits = 1;
    target.maximumSignificantDigits = 2;
    target.roundingPriority = "morePrecision";
  } else target.roundingPriority = roundingPriority;
}

class NumberFormatImpl {
  #options: NumberFormatOptions;
  #bound?: (value: unknown) => string;

  constructor(locales?: unknown, options?: unknown) {
    const o = toObject(options);
    const resolved = { locale: resolveLocale(locales), numberingSystem: "latn" } as NumberFormatOptions;
    getOption(o, "localeMatcher", ["lookup", "best fit"] as const, "best fit");
    resolved.style = getOption(o, "style", ["decimal", "percent", "currency", "unit"] as const, "decimal");
    const currency = getOption(o, "currency", undefined, undefined);
    if (currency !== undefined && !/^[a-z]{3}$/i.test(currency)) throw new RangeError(`Invalid currency code : ${currency}`);
    const currencyDisplay = getOption(o, "currencyDisplay", ["code", "symbol", "narrowSymbol", "name"] as const, "symbol");
    const currencySign = getOption(o, "currencySign", ["standard", "accounting"] as const, "standard");
    const unit = getOption(o, "unit", undefined, undefined);
    if (unit !== undefined && !isSanctionedUnit(unit)) throw new RangeError(`Invalid unit argument for Intl.NumberFormat() '${unit}'`);
    const unitDisplay = getOption(o, "unitDisplay", ["short", "narrow", "long"] as const, "short");
    if (resolved.style === "currency") {
      if (currency === undefined) throw new TypeError("Currency code is required with currency style.");
      resolved.currency = currency.toUpperCase();
      resolved.currencyDisplay = currencyDisplay;
      resolved.currencySign = currencySign;
    }
    if (resolved.style === "unit") {
      if (unit === undefined) throw new TypeError("Unit is required with unit style.");
      resolved.unit = unit;
      resolved.unitDisplay = unitDisplay;
      // Unit names are English's only: an added locale resolves to en-US for them, as a locale without the data would.
      if (extraLocales[resolved.locale]) resolved.locale = DEFAULT_LOCALE;
    }
    resolved.notation = getOption(o, "notation", ["standard", "scientific", "engineering", "compact"] as const, "standard");
    const currencyDigits = resolved.style === "currency" ? (CURRENCY_DIGITS[resolved.currency!] ?? 2) : undefined;
    const defaultMin = currencyDigits ?? 0;
    const defaultMax = currencyDigits ?? (resolved.style === "percent" ? 0 : 3);
    setDigitOptions(resolved, o, defaultMin, defaultMax, resolved.notation);
    resolved.roundingIncrement = getNumber(o, "roundingIncrement", 1, 5000, 1)!;
    resolved.roundingMode = getOption(o, "roundingMode", ["ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfExpand", "halfTrunc", "halfEven"] as const, "halfExpand");
    resolved.trailingZeroDisplay = getOption(o, "trailingZeroDisplay", ["auto", "stripIfInteger"] as const, "auto");
    resolved.compactDisplay = getOption(o, "compactDisplay", ["short", "long"] as const, "short");
    const grouping = o.useGrouping;
    const defaultGrouping = resolved.notation === "compact" ? "min2" : "auto";
    if (grouping === undefined) resolved.useGrouping = defaultGrouping;
    else if (grouping === true) resolved.useGrouping = "always";
    else if (grouping === false || grouping === null || grouping === "" || grouping === 0) resolved.useGrouping = false;
    else {
      const text = String(grouping);
      if (text === "true" || text === "false") resolved.useGrouping = defaultGrouping;
      else if (text === "min2" || text === "auto" || text === "always") resolved.useGrouping = text;
      else throw new RangeError(`Value ${text} out of range for Intl.NumberFormat options property useGrouping`);
    }
    resolved.signDisplay = getOption(o, "signDisplay", ["auto", "never", "always", "exceptZero", "negative"] as const, "auto");
    this.#options = resolved;
  }

  get format(): (value: unknown) => string {
    return (this.#bound ??= (value: unknown) => this.formatToParts(value).map((part) => part.value).join(""));
  }

  formatToParts(value?: unknown): Part[] {
    return formatNumberParts(this.#options, toNumeric(value));
  }

  formatRange(start: unknown, end: unknown): string {
    return this.formatRangeToParts(start, end)
      .map((part) => part.value)
      .join("");
  }

  formatRangeToParts(start: unknown, end: unknown): Part[] {
    if (start === undefined || end === undefined) throw new TypeError("start or end is undefined");
    const a = this.formatToParts(start);
    const b = this.formatToParts(end);
    if (a.map((p) => p.value).join("") === b.map((p) => p.value).join("")) return [{ type: "approximatelySign", value: "~", source: "shared" }, ...a.map((p) => ({ ...p, source: "shared" }))];
    // Spaced when either side has more than digits and signs ("$3.00 – $5.00", "3–5").
    const spaced = [...a, ...b].some((p) => !["integer", "group", "decimal", "fraction", "minusSign", "plusSign"].includes(p.type));
    return [...a.map((p) => ({ ...p, source: "startRange" })), { type: "literal", value: spaced ? " – " : "–", source: "shared" }, ...b.map((p) => ({ ...p, source: "endRange" }))];
  }

  resolvedOptions(): Options {
    const o = this.#options;
    const out: Options = { locale: o.locale, numberingSystem: o.numberingSystem, style: o.style };
    if (o.style === "currency") Object.assign(out, { currency: o.currency, currencyDisplay: o.currencyDisplay, currencySign: o.currencySign });
    if (o.style === "unit") Object.assign(out, { unit: o.unit, unitDisplay: o.unitDisplay });
    out.minimumIntegerDigits = o.minimumIntegerDigits;
    if (o.minimumSignificantDigits !== undefined) Object.assign(out, { minimumSignificantDigits: o.minimumSignificantDigits, maximumSignificantDigits: o.maximumSignificantDigits });
    if (o.minimumFractionDigits !== undefined) Object.assign(out, { minimumFractionDigits: o.minimumFractionDigits, maximumFractionDigits: o.maximumFractionDigits });
    out.useGrouping = o.useGrouping;
    out.notation = o.notation;
    if (o.notation === "compact") out.compactDisplay = o.compactDisplay;
    out.signDisplay = o.signDisplay;
    out.roundingMode = o.roundingMode;
    out.roundingIncrement = o.roundingIncrement;
    out.trailingZeroDisplay = o.trailingZeroDisplay;
    out.roundingPriority = o.roundingPriority;
    return out;
  }
}

function toNumeric(value: unknown): number | bigint | string {
  if (typeof value === "bigint") return value;
  if (typeof value === "string") return value;
  const primitive = typeof value === "object" && value !== null ? value.valueOf() : value;
  return typeof primitive === "bigint" ? primitive : Number(primitive);
}

function groupInteger(integer: string, grouping: NumberFormatOptions["useGrouping"]): string[] {
  if (grouping === false || integer.length <= 3 || (grouping === "min2" && integer.length < 5)) return [integer];
  const groups: string[] = [];
  let end = integer.length;
  while (end > 0) {
    groups.unshift(integer.slice(Math.max(0, end - 3), end));
    end -= 3;
  }
  return groups;
}

function pluralOne(integer: string, fraction: string): boolean {
  return integer === "1" && fraction === "";
}

function formatNumberParts(o: NumberFormatOptions, value: number | bigint | string): Part[] {
  const extra = extraLocales[o.locale];
  if (extra) return extra.number(o, value);
  const parts: Part[] = [];
  const numeric = typeof value === "string" ? Number(value) : value;
  let negative: boolean;
  let body: Part[];
  let one = false;
  let isNegativeZero = false;
  if (typeof numeric === "number" && !Number.isFinite(numeric)) {
    negative = numeric < 0;
    body = [Number.isNaN(numeric) ? { type: "nan", value: "NaN" } : { type: "infinity", value: "∞" }];
    // NaN takes a sign as zero does.
    isNegativeZero = Number.isNaN(numeric);
  } else {
    let d = decimalOf(typeof value === "string" && /^\s*[+-]?(?:\d|\.\d)/.test(value) ? value : numeric);
    negative = d.negative;
    if (o.style === "percent") d = { ...d, point: d.point + 2 };
    body = [];
    let exponent = 0;
    let suffix: Part[] = [];
    if (o.notation === "scientific" || o.notation === "engineering") {
      const step = o.notation === "engineering" ? 3 : 1;
      const magnitude = isZero(d) ? 0 : d.point - 1;
      exponent = Math.floor(magnitude / step) * step;
      let r = round({ ...d, point: d.point - exponent }, o);
      if (!isZero(r.decimal) && r.decimal.point - 1 >= step) {
        exponent += step;
        r = round({ ...d, point: d.point - exponent }, o);
      }
      const [integer, fraction] = digitStrings(r, o.minimumIntegerDigits);
      one = pluralOne(integer, fraction) && exponent === 0;
      pushDigits(body, integer, fraction, o.useGrouping);
      body.push({ type: "exponentSeparator", value: "E" });
      if (exponent < 0) body.push({ type: "exponentMinusSign", value: "-" });
      body.push({ type: "exponentInteger", value: String(Math.abs(exponent)) });
      d = r.decimal;
    } else {
      let r = round(d, o);
      if (o.notation === "compact") {
        const magnitudeOf = (x: Decimal) => (isZero(x) ? 0 : x.point - 1);
        let level = Math.min(4, Math.max(0, Math.floor(magnitudeOf(d) / 3)));
        r = round({ ...d, point: d.point - level * 3 }, o);
        if (level < 4 && magnitudeOf(r.decimal) + level * 3 >= (level + 1) * 3) {
          level++;
          r = round({ ...d, point: d.point - level * 3 }, o);
        }
        // Amounts of money with a symbol or code are "$1.2K" whatever compactDisplay says.
        if (level > 0) suffix = o.compactDisplay === "long" && (o.style !== "currency" || o.currencyDisplay === "name") ? [{ type: "literal", value: " " }, { type: "compact", value: COMPACT_LONG[level]! }] : [{ type: "compact", value: COMPACT_SHORT[level]! }];
      }
      const [integer, fraction] = digitStrings(r, o.minimumIntegerDigits);
      one = pluralOne(integer, fraction) && !suffix.length;
      pushDigits(body, integer, fraction, o.useGrouping);
      body.push(...suffix);
      d = r.decimal;
    }
    isNegativeZero = isZero(d);
  }
  // The sign: shown or not by signDisplay, and whether the number is zero after rounding.
  let sign = "";
  switch (o.signDisplay) {
    case "auto":
      sign = negative ? "-" : "";
      break;
    case "always":
      sign = negative ? "-" : "+";
      break;
    case "exceptZero":
      sign = isNegativeZero ? "" : negative ? "-" : "+";
      break;
    case "negative":
      sign = negative && !isNegativeZero ? "-" : "";
      break;
    default:
      sign = "";
  }
  const signPart: Part[] = sign ? [{ type: sign === "-" ? "minusSign" : "plusSign", value: sign }] : [];
  if (o.style === "percent") body.push({ type: "percentSign", value: "%" });
  if (o.style === "currency") {
    const info = currencyInfo(o.currency!);
    if (o.currencyDisplay === "name") {
      parts.push(...signPart, ...body, { type: "literal", value: " " }, { type: "currency", value: one ? info.one : info.other });
      return parts;
    }
    const symbol = o.currencyDisplay === "code" ? o.currency! : o.currencyDisplay === "narrowSymbol" ? info.narrow : info.symbol;
    const spaced = /[A-Za-z]$/.test(symbol) && body[0]?.type !== "nan" && body[0]?.type !== "infinity" ? [{ type: "literal", value: "\u00a0" }] : [];
    const core = [{ type: "currency", value: symbol }, ...spaced, ...body];
    if (o.currencySign === "accounting" && sign === "-") return [{ type: "literal", value: "(" }, ...core, { type: "literal", value: ")" }];
    return [...signPart, ...core];
  }
  if (o.style === "unit") {
    const forms = unitForms(o.unit!)!;
    const index = (o.unitDisplay === "long" ? 2 : o.unitDisplay === "narrow" ? 4 : 0) + (one ? 0 : 1);
    const text = forms[index]!;
    const spaceLength = text.length - text.trimStart().length;
    return [...signPart, ...body, ...(spaceLength ? [{ type: "literal", value: text.slice(0, spaceLength) }] : []), { type: "unit", value: text.slice(spaceLength) }];
  }
  return [...signPart, ...body];
}

function pushDigits(parts: Part[], integer: string, fraction: string, grouping: NumberFormatOptions["useGrouping"]): void {
  groupInteger(integer, grouping).forEach((group, i) => {
    if (i > 0) parts.push({ type: "group", value: "," });
    parts.push({ type: "integer", value: group });
  });
  if (fraction) parts.push({ type: "decimal", value: "." }, { type: "fraction", value: fraction });
}

export const NumberFormat = callable(NumberFormatImpl, "NumberFormat");

// ---------------------------------------------------------------- plural rules

class PluralRulesImpl {
  #type: "cardinal" | "ordinal";
  #format: NumberFormatImpl;
  #locale: string;

  constructor(locales?: unknown, options?: unknown) {
    const o = toObject(options);
    this.#locale = resolveLocale(locales);
    getOption(o, "localeMatcher", ["lookup", "best fit"] as const, "best fit");
    this.#type = getOption(o, "type", ["cardinal", "ordinal"] as const, "cardinal");
    this.#format = new NumberFormatImpl(this.#locale, { ...o, style: "decimal", notation: "standard", useGrouping: false });
  }

  select(value: unknown): string {
    const n = Number(value);
    if (!Number.isFinite(n)) return "other";
    const parts = this.#format.formatToParts(Math.abs(n));
    const integer = parts.filter((p) => p.type === "integer").map((p) => p.value).join("");
    const fraction = parts.find((p) => p.type === "fraction")?.value ?? "";
    const extra = extraLocales[this.#locale];
    if (extra) return extra.plural(this.#type, integer, fraction);
    if (this.#type === "cardinal") return pluralOne(integer, fraction) ? "one" : "other";
    if (fraction !== "") return "other";
    const tens = Number(integer.slice(-2));
    const ones = tens % 10;
    if (ones === 1 && tens !== 11) return "one";
    if (ones === 2 && tens !== 12) return "two";
    if (ones === 3 && tens !== 13) return "few";
    return "other";
  }

  selectRange(start: unknown, end: unknown): string {
    if (start === undefined || end === undefined) throw new TypeError("start or end is undefined");
    return this.select(end);
  }

  resolvedOptions(): Options {
    const digits = this.#format.resolvedOptions();
    // Plural rules are per language: ICU resolves en-US to en, de-DE to de.
    const extra = extraLocales[this.#locale];
    const out: Options = { locale: extra ? this.#locale.split("-")[0] : this.#locale.replace(/-US$/, ""), type: this.#type };
    for (const key of ["minimumIntegerDigits", "minimumFractionDigits", "maximumFractionDigits", "minimumSignificantDigits", "maximumSignificantDigits"]) if (key in digits) out[key] = digits[key];
    out.pluralCategories = extra ? extra.categories(this.#type) : this.#type === "cardinal" ? ["one", "other"] : ["few", "one", "two", "other"];
    return out;
  }
}

export const PluralRules = callable(PluralRulesImpl, "PluralRules");

// ---------------------------------------------------------------- dates

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const DATE_FIELDS = ["weekday", "era", "year", "month", "day", "dayPeriod", "hour", "minute", "second", "fractionalSecondDigits", "timeZoneName"] as const;
type DateField = (typeof DATE_FIELDS)[number];

interface DateTimeFormatOptions {
  locale: string;
  calendar: string;
  numberingSystem: string;
  timeZone: string;
  hourCycle?: "h11" | "h12" | "h23" | "h24";
  dateStyle?: string;
  timeStyle?: string;
  fields: Partial<Record<DateField, string>>;
  /** The pattern: field letters and literals, as tokens. */
  pattern: Array<DateField | { literal: string }>;
  /** An added locale's CLDR pattern. */
  cldr?: string;
}

function ordinalFields(options: Options, required: "date" | "time" | "any", defaults: "date" | "time" | "all"): boolean {
  let needDefaults = true;
  if (required === "date" || required === "any") for (const f of ["weekday", "year", "month", "day"]) if (options[f] !== undefined) needDefaults = false;
  if (required === "time" || required === "any") for (const f of ["dayPeriod", "hour", "minute", "second", "fractionalSecondDigits"]) if (options[f] !== undefined) needDefaults = false;
  if (options.dateStyle !== undefined || options.timeStyle !== undefined) needDefaults = false;
  if (required === "date" && options.timeStyle !== undefined) throw new TypeError("Invalid option : timeStyle");
  if (required === "time" && options.dateStyle !== undefined) throw new TypeError("Invalid option : dateStyle");
  return needDefaults && (defaults === "date" || defaults === "all" || defaults === "time");
}

/** en-US's date pattern for the fields asked for, as tokens. */
function datePattern(f: Partial<Record<DateField, string>>, hourCycle: string | undefined): Array<DateField | { literal: string }> {
  const tokens: Array<DateField | { literal: string }> = [];
  const lit = (literal: string) => tokens.push({ literal });
  const textMonth = f.month === "short" || f.month === "long" || f.month === "narrow";
  // The date.
  const date: Array<DateField | { literal: string }> = [];
  const push = (...items: Array<DateField | string>) => items.forEach((item) => date.push(DATE_FIELDS.includes(item as DateField) ? (item as DateField) : { literal: item }));
  if (f.weekday && (f.month || f.day || f.year)) push("weekday", ", ");
  else if (f.weekday) push("weekday");
  if (textMonth) {
    if (f.month && f.day && f.year) push("month", " ", "day", ", ", "year");
    else if (f.month && f.day) push("month", " ", "day");
    else if (f.month && f.year) push("month", " ", "year");
    else if (f.month) push("month");
    else if (f.day) push("day");
    else if (f.year) push("year");
  } else {
    const numeric = [f.month && "month", f.day && "day", f.year && "year"].filter(Boolean) as DateField[];
    numeric.forEach((field, i) => push(...(i > 0 ? ["/", field] : [field])));
  }
  if (f.era) push(...(date.length ? [" ", "era"] : ["era"]));
  // The time.
  const time: Array<DateField | { literal: string }> = [];
  const pushTime = (...items: Array<DateField | string>) => items.forEach((item) => time.push(DATE_FIELDS.includes(item as DateField) ? (item as DateField) : { literal: item }));
  const twelve = hourCycle === "h12" || hourCycle === "h11";
  if (f.hour) {
    pushTime("hour");
    if (f.minute) pushTime(":", "minute");
    if (f.second) pushTime(":", "second");
    if (f.fractionalSecondDigits && f.second) pushTime(".", "fractionalSecondDigits");
    // ICU puts a narrow no-break space before AM/PM.
    if (twelve) pushTime(f.dayPeriod ? " " : "\u202f", "dayPeriod");
  } else {
    if (f.minute) pushTime("minute");
    if (f.second) pushTime(...(f.minute ? [":", "second"] : ["second"]));
    if (f.fractionalSecondDigits) pushTime(...(f.second ? [".", "fractionalSecondDigits"] : ["fractionalSecondDigits"]));
    if (f.dayPeriod) pushTime(...(time.length ? [" ", "dayPeriod"] : ["dayPeriod"]));
  }
  // CLDR's "HH'h' z" for a 24-hour hour with a zone.
  if (f.timeZoneName && time.length) pushTime(f.hour && !f.minute && !twelve ? "h " : " ", "timeZoneName");
  tokens.push(...date);
  // "Thursday 11 AM", "July 4 at 11 AM", "7/4, 11 AM"; a zone name without a time is joined as a time.
  const joiner = date.length === 1 && date[0] === "weekday" && !f.timeZoneName ? " " : f.month === "long" ? " at " : ", ";
  if (date.length && time.length) lit(joiner);
  tokens.push(...time);
  if (f.timeZoneName && !time.length) {
    if (tokens.length) lit(joiner);
    tokens.push("timeZoneName");
  }
  return tokens;
}

const DATE_STYLES: Record<string, Partial<Record<DateField, string>>> = {
  full: { weekday: "long", year: "numeric", month: "long", day: "numeric" },
  long: { year: "numeric", month: "long", day: "numeric" },
  medium: { year: "numeric", month: "short", day: "numeric" },
  short: { year: "2-digit", month: "numeric", day: "numeric" },
};
const TIME_STYLES: Record<string, Partial<Record<DateField, string>>> = {
  full: { hour: "numeric", minute: "2-digit", second: "2-digit", timeZoneName: "long" },
  long: { hour: "numeric", minute: "2-digit", second: "2-digit", timeZoneName: "short" },
  medium: { hour: "numeric", minute: "2-digit", second: "2-digit" },
  short: { hour: "numeric", minute: "2-digit" },
};

class DateTimeFormatImpl {
  #o: DateTimeFormatOptions;
  #bound?: (date?: unknown) => string;

  constructor(locales?: unknown, options?: unknown, required: "date" | "time" | "any" = "any", defaults: "date" | "time" | "all" = "date") {
    const raw = toObject(options);
    const o = { locale: resolveLocale(locales), calendar: "gregory", numberingSystem: "latn", fields: {} } as DateTimeFormatOptions;
    getOption(raw, "localeMatcher", ["lookup", "best fit"] as const, "best fit");
    const calendar = getOption(raw, "calendar", undefined, undefined);
    if (calendar !== undefined && !/^[a-z\d]{3,8}(?:-[a-z\d]{3,8})*$/i.test(calendar)) throw new RangeError(`Invalid calendar : ${calendar}`);
    const numberingSystem = getOption(raw, "numberingSystem", undefined, undefined);
    if (numberingSystem !== undefined && !/^[a-z\d]{3,8}(?:-[a-z\d]{3,8})*$/i.test(numberingSystem)) throw new RangeError(`Invalid numberingSystem : ${numberingSystem}`);
    const hour12 = getBoolean(raw, "hour12");
    let hourCycle = getOption(raw, "hourCycle", ["h11", "h12", "h23", "h24"] as const, undefined);
    const zoneOption = raw.timeZone;
    if (zoneOption === undefined) o.timeZone = "UTC";
    else {
      const zone = canonicalZone(String(zoneOption));
      if (zone === undefined) throw new RangeError(`Invalid time zone specified: ${String(zoneOption)}`);
      o.timeZone = zone;
    }
    const values: Record<string, readonly string[]> = {
      weekday: ["narrow", "short", "long"],
      era: ["narrow", "short", "long"],
      year: ["2-digit", "numeric"],
      month: ["2-digit", "numeric", "narrow", "short", "long"],
      day: ["2-digit", "numeric"],
      dayPeriod: ["narrow", "short", "long"],
      hour: ["2-digit", "numeric"],
      minute: ["2-digit", "numeric"],
      second: ["2-digit", "numeric"],
      timeZoneName: ["short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"],
    };
    for (const field of DATE_FIELDS) {
      if (field === "fractionalSecondDigits") {
        const digits = getNumber(raw, field, 1, 3, undefined);
        if (digits !== undefined) o.fields[field] = String(digits);
      } else {
        const value = getOption(raw, field, values[field], undefined);
        if (value !== undefined) o.fields[field] = value;
      }
    }
    getOption(raw, "formatMatcher", ["basic", "best fit"] as const, "best fit");
    const dateStyle = getOption(raw, "dateStyle", ["full", "long", "medium", "short"] as const, undefined);
    const timeStyle = getOption(raw, "timeStyle", ["full", "long", "medium", "short"] as const, undefined);
    if ((dateStyle || timeStyle) && Object.keys(o.fields).length > 0) {
      throw new TypeError(`Can't set option ${Object.keys(o.fields)[0]} when ${dateStyle ? "dateStyle" : "timeStyle"} is used`);
    }
    if (ordinalFields(raw, required, defaults)) {
      if (defaults === "date" || defaults === "all") Object.assign(o.fields, { year: "numeric", month: "numeric", day: "numeric" });
      if (defaults === "time" || defaults === "all") Object.assign(o.fields, { hour: "numeric", minute: "numeric", second: "numeric" });
    }
    let fields = o.fields;
    if (dateStyle || timeStyle) {
      o.dateStyle = dateStyle;
      o.timeStyle = timeStyle;
      fields = { ...(dateStyle ? DATE_STYLES[dateStyle] : {}), ...(timeStyle ? TIME_STYLES[timeStyle] : {}) };
    }
    // The hour cycle: the locale's (h12 in English) unless hour12 or hourCycle say otherwise (hour12 wins,
    // with the 12- or 24-hour cycle that counts from 0 where the locale's does).
    const extra = extraLocales[o.locale];
    const localeCycle = extra?.hourCycle ?? "h12";
    const fromZero = localeCycle === "h11" || localeCycle === "h23";
    if (hour12 !== undefined) hourCycle = hour12 ? (fromZero ? "h11" : "h12") : fromZero ? "h23" : "h24";
    if (fields.hour) o.hourCycle = hourCycle ?? localeCycle;
    if (extra) {
      const chosen = extra.datePattern(fields, o.hourCycle, dateStyle, timeStyle);
      o.cldr = chosen.pattern;
      if (!dateStyle && !timeStyle) o.fields = chosen.fields;
      this.#styleFields = fields;
      this.#o = o;
      return;
    }
    // What the pattern makes of the widths asked for.
    // en-US writes 24-hour hours with two digits ("HH"), and reports them so but in "HH'h' z".
    if (fields.hour && (o.hourCycle === "h23" || o.hourCycle === "h24") && (fields.minute || !fields.timeZoneName)) fields.hour = "2-digit";
    if (fields.minute && (fields.hour || fields.second)) fields.minute = "2-digit";
    if (fields.second && fields.minute) fields.second = "2-digit";
    if (!dateStyle && !timeStyle) o.fields = fields;
    o.pattern = datePattern(fields, o.hourCycle);
    if (dateStyle && timeStyle) {
      const date = datePattern(DATE_STYLES[dateStyle]!, undefined);
      const time = datePattern(TIME_STYLES[timeStyle]!, o.hourCycle);
      o.pattern = [...date, { literal: dateStyle === "full" || dateStyle === "long" ? " at " : ", " }, ...time];
    }
    this.#styleFields = fields;
    this.#o = o;
  }

  #styleFields: Partial<Record<DateField, string>>;

  get format(): (date?: unknown) => string {
    // V8 writes a plain space where ICU puts a narrow no-break space (before AM/PM), in format only.
    return (this.#bound ??= (date?: unknown) =>
      this.formatToParts(date)
        .map((part) => part.value)
        .join("")
        .replace(/\u202f/g, " "));
  }

  formatToParts(date?: unknown): Part[] {
    const time = date === undefined ? Date.now() : Number(date instanceof Date ? date.getTime() : date);
    if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) throw new RangeError("Invalid time value");
    const extra = extraLocales[this.#o.locale];
    if (extra) {
      const { offset } = offsetAt(this.#o.timeZone, time);
      return extra.formatDate(this.#o.cldr!, new Date(time + offset * 60000), offset, this.#styleFields);
    }
    return formatDateParts(this.#o, this.#styleFields, time);
  }

  formatRange(start: unknown, end: unknown): string {
    const parts = this.formatRangeToParts(start, end);
    // V8 puts back a plain space for ICU's narrow one only where the two ends are one date.
    return parts.every((part) => part.source === "shared") ? this.format(start) : parts.map((part) => part.value).join("");
  }

  /**
   * en-US's interval formats for what libraries show: a day range within a month
   * written once ("Jun 15 – 18, 2024"), times on one day after the date once;
   * anything else is the two dates in full.
   */
  formatRangeToParts(start: unknown, end: unknown): Part[] {
    if (start === undefined || end === undefined) throw new TypeError("startDate or endDate is undefined");
    const a = this.formatToParts(start);
    const b = this.formatToParts(end);
    const tag = (parts: Part[], source: string) => parts.map((part) => ({ ...part, source }));
    const text = (parts: Part[]) => parts.map((part) => part.value).join("");
    if (text(a) === text(b)) return tag(a, "shared");
    const value = (parts: Part[], type: string) => parts.find((part) => part.type === type)?.value;
    const same = (...types: string[]) => types.every((type) => value(a, type) === value(b, type));
    const index = (type: string) => a.findIndex((part) => part.type === type);
    const separator = { type: "literal", value: "\u2009–\u2009", source: "shared" };
    const f = this.#styleFields;
    if (!f.year && f.month && !this.#o.dateStyle) {
      // Dates in different years are written with their years.
      const withYear = new DateTimeFormatImpl(this.#o.locale, { ...this.resolvedOptions(), year: "numeric" });
      if (value(withYear.formatToParts(start), "year") !== value(withYear.formatToParts(end), "year")) return withYear.formatRangeToParts(start, end);
    }
    const hour = index("hour");
    const day = index("day");
    if (hour >= 0 && f.day && same("era", "year", "month", "day", "weekday")) {
      // The AM/PM both share is written once, after the second time.
      const period = index("dayPeriod");
      const end = same("dayPeriod") && period > hour ? period - 1 : a.length;
      // "June 15, 2024 at 10:00 AM" but "June 15, 2024, 10:00 – 11:30 AM".
      const date = a.slice(0, hour).map((part) => (part.value === " at " ? { ...part, value: ", " } : part));
      return [...tag(date, "shared"), ...tag(a.slice(hour, end), "startRange"), separator, ...tag(b.slice(hour, end), "endRange"), ...tag(b.slice(end), "shared")];
    }
    const textMonth = f.month === "short" || f.month === "long" || f.month === "narrow";
    if (hour < 0 && textMonth && day >= 0 && same("era", "year")) {
      // What comes before the first difference and after the day is written once.
      const first = a.findIndex((part, i) => part.value !== b[i]!.value);
      return [...tag(a.slice(0, first), "shared"), ...tag(a.slice(first, day + 1), "startRange"), separator, ...tag(b.slice(first, day + 1), "endRange"), ...tag(b.slice(day + 1), "shared")];
    }
    return [...tag(a, "startRange"), separator, ...tag(b, "endRange")];
  }

  resolvedOptions(): Options {
    const o = this.#o;
    const out: Options = { locale: o.locale, calendar: o.calendar, numberingSystem: o.numberingSystem, timeZone: o.timeZone };
    if (o.hourCycle) Object.assign(out, { hourCycle: o.hourCycle, hour12: o.hourCycle === "h12" || o.hourCycle === "h11" });
    if (o.dateStyle || o.timeStyle) {
      if (o.dateStyle) out.dateStyle = o.dateStyle;
      if (o.timeStyle) out.timeStyle = o.timeStyle;
      return out;
    }
    for (const field of DATE_FIELDS) {
      const value = o.fields[field];
      if (value !== undefined) out[field] = field === "fractionalSecondDigits" ? Number(value) : value;
    }
    return out;
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function gmtName(offset: number, long: boolean): string {
  if (offset === 0) return "GMT";
  const sign = offset < 0 ? "-" : "+";
  const hours = Math.floor(Math.abs(offset) / 60);
  const minutes = Math.abs(offset) % 60;
  if (long) return `GMT${sign}${pad(hours)}:${pad(minutes)}`;
  return `GMT${sign}${hours}${minutes ? `:${pad(minutes)}` : ""}`;
}

let metazoneOf: Record<string, string[]> | undefined;
function metazone(zone: string): string[] | undefined {
  if (!metazoneOf) {
    metazoneOf = table();
    for (const row of METAZONES.split(";")) {
      const fields = row.split("|");
      for (const name of fields[5]!.split(" ")) metazoneOf[name] = fields;
    }
  }
  return metazoneOf[zone];
}

function zoneName(style: string, zone: string, offset: number, daylight: boolean): string {
  if (style === "shortOffset") return offset === 0 ? "GMT+0" : gmtName(offset, false);
  if (style === "longOffset") return offset === 0 ? "GMT+00:00" : gmtName(offset, true);
  if (zone === "UTC") return style === "long" ? "Coordinated Universal Time" : style === "short" ? "UTC" : "GMT";
  const meta = metazone(zone);
  if (style === "short" || style === "shortGeneric") {
    if (meta?.[1]) return meta[1] + (style === "shortGeneric" ? "T" : daylight ? "DT" : "ST");
    return gmtName(offset, false);
  }
  if (meta) return (style === "longGeneric" ? meta[4] : daylight ? meta[3] : meta[2]) || meta[2]!;
  return gmtName(offset, true);
}

function flexibleDayPeriod(hour: number, minute: number, style: string): string {
  if (hour === 12 && minute === 0 && style !== "narrow") return "noon";
  if (hour === 12 && minute === 0) return "n";
  if (hour >= 6 && hour < 12) return "in the morning";
  if (hour >= 12 && hour < 18) return "in the afternoon";
  if (hour >= 18 && hour < 21) return "in the evening";
  return "at night";
}

function formatDateParts(o: DateTimeFormatOptions, fields: Partial<Record<DateField, string>>, time: number): Part[] {
  const { offset, daylight } = offsetAt(o.timeZone, time);
  const local = new Date(time + offset * 60000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  const hour = local.getUTCHours();
  const minute = local.getUTCMinutes();
  return o.pattern.map((token): Part => {
    if (typeof token === "object") return { type: "literal", value: token.literal };
    const width = fields[token]!;
    switch (token) {
      case "weekday": {
        const name = WEEKDAYS[local.getUTCDay()]!;
        return { type: token, value: width === "long" ? name : width === "short" ? name.slice(0, 3) : name[0]! };
      }
      case "era":
        return { type: token, value: year > 0 ? (width === "long" ? "Anno Domini" : width === "short" ? "AD" : "A") : width === "long" ? "Before Christ" : width === "short" ? "BC" : "B" };
      case "year": {
        const shown = fields.era && year <= 0 ? 1 - year : year;
        return { type: token, value: width === "2-digit" ? pad(Math.abs(shown) % 100) : String(shown) };
      }
      case "month": {
        const name = MONTHS[month]!;
        const value = width === "numeric" ? String(month + 1) : width === "2-digit" ? pad(month + 1) : width === "long" ? name : width === "short" ? name.slice(0, 3) : name[0]!;
        return { type: token, value };
      }
      case "day":
        return { type: token, value: width === "2-digit" ? pad(local.getUTCDate()) : String(local.getUTCDate()) };
      case "hour": {
        const cycle = o.hourCycle ?? "h12";
        const h = cycle === "h12" ? hour % 12 || 12 : cycle === "h11" ? hour % 12 : cycle === "h24" ? hour || 24 : hour;
        return { type: token, value: width === "2-digit" || cycle === "h23" || cycle === "h24" ? pad(h) : String(h) };
      }
      case "minute":
        return { type: token, value: width === "2-digit" ? pad(minute) : String(minute) };
      case "second":
        return { type: token, value: width === "2-digit" ? pad(local.getUTCSeconds()) : String(local.getUTCSeconds()) };
      case "fractionalSecondDigits":
        return { type: "fractionalSecond", value: pad(local.getUTCMilliseconds(), 3).slice(0, Number(width)) };
      case "dayPeriod":
        if (fields.dayPeriod) return { type: token, value: flexibleDayPeriod(hour, minute, width) };
        return { type: token, value: hour < 12 ? "AM" : "PM" };
      default:
        return { type: token, value: zoneName(width, o.timeZone, offset, daylight) };
    }
  });
}

export const DateTimeFormat = callable(DateTimeFormatImpl, "DateTimeFormat");

// ---------------------------------------------------------------- relative time, lists

let relativeTable: Record<string, string[]> | undefined;
function relativeData(unit: string): string[] {
  if (!relativeTable) {
    relativeTable = table();
    for (const row of RELATIVE.split(";")) {
      const colon = row.indexOf(":");
      relativeTable[row.slice(0, colon)] = row.slice(colon + 1).split("|");
    }
  }
  return relativeTable[unit]!;
}

class RelativeTimeFormatImpl {
  #locale: string;
  #style: "long" | "short" | "narrow";
  #numeric: "always" | "auto";
  #number: NumberFormatImpl;

  constructor(locales?: unknown, options?: unknown) {
    const o = toObject(options);
    this.#locale = resolveLocale(locales);
    getOption(o, "localeMatcher", ["lookup", "best fit"] as const, "best fit");
    getOption(o, "numberingSystem", undefined, undefined);
    this.#style = getOption(o, "style", ["long", "short", "narrow"] as const, "long");
    this.#numeric = getOption(o, "numeric", ["always", "auto"] as const, "always");
    this.#number = new NumberFormatImpl(this.#locale);
  }

  format(value: unknown, unit: unknown): string {
    return this.formatToParts(value, unit)
      .map((part) => part.value)
      .join("");
  }

  formatToParts(value: unknown, unit: unknown): Part[] {
    const n = Number(value);
    if (!Number.isFinite(n)) throw new RangeError("Invalid time value");
    const u = String(unit).replace(/s$/, "");
    if (!["year", "quarter", "month", "week", "day", "hour", "minute", "second"].includes(u)) throw new RangeError(`Invalid unit argument for format() '${String(unit)}'`);
    const extra = extraLocales[this.#locale];
    if (extra) return relativeParts(extra, u, this.#style, this.#numeric === "auto", n, this.#number.formatToParts(Math.abs(n)).map((part) => ({ ...part, unit: u })));
    const [forms, long, short] = relativeData(u) as [string, string, string];
    if (this.#numeric === "auto" && (n === 0 || n === 1 || n === -1) && !Object.is(n, -0)) {
      const phrase = (this.#style === "long" ? long : short).split(",")[n + 1]!;
      if (phrase) return [{ type: "literal", value: phrase }];
    }
    if (this.#numeric === "auto" && Object.is(n, -0)) {
      const phrase = (this.#style === "long" ? long : short).split(",")[1]!;
      if (phrase) return [{ type: "literal", value: phrase }];
    }
    const past = n < 0 || Object.is(n, -0);
    const numberParts = this.#number.formatToParts(Math.abs(n)).map((part) => ({ ...part, unit: u }));
    const index = (this.#style === "long" ? 0 : this.#style === "short" ? 2 : 4) + (Math.abs(n) === 1 ? 0 : 1);
    const word = forms.split(",")[index]!;
    return past ? [...numberParts, { type: "literal", value: `${word} ago` }] : [{ type: "literal", value: "in " }, ...numberParts, { type: "literal", value: word }];
  }

  resolvedOptions(): Options {
    return { locale: this.#locale, style: this.#style, numeric: this.#numeric, numberingSystem: "latn" };
  }
}

/** An added locale's relative time: its word for the number where asked for and it has one ("übermorgen"), else its pattern for the number's plural category. */
function relativeParts(extra: ExtraLocale, unit: string, style: string, auto: boolean, n: number, numberParts: Part[]): Part[] {
  const [words, future, before] = extra.relative(unit, style);
  const word = words[String(n === 0 ? 0 : n)];
  if (auto && word !== undefined) return [{ type: "literal", value: word }];
  const past = n < 0 || Object.is(n, -0);
  const digits = (type: string) => numberParts.filter((part) => part.type === type).map((part) => part.value).join("");
  const patterns = past ? before : future;
  const pattern = patterns[extra.pluralOf(digits("integer"), digits("fraction"))] ?? patterns.other!;
  // A pattern may name the number in words ("לפני שנה", a year ago) and have no {0}.
  if (!pattern.includes("{0}")) return [{ type: "literal", value: pattern }];
  const [start, end] = pattern.split("{0}") as [string, string];
  return [...(start ? [{ type: "literal", value: start }] : []), ...numberParts, ...(end ? [{ type: "literal", value: end }] : [])];
}

export const RelativeTimeFormat = callable(RelativeTimeFormatImpl, "RelativeTimeFormat");

class ListFormatImpl {
  #locale: string;
  #type: "conjunction" | "disjunction" | "unit";
  #style: "long" | "short" | "narrow";

  constructor(locales?: unknown, options?: unknown) {
    const o = toObject(options);
    this.#locale = resolveLocale(locales);
    getOption(o, "localeMatcher", ["lookup", "best fit"] as const, "best fit");
    this.#type = getOption(o, "type", ["conjunction", "disjunction", "unit"] as const, "conjunction");
    this.#style = getOption(o, "style", ["long", "short", "narrow"] as const, "long");
  }

  format(list: unknown): string {
    return this.formatToParts(list)
      .map((part) => part.value)
      .join("");
  }

  formatToParts(list: unknown): Part[] {
    const items: string[] = [];
    if (list !== undefined) {
      for (const item of list as Iterable<unknown>) {
        if (typeof item !== "string") throw new TypeError(`Iterable yielded ${String(item)} which is not a string`);
        items.push(item);
      }
    }
    const extra = extraLocales[this.#locale];
    if (extra) return listParts(extra.list(this.#type === "conjunction" ? "standard" : this.#type === "disjunction" ? "or" : "unit", this.#style), items);
    const between = this.#type === "unit" ? (this.#style === "narrow" ? " " : ", ") : ", ";
    const word = this.#type === "disjunction" ? "or" : this.#type === "unit" ? "" : this.#style === "long" ? "and" : this.#style === "short" ? "&" : "";
    const pairEnd = word ? ` ${word} ` : between;
    const lastEnd = word ? `, ${word} ` : between;
    const parts: Part[] = [];
    items.forEach((item, i) => {
      if (i > 0) parts.push({ type: "literal", value: i < items.length - 1 ? between : items.length === 2 ? pairEnd : lastEnd });
      parts.push({ type: "element", value: item });
    });
    return parts;
  }

  resolvedOptions(): Options {
    return { locale: this.#locale, type: this.#type, style: this.#style };
  }
}

/** A list by CLDR's patterns: the last two joined by `end` (`two` if there are only two), then each before them by `middle`, the first by `start`. */
function listParts([start, middle, end, two]: string[], items: string[]): Part[] {
  const join = (pattern: string, first: Part[], rest: Part[]): Part[] =>
    pattern.split(/(\{[01]\})/).flatMap((piece) => (piece === "{0}" ? first : piece === "{1}" ? rest : piece ? [{ type: "literal", value: piece }] : []));
  const element = (value: string): Part[] => [{ type: "element", value }];
  if (items.length < 2) return items.flatMap(element);
  if (items.length === 2) return join(two!, element(items[0]!), element(items[1]!));
  let parts = join(end!, element(items[items.length - 2]!), element(items[items.length - 1]!));
  for (let i = items.length - 3; i > 0; i--) parts = join(middle!, element(items[i]!), parts);
  return join(start!, element(items[0]!), parts);
}

export const ListFormat = callable(ListFormatImpl, "ListFormat");

// ---------------------------------------------------------------- collation



/** A character's primary weight: punctuation and symbols, then digits, then letters (by base letter), then the rest. */
function primary(base: string): number {
  const w = ASCII_ORDER.indexOf(base);
  if (w >= 0 && base.length === 1) return w;
  const code = base.codePointAt(0)!;
  if (/\s/.test(base)) return 0;
  if (code >= 97 && code <= 122) return 100 + (code - 97) * 4;
  return 1000 + code;
}

interface Collated {
  primaries: number[];
  accents: string[];
  cases: number[];
}

function collationKey(text: string, ignorePunctuation: boolean): Collated {
  const key: Collated = { primaries: [], accents: [], cases: [] };
  for (const char of text.normalize("NFD")) {
    if (pattern("\\p{M}").test(char)) {
      if (key.accents.length) key.accents[key.accents.length - 1] += char;
      continue;
    }
    const lower = char.toLowerCase();
    if (ignorePunctuation && pattern("[\\p{P}\\p{S}\\s]").test(char)) continue;
    key.primaries.push(primary(lower));
    key.accents.push("");
    key.cases.push(lower === char ? 0 : 1);
  }
  return key;
}

function compareNumbers(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Digit runs as one weight each, by value, for `numeric`. */
function numericPrimaries(text: string, ignorePunctuation: boolean): Collated {
  const key = collationKey(text, ignorePunctuation);
  const out: Collated = { primaries: [], accents: [], cases: [] };
  const digitBase = ASCII_ORDER.indexOf("0");
  for (let i = 0; i < key.primaries.length; i++) {
    const p = key.primaries[i]!;
    if (p >= digitBase && p <= digitBase + 9) {
      let value = "";
      while (i < key.primaries.length && key.primaries[i]! >= digitBase && key.primaries[i]! <= digitBase + 9) value += String(key.primaries[i++]! - digitBase);
      i--;
      const trimmed = value.replace(/^0+(?=\d)/, "");
      out.primaries.push(digitBase, trimmed.length, ...[...trimmed].map(Number));
      out.accents.push("");
      out.cases.push(0);
    } else {
      out.primaries.push(p);
      out.accents.push(key.accents[i]!);
      out.cases.push(key.cases[i]!);
    }
  }
  return out;
}

class CollatorImpl {
  #locale: string;
  #usage: "sort" | "search";
  #sensitivity: "base" | "accent" | "case" | "variant";
  #ignorePunctuation: boolean;
  #numeric: boolean;
  #caseFirst: "upper" | "lower" | "false";
  #bound?: (a: unknown, b: unknown) => number;

  constructor(locales?: unknown, options?: unknown) {
    const o = toObject(options);
    this.#locale = resolveLocale(locales);
    this.#usage = getOption(o, "usage", ["sort", "search"] as const, "sort");
    getOption(o, "localeMatcher", ["lookup", "best fit"] as const, "best fit");
    getOption(o, "collation", undefined, undefined);
    const numericExtension = canonicalizeLocaleList(locales)[0]?.match(/-u-(?:.*-)?kn(?:-true)?(?:-|$)/);
    this.#numeric = getBoolean(o, "numeric") ?? Boolean(numericExtension);
    this.#caseFirst = getOption(o, "caseFirst", ["upper", "lower", "false"] as const, "false");
    this.#sensitivity = getOption(o, "sensitivity", ["base", "accent", "case", "variant"] as const, "variant");
    this.#ignorePunctuation = getBoolean(o, "ignorePunctuation") ?? false;
  }

  get compare(): (a: unknown, b: unknown) => number {
    return (this.#bound ??= (a: unknown, b: unknown) => this.#compare(String(a), String(b)));
  }

  #compare(a: string, b: string): number {
    if (a === b) return 0;
    const key = this.#numeric ? numericPrimaries : collationKey;
    const x = key(a, this.#ignorePunctuation);
    const y = key(b, this.#ignorePunctuation);
    const byPrimary = compareNumbers(x.primaries, y.primaries);
    if (byPrimary !== 0) return byPrimary;
    if (this.#sensitivity === "accent" || this.#sensitivity === "variant") {
      for (let i = 0; i < x.accents.length; i++) if (x.accents[i] !== y.accents[i]) return x.accents[i]! < y.accents[i]! ? -1 : 1;
    }
    if (this.#sensitivity === "case" || this.#sensitivity === "variant") {
      const upperFirst = this.#caseFirst === "upper";
      for (let i = 0; i < x.cases.length; i++) if (x.cases[i] !== y.cases[i]) return (x.cases[i]! < y.cases[i]!) !== upperFirst ? -1 : 1;
    }
    if (this.#sensitivity === "variant") {
      const nx = a.normalize("NFD");
      const ny = b.normalize("NFD");
      return nx === ny ? 0 : nx < ny ? -1 : 1;
    }
    return 0;
  }

  resolvedOptions(): Options {
    return { locale: this.#locale, usage: this.#usage, sensitivity: this.#sensitivity, ignorePunctuation: this.#ignorePunctuation, collation: "default", numeric: this.#numeric, caseFirst: this.#caseFirst };
  }
}

export const Collator = callable(CollatorImpl, "Collator");

// ---------------------------------------------------------------- segmentation

// Built on first use: a Unicode property class compiles to a table of ranges,
// tens of kilobytes in a plug-in's snapshot for a pattern written as a literal.
const GRAPHEME_SOURCE =
  "\\r\\n|\\p{Regional_Indicator}{2}|[\\u1100-\\u115f]+[\\u1160-\\u11a7]*[\\u11a8-\\u11ff]*|[\\uac00-\\ud7a3][\\u1160-\\u11ff]*|\\p{Extended_Pictographic}(?:[\\p{M}\\ufe0f\\u{1f3fb}-\\u{1f3ff}]|\\u200d\\p{Extended_Pictographic})*|[\\s\\S][\\p{M}\\u200d\\ufe0f]*";
const SEGMENT_SOURCES = {
  grapheme: GRAPHEME_SOURCE,
  word: `[\\p{L}\\p{N}_][\\p{L}\\p{N}_\\p{M}]*(?:['’.][\\p{L}\\p{N}_][\\p{L}\\p{N}_\\p{M}]*)*|${GRAPHEME_SOURCE}`,
  sentence: "[^.!?]*(?:[.!?]+['\")\\]]*\\s*|$)",
};
const patterns: Record<string, RegExp> = table();
function pattern(source: string, flags = "u"): RegExp {
  const found = (patterns[source + flags] ??= new RegExp(source, flags));
  found.lastIndex = 0;
  return found;
}

interface Segment {
  segment: string;
  index: number;
  input: string;
  isWordLike?: boolean;
}

class SegmenterImpl {
  #locale: string;
  #granularity: "grapheme" | "word" | "sentence";

  constructor(locales?: unknown, options?: unknown) {
    const o = toObject(options);
    this.#locale = resolveLocale(locales);
    getOption(o, "localeMatcher", ["lookup", "best fit"] as const, "best fit");
    this.#granularity = getOption(o, "granularity", ["grapheme", "word", "sentence"] as const, "grapheme");
  }

  segment(input: unknown): Iterable<Segment> & { containing(index?: number): Segment | undefined } {
    const text = String(input);
    const granularity = this.#granularity;
    const source = SEGMENT_SOURCES[granularity];
    const all = (): Segment[] => {
      const out: Segment[] = [];
      for (const match of text.matchAll(pattern(source, "gu"))) {
        if (match[0] === "") continue;
        const segment: Segment = { segment: match[0], index: match.index, input: text };
        if (granularity === "word") segment.isWordLike = pattern("[\\p{L}\\p{N}_]").test(match[0]);
        out.push(segment);
      }
      return out;
    };
    return {
      [Symbol.iterator]: () => all()[Symbol.iterator](),
      containing(index = 0) {
        const n = Math.trunc(Number(index)) || 0;
        return all().find((s) => n >= s.index && n < s.index + s.segment.length);
      },
    };
  }

  resolvedOptions(): Options {
    return { locale: this.#locale, granularity: this.#granularity };
  }
}

export const Segmenter = callable(SegmenterImpl, "Segmenter");

// ---------------------------------------------------------------- Locale

const LIKELY: Record<string, string> = { en: "Latn-US", de: "Latn-DE", fr: "Latn-FR", es: "Latn-ES", it: "Latn-IT", pt: "Latn-BR", ja: "Jpan-JP", zh: "Hans-CN", ko: "Kore-KR", ru: "Cyrl-RU", ar: "Arab-EG", hi: "Deva-IN", nl: "Latn-NL", sv: "Latn-SE", pl: "Latn-PL", tr: "Latn-TR", uk: "Cyrl-UA" };

const KEYWORDS: Record<string, string> = { calendar: "ca", collation: "co", hourCycle: "hc", caseFirst: "kf", numeric: "kn", numberingSystem: "nu" };
const subtags = Symbol("subtags");

interface Subtags {
  language: string;
  script?: string;
  region?: string;
  variants: string[];
  keywords: Record<string, string>;
  other: string;
}

class Locale {
  declare [subtags]: Subtags;
  declare readonly baseName: string;
  declare readonly language: string;
  declare readonly script: string | undefined;
  declare readonly region: string | undefined;
  declare readonly calendar: string | undefined;
  declare readonly collation: string | undefined;
  declare readonly hourCycle: string | undefined;
  declare readonly caseFirst: string | undefined;
  declare readonly numeric: boolean;
  declare readonly numberingSystem: string | undefined;
  declare readonly weekInfo: { firstDay: number; weekend: number[]; minimalDays: number };

  constructor(tag: unknown, options?: unknown) {
    if (typeof tag !== "string" && !(tag instanceof Locale) && (typeof tag !== "object" || tag === null)) throw new TypeError("First argument to Intl.Locale constructor can't be empty or missing");
    const text = canonicalTag(tag instanceof Locale ? tag.toString() : String(tag));
    const [base, ...extensions] = text.split(/-(?=[a-z]-)/);
    const parts = base!.split("-");
    const t: Subtags = { language: parts.shift()!, variants: [], keywords: table(), other: "" };
    if (parts[0]?.length === 4) t.script = parts.shift();
    if (parts[0] && (parts[0].length === 2 || /^\d{3}$/.test(parts[0]))) t.region = parts.shift();
    t.variants = parts;
    const others: string[] = [];
    for (const extension of extensions) {
      if (!extension.startsWith("u-")) {
        others.push(extension);
        continue;
      }
      let key: string | undefined;
      for (const part of extension.slice(2).split("-")) {
        if (part.length === 2) t.keywords[(key = part)] = "";
        else if (key) t.keywords[key] = t.keywords[key] ? `${t.keywords[key]}-${part}` : part;
      }
    }
    t.other = others.join("-");
    const o = toObject(options);
    const language = getOption(o, "language", undefined, undefined);
    if (language !== undefined) t.language = language.toLowerCase();
    const script = getOption(o, "script", undefined, undefined);
    if (script !== undefined) t.script = script[0]!.toUpperCase() + script.slice(1).toLowerCase();
    const region = getOption(o, "region", undefined, undefined);
    if (region !== undefined) t.region = region.toUpperCase();
    for (const [option, key] of Object.entries(KEYWORDS)) {
      const value = o[option];
      if (value !== undefined) t.keywords[key] = option === "numeric" ? String(Boolean(value)) : String(value);
    }
    Object.defineProperty(this, subtags, { value: t });
  }

  toString(): string {
    const t = this[subtags];
    const keywords = Object.entries(t.keywords).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => (value && value !== "true" ? `${key}-${value}` : key));
    return [this.baseName, keywords.length ? `u-${keywords.join("-")}` : "", t.other].filter(Boolean).join("-");
  }

  toJSON(): string {
    return this.toString();
  }

  /** Likely subtags added (`add`) or taken off. */
  #likely(add: boolean): Locale {
    const t = this[subtags];
    const likely = LIKELY[t.language]?.split("-");
    const script = add ? (t.script ?? likely?.[0]) : likely && t.script === likely[0] ? undefined : t.script;
    const region = add ? (t.region ?? likely?.[1]) : likely && t.region === likely[1] ? undefined : t.region;
    return new Locale(this.toString().replace(this.baseName, [t.language, script, region, ...t.variants].filter(Boolean).join("-")));
  }

  maximize(): Locale {
    return this.#likely(true);
  }

  minimize(): Locale {
    return this.#likely(false);
  }

  getWeekInfo(): { firstDay: number; weekend: number[]; minimalDays: number } {
    const t = this[subtags];
    const region = t.region ?? LIKELY[t.language]?.split("-")[1];
    return region === "US" || region === undefined ? { firstDay: 7, weekend: [6, 7], minimalDays: 1 } : { firstDay: 1, weekend: [6, 7], minimalDays: 4 };
  }
}
// The subtag and keyword getters, from one function each rather than one apiece.
const localeGetters: Record<string, (t: Subtags, self: Locale) => unknown> = {
  baseName: (t) => [t.language, t.script, t.region, ...t.variants].filter(Boolean).join("-"),
  language: (t) => t.language,
  script: (t) => t.script,
  region: (t) => t.region,
  weekInfo: (_, self) => self.getWeekInfo(),
};
for (const [name, key] of Object.entries(KEYWORDS)) localeGetters[name] = name === "numeric" ? (t) => t.keywords[key] === "" || t.keywords[key] === "true" : (t) => t.keywords[key];
for (const [name, get] of Object.entries(localeGetters)) {
  Object.defineProperty(Locale.prototype, name, {
    get(this: Locale) {
      return get(this[subtags], this);
    },
    configurable: true,
  });
}
Object.defineProperty(Locale.prototype, Symbol.toStringTag, { value: "Intl.Locale", configurable: true });

// ---------------------------------------------------------------- Intl

function supportedValuesOf(key: unknown): string[] {
  switch (String(key)) {
    case "calendar":
      return ["gregory"];
    case "collation":
      return ["default"];
    case "currency":
      return [...CURRENCIES.split(";").map((row) => row.slice(0, 3)), ...Object.keys(CURRENCY_DIGITS)].filter((code, i, all) => all.indexOf(code) === i).sort();
    case "numberingSystem":
      return ["latn"];
    case "timeZone":
      return zoneNames();
    case "unit":
      return UNITS.split(";")
        .map((row) => row.slice(0, row.indexOf(":")))
        .sort();
    default:
      throw new RangeError(`Invalid key : ${String(key)}`);
  }
}

/** For ./intl-locales.ts: the table of added locales, and the number rounding every locale shares. */
export const intlInternals = { locales: extraLocales, decimalOf, round, digitStrings, isZero };
export type IntlInternals = typeof intlInternals;
export type { NumberFormatOptions, Part };

export const Intl = {
  Collator,
  DateTimeFormat,
  ListFormat,
  Locale,
  NumberFormat,
  PluralRules,
  RelativeTimeFormat,
  Segmenter,
  getCanonicalLocales: (locales?: unknown): string[] => canonicalizeLocaleList(locales),
  supportedValuesOf,
};
Object.defineProperty(Intl, Symbol.toStringTag, { value: "Intl", configurable: true });
for (const key of Object.keys(Intl)) Object.defineProperty(Intl, key, { enumerable: false });

// The locale methods of the built-ins, as an engine with Intl has them.
function define(target: object, name: string, value: (...args: never[]) => unknown): void {
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}
define(Date.prototype, "toLocaleString", function (this: Date, locales?: unknown, options?: unknown) {
  return Number.isNaN(this.getTime()) ? "Invalid Date" : new DateTimeFormatImpl(locales, options, "any", "all").format(this);
});
define(Date.prototype, "toLocaleDateString", function (this: Date, locales?: unknown, options?: unknown) {
  return Number.isNaN(this.getTime()) ? "Invalid Date" : new DateTimeFormatImpl(locales, options, "date", "date").format(this);
});
define(Date.prototype, "toLocaleTimeString", function (this: Date, locales?: unknown, options?: unknown) {
  return Number.isNaN(this.getTime()) ? "Invalid Date" : new DateTimeFormatImpl(locales, options, "time", "time").format(this);
});
define(Number.prototype, "toLocaleString", function (this: number, locales?: unknown, options?: unknown) {
  return new NumberFormatImpl(locales, options).format(Number(this));
});
define(BigInt.prototype, "toLocaleString", function (this: bigint, locales?: unknown, options?: unknown) {
  return new NumberFormatImpl(locales, options).format(this.valueOf());
});
define(String.prototype, "localeCompare", function (this: string, that: unknown, locales?: unknown, options?: unknown) {
  return new CollatorImpl(locales, options).compare(String(this), that);
});

