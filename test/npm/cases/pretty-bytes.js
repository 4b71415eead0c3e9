// pretty-bytes formats with Number.prototype.toLocaleString in the locale asked
// for: German and French come from the plug-in's --locales, English is built in.
import prettyBytes from "pretty-bytes";

const SIZES = [0, 1, 999, 1000, 1337, 1500000, 1234567890, -4096, 1e15, 0.5];

export default function run() {
  const line = (options) => SIZES.map((n) => prettyBytes(n, options)).join(" | ");
  return [
    line(),
    line({ locale: "de-DE" }),
    line({ locale: "fr-FR", bits: true }),
    line({ locale: "de-DE", binary: true, maximumFractionDigits: 1 }),
    line({ locale: ["fr-FR", "de-DE"], signed: true, minimumFractionDigits: 2 }),
    line({ locale: "en-US", space: false }),
  ].join("\n");
}
