// Intl data for locales other than English, from CLDR's JSON packages on npm
// (cldr-core, cldr-numbers-full, cldr-dates-full, cldr-misc-full, pinned in
// package.json), for the locales CLDR covers at its "modern" level. A plug-in
// built with `--locales de-DE,fr` carries the data of those it names
// (src/globals/intl-locales.ts reads it); the others cost it nothing.
//
// Written to dist/globals/intl-locales.json as { cldr, defaults, locales: { tag: data } }, where
// a locale's data is what src/globals/intl-locales.ts's LocaleData describes;
// a locale whose CLDR parent is also listed holds only the keys whose values
// differ from its parent's, and names the parent ("^").
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

function cldr(pkg, path) {
  return JSON.parse(readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), path), "utf8"));
}

/** The relative-time fields Intl.RelativeTimeFormat formats. */
const RELATIVE_UNITS = ["year", "quarter", "month", "week", "day", "hour", "minute", "second"];
/** The currencies English's data names (src/globals/intl-data.ts), in the same order. */
const CURRENCIES = "USD EUR GBP JPY CNY INR KRW CAD AUD MXN BRL CHF HKD NZD SEK NOK DKK PLN CZK HUF RUB TRY ZAR SGD TWD THB IDR MYR PHP VND ILS AED SAR EGP NGN KES ARS CLP COP PEN UAH RON BGN ISK PKR BDT".split(" ");
const CATEGORIES = ["zero", "one", "two", "few", "many", "other"];

/** Plural patterns keyed "…-count-<category>" as { category: pattern }, in CLDR's category order. */
function byCount(object, prefix) {
  const out = {};
  for (const category of CATEGORIES) {
    const value = object?.[`${prefix}${category}`];
    if (value !== undefined) out[category] = value;
  }
  return out;
}

/** Compact patterns ({ "1000-count-one": "0 Tsd'.'" }) as [{ category: pattern }] from 10^3 to the largest the locale has. */
function compactPatterns(table) {
  const out = [];
  for (let magnitude = 3; table?.[`1${"0".repeat(magnitude)}-count-other`] !== undefined; magnitude++) out.push(byCount(table, `1${"0".repeat(magnitude)}-count-`));
  return out;
}

function pluralRules(rules) {
  const out = {};
  for (const category of CATEGORIES) {
    const rule = rules?.[`pluralRule-count-${category}`];
    if (rule !== undefined) out[category] = rule.split("@")[0].trim();
  }
  return out;
}

function localeData(tag, supplemental) {
  const main = (pkg, file) => cldr(pkg, `main/${tag}/${file}`).main[tag];
  const numbers = main("cldr-numbers-full", "numbers.json").numbers;
  // Latin digits and their symbols: locales whose default is another numbering system (ar, fa, bn, ...) format as with -u-nu-latn.
  const system = "latn";
  const symbols = numbers[`symbols-numberSystem-${system}`];
  const decimals = numbers[`decimalFormats-numberSystem-${system}`];
  const currencyFormats = numbers[`currencyFormats-numberSystem-${system}`];
  const currencies = main("cldr-numbers-full", "currencies.json").numbers.currencies;
  const gregorian = main("cldr-dates-full", "ca-gregorian.json").dates.calendars.gregorian;
  const fields = main("cldr-dates-full", "dateFields.json").dates.fields;
  const zones = main("cldr-dates-full", "timeZoneNames.json").dates.timeZoneNames;
  const lists = main("cldr-misc-full", "listPatterns.json").listPatterns;
  const language = tag.split("-")[0];
  const region = likelyRegion(tag, supplemental.likely);
  const time = supplemental.timeData[`${language}_${region}`] ?? supplemental.timeData[region] ?? supplemental.timeData["001"];
  const names = (table) => [table.abbreviated, table.wide, table.narrow, table.short].filter(Boolean).map((widths) => Object.values(widths));
  return {
    symbols: [symbols.decimal, symbols.group, symbols.percentSign, symbols.minusSign, symbols.plusSign, symbols.exponential, symbols.infinity, symbols.nan, symbols.approximatelySign],
    minimumGroupingDigits: Number(numbers.minimumGroupingDigits),
    decimal: decimals.standard,
    percent: numbers[`percentFormats-numberSystem-${system}`].standard,
    currency: currencyFormats.standard,
    currencyAlpha: currencyFormats["standard-alphaNextToNumber"] ?? currencyFormats.standard,
    accounting: currencyFormats.accounting,
    accountingAlpha: currencyFormats["accounting-alphaNextToNumber"] ?? currencyFormats.accounting,
    currencyUnit: byCount(currencyFormats, "unitPattern-count-"),
    compactShort: compactPatterns(decimals.short?.decimalFormat),
    compactLong: compactPatterns(decimals.long?.decimalFormat),
    compactCurrency: compactPatterns(currencyFormats.short?.standard),
    currencies: Object.fromEntries(
      CURRENCIES.map((code) => {
        const c = currencies[code] ?? {};
        return [code, [c.symbol ?? code, c["symbol-alt-narrow"] ?? c.symbol ?? code, byCount(c, "displayName-count-")]];
      }),
    ),
    // Rules of the locale where CLDR has them (pt-PT's differ from pt's), else its language's.
    cardinal: pluralRules(supplemental.cardinal[tag] ?? supplemental.cardinal[language] ?? supplemental.cardinal.root),
    ordinal: pluralRules(supplemental.ordinal[tag] ?? supplemental.ordinal[language] ?? supplemental.ordinal.root),
    months: names(gregorian.months.format),
    monthsStandalone: names(gregorian.months["stand-alone"]),
    weekdays: names(gregorian.days.format),
    weekdaysStandalone: names(gregorian.days["stand-alone"]),
    eras: [Object.values(gregorian.eras.eraAbbr).slice(0, 2), Object.values(gregorian.eras.eraNames).slice(0, 2), Object.values(gregorian.eras.eraNarrow).slice(0, 2)],
    dayPeriods: ["abbreviated", "wide", "narrow"].map((width) => [gregorian.dayPeriods.format[width].am, gregorian.dayPeriods.format[width].pm]),
    dateFormats: ["full", "long", "medium", "short"].map((style) => gregorian.dateFormats[style]),
    timeFormats: ["full", "long", "medium", "short"].map((style) => gregorian.timeFormats[style]),
    dateTimeFormats: ["full", "long", "medium", "short"].map((style) => gregorian["dateTimeFormats-atTime"]?.standard?.[style] ?? gregorian.dateTimeFormats[style]),
    availableFormats: gregorian.dateTimeFormats.availableFormats,
    hourCycle: time._preferred,
    zoneFormats: [zones.gmtFormat, zones.gmtZeroFormat, zones.hourFormat],
    relative: Object.fromEntries(
      RELATIVE_UNITS.flatMap((unit) =>
        ["", "-short", "-narrow"].map((style) => {
          const field = fields[`${unit}${style}`];
          const words = {};
          for (const n of [-2, -1, 0, 1, 2]) if (field[`relative-type-${n}`] !== undefined) words[n] = field[`relative-type-${n}`];
          return [`${unit}${style}`, [words, byCount(field["relativeTime-type-future"], "relativeTimePattern-count-"), byCount(field["relativeTime-type-past"], "relativeTimePattern-count-")]];
        }),
      ),
    ),
    lists: Object.fromEntries(Object.entries(lists).map(([key, value]) => [key.replace("listPattern-type-", ""), [value.start, value.middle, value.end, value["2"]]])),
  };
}

function likelyRegion(tag, likely) {
  const parts = tag.split("-");
  const region = parts.slice(1).find((part) => /^(?:[A-Z]{2}|\d{3})$/.test(part));
  if (region) return region;
  const full = likely[tag] ?? likely[parts[0]] ?? "und-Latn-US";
  return full.split("-").find((part, i) => i > 0 && /^(?:[A-Z]{2}|\d{3})$/.test(part)) ?? "001";
}

/** Every modern locale's data, each child as the keys that differ from its listed parent. */
export function packLocales() {
  const core = (path) => cldr("cldr-core", path);
  const supplemental = {
    cardinal: core("supplemental/plurals.json").supplemental["plurals-type-cardinal"],
    ordinal: core("supplemental/ordinals.json").supplemental["plurals-type-ordinal"],
    likely: core("supplemental/likelySubtags.json").supplemental.likelySubtags,
    timeData: core("supplemental/timeData.json").supplemental.timeData,
  };
  const parents = core("supplemental/parentLocales.json").supplemental.parentLocales.parentLocale;
  const coverage = core("coverageLevels.json").effectiveCoverageLevels;
  const tags = Object.keys(coverage).filter((tag) => coverage[tag] === "modern" && tag !== "en" && !tag.startsWith("en-") && tag !== "root");
  const full = new Map(tags.map((tag) => [tag, localeData(tag, supplemental)]));
  const locales = {};
  for (const tag of tags) {
    const data = full.get(tag);
    let parent = parents[tag] ?? tag.split("-").slice(0, -1).join("-");
    while (parent && !full.has(parent)) parent = parents[parent] ?? parent.split("-").slice(0, -1).join("-");
    if (!parent) {
      locales[tag] = data;
      continue;
    }
    const from = full.get(parent);
    const diff = { "^": parent };
    for (const [key, value] of Object.entries(data)) if (JSON.stringify(value) !== JSON.stringify(from[key])) diff[key] = value;
    locales[tag] = diff;
  }
  // Tags CLDR holds as their parent's data (de-DE is de's, zh-Hans-CN zh's): the tag it is found under.
  const defaults = {};
  for (const tag of core("defaultContent.json").defaultContent) {
    let parent = tag.split("-").slice(0, -1).join("-");
    while (parent && !locales[parent]) parent = parent.split("-").slice(0, -1).join("-");
    if (parent) defaults[tag] = parent;
  }
  // A language and region whose likely script is the one CLDR files them under (zh-CN as zh-Hans-CN, zh-TW as zh-Hant-TW).
  for (const tag of [...Object.keys(locales), ...Object.keys(defaults)]) {
    const [language, script, region] = tag.split("-");
    if (region === undefined || !/^[A-Z][a-z]{3}$/.test(script)) continue;
    const short = `${language}-${region}`;
    const likely = supplemental.likely[short] ?? supplemental.likely[language];
    if (!locales[short] && likely === tag) defaults[short] = locales[tag] ? tag : defaults[tag];
  }
  return { cldr: JSON.parse(readFileSync(require.resolve("cldr-core/package.json"), "utf8")).version, defaults, locales };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const packed = packLocales();
  const text = JSON.stringify(packed);
  writeFileSync(join(packageDir, "dist/globals/intl-locales.json"), text);
  console.log(`intl-locales.json: ${Object.keys(packed.locales).length} locales (CLDR ${packed.cldr}), ${text.length} bytes`);
}
