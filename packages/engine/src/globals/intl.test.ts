// The plug-in's Intl against Node's own (ICU) for en-US: the same output,
// part for part. The end-to-end check, in real plug-ins with luxon,
// date-fns-tz and friends, is test/npm.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { packZones } from "../../scripts/intl-zones.mjs";

type Ours = typeof import("./intl.js");
let ours: Ours["Intl"];
const node = globalThis.Intl;
// Captured before ./intl.ts routes them through its own Intl.
const nodeToLocaleString = Date.prototype.toLocaleString;
const nodeNumberToLocaleString = Number.prototype.toLocaleString;

beforeAll(async () => {
  (globalThis as { __EXTISM_TS_INTL_ZONES__?: string }).__EXTISM_TS_INTL_ZONES__ = packZones().text;
  ours = (await import("./intl.js")).Intl;
});

const instants = [
  Date.UTC(2024, 2, 10, 9, 59, 59, 5), // a minute before the US switch to daylight time
  Date.UTC(2024, 2, 10, 10, 0, 0), // and after it
  Date.UTC(2024, 9, 27, 0, 30), // the night Europe leaves summer time
  Date.UTC(2024, 9, 27, 1, 30),
  Date.UTC(2025, 0, 1, 0, 0),
  Date.UTC(1999, 11, 31, 23, 59, 59, 999),
  Date.UTC(2024, 6, 4, 12, 0),
  Date.UTC(2041, 3, 6, 15, 45, 30, 250), // past the explicit transitions: the yearly rule
  Date.UTC(1975, 5, 15, 6, 7, 8),
];
const zones = ["UTC", "America/New_York", "America/Los_Angeles", "Europe/Berlin", "Europe/London", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "America/Sao_Paulo", "Pacific/Auckland", "Africa/Cairo", "America/Phoenix", "Etc/GMT+5"];

const dateOptions: Intl.DateTimeFormatOptions[] = [
  {},
  { hour12: false, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", era: "short" },
  { hourCycle: "h23", year: "numeric", month: "numeric", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" },
  { dateStyle: "full", timeStyle: "long" },
  { dateStyle: "medium", timeStyle: "short" },
  { dateStyle: "short" },
  { timeStyle: "full" },
  { year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "numeric", timeZoneName: "short" },
  { year: "numeric", month: "short", day: "numeric", weekday: "short", hour: "numeric", minute: "2-digit" },
  { timeZoneName: "long" },
  { timeZoneName: "shortOffset" },
  { timeZoneName: "longOffset" },
  { hour: "numeric", hourCycle: "h12" },
  { hour: "numeric", minute: "numeric", second: "numeric", fractionalSecondDigits: 3 },
  { era: "short" },
  { month: "long" },
  { month: "short", day: "numeric" },
  { month: "long", year: "numeric" },
  { weekday: "long" },
  { weekday: "narrow" },
  { year: "2-digit", month: "2-digit", day: "2-digit" },
  { hour: "2-digit", minute: "2-digit" },
  { hour: "numeric", minute: "2-digit", hour12: true },
  { hour: "numeric", hour12: false },
  { minute: "2-digit", second: "2-digit" },
  { weekday: "long", year: "numeric", month: "long", day: "numeric" },
  { weekday: "long", hour: "numeric", minute: "2-digit" },
  { weekday: "short", hour: "numeric", timeZoneName: "short" },
  { hour: "numeric", hour12: false, timeZoneName: "short" },
  { month: "long", day: "numeric", timeZoneName: "short" },
  { era: "short", hour: "numeric" },
];

describe("Intl.DateTimeFormat", () => {
  it("formats and splits as Node does, in every zone, across DST changes", () => {
    for (const timeZone of zones) {
      for (const options of dateOptions) {
        const theirs = new node.DateTimeFormat("en-US", { ...options, timeZone });
        const mine = new ours.DateTimeFormat("en-US", { ...options, timeZone });
        for (const instant of instants) {
          const label = `${timeZone} ${JSON.stringify(options)} ${new Date(instant).toISOString()}`;
          expect(mine.formatToParts(instant), label).toEqual(theirs.formatToParts(instant));
          expect(mine.format(new Date(instant)), label).toBe(theirs.format(new Date(instant)));
        }
        expect(JSON.stringify(mine.resolvedOptions()), `${timeZone} ${JSON.stringify(options)}`).toBe(JSON.stringify(theirs.resolvedOptions()));
      }
    }
  });

  it("formats ranges as Node does", () => {
    const a = Date.UTC(2024, 5, 15, 10);
    const ends = [Date.UTC(2024, 5, 18, 14), Date.UTC(2024, 5, 15, 11, 30), Date.UTC(2024, 5, 15, 15), Date.UTC(2024, 6, 2, 9), Date.UTC(2025, 0, 2, 9), a];
    const options: Intl.DateTimeFormatOptions[] = [{}, { month: "short", day: "numeric", year: "numeric" }, { dateStyle: "medium" }, { dateStyle: "medium", timeStyle: "short" }, { month: "long", day: "numeric" }, { weekday: "short", month: "short", day: "numeric", year: "numeric" }, { dateStyle: "long", timeStyle: "short" }];
    for (const o of options) {
      for (const b of ends) {
        const theirs = new node.DateTimeFormat("en-US", { ...o, timeZone: "UTC" });
        const mine = new ours.DateTimeFormat("en-US", { ...o, timeZone: "UTC" });
        expect(mine.formatRangeToParts(a, b), `${JSON.stringify(o)} ${new Date(b).toISOString()}`).toEqual(theirs.formatRangeToParts(a, b));
        expect(mine.formatRange(a, b)).toBe(theirs.formatRange(a, b));
      }
    }
    for (const o of [{}, { style: "currency", currency: "USD" }, { style: "percent" }] as Intl.NumberFormatOptions[]) {
      expect(new ours.NumberFormat("en-US", o).formatRangeToParts(3, 5), JSON.stringify(o)).toEqual((new node.NumberFormat("en-US", o) as unknown as { formatRangeToParts(a: number, b: number): unknown }).formatRangeToParts(3, 5));
    }
  });

  it("rejects zones that do not exist and canonicalizes case", () => {
    expect(() => new ours.DateTimeFormat("en-US", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(new ours.DateTimeFormat("en-US", { timeZone: "america/new_york" }).resolvedOptions().timeZone).toBe("America/New_York");
    expect(new ours.DateTimeFormat("en", { timeZone: "Etc/UTC" }).resolvedOptions().timeZone).toBe(new node.DateTimeFormat("en", { timeZone: "Etc/UTC" }).resolvedOptions().timeZone);
  });

  it("routes Date's locale methods through it", () => {
    const date = new Date(Date.UTC(2024, 2, 10, 10, 30));
    expect(date.toLocaleString("en-US", { timeZone: "America/Chicago" })).toBe(nodeToLocaleString.call(date, "en-US", { timeZone: "America/Chicago" }));
    expect(date.toLocaleDateString("en-US", { timeZone: "UTC" })).toBe(new node.DateTimeFormat("en-US", { timeZone: "UTC" }).format(date));
    expect(date.toLocaleTimeString("en-US", { timeZone: "UTC" })).toBe(new node.DateTimeFormat("en-US", { timeZone: "UTC", hour: "numeric", minute: "numeric", second: "numeric" }).format(date));
  });
});

const numbers = [0, -0, 1, -1, 1.5, 0.5, 1234.5678, -1234567.891, 999999, 0.000123, 1e21, 123456789012, 1.005, 2.5, NaN, Infinity];
const numberOptions: Array<Intl.NumberFormatOptions & { roundingMode?: string; trailingZeroDisplay?: string }> = [
  {},
  { style: "percent" },
  { style: "percent", maximumFractionDigits: 1 },
  { style: "currency", currency: "USD" },
  { style: "currency", currency: "EUR" },
  { style: "currency", currency: "JPY" },
  { style: "currency", currency: "CHF" },
  { style: "currency", currency: "GBP", currencyDisplay: "name" },
  { style: "currency", currency: "USD", currencyDisplay: "code" },
  { style: "currency", currency: "CAD", currencyDisplay: "narrowSymbol" },
  { style: "currency", currency: "USD", currencySign: "accounting" },
  { notation: "compact" },
  { notation: "compact", compactDisplay: "long" },
  { notation: "scientific" },
  { notation: "engineering" },
  { style: "unit", unit: "kilometer-per-hour" },
  { style: "unit", unit: "kilobyte", unitDisplay: "long" },
  { style: "unit", unit: "day", unitDisplay: "narrow" },
  { style: "unit", unit: "hour", unitDisplay: "long" },
  { style: "unit", unit: "celsius" },
  { minimumFractionDigits: 2 },
  { maximumSignificantDigits: 3 },
  { minimumIntegerDigits: 3, useGrouping: false },
  { signDisplay: "always" },
  { signDisplay: "exceptZero" },
  { maximumFractionDigits: 0, roundingMode: "halfEven" },
  { minimumFractionDigits: 2, trailingZeroDisplay: "stripIfInteger" },
  { style: "currency", currency: "EUR", notation: "scientific" },
  { style: "currency", currency: "USD", notation: "compact", compactDisplay: "long" },
  { style: "currency", currency: "GBP", currencyDisplay: "name", notation: "compact", compactDisplay: "long", maximumFractionDigits: 1 },
  { style: "unit", unit: "mile-per-hour" },
  { style: "unit", unit: "kilometer", unitDisplay: "long", notation: "scientific" },
  { notation: "compact", minimumFractionDigits: 1 },
];

describe("Intl.NumberFormat", () => {
  it("formats and splits as Node does", () => {
    for (const options of numberOptions) {
      const theirs = new node.NumberFormat("en-US", options);
      const mine = new ours.NumberFormat("en-US", options);
      for (const n of numbers) expect(mine.formatToParts(n), `${JSON.stringify(options)} ${n}`).toEqual(theirs.formatToParts(n));
      expect(mine.format(12345678901234567890n), JSON.stringify(options)).toBe(theirs.format(12345678901234567890n));
      expect(JSON.stringify(mine.resolvedOptions()), JSON.stringify(options)).toBe(JSON.stringify(theirs.resolvedOptions()));
    }
    expect((1234.5).toLocaleString()).toBe(nodeNumberToLocaleString.call(1234.5));
  });
});

describe("the other constructors", () => {
  it("PluralRules", () => {
    for (const type of ["cardinal", "ordinal"] as const) {
      const theirs = new node.PluralRules("en-US", { type });
      const mine = new ours.PluralRules("en-US", { type });
      for (const n of [0, 1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 1.5, "1.0"]) expect(mine.select(n as number), `${type} ${n}`).toBe(theirs.select(n as number));
      expect(JSON.stringify(mine.resolvedOptions())).toBe(JSON.stringify(theirs.resolvedOptions()));
    }
  });

  it("RelativeTimeFormat", () => {
    for (const style of ["long", "short", "narrow"] as const) {
      for (const numeric of ["always", "auto"] as const) {
        const theirs = new node.RelativeTimeFormat("en", { style, numeric });
        const mine = new ours.RelativeTimeFormat("en", { style, numeric });
        for (const unit of ["year", "quarter", "month", "week", "day", "hour", "minute", "second", "days"] as const) {
          for (const n of [-2, -1, 0, 1, 2, 1500, -0]) expect(mine.formatToParts(n, unit), `${style} ${numeric} ${n} ${unit}`).toEqual(theirs.formatToParts(n, unit));
        }
        expect(JSON.stringify(mine.resolvedOptions())).toBe(JSON.stringify(theirs.resolvedOptions()));
      }
    }
  });

  it("ListFormat", () => {
    for (const style of ["long", "short", "narrow"] as const) {
      for (const type of ["conjunction", "disjunction", "unit"] as const) {
        for (const list of [[], ["a"], ["a", "b"], ["a", "b", "c"], ["a", "b", "c", "d"]]) {
          expect(new ours.ListFormat("en", { style, type }).formatToParts(list), `${style} ${type} ${list.length}`).toEqual(new node.ListFormat("en", { style, type }).formatToParts(list));
        }
      }
    }
  });

  it("Collator sorts as ICU's root order for Latin text", () => {
    const words = ["banana", "Apple", "apple", "äpple", "Zebra", "zebra", "_under", "-dash", "10", "9", "2", "a10", "a9", "résumé", "resume", "Resume", "a b", "ab", "éclair", "eclair", "Ölfass", "ol"];
    for (const options of [{}, { numeric: true }, { sensitivity: "base" }, { sensitivity: "accent" }, { caseFirst: "upper" }] as Intl.CollatorOptions[]) {
      expect([...words].sort(new ours.Collator("en", options).compare), JSON.stringify(options)).toEqual([...words].sort(new node.Collator("en", options).compare));
    }
    expect(new ours.Collator("en", { sensitivity: "base" }).compare("a", "Á")).toBe(0);
  });

  it("Segmenter splits graphemes and words", () => {
    const text = "Cafe\u0301 👩‍👩‍👧 🇺🇸 don't stop. Next!";
    for (const granularity of ["grapheme", "word"] as const) {
      const split = (s: Intl.Segmenter | InstanceType<Ours["Intl"]["Segmenter"]>) => [...s.segment(text)].map((x) => [x.segment, x.index, (x as { isWordLike?: boolean }).isWordLike]);
      expect(split(new ours.Segmenter("en", { granularity })), granularity).toEqual(split(new node.Segmenter("en", { granularity })));
    }
  });

  it("Locale, getCanonicalLocales, supportedValuesOf", () => {
    for (const tag of ["en-us", "EN", "en-Latn-US", "de-DE-u-ca-gregory-hc-h23", "zh-hant-tw"]) {
      const mine = new ours.Locale(tag);
      const theirs = new node.Locale(tag);
      expect([mine.toString(), mine.baseName, mine.language, mine.script, mine.region, mine.hourCycle, mine.calendar], tag).toEqual([theirs.toString(), theirs.baseName, theirs.language, theirs.script, theirs.region, theirs.hourCycle, theirs.calendar]);
    }
    expect(new ours.Locale("en").maximize().toString()).toBe("en-Latn-US");
    expect(new ours.Locale("en-Latn-US").minimize().toString()).toBe("en");
    expect(ours.getCanonicalLocales(["EN-us", "en-US", "de"])).toEqual(node.getCanonicalLocales(["EN-us", "en-US", "de"]));
    expect(() => ours.getCanonicalLocales("not a tag")).toThrow(RangeError);
    const zones = ours.supportedValuesOf("timeZone");
    for (const zone of ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "UTC"]) expect(zones).toContain(zone);
    expect(ours.supportedValuesOf("currency")).toContain("EUR");
  });
});
