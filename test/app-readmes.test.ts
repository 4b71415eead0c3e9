// Every app's README shows how to call it: the `console` blocks there are run
// here (in bash, from the repository root, with `extism-ts` on the PATH) and
// must print what the README shows. In an expected line, a trailing "..."
// matches the rest of the line, and a line of just "..." any further lines.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/paths.js";

interface Example {
  command: string;
  expected: string[];
}

/** The `$ command` lines of a README's console blocks, each with the lines it prints. */
export function consoleExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const block of markdown.matchAll(/^```console\n([\s\S]*?)^```$/gm)) {
    for (const line of block[1]!.replace(/\n$/, "").split("\n")) {
      if (line.startsWith("$ ")) examples.push({ command: line.slice(2), expected: [] });
      else if (examples.length > 0) examples[examples.length - 1]!.expected.push(line);
      else throw new Error(`a console block must start with a "$ " command line, not: ${line}`);
    }
  }
  return examples;
}

/** Whether the output's lines are the expected ones, with "..." as described above. */
export function matches(actual: string[], expected: string[]): boolean {
  if (expected.length === 0) return actual.length === 0;
  const [first, ...rest] = expected;
  if (first === "...") return rest.length === 0 || actual.some((_, index) => matches(actual.slice(index), rest));
  if (actual.length === 0) return false;
  const line = actual[0]!;
  const ok = first!.endsWith("...") ? line.startsWith(first!.slice(0, -3)) : line === first;
  return ok && matches(actual.slice(1), rest);
}

function run(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", `${command} 2>&1`], {
      cwd: repoRoot,
      env: { ...process.env, PATH: `${join(repoRoot, "node_modules", ".bin")}${delimiter}${process.env.PATH}`, LC_ALL: "C" },
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", () => resolve(output));
  });
}

function lines(output: string): string[] {
  const split = output.split("\n").map((line) => line.trimEnd());
  while (split.length > 0 && split[split.length - 1] === "") split.pop();
  return split;
}

const plugInApps = readdirSync(join(repoRoot, "apps"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(repoRoot, "apps", entry.name, "package.json")))
  .map((entry) => entry.name)
  .filter((app) => /\bextism-ts build\b/.test(readFileSync(join(repoRoot, "apps", app, "package.json"), "utf8")))
  .sort();

describe("apps/*/README.md", () => {
  it("finds the console examples and matches their output", () => {
    expect(consoleExamples("```console\n$ a\nx\n...\n$ b\n```\n")).toEqual([
      { command: "a", expected: ["x", "..."] },
      { command: "b", expected: [] },
    ]);
    expect(matches(["error: x", "  at y", "  at z"], ["error: x", "..."])).toBe(true);
    expect(matches(["error: x at byte 3"], ["error: x..."])).toBe(true);
    expect(matches(["a", "b"], ["a"])).toBe(false);
    expect(matches([], [])).toBe(true);
  });

  describe.concurrent("shows commands that print what it says", () => {
    for (const app of plugInApps) {
      it(app, async () => {
        const readme = join(repoRoot, "apps", app, "README.md");
        expect(existsSync(readme), `apps/${app}/README.md`).toBe(true);
        const markdown = readFileSync(readme, "utf8");
        expect(markdown, "the README shows how to build the app").toContain(`--filter=@extism-ts-apps/${app}`);
        const examples = consoleExamples(markdown);
        expect(examples.length, "the README shows an `extism-ts call` example").toBeGreaterThan(0);
        for (const example of examples) {
          const output = lines(await run(example.command));
          expect(matches(output, example.expected), `$ ${example.command}\n--- printed:\n${output.join("\n")}\n--- README shows:\n${example.expected.join("\n")}`).toBe(true);
        }
      });
    }
  });
});
