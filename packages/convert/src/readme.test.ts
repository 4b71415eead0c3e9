import { readFileSync } from "node:fs";
import { format } from "node:util";
import { describe, expect, it } from "vitest";
import * as convert from "./index.js";

// The README opens with a runnable example whose `// ...` comments are what each
// console.log prints in Node. Run those exact lines and hold them to it.
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";

describe("README example", () => {
  it("opens the README and is five lines", () => {
    expect(readme.indexOf("```ts")).toBeLessThan(readme.indexOf("\n", readme.indexOf("# ")) + 3);
    expect(example.trimEnd().split("\n")).toHaveLength(5);
  });

  it("prints what its comments say", () => {
    const lines = example.trimEnd().split("\n");
    const [importLine, ...code] = lines;
    const imported = /^import \{ (.+) \} from "@extism-ts\/convert";$/.exec(importLine!);
    expect(imported, "the first line imports from @extism-ts/convert").not.toBeNull();

    const expected = code.map((line) => /\/\/ (.*)$/.exec(line)?.[1]);
    const printed: string[] = [];
    const fakeConsole = { log: (...args: unknown[]) => printed.push(format(...args)) };
    // The example is plain JavaScript as well as TypeScript, so it runs as written.
    const body = `const { ${imported![1]} } = convert;\n${code.join("\n")}`;
    new Function("convert", "console", body)(convert, fakeConsole);

    expect(printed).toEqual(expected);
  });
});
