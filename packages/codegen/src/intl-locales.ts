// `--locales de-DE,fr` / the project config's "locales": the Intl data of
// locales other than English that a plug-in carries, from the CLDR data the
// engine package packs when it is built (dist/globals/intl-locales.json).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { globalsPath } from "@extism-ts/engine/files";
import { BuildError } from "./errors.js";

interface PackedLocales {
  /** The CLDR version the data comes from. */
  cldr: string;
  /** Tags CLDR keeps as another's data (de-DE as de). */
  defaults: Record<string, string>;
  /** Each locale's data; a locale with "^" holds only what differs from that parent. */
  locales: Record<string, Record<string, unknown>>;
}

let packed: PackedLocales | undefined;
function packedLocales(): PackedLocales {
  return (packed ??= JSON.parse(readFileSync(join(dirname(globalsPath), "intl-locales.json"), "utf8")) as PackedLocales);
}

/** The data of the plug-in's extra locales: JSON by the CLDR tag it comes from, and the tags named that share it (de-DE for de). */
export interface LocaleModule {
  locales: Record<string, string>;
  aliases: Record<string, string>;
}

/** BCP 47 case: language lower, script title, region upper ("DE-de" is de-DE). */
function canonicalCase(tag: string): string {
  return tag
    .split("-")
    .map((part, i) => (i === 0 ? part.toLowerCase() : part.length === 4 && /^[a-z]+$/i.test(part) ? part[0]!.toUpperCase() + part.slice(1).toLowerCase() : part.length === 2 || /^\d{3}$/.test(part) ? part.toUpperCase() : part.toLowerCase()))
    .join("-");
}

function resolved(tag: string, all: PackedLocales): Record<string, unknown> {
  const own = all.locales[tag]!;
  const parent = own["^"] as string | undefined;
  if (parent === undefined) return own;
  const { "^": _, ...changes } = own;
  return { ...resolved(parent, all), ...changes };
}

/**
 * JSON in whichever form a plug-in's snapshot keeps in fewer bytes: QuickJS
 * stores a string with any character past U+00FF at two bytes a character,
 * so text that is mostly Latin (de, fr) escapes its few such characters
 * ("\u202f"), and text that is mostly not (ja) keeps them.
 */
function compactJson(value: unknown): string {
  const json = JSON.stringify(value);
  const escaped = json.replace(/[^\0-\xff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return escaped.length < json.length * 2 ? escaped : json;
}

/**
 * The locales named, checked: each must be English (built in) or a locale
 * CLDR has modern data for. English other than en and en-US is not there:
 * the built-in English is en-US's.
 */
export function localeModule(names: readonly string[]): LocaleModule {
  const all = packedLocales();
  const out: LocaleModule = { locales: {}, aliases: {} };
  for (const name of names) {
    const tag = canonicalCase(name.trim());
    if (tag === "en" || tag === "en-US") continue;
    const source = all.locales[tag] ? tag : all.defaults[tag];
    if (source === undefined || tag.startsWith("en-")) {
      const language = tag.split("-")[0]!;
      const same = Object.keys(all.locales).filter((known) => known === language || known.startsWith(`${language}-`));
      const hint = tag.startsWith("en-")
        ? "English is built in as en-US only"
        : same.length > 0
          ? `for ${language}: ${same.slice(0, 12).join(", ")}${same.length > 12 ? ", ..." : ""}`
          : `CLDR ${all.cldr} has modern data for ${Object.keys(all.locales).length} locales, such as de, fr, es-MX, ja, zh-Hant`;
      throw new BuildError(`locales: no Intl data for '${name}' (${hint})`);
    }
    out.locales[source] ??= compactJson(resolved(source, all));
    if (tag !== source) out.aliases[tag] = source;
  }
  return out;
}
