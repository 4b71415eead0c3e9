// The URL global against the whole of the Web Platform Tests' URL data, run
// inside a real plug-in built with the CLI and called from real hosts: every
// case of urltestdata.json (parsing, origin, searchParams, failures through
// the constructor, URL.canParse, URL.parse and the href setter) and of
// setters_tests.json (test/support/wpt-url.ts fetches both); and domains
// through UTS #46 against Unicode's IdnaTestV2.txt, the data the Web Platform
// Tests' IdnaTestV2 test is made from.
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "./support/cli.js";
import { currentHosts, text, type CallResult } from "./support/hosts.js";
import { idnaTestData, settersTestData, urlTestData, type IdnaTestCase, type SetterTestCase, type UrlTestCase } from "./support/wpt-url.js";

const PLUGIN = `import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";

const PARTS = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"] as const;
const partsOf = (url: URL) => ({ ...Object.fromEntries(PARTS.map((part) => [part, url[part]])), searchParams: url.searchParams.toString(), json: url.toJSON() });
const thrown = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return (error as Error).name;
  }
};

export const parse = plugin(json<Array<{ input: string; base: string | null }>>(), json<unknown>(), (cases) =>
  cases.map(({ input, base }) => {
    const args: [string, string?] = base === null ? [input] : [input, base];
    let parts: unknown = null;
    const error = thrown(() => (parts = partsOf(new URL(...args))));
    const assigned = new URL("about:blank");
    const hrefSetter = thrown(() => (assigned.href = input));
    return { parts, error, canParse: URL.canParse(...args), parsed: URL.parse(...args)?.href ?? null, hrefSetter, afterHrefSetter: assigned.href };
  }),
);

export const set = plugin(json<Array<{ setter: string; href: string; value: string }>>(), json<unknown>(), (cases) =>
  cases.map(({ setter, href, value }) => {
    const url = new URL(href);
    (url as unknown as Record<string, string>)[setter] = value;
    return partsOf(url);
  }),
);

export const hosts = plugin(json<string[]>(), json<Array<string | null>>(), (domains) =>
  domains.map((domain) => {
    try {
      return new URL(\`https://\${domain}/x\`).host;
    } catch {
      return null;
    }
  }),
);
`;

// The URL Standard's domain to ASCII turns CheckHyphens (V2, V3), VerifyDnsLength
// (A4_1, A4_2, and X4_2, the empty label) and UseSTD3ASCIIRules (U1) off.
const IGNORED_IDNA_ERRORS = new Set(["V2", "V3", "A4_1", "A4_2", "X4_2", "U1"]);
const FORBIDDEN_DOMAIN = /[\0-\x20#%/:<>?@[\\\]^|\x7f]/;

// IdnaTestV2.txt is Unicode 16's; the engine's Unicode is 17's, where CJK
// Extension J (U+323B0..U+3347F) is assigned and so valid.
const ASSIGNED_SINCE_THE_DATA = /[\u{323b0}-\u{3347f}]/u;

/**
 * The host a URL has for a line of IdnaTestV2.txt, null for failure, or
 * undefined where the line tests what the URL parser decides before or after
 * UTS #46 (an empty domain, a code point the URL parser forbids in a domain:
 * it fails or ends the host there, or a last label that makes the host an
 * IPv4 address), or a code point Unicode assigned after the data was made.
 */
function idnaExpectation(test: IdnaTestCase): string | null | undefined {
  if (test.source === "" || FORBIDDEN_DOMAIN.test(test.source) || ASSIGNED_SINCE_THE_DATA.test(test.toUnicode)) return undefined;
  if (test.errors.some((code) => !IGNORED_IDNA_ERRORS.has(code))) return null;
  if (test.toAsciiN === "") return null;
  if (FORBIDDEN_DOMAIN.test(test.toAsciiN) || /(^|\.)(\d+|0x[\da-f]*)\.?$/i.test(test.toAsciiN)) return undefined;
  return test.toAsciiN;
}

const PARTS = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash", "searchParams"] as const;

interface Parsed {
  parts: Record<string, string> | null;
  error: string | null;
  canParse: boolean;
  parsed: string | null;
  hrefSetter: string | null;
  afterHrefSetter: string;
}

/** How the plug-in's answer for one case departs from the data, "" when it does not. */
function parseMismatch(test: UrlTestCase & { searchParams?: string }, got: Parsed): string {
  const problems: string[] = [];
  if (test.failure) {
    if (got.error !== "TypeError") problems.push(`new URL gave ${got.error ?? JSON.stringify(got.parts?.href)}, not a TypeError`);
    if (got.canParse) problems.push("URL.canParse was true");
    if (got.parsed !== null) problems.push(`URL.parse gave ${JSON.stringify(got.parsed)}`);
    // failure.html: without a base, the href setter throws too and changes nothing.
    if (test.base === null && (got.hrefSetter !== "TypeError" || got.afterHrefSetter !== "about:blank")) problems.push(`href setter: ${got.hrefSetter}, left ${got.afterHrefSetter}`);
  } else {
    if (got.parts === null) return `threw ${got.error}`;
    for (const part of PARTS) {
      const expected = (test as unknown as Record<string, string | undefined>)[part];
      if (expected !== undefined && got.parts[part] !== expected) problems.push(`${part} ${JSON.stringify(got.parts[part])}, expected ${JSON.stringify(expected)}`);
    }
    if (got.parts.json !== test.href) problems.push(`toJSON ${JSON.stringify(got.parts.json)}`);
    if (!got.canParse) problems.push("URL.canParse was false");
    if (got.parsed !== test.href) problems.push(`URL.parse gave ${JSON.stringify(got.parsed)}`);
    if (test.base === null && got.afterHrefSetter !== test.href) problems.push(`href setter left ${JSON.stringify(got.afterHrefSetter)}`);
  }
  return problems.join("; ");
}

function output(result: CallResult | undefined): unknown[] {
  return JSON.parse(text(result)) as unknown[];
}

describe("URL against the Web Platform Tests' URL data, inside a plug-in", () => {
  const urlCases = urlTestData();
  const setterCases = Object.entries(settersTestData()).flatMap(([setter, cases]) => cases.map((test: SetterTestCase) => ({ setter, test })));
  const idnaCases = idnaTestData()
    .map((test) => ({ test, expected: idnaExpectation(test) }))
    .filter((entry): entry is { test: IdnaTestCase; expected: string | null } => entry.expected !== undefined);
  const answers = new Map<string, { parsed: unknown[]; set: unknown[]; hosts: unknown[] }>();

  beforeAll(async () => {
    const built = buildFixture("url-wpt", PLUGIN);
    expect(built.stderr).toBe("");
    for (const host of currentHosts) {
      const [parsed, set, hosts] = await host.run(built.wasm, [
        { function: "parse", input: JSON.stringify(urlCases.map(({ input, base }) => ({ input, base }))) },
        { function: "set", input: JSON.stringify(setterCases.map(({ setter, test }) => ({ setter, href: test.href, value: test.new_value }))) },
        { function: "hosts", input: JSON.stringify(idnaCases.map(({ test }) => test.source)) },
      ]);
      answers.set(host.name, { parsed: output(parsed), set: output(set), hosts: output(hosts) });
    }
  }, 180_000);

  it(`passes every case of urltestdata.json (${currentHosts.map((host) => host.name).join(", ")})`, () => {
    expect(urlCases.length).toBeGreaterThan(800);
    for (const host of currentHosts) {
      const parsed = answers.get(host.name)!.parsed as Parsed[];
      expect(parsed.length, host.name).toBe(urlCases.length);
      const failed = urlCases
        .map((test, index) => ({ input: test.input, base: test.base, problem: parseMismatch(test, parsed[index]!) }))
        .filter(({ problem }) => problem !== "");
      expect(failed, host.name).toEqual([]);
    }
  });

  it(`passes every case of setters_tests.json (${currentHosts.map((host) => host.name).join(", ")})`, () => {
    expect(setterCases.length).toBeGreaterThan(250);
    for (const host of currentHosts) {
      const set = answers.get(host.name)!.set as Array<Record<string, string>>;
      expect(set.length, host.name).toBe(setterCases.length);
      const failed = setterCases
        .map(({ setter, test }, index) => ({
          setter,
          href: test.href,
          value: test.new_value,
          problem: Object.entries(test.expected)
            .filter(([part, expected]) => set[index]![part] !== expected)
            .map(([part, expected]) => `${part} ${JSON.stringify(set[index]![part])}, expected ${JSON.stringify(expected)}`)
            .join("; "),
        }))
        .filter(({ problem }) => problem !== "");
      expect(failed, host.name).toEqual([]);
    }
  });

  it(`turns domains to ASCII as IdnaTestV2.txt has it (${currentHosts.map((host) => host.name).join(", ")})`, () => {
    expect(idnaCases.length).toBeGreaterThan(5000);
    for (const host of currentHosts) {
      const hosts = answers.get(host.name)!.hosts;
      expect(hosts.length, host.name).toBe(idnaCases.length);
      const failed = idnaCases
        .map(({ test, expected }, index) => ({ line: test.line, source: test.source, expected, got: hosts[index] }))
        .filter(({ expected, got }) => got !== expected);
      expect(failed, host.name).toEqual([]);
    }
  });
});
