// The URL test data: the Web Platform Tests' urltestdata.json and
// setters_tests.json as the url crate ships them, and Unicode's IdnaTestV2.txt
// as the idna crate ships it, fetched by cargo at the versions
// ./wpt-url/Cargo.lock pins (Rust is on every machine the suite runs on).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { testDir } from "./paths.js";

/** One case of urltestdata.json: a URL's parts, or failure. */
export interface UrlTestCase {
  input: string;
  base: string | null;
  failure?: true;
  href?: string;
  origin?: string;
  protocol?: string;
  username?: string;
  password?: string;
  host?: string;
  hostname?: string;
  port?: string;
  pathname?: string;
  search?: string;
  hash?: string;
}

/** One case of setters_tests.json: the URL, the value set, the parts after. */
export interface SetterTestCase {
  href: string;
  new_value: string;
  expected: Record<string, string>;
}

/** One line of IdnaTestV2.txt: the source, its toUnicode and its toAsciiN result with the error codes found on the way. */
export interface IdnaTestCase {
  line: number;
  source: string;
  toUnicode: string;
  toAsciiN: string;
  errors: string[];
}

function crateDir(name: string): string {
  const manifest = join(testDir, "support", "wpt-url", "Cargo.toml");
  const metadata = JSON.parse(execFileSync("cargo", ["metadata", "--format-version", "1", "--locked", "--manifest-path", manifest], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })) as {
    packages: Array<{ name: string; manifest_path: string }>;
  };
  const found = metadata.packages.find((entry) => entry.name === name);
  if (!found) throw new Error(`cargo metadata for ${manifest} lists no ${name} crate`);
  return dirname(found.manifest_path);
}

export function urlTestData(): UrlTestCase[] {
  // Strings in the file are comments.
  return (JSON.parse(readFileSync(join(crateDir("url"), "tests", "urltestdata.json"), "utf8")) as Array<UrlTestCase | string>).filter((entry): entry is UrlTestCase => typeof entry !== "string");
}

export function settersTestData(): Record<string, SetterTestCase[]> {
  // "comment" holds lines of text; every other key is a setter.
  const { comment: _comment, ...setters } = JSON.parse(readFileSync(join(crateDir("url"), "tests", "setters_tests.json"), "utf8")) as Record<string, SetterTestCase[]>;
  return setters;
}

/** IdnaTestV2.txt's escapes: \uXXXX and \x{X...}. */
function unescape(field: string): string {
  return field.replace(/\\u([\da-fA-F]{4})|\\x\{([\da-fA-F]+)\}/g, (_, u: string | undefined, x: string | undefined) => String.fromCodePoint(parseInt((u ?? x)!, 16)));
}

export function idnaTestData(): IdnaTestCase[] {
  const lines = readFileSync(join(crateDir("idna"), "tests", "IdnaTestV2.txt"), "utf8").split("\n");
  const cases: IdnaTestCase[] = [];
  lines.forEach((text, index) => {
    const data = text.replace(/#.*/, "").trim();
    if (data === "") return;
    const fields = data.split(";").map((field) => field.trim());
    const source = unescape(fields[0]!);
    const toUnicode = fields[1] === "" ? source : unescape(fields[1]!);
    const toUnicodeStatus = fields[2]!;
    const toAsciiN = fields[3] === "" ? toUnicode : unescape(fields[3]!);
    const status = fields[4] === "" ? toUnicodeStatus : fields[4]!;
    const errors = status === "" || status === "[]" ? [] : status.replace(/^\[|\]$/g, "").split(",").map((code) => code.trim());
    const empty = (field: string) => (field === '""' ? "" : field);
    cases.push({ line: index + 1, source: empty(source), toUnicode: empty(toUnicode), toAsciiN: empty(toAsciiN), errors });
  });
  return cases;
}
