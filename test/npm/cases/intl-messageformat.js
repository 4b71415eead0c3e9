// FormatJS's ICU MessageFormat (intl-messageformat) on the plug-in's Intl:
// plurals, ordinals, selects, numbers, currencies, percents and dates in
// German and French (--locales) and English.
import { IntlMessageFormat } from "intl-messageformat";

// Dates in UTC, so that Node's zone does not matter.
const FORMATS = {
  date: { long: { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }, full: { weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC" } },
  time: { short: { hour: "numeric", minute: "numeric", timeZone: "UTC" } },
};

const MESSAGES = {
  "de-DE":
    "{name} hat {count, plural, =0 {keine Nachrichten} one {eine Nachricht} other {# Nachrichten}} am {date, date, long} um {date, time, short} erhalten; Guthaben {balance, number, ::currency/EUR}, Anteil {share, number, percent}, Rang {rank, selectordinal, other {#.}}",
  "fr-FR":
    "{name} a reçu {count, plural, =0 {aucun message} one {# message} many {# de messages} other {# messages}} le {date, date, full} à {date, time, short} ; solde {balance, number, ::currency/EUR} ; {gender, select, female {elle est} male {il est} other {iel est}} {rank, selectordinal, one {#er} other {#e}}",
  "en-US": "{name} got {count, plural, one {# message} other {# messages}} on {date, date, long}; balance {balance, number, ::currency/USD}; {rank, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}",
};

const VALUES = [
  { name: "Ada", count: 0, date: Date.UTC(2024, 6, 2, 14, 5), balance: 1234.5, share: 0.256, gender: "female", rank: 1 },
  { name: "Bo", count: 1, date: Date.UTC(1999, 11, 31, 23, 59), balance: -0.5, share: 1, gender: "male", rank: 2 },
  { name: "Cy", count: 1000000, date: Date.UTC(2025, 0, 5, 0, 7), balance: 1e6, share: 0.005, gender: "other", rank: 23 },
];

export default function run() {
  const lines = [];
  for (const [locale, message] of Object.entries(MESSAGES)) {
    const format = new IntlMessageFormat(message, locale, FORMATS);
    for (const values of VALUES) lines.push(`${locale}: ${format.format(values)}`);
    lines.push(`${locale} resolved: ${format.resolvedOptions().locale}`);
  }
  return lines.join("\n");
}
