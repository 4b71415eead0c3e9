// Intl in the locales a plug-in is built with (--locales de-DE,fr-FR,ja,es-MX,zh-CN):
// the same calls in Node and in the plug-in, one line each, compared byte for byte.
const LOCALES = ["de-DE", "fr-FR", "ja", "es-MX", "zh-CN"];
const INSTANTS = [Date.UTC(2024, 6, 2, 14, 5, 9, 45), Date.UTC(1999, 11, 31, 23, 59, 58, 999), Date.UTC(2025, 0, 5, 0, 7, 0, 0)];
const NUMBERS = [0, 1, -1, 1.5, 2, 1234, -1234567.891, 0.256, 1e21, 999999, 1500000000];

const DATE_OPTIONS = [
  {},
  { year: "numeric", month: "long", day: "numeric" },
  { weekday: "long", year: "numeric", month: "long", day: "numeric" },
  { weekday: "short", month: "short", day: "numeric" },
  { hour: "numeric", minute: "numeric" },
  { hour: "numeric", minute: "2-digit", second: "2-digit" },
  { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" },
  { month: "long", day: "numeric", hour: "numeric", minute: "2-digit" },
  { month: "short", day: "numeric" },
  { month: "long" },
  { weekday: "short" },
  { year: "numeric", month: "short" },
  { month: "2-digit", day: "2-digit", year: "numeric" },
  { hour: "numeric", minute: "2-digit", hour12: true },
  { hour: "numeric", hour12: false },
  { hour: "numeric", minute: "numeric", timeZoneName: "shortOffset", timeZone: "America/New_York" },
  { hour: "numeric", minute: "numeric", timeZoneName: "longOffset", timeZone: "Asia/Kolkata" },
  { hour: "2-digit", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 3 },
  { era: "short", year: "numeric" },
  { dateStyle: "full" },
  { dateStyle: "long" },
  { dateStyle: "medium" },
  { dateStyle: "short" },
  { timeStyle: "medium" },
  { timeStyle: "short" },
  { dateStyle: "full", timeStyle: "short" },
  { dateStyle: "long", timeStyle: "medium", timeZone: "Europe/Berlin" },
  { dateStyle: "medium", timeStyle: "short", timeZone: "America/Los_Angeles" },
  { dateStyle: "short", timeStyle: "short" },
];

const NUMBER_OPTIONS = [
  {},
  { maximumFractionDigits: 1 },
  { minimumFractionDigits: 2 },
  { style: "percent" },
  { style: "percent", maximumFractionDigits: 1 },
  { style: "currency", currency: "EUR" },
  { style: "currency", currency: "USD" },
  { style: "currency", currency: "JPY" },
  { style: "currency", currency: "CHF" },
  { style: "currency", currency: "EUR", currencyDisplay: "code" },
  { style: "currency", currency: "EUR", currencyDisplay: "name" },
  { style: "currency", currency: "USD", currencyDisplay: "narrowSymbol" },
  { style: "currency", currency: "EUR", currencySign: "accounting" },
  { notation: "compact" },
  { notation: "compact", compactDisplay: "long" },
  { style: "currency", currency: "EUR", notation: "compact" },
  { notation: "scientific" },
  { notation: "engineering" },
  { signDisplay: "always" },
  { signDisplay: "exceptZero" },
  { useGrouping: false },
  { minimumIntegerDigits: 3 },
  { maximumSignificantDigits: 3 },
];

const RELATIVE = [
  [-1, "day"],
  [0, "day"],
  [1, "day"],
  [2, "day"],
  [-3, "week"],
  [5, "month"],
  [-1, "year"],
  [1.5, "hour"],
  [-45, "minute"],
  [10, "second"],
  [2, "quarter"],
  [-0, "second"],
];

const parts = (list) => list.map((p) => `${p.type}:${p.value}${p.unit ? `@${p.unit}` : ""}`).join("|");

export default function run() {
  const lines = [];
  for (const locale of LOCALES) {
    for (const options of DATE_OPTIONS) {
      const format = new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...options });
      lines.push(`${locale} date ${JSON.stringify(options)}: ${INSTANTS.map((t) => format.format(t)).join(" / ")} ${JSON.stringify(format.resolvedOptions())}`);
    }
    lines.push(`${locale} dateParts: ${parts(new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "medium", timeZone: "UTC" }).formatToParts(INSTANTS[0]))}`);
    lines.push(`${locale} toLocale: ${new Date(INSTANTS[1]).toLocaleString(locale, { timeZone: "UTC" })} / ${new Date(INSTANTS[1]).toLocaleDateString(locale, { timeZone: "UTC" })} / ${new Date(INSTANTS[1]).toLocaleTimeString(locale, { timeZone: "UTC" })}`);
    for (const options of NUMBER_OPTIONS) {
      const format = new Intl.NumberFormat(locale, options);
      lines.push(`${locale} number ${JSON.stringify(options)}: ${NUMBERS.map((n) => format.format(n)).join(" / ")} ${JSON.stringify(format.resolvedOptions())}`);
    }
    lines.push(`${locale} numberParts: ${parts(new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).formatToParts(-1234567.891))} ${parts(new Intl.NumberFormat(locale, { notation: "compact" }).formatToParts(2500000))}`);
    lines.push(`${locale} toLocaleString: ${(1234567.891).toLocaleString(locale)} ${(12345678901234567890n).toLocaleString(locale)}`);
    for (const type of ["cardinal", "ordinal"]) {
      const rules = new Intl.PluralRules(locale, { type });
      lines.push(`${locale} plural ${type}: ${[0, 1, 2, 3, 5, 11, 21, 100, 1000000, 1.5, 0.5].map((n) => rules.select(n)).join(" ")} ${JSON.stringify(rules.resolvedOptions())}`);
    }
    for (const style of ["long", "short", "narrow"]) {
      for (const numeric of ["always", "auto"]) {
        const format = new Intl.RelativeTimeFormat(locale, { style, numeric });
        lines.push(`${locale} relative ${style} ${numeric}: ${RELATIVE.map(([n, unit]) => format.format(n, unit)).join(" / ")} ${JSON.stringify(format.resolvedOptions())}`);
      }
    }
    lines.push(`${locale} relativeParts: ${parts(new Intl.RelativeTimeFormat(locale).formatToParts(-3, "day"))}`);
    for (const type of ["conjunction", "disjunction", "unit"]) {
      for (const style of ["long", "short", "narrow"]) {
        const format = new Intl.ListFormat(locale, { type, style });
        lines.push(`${locale} list ${type} ${style}: ${[[], ["a"], ["a", "b"], ["a", "b", "c"], ["a", "b", "c", "d"]].map((items) => format.format(items)).join(" / ")}`);
      }
    }
    lines.push(`${locale} listParts: ${parts(new Intl.ListFormat(locale).formatToParts(["x", "y", "z"]))}`);
    lines.push(`${locale} supported: ${Intl.NumberFormat.supportedLocalesOf([locale, "xx"]).join(",")}`);
  }
  // A tag whose language alone names a built locale (de-DE's data is CLDR's de).
  lines.push(`de: ${new Intl.NumberFormat("de").resolvedOptions().locale} ${new Intl.DateTimeFormat("de-AT", { timeZone: "UTC" }).format(INSTANTS[0])}`);
  return lines.join("\n");
}
