// Number and text formatting with the Intl constructors, as libraries call them.
export default function run() {
  const out = [];
  const money = [1234.5, -0.5, 1e6, 0.015];
  for (const currency of ["USD", "EUR", "JPY", "GBP", "CHF", "INR"]) out.push(money.map((n) => new Intl.NumberFormat("en-US", { style: "currency", currency }).format(n)).join(" "));
  out.push(new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", currencySign: "accounting" }).format(-42));
  out.push(new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR", currencyDisplay: "name" }).format(2));
  out.push([0.256, 1, -0.0049].map((n) => new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(n)).join(" "));
  out.push([999, 1234, 15300, 999999, 2.5e9, 7.1e12].map((n) => new Intl.NumberFormat("en-US", { notation: "compact" }).format(n)).join(" "));
  out.push([1234, 2.5e6].map((n) => new Intl.NumberFormat("en-US", { notation: "compact", compactDisplay: "long" }).format(n)).join(" "));
  out.push(new Intl.NumberFormat("en-US", { notation: "scientific", maximumFractionDigits: 2 }).format(123456));
  for (const [unit, unitDisplay] of [["kilometer-per-hour", "short"], ["megabyte", "long"], ["liter", "narrow"], ["fahrenheit", "short"], ["day", "long"]]) {
    out.push(new Intl.NumberFormat("en-US", { style: "unit", unit, unitDisplay }).format(1) + " / " + new Intl.NumberFormat("en-US", { style: "unit", unit, unitDisplay }).format(1234.5));
  }
  out.push(JSON.stringify(new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).formatToParts(-1234.56)));
  out.push(JSON.stringify(new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).resolvedOptions()));
  out.push((1234567.891).toLocaleString(), (0.5).toLocaleString("en-US", { style: "percent" }), 12345678901234567890n.toLocaleString("en-US"));
  const ordinal = new Intl.PluralRules("en-US", { type: "ordinal" });
  const suffix = { one: "st", two: "nd", few: "rd", other: "th" };
  out.push([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map((n) => `${n}${suffix[ordinal.select(n)]}`).join(" "));
  out.push([0, 1, 2, 1.5].map((n) => new Intl.PluralRules("en-US").select(n)).join(" "));
  for (const style of ["long", "short", "narrow"]) {
    out.push(new Intl.ListFormat("en", { style, type: "conjunction" }).format(["red", "green", "blue"]), new Intl.ListFormat("en", { style, type: "disjunction" }).format(["tea", "coffee"]));
  }
  const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  out.push([-1, 0, 1, 3].map((n) => relative.format(n, "day")).join(", "), new Intl.RelativeTimeFormat("en", { style: "short" }).format(-5, "minute"), new Intl.RelativeTimeFormat("en").format(2, "quarters"));
  const names = ["banana", "Apple", "apple", "Äpfel", "zebra", "Zoë", "item10", "item9", "item1", "éclair", "eclair", "_private", "Ölberg"];
  out.push([...names].sort(new Intl.Collator("en").compare).join(" "));
  out.push([...names].sort(new Intl.Collator("en", { numeric: true, sensitivity: "base" }).compare).join(" "));
  out.push([...names].sort((a, b) => a.localeCompare(b)).join(" "));
  out.push([...new Intl.Segmenter("en", { granularity: "grapheme" }).segment("e\u0301👍🏽🇫🇷a")].map((s) => s.segment).join("|"));
  out.push(Intl.getCanonicalLocales(["EN-us", "de-de"]).join(","), new Intl.Locale("en-US").maximize().baseName);
  out.push(new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeStyle: "short", timeZone: "America/New_York" }).format(new Date("2024-07-04T16:00:00Z")));
  out.push(new Date("2024-07-04T16:00:00Z").toLocaleDateString("en-US", { weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }));
  return JSON.stringify(out);
}
