// Docs that run: every ```ts block of README.md, docs/guide.md and
// packages/*/README.md is type-checked; a block that imports @extism-ts/pdk is a
// plug-in, built with the real CLI, and called in @extism/extism 2.0 when the
// docs say what to expect of it. CONTRIBUTING.md ("Docs") describes the conventions:
//   - a ```sh block after the plug-in block (before the next ```ts block) whose
//     `extism-ts call <wasm> <function> [--input S] [--config k=v] [--wasi] # output`
//     lines give the expected output after the `#`;
//   - a `<!-- test: {...} -->` marker after the block (JSON: calls, config, wasi,
//     logLevel, logs, hostFunctions; see TestMarker below);
//   - a ```python block followed by `<!-- test: {"python": true, "stdout": "..."} -->`
//     runs with the Python SDK, next to the plug-in of the ```ts block before it
//     as dist/plugin.wasm;
//   - a ```ts block that is not a plug-in, followed by
//     `<!-- test: {"node": true, "app": "<app>", "stdout": "..."} -->`, runs in Node
//     (a test written with @extism-ts/testing, say) next to the plug-in of apps/<app>
//     as dist/plugin.wasm.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import ts from "typescript";
import { buildFixture } from "./support/cli.js";
import { jsSdk2, type HostCall, type HostFunction, type HostOptions, type LogLevelName } from "./support/hosts.js";
import { appWasm, pythonBin, repoRoot, testDir } from "./support/paths.js";

interface Block {
  /** The Markdown file, relative to the repository. */
  file: string;
  /** Line of the opening fence (1-based). */
  line: number;
  lang: string;
  code: string;
  /** Index of the block's closing fence line, for what follows it. */
  end: number;
}

interface MarkerCall {
  function: string;
  input?: string;
  inputHex?: string;
  inputJson?: unknown;
  output?: string;
  outputHex?: string;
  outputJson?: unknown;
  /** The call fails and its error contains this ("" for any failure). */
  error?: string;
}

interface TestMarker {
  calls?: MarkerCall[];
  config?: Record<string, string>;
  wasi?: boolean;
  logLevel?: LogLevelName;
  /** Lines the calls must log, as "LEVEL message". */
  logs?: string[];
  hostFunctions?: HostFunction[];
  /** On a python block: run it, expecting this standard output. */
  python?: boolean;
  /** On a ts block that is not a plug-in: run it in Node next to this app's plug-in. */
  node?: boolean;
  app?: string;
  stdout?: string;
}

interface Expectation extends TestMarker {
  /** Where the expectation is written, for messages. */
  where: string;
}

function markdownFiles(): string[] {
  const packages = readdirSync(join(repoRoot, "packages"))
    .map((name) => `packages/${name}/README.md`)
    .filter((path) => existsSync(join(repoRoot, path)));
  return ["README.md", "docs/guide.md", ...packages];
}

function parseBlocks(file: string, lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w+)?\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!.slice(indent));
    blocks.push({ file, line: start + 1, lang: open[2] ?? "", code: `${body.join("\n")}\n`, end: i });
  }
  return blocks;
}

/** The `<!-- test: {...} -->` marker right after a block (blank lines between are fine). */
function markerAfter(lines: string[], block: Block): Expectation | undefined {
  let i = block.end + 1;
  while (i < lines.length && lines[i]!.trim() === "") i++;
  if (!lines[i]?.trimStart().startsWith("<!-- test:")) return undefined;
  let text = "";
  for (; i < lines.length; i++) {
    text += `${lines[i]}\n`;
    if (lines[i]!.includes("-->")) break;
  }
  const json = text.slice(text.indexOf("<!-- test:") + "<!-- test:".length, text.lastIndexOf("-->"));
  try {
    return { ...(JSON.parse(json) as TestMarker), where: `${block.file}:${block.end + 2}` };
  } catch (error) {
    throw new Error(`${block.file}:${block.end + 2}: the test marker is not valid JSON: ${(error as Error).message}`);
  }
}

/** Split a shell command line into words, honouring single and double quotes. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let match; (match = pattern.exec(command)); ) words.push(match[1] ?? match[2]?.replace(/\\(.)/g, "$1") ?? match[3]!);
  return words;
}

/** `extism-ts call <wasm> <function> ... # output` lines of a sh block: one expectation each. */
function shellCalls(block: Block): Expectation[] {
  const expectations: Expectation[] = [];
  block.code.split("\n").forEach((line, index) => {
    const match = /\bextism-ts call (.*?)\s+#\s*(?:=>\s*)?(.*)$/.exec(line);
    if (!match) return;
    const words = shellWords(match[1]!);
    const [, fn, ...flags] = words;
    const call: MarkerCall = { function: fn!, output: match[2]! };
    const config: Record<string, string> = {};
    let wasi = false;
    for (let f = 0; f < flags.length; f++) {
      if (flags[f] === "--input") call.input = flags[++f]!;
      else if (flags[f] === "--config") {
        const [key, ...value] = flags[++f]!.split("=");
        config[key!] = value.join("=");
      } else if (flags[f] === "--wasi") wasi = true;
      else throw new Error(`${block.file}:${block.line + 1 + index}: the docs test does not know the flag ${flags[f]}`);
    }
    expectations.push({ calls: [call], config, wasi, where: `${block.file}:${block.line + 1 + index}` });
  });
  return expectations;
}

// An import statement of its own, not the text of one inside a string (a build example writes a plug-in's source).
const isPlugin = (block: Block): boolean => block.lang === "ts" && /^import\s[^;]*from\s+["']@extism-ts\/pdk["']/m.test(block.code);
const slug = (block: Block): string => `${block.file.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}-${block.line}`;

const documents = markdownFiles().map((file) => {
  const lines = readFileSync(join(repoRoot, file), "utf8").split("\n");
  const blocks = parseBlocks(file, lines);
  const tsBlocks = blocks.filter((block) => block.lang === "ts");
  const plugins = tsBlocks.filter(isPlugin).map((block) => {
    const expectations: Expectation[] = [];
    const marker = markerAfter(lines, block);
    if (marker) expectations.push(marker);
    // sh blocks up to the next ts block.
    for (const next of blocks.filter((other) => other.line > block.line)) {
      if (next.lang === "ts") break;
      if (next.lang === "sh") expectations.push(...shellCalls(next));
    }
    // A python block right after, with its own marker, runs next to this plug-in.
    const python = blocks
      .filter((other) => other.line > block.line && other.lang === "python")
      .find((other) => !tsBlocks.some((ts) => ts.line > block.line && ts.line < other.line));
    const pythonMarker = python ? markerAfter(lines, python) : undefined;
    return { block, expectations, python: python && pythonMarker?.python ? { block: python, marker: pythonMarker } : undefined };
  });
  const nodeExamples = tsBlocks
    .filter((block) => !isPlugin(block))
    .map((block) => ({ block, marker: markerAfter(lines, block) }))
    .filter((example): example is { block: Block; marker: Expectation } => example.marker?.node === true);
  return { file, tsBlocks, plugins, nodeExamples };
});

const bytesOf = (call: MarkerCall): Uint8Array | string | undefined =>
  call.inputHex !== undefined
    ? new Uint8Array(Buffer.from(call.inputHex, "hex"))
    : call.inputJson !== undefined
      ? JSON.stringify(call.inputJson)
      : call.input;

/**
 * Type-check every ts block once, each a module of its own: the plug-ins
 * together against the platform's types (@extism-ts/types, as a project from
 * `extism-ts init` has them), the rest (host code, tests) against Node's.
 */
const typecheckDir = join(testDir, ".fixtures", "docs-typecheck");
const pluginTypecheckDir = join(testDir, ".fixtures", "docs-typecheck-plugins");
let typeErrors: string[] = [];

function typecheck(dir: string, blocks: Block[], compilerOptions: Record<string, unknown>): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const block of blocks) {
    const name = `${slug(block)}.ts`;
    writeFileSync(join(dir, name), block.code);
    files.push(name);
  }
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "ESNext",
        moduleResolution: "Bundler",
        strict: true,
        // Reference snippets show class fields without initializers (packages/convert's DecodeError).
        strictPropertyInitialization: false,
        useDefineForClassFields: false,
        moduleDetection: "force",
        skipLibCheck: true,
        noEmit: true,
        ...compilerOptions,
      },
      files,
    }),
  );
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "docs-typecheck", private: true, type: "module" }));
  const tsc = spawnSync(process.execPath, [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
  const errors = `${tsc.stdout}${tsc.stderr}`.split("\n").filter((line) => line.trim() !== "");
  if (tsc.status !== 0 && errors.length === 0) throw new Error(`tsc failed without a message (${tsc.status})`);
  return errors;
}

beforeAll(() => {
  const blocks = documents.flatMap(({ tsBlocks }) => tsBlocks);
  // The JS SDK's types for host-side examples: the version the CLI depends on.
  const extismTypes = join(repoRoot, "packages/cli/node_modules/@extism/extism/dist/esm/mod.d.ts");
  typeErrors = [
    ...typecheck(pluginTypecheckDir, blocks.filter(isPlugin), { target: "ES2024", types: ["@extism-ts/types"] }),
    ...typecheck(typecheckDir, blocks.filter((block) => !isPlugin(block)), {
      target: "ES2022",
      lib: ["ES2022", "DOM"],
      types: ["node"],
      paths: { "@extism/extism": [extismTypes] },
    }),
  ];
}, 120_000);

describe.each(documents)("$file", ({ file, tsBlocks, plugins, nodeExamples }) => {
  it("has TypeScript blocks", () => {
    if (file === "README.md" || file === "docs/guide.md") expect(tsBlocks.length).toBeGreaterThan(0);
  });

  for (const block of tsBlocks) {
    it(`type-checks the block at line ${block.line}`, () => {
      const mine = typeErrors.filter((line) => line.startsWith(`${slug(block)}.ts(`) || line.includes(`/${slug(block)}.ts(`));
      // Map block lines back to the Markdown file's lines.
      const shown = mine.map((line) =>
        line.replace(/^.*?\.ts\((\d+),(\d+)\)/, (_, row: string, col: string) => `${file}:${block.line + Number(row)}:${col}`),
      );
      expect(shown).toEqual([]);
    });
  }

  for (const { block, expectations, python } of plugins) {
    it(`builds the plug-in at line ${block.line}${expectations.length ? " and calls it as the docs say" : ""}`, async () => {
      const build = buildFixture(`docs-${slug(block)}`, block.code, expectations.some((e) => e.wasi) ? ["--wasi"] : []);
      expect(build.stderr, `${file}:${block.line}`).toBe("");
      expect(build.status).toBe(0);
      for (const expectation of expectations) {
        const calls: HostCall[] = (expectation.calls ?? []).map((call) => ({ function: call.function, input: bytesOf(call) ?? "" }));
        const logs: string[] = [];
        const options: HostOptions = {
          config: expectation.config ?? {},
          wasi: expectation.wasi ?? false,
          hostFunctions: expectation.hostFunctions ?? [],
          logs,
          ...(expectation.logLevel ? { logLevel: expectation.logLevel } : {}),
        };
        const results = await jsSdk2.run(build.wasm, calls, options);
        (expectation.calls ?? []).forEach((call, index) => {
          const result = results[index]!;
          const where = `${expectation.where}: ${call.function}`;
          if (call.error !== undefined) {
            expect(result.ok, where).toBe(false);
            if (!result.ok) expect(result.error, where).toContain(call.error);
            return;
          }
          expect(result, where).toMatchObject({ ok: true });
          if (!result.ok) return;
          if (call.output !== undefined) expect(new TextDecoder().decode(result.output), where).toBe(call.output);
          if (call.outputHex !== undefined) expect(Buffer.from(result.output).toString("hex"), where).toBe(call.outputHex);
          if (call.outputJson !== undefined) expect(JSON.parse(new TextDecoder().decode(result.output)), where).toEqual(call.outputJson);
        });
        for (const line of expectation.logs ?? []) expect(logs, expectation.where).toContain(line);
      }
      if (python) {
        const dir = join(build.dir, "python");
        mkdirSync(join(dir, "dist"), { recursive: true });
        copyFileSync(build.wasm, join(dir, "dist", "plugin.wasm"));
        writeFileSync(join(dir, "app.py"), python.block.code);
        const stdout = execFileSync(pythonBin, ["app.py"], { cwd: dir, encoding: "utf8" });
        expect(stdout, `${file}:${python.block.line}`).toBe(python.marker.stdout);
      }
    });
  }

  for (const { block, marker } of nodeExamples) {
    it(`runs the Node example at line ${block.line} next to apps/${marker.app} and prints what the docs say`, () => {
      const dir = join(testDir, ".fixtures", `docs-${slug(block)}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(join(dir, "dist"), { recursive: true });
      copyFileSync(appWasm(marker.app ?? ""), join(dir, "dist", "plugin.wasm"));
      const { outputText } = ts.transpileModule(block.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      writeFileSync(join(dir, "example.mjs"), outputText);
      const stdout = execFileSync(process.execPath, ["example.mjs"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      expect(stdout, `${file}:${block.line}`).toBe(marker.stdout);
    });
  }
});

it("finds the conventions it tests in the docs it reads", () => {
  const all = documents.flatMap((document) => document.plugins);
  // The README's greet is called through its `extism-ts call ... # Hello, Benjamin!` line.
  expect(all.find((plugin) => plugin.block.file === "README.md")?.expectations.length).toBeGreaterThan(0);
  // Markers, sh calls and a Python host all appear in the guide.
  const guide = all.filter((plugin) => plugin.block.file === "docs/guide.md");
  expect(guide.filter((plugin) => plugin.expectations.length > 0).length).toBeGreaterThanOrEqual(8);
  expect(guide.some((plugin) => plugin.python)).toBe(true);
  // The guide's testing section and the testing kit's README open with an example that runs.
  for (const file of ["docs/guide.md", "packages/testing/README.md"]) {
    expect(documents.find((document) => document.file === file)?.nodeExamples.length, file).toBeGreaterThan(0);
  }
  expect(relative(repoRoot, typecheckDir)).toBe(join("test", ".fixtures", "docs-typecheck"));
});
