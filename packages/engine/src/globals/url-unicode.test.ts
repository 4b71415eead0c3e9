import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript build script, without types.
import { classOf, unicodeModule } from "../../scripts/url-unicode.mjs";
import { UNICODE_VERSION } from "./url-unicode.js";
import { unicodeClass } from "./url.js";

// Node's regular expressions are the table's source: with another Unicode than the table's they would differ from it.
describe.skipIf(process.versions.unicode !== UNICODE_VERSION)("the URL global's Unicode table", () => {
  it("is what scripts/url-unicode.mjs writes", () => {
    expect(readFileSync(new URL("./url-unicode.ts", import.meta.url), "utf8")).toBe((unicodeModule as () => string)());
  });

  it("gives url.ts each code point's class, where the checks can see it", () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const expected = (classOf as (cp: number) => number | undefined)(cp);
      if (expected !== undefined && unicodeClass(cp) !== expected) wrong.push(`U+${cp.toString(16)}: ${unicodeClass(cp)}, not ${expected}`);
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });
});
