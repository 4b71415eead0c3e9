// Intl's locales besides English: a plug-in built with `--locales` (or the
// project config's "locales") formats for them as Node does, byte for byte,
// on two hosts; a locale it was not built with resolves to en-US, as ECMA-402
// resolves a locale an implementation lacks; a locale the build has no data
// for fails the build with an error that names it.
import { describe, expect, it } from "vitest";
import { buildFixture } from "./support/cli.js";
import { currentHosts, text } from "./support/hosts.js";

const plugin = (body: string) =>
  `import { plugin } from "@extism-ts/pdk";\nimport { string } from "@extism-ts/convert";\n${body}\n`;

/** Each host's output, by host name. */
async function outputs(wasm: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const host of currentHosts) {
    const [result] = await host.run(wasm, [{ function: "main" }]);
    out.push([host.name, text(result)]);
  }
  return out;
}

/** What the fallback plug-in formats, for whichever locale `tag` resolves to. */
function fallbackCase(tag: string): string {
  const date = new Intl.DateTimeFormat(tag, { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Paris" });
  const number = new Intl.NumberFormat(tag, { style: "currency", currency: "EUR" });
  return [
    date.format(Date.UTC(2024, 6, 2, 14, 5)),
    date.resolvedOptions().locale,
    number.format(-1234.5),
    number.resolvedOptions().locale,
    new Intl.RelativeTimeFormat(tag, { numeric: "auto" }).format(-1, "day"),
    new Intl.ListFormat(tag).format(["a", "b", "c"]),
    new Intl.PluralRules(tag).resolvedOptions().pluralCategories.join(),
  ].join("\n");
}

const FALLBACK_SOURCE = `const tags = ["fr-FR", "de-DE"];
export const main = plugin(null, string, () =>
  tags
    .map((tag) => {
      const date = new Intl.DateTimeFormat(tag, { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Paris" });
      const number = new Intl.NumberFormat(tag, { style: "currency", currency: "EUR" });
      return [
        date.format(Date.UTC(2024, 6, 2, 14, 5)),
        date.resolvedOptions().locale,
        number.format(-1234.5),
        number.resolvedOptions().locale,
        new Intl.RelativeTimeFormat(tag, { numeric: "auto" }).format(-1, "day"),
        new Intl.ListFormat(tag).format(["a", "b", "c"]),
        new Intl.PluralRules(tag).resolvedOptions().pluralCategories.join(),
      ].join("\\n");
    })
    .join("\\n---\\n"),
);`;

describe("Intl locales besides English", () => {
  it("format numbers, dates, plurals, relative times and lists as Node does in de-DE, fr-FR, ja, es-MX and zh-CN (--locales)", async () => {
    const build = buildFixture("intl-locales-formats", plugin(`import run from "../../intl-locales/formats.js";\nexport const main = plugin(null, string, () => run());`), ["--locales", "de-DE,fr-FR", "--locales", "ja,es-MX,zh-CN"]);
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    // The same module in Node: a path in a variable, as the module is JavaScript without types.
    const casePath = "./intl-locales/formats.js";
    const expected = ((await import(casePath)) as { default: () => string }).default();
    for (const [host, output] of await outputs(build.wasm)) expect(output.split("\n"), host).toEqual(expected.split("\n"));
  });

  it("come from the project config's locales, and a locale not built in resolves to en-US", async () => {
    const build = buildFixture("intl-locales-config", plugin(FALLBACK_SOURCE), [], { projectConfig: { locales: ["fr-FR"] } });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    // de-DE was not built in: the plug-in formats as Node does for en-US, and says so.
    const expected = `${fallbackCase("fr-FR")}\n---\n${fallbackCase("en-US")}`;
    expect(expected).toContain("\nfr-FR\n");
    expect(expected).toContain("\nen-US\n");
    for (const [host, output] of await outputs(build.wasm)) expect(output, host).toBe(expected);
  });

  it("that the build has no data for fail the build, naming the locale and what there is", () => {
    const unknown = buildFixture("intl-locales-unknown", plugin(`export const main = plugin(null, string, () => new Intl.NumberFormat("xx").format(1));`), ["--locales", "de-DE,xx-YY"]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain("locales: no Intl data for 'xx-YY' (CLDR 48.0.0 has modern data for");
    const english = buildFixture("intl-locales-english", plugin(`export const main = plugin(null, string, () => new Intl.NumberFormat("en-GB").format(1));`), ["--locales", "en-GB"]);
    expect(english.status).not.toBe(0);
    expect(english.stderr).toContain("locales: no Intl data for 'en-GB' (English is built in as en-US only)");
    const region = buildFixture("intl-locales-region", plugin(`export const main = plugin(null, string, () => new Intl.NumberFormat("de").format(1));`), ["--locales", "de-XY"]);
    expect(region.status).not.toBe(0);
    expect(region.stderr).toContain("locales: no Intl data for 'de-XY' (for de: de, de-AT, de-BE, de-CH, de-IT, de-LI, de-LU)");
    const notList = buildFixture("intl-locales-not-list", plugin(`export const main = plugin(null, string, () => "");`), [], { projectConfig: { locales: "de-DE" } });
    expect(notList.status).not.toBe(0);
    expect(notList.stderr).toContain(`'locales' must be a list of strings, not "de-DE"`);
  });
});
