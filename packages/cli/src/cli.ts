import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, extname, relative } from "node:path";
import type { LogLevel } from "@extism/extism";
import { Command, CommanderError, Option } from "commander";
import { BuildError, buildPlugin, ENGINE_PROFILES, formatInspection, inspectModule, type EngineProfile } from "@extism-ts/codegen";
import { callPlugin, parseLogLevel, type LinkedModule } from "./call.js";
import { loadProjectConfig, resolveBuildOptions } from "./config.js";
import { CliError } from "./errors.js";
import { bindgen, formatRecordedInterface, initProject, writeXtpSchema, type BindgenOptions } from "./interface.js";
import { cliPackageDir, readPackageJson } from "./own-package.js";
import { parsePort, playground } from "./playground.js";
import { describeAot, describeCompiler, formatCompilerReport, formatCompositionReport, formatModuleReport } from "./report.js";
import { watchBuilds } from "./watch.js";

/** `extism-ts build`'s options as parsed; undefined means not given. */
export interface BuildCommandOptions {
  output?: string;
  interface?: string;
  /** --wasi true, --no-wasi false. */
  wasi?: boolean;
  /** --eval true, --no-eval false. */
  eval?: boolean;
  debug?: boolean;
  watch?: boolean;
  report?: boolean;
  quiet?: boolean;
  /** --stub's modules; false: --no-stub. */
  stub?: string[] | false;
  /** --optimize: the engine to link. */
  optimize?: EngineProfile;
  /** --aot: compile the plug-in's functions ahead of time. */
  aot?: boolean;
  /** --locales: Intl's locales besides English. */
  locales?: string[];
  /** --schema: where to write the plug-in's interface as an XTP schema. */
  schema?: string;
}

/** `extism-ts call`'s options as parsed. */
export interface CallCommandOptions {
  input?: string;
  inputFile?: string;
  stdin?: boolean;
  config?: Record<string, string>;
  setConfig?: Record<string, string>;
  logLevel?: LogLevel;
  allowHost?: string[];
  allowPath?: Record<string, string>;
  wasi?: boolean;
  timeout?: number;
  memoryMaxPages?: number;
  /** --memory-max, in pages. */
  memoryMax?: number;
  httpResponseMax?: number;
  varMax?: number;
  httpResponseHeaders?: boolean;
  manifest?: boolean;
  link?: LinkedModule[];
  loop: number;
}

/** What each command does with its parsed arguments: main() runs these, tests record them. */
export interface Actions {
  build(entry: string | undefined, options: BuildCommandOptions): Promise<void>;
  call(plugin: string, functionName: string, options: CallCommandOptions): Promise<void>;
  inspect(plugin: string): Promise<void>;
  bindgen(source: string, options: BindgenOptions): Promise<void>;
  init(dir: string, options: { schema?: string }): Promise<void>;
  playground(plugin: string | undefined, options: { port?: number }): Promise<void>;
}

/** Where the program writes help, version and its own parse errors. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** `--loop` and the like. */
export function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === "" || !Number.isSafeInteger(number) || number <= 0) {
      throw new CliError(`${flag} takes a positive whole number, not '${value}'`);
    }
    return number;
  };
}

/** `--timeout`: 0 is no limit, as in `extism call`. */
function limit(flag: string): (value: string) => number {
  return (value) => (value.trim() === "0" ? 0 : positiveInteger(flag)(value));
}

const UNITS: Record<string, number> = { b: 1, k: 1024, kb: 1000, kib: 1024, m: 1024 ** 2, mb: 1000 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1000 ** 3, gib: 1024 ** 3 };

/** `--http-response-max 1MiB`: bytes, as a number or with a unit (B, KiB, MiB, GiB, KB, MB, GB, K, M, G). */
export function byteSize(flag: string): (value: string) => number {
  return (value) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
    const unit = match ? UNITS[(match[2] || "b").toLowerCase()] : undefined;
    const bytes = match && unit ? Math.ceil(Number(match[1]) * unit) : NaN;
    if (!Number.isSafeInteger(bytes)) throw new CliError(`${flag} takes a size in bytes, as a number or with a unit (64KiB, 10MiB, 1GiB), not '${value}'`);
    return bytes;
  };
}

/** `--memory-max 320` (pages of 64 KiB, as `extism call` reads it) or `--memory-max 20MiB`. */
export function memorySize(value: string): number {
  if (/^\s*\d+\s*$/.test(value)) return limit("--memory-max")(value);
  return Math.ceil(byteSize("--memory-max")(value) / 65536);
}

/** `--config key=value`, given any number of times; `--config key` sets it to "", as in `extism call`. */
export function configEntry(pair: string, previous: Record<string, string> = {}): Record<string, string> {
  const separator = pair.indexOf("=");
  if (separator === 0 || pair === "") throw new CliError(`--config takes key=value, not '${pair}'`);
  return separator < 0 ? { ...previous, [pair]: "" } : { ...previous, [pair.slice(0, separator)]: pair.slice(separator + 1) };
}

/** `--set-config '{"key": "value"}'`: a JSON object of strings. */
export function configObject(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--set-config takes a JSON object, e.g. '{"user": "Benjamin"}': ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.values(value).every((item) => typeof item === "string")) {
    throw new CliError(`--set-config takes a JSON object of strings, e.g. '{"user": "Benjamin"}', not ${text}`);
  }
  return value as Record<string, string>;
}

/** `--allow-path dir` or `--allow-path disk:guest`: the SDK's map is from the path inside the plug-in to the path on disk. */
export function allowedPath(spec: string, previous: Record<string, string> = {}): Record<string, string> {
  const separator = spec.indexOf(":");
  const [disk, guest] = separator < 0 ? [spec, spec] : [spec.slice(0, separator), spec.slice(separator + 1)];
  if (disk === "" || guest === "") throw new CliError(`--allow-path takes a path or disk-path:plugin-path, not '${spec}'`);
  return { ...previous, [guest]: disk };
}

/** `--link name=module.wasm`, or `--link module.wasm` for the name "module". */
export function linkedModule(spec: string, previous: LinkedModule[] = []): LinkedModule[] {
  const separator = spec.indexOf("=");
  const path = separator < 0 ? spec : spec.slice(separator + 1);
  const name = separator < 0 ? basename(path, extname(path)) : spec.slice(0, separator);
  if (name === "" || path === "") throw new CliError(`--link takes name=module.wasm or module.wasm, not '${spec}'`);
  return [...previous, { name, path }];
}

/** Flags that `extism call` (Go) also takes as --flag=true and --flag=false. */
const BOOLEAN_CALL_FLAGS = ["--wasi", "--stdin", "--manifest", "--http-response-headers"];

/** `--wasi=true` as `--wasi`, `--wasi=false` as nothing, the way Go's flag package reads them. */
export function booleanForms(argv: string[]): string[] {
  const result: string[] = [];
  for (const arg of argv) {
    const match = /^(--[a-z-]+)=(.*)$/.exec(arg);
    if (!match || !BOOLEAN_CALL_FLAGS.includes(match[1]!)) {
      result.push(arg);
      continue;
    }
    const value = match[2]!.toLowerCase();
    if (["1", "t", "true"].includes(value)) result.push(match[1]!);
    else if (!["0", "f", "false"].includes(value)) throw new CliError(`${match[1]} is true or false, not '${match[2]}'`);
  }
  return result;
}

const STUB_CONFLICT = "--stub and --no-stub exclude each other: --no-stub fails the build on every module a plug-in cannot use";

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Options that may be given more than once: the synopsis marks them with "...". */
const repeatable = new WeakSet<Option>();

function repeated(option: Option): Option {
  repeatable.add(option);
  return option;
}

/**
 * The command line, declared once: parsing, `--help` of every command and
 * the synopsis (`extism-ts --help`, the CLI's README) all come from here.
 */
export function createProgram(actions: Actions, output: Output, version: string): Command {
  // Parse errors read like the CLI's own: "extism-ts build: unknown option '--ouput'".
  const writeTo = (prefix: string) => ({
    writeOut: output.out,
    writeErr: output.err,
    outputError: (text: string, write: (text: string) => void) => write(`${prefix}: ${text.replace(/^error: /, "")}`),
  });
  let stubGiven = false;
  const program = new Command("extism-ts")
    .description("Build, call and inspect Extism plug-ins written in TypeScript.")
    .version(version, "-v, --version", "print the version")
    .helpOption("-h, --help", "show this help")
    .helpCommand("help [command]", "show the help of a command")
    .exitOverride()
    .configureOutput(writeTo("extism-ts"))
    .showHelpAfterError("(extism-ts --help lists the commands)");

  const command = (nameAndArgs: string, description: string): Command => {
    const name = nameAndArgs.split(" ")[0]!;
    return program
      .command(nameAndArgs)
      .description(description)
      .helpOption("-h, --help", "show this help")
      .configureOutput(writeTo(`extism-ts ${name}`))
      .showHelpAfterError(`(extism-ts ${name} --help lists its options)`);
  };

  command("build [entry]", "turn a TypeScript module into an Extism plug-in (entry: default src/index.ts)")
    .option("-o, --output <out.wasm>", "where to write the plug-in (default: dist/plugin.wasm)")
    .option("-i, --interface <interface.d.ts>", "an extism-js interface file: exports to check, host functions to declare; imports WASI unless --no-wasi")
    .option("--wasi", "import WASI: a real clock and randomness")
    .option("--no-wasi", "import no WASI, whatever the project's defaults say")
    .option("--eval", "keep the JavaScript compiler, for eval and new Function")
    .option("--no-eval", "drop the compiler even where the code mentions eval or Function")
    .option("--debug", "also write the script the engine evaluated, as <out.wasm>.bundle.js, and keep extism-ts's own frames in error stacks")
    .option("--watch", "rebuild whenever a file that went into the plug-in changes")
    .option("--report", "list the modules that take the most room in the bundle and what the plug-in's bytes are")
    .option("-q, --quiet", "print only warnings and errors, not the summary of the plug-in")
    .addOption(
      repeated(
        new Option("--stub <module>", "a Node module the code imports but never calls (fs, ...): stub it without a warning").argParser((value: string, previous: string[] | false | undefined) => {
          if (previous === false) throw new CliError(STUB_CONFLICT);
          stubGiven = true;
          return collect(value, previous);
        }),
      ),
    )
    .option("--no-stub", "fail the build on a Node module a plug-in cannot use instead of stubbing it (functions that throw when called) with a warning")
    .addOption(
      repeated(
        new Option("--locales <tags>", "Intl's locales besides English, comma-separated (de-DE,fr,ja): the plug-in's Intl formats for them as Node does").argParser((value: string, previous: string[] | undefined) => [
          ...(previous ?? []),
          ...value.split(",").map((tag) => tag.trim()).filter(Boolean),
        ]),
      ),
    )
    .addOption(
      new Option("--optimize <profile>", "the engine to link: size (the default: the smallest plug-in) or speed (compiled for speed: faster JavaScript, a bigger plug-in)").choices(
        Object.keys(ENGINE_PROFILES),
      ),
    )
    .option("--aot", "compile the plug-in's functions ahead of time (weval specializes the interpreter for each; faster JavaScript, a bigger plug-in; needs weval 0.5.1)")
    .option("--schema <schema.yaml>", "also write the plug-in's interface (exports, host functions, their types) as an XTP schema")
    .addHelpText(
      "after",
      '\nDefaults come from the "extism-ts" field of package.json or from extism-ts.config.json\n' +
        "(entry, output, wasi, eval, interface, conditions, nodeEnv, stub, resolve, locales, optimize, aot); flags override them.",
    )
    .action((entry: string | undefined, options: BuildCommandOptions) => {
      // Both set one option: given after --stub, --no-stub would silently replace it.
      if (options.stub === false && stubGiven) throw new CliError(STUB_CONFLICT);
      return actions.build(entry, options);
    });

  command("call <plugin.wasm> <function>", "call an export of a plug-in in @extism/extism (the flags of `extism call`)")
    .addOption(new Option("-i, --input <text>", "the input").conflicts(["inputFile", "stdin"]))
    .addOption(new Option("--input-file <file>", "read the input from a file").conflicts(["stdin"]))
    .option("--stdin", "read the input from standard input")
    .addOption(repeated(new Option("--config <key=value>", "a config value for the plug-in (key alone: the empty string)").argParser(configEntry)))
    .addOption(new Option("--set-config <json>", "config values as a JSON object; --config values win").argParser(configObject))
    .addOption(new Option("--log-level <level>", "show the plug-in's logs: trace, debug, info, warn, error or off").argParser(parseLogLevel))
    .addOption(repeated(new Option("--allow-host <host>", "a host the plug-in may send HTTP requests to (* wildcards)").argParser(collect)))
    .addOption(repeated(new Option("--allow-path <path>", "a directory the plug-in may open with WASI: path, or disk-path:plugin-path").argParser(allowedPath)))
    .option("--wasi", "run with WASI (also --wasi=true, --wasi=false)")
    .addOption(new Option("--timeout <ms>", "fail the call after this many milliseconds (0: no limit)").argParser(limit("--timeout")))
    .addOption(new Option("--memory-max <size>", "the most memory: 64 KiB pages, or a size with a unit (20MiB) (0: no limit)").argParser(memorySize).conflicts(["memoryMaxPages"]))
    .addOption(new Option("--memory-max-pages <n>", "the most 64 KiB pages of memory").argParser(positiveInteger("--memory-max-pages")))
    .addOption(new Option("--http-response-max <bytes>", "the largest HTTP response body, in bytes or with a unit (1MiB)").argParser(byteSize("--http-response-max")))
    .addOption(new Option("--var-max <bytes>", "the most bytes of vars, or a size with a unit (64KiB)").argParser(byteSize("--var-max")))
    .option("--http-response-headers", "let the plug-in read the headers of HTTP responses")
    .option("-m, --manifest", "<plugin.wasm> is an Extism manifest (JSON) that names the modules; the flags add to it")
    .addOption(repeated(new Option("--link <name=module.wasm>", "link another module, whose exports the plug-in imports from `name`").argParser(linkedModule)))
    .addOption(new Option("--loop <n>", "call the function this many times on one instance").argParser(positiveInteger("--loop")).default(1))
    .action((plugin: string, functionName: string, options: CallCommandOptions) => actions.call(plugin, functionName, options));

  command("inspect <plugin.wasm>", "list a plug-in's exports and imports, its size, and whether it needs WASI").action((plugin: string) =>
    actions.inspect(plugin),
  );

  command("bindgen <source>", "write typed host bindings for a plug-in (.wasm built by extism-ts) or an XTP schema (.yaml)")
    .addOption(new Option("--host <language>", "the host's language: ts (@extism/extism) or python (the Python SDK, extism)").default("ts"))
    .option("-o, --output <file>", "where to write the module (default: standard output)")
    .action((source: string, options: BindgenOptions) => actions.bindgen(source, options));

  command("init <dir>", "write a new plug-in project into a new or empty directory")
    .option("--schema <schema.yaml>", "make the plug-in from an XTP schema: its exports as stubs, its imports as host functions, its types, and a test")
    .action((dir: string, options: { schema?: string }) => actions.init(dir, options));

  command("playground [plugin.wasm]", "serve a web page to load and call plug-ins")
    .addOption(new Option("-p, --port <n>", "the port to listen on; 0 (the default) takes any free one").argParser(parsePort))
    .action((plugin: string | undefined, options: { port?: number }) => actions.playground(plugin, options));

  program.addHelpText("after", () => `\nSynopsis:\n${synopsis(program).replace(/^/gm, "  ")}`);
  return program;
}

/** `[--output out.wasm]`, `[--config key=value]...`, `[--wasi | --no-wasi]`, `[--input text | --input-file file | --stdin]`. */
function optionUsage(options: readonly Option[]): string[] {
  const shown = (option: Option): string => {
    const value = /[<[](.+?)[>\]]/.exec(option.flags)?.[1];
    return `${option.long}${value === undefined ? "" : ` ${value}`}`;
  };
  const conflicts = (option: Option): string[] => (option as Option & { conflictsWith: string[] }).conflictsWith;
  const used = new Set<Option>();
  const parts: string[] = [];
  for (const option of options) {
    if (used.has(option)) continue;
    // One group: the option, its --no- form, and the options it cannot be used with.
    const group = options.filter(
      (other) =>
        other === option ||
        (other.attributeName() === option.attributeName() && other.negate !== option.negate) ||
        conflicts(option).includes(other.attributeName()) ||
        conflicts(other).includes(option.attributeName()),
    );
    for (const member of group) used.add(member);
    parts.push(`[${group.map(shown).join(" | ")}]${repeatable.has(option) ? "..." : ""}`);
  }
  return parts;
}

/** One usage line per command, from the declarations, wrapped at `width` columns. */
export function synopsis(program: Command, width = 100): string {
  const lines: string[] = [];
  for (const command of program.commands) {
    if (command.name() === "help") continue;
    const words = [
      `${program.name()} ${command.name()}`,
      ...command.registeredArguments.map((argument) => (argument.required ? `<${argument.name()}>` : `[${argument.name()}]`)),
      ...optionUsage(command.options.filter((option) => option.long !== "--help")),
    ];
    let line = words[0]!;
    for (const word of words.slice(1)) {
      if (line.length + 1 + word.length > width) {
        lines.push(line);
        line = `          ${word}`;
      } else {
        line += ` ${word}`;
      }
    }
    lines.push(line);
  }
  return lines.join("\n");
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function build(entry: string | undefined, flags: BuildCommandOptions): Promise<void> {
  const buildOnce = async (): Promise<string[]> => {
    // Read again on every build: in watch mode, a change to the defaults applies to the next build.
    const project = loadProjectConfig();
    const options = resolveBuildOptions(project.options, {
      entry,
      output: flags.output,
      interface: flags.interface,
      wasi: flags.wasi,
      eval: flags.eval,
      stub: flags.stub,
      locales: flags.locales,
      optimize: flags.optimize,
      aot: flags.aot,
    });
    if (!existsSync(options.entry)) {
      throw new CliError(
        `${options.entry}: no such file: give the module that exports the plug-in's functions (extism-ts build src/main.ts), or set "entry" in package.json's "extism-ts" field (default src/index.ts)`,
      );
    }
    const result = await buildPlugin({ ...options, debug: flags.debug ?? false });
    const schemaWarnings = flags.schema === undefined ? [] : await writeXtpSchema(result.interface, flags.schema);
    for (const warning of [...result.warnings, ...schemaWarnings]) console.error(`warning: ${warning}`);
    const watched = [...result.inputs, ...project.files, ...(options.interface === undefined ? [] : [options.interface])];
    if (flags.quiet) return watched;
    console.log(`built ${relative(process.cwd(), result.output)} in ${Math.round(result.milliseconds)} ms`);
    console.log(`eval:    ${describeCompiler(result)}`);
    if (result.aot) console.log(`aot:     ${describeAot(result.aot)}`);
    console.log(formatInspection(result));
    if (flags.report) {
      console.log(formatModuleReport(result.modules));
      console.log(formatCompositionReport(result.composition));
      if (result.compilerUses.length > 0) console.log(formatCompilerReport(result.compilerUses));
    }
    return watched;
  };
  if (flags.watch) await watchBuilds(buildOnce, process.cwd());
  else await buildOnce();
}

/** A wasm file's bytes, checked before a tool that would fail on bad ones with an internal error. */
async function readWasm(path: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new CliError(`${path}: no such file (build the plug-in first: extism-ts build)`);
    throw error;
  }
  try {
    await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  } catch (error) {
    const reason = (error as Error).message.replace(/^WebAssembly\.compile\(\): /, "");
    const wasm = bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
    throw new CliError(
      wasm
        ? `${path} is a damaged or truncated WebAssembly module (${reason}); build it again`
        : `${path} is not a WebAssembly module (${reason}); give the .wasm that extism-ts build wrote`,
    );
  }
  return bytes;
}

async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new CliError(`--input-file ${path}: no such file`);
    throw error;
  }
}

async function call(plugin: string, functionName: string, options: CallCommandOptions): Promise<void> {
  const input =
    options.input !== undefined
      ? new TextEncoder().encode(options.input)
      : options.inputFile !== undefined
        ? await readInputFile(options.inputFile)
        : options.stdin
          ? await readStdin()
          : new Uint8Array();
  // 0 is no limit, as in `extism call`.
  const memoryMaxPages = (options.memoryMax ?? options.memoryMaxPages) || undefined;
  const timeout = options.timeout || undefined;
  const httpResponseMax = options.httpResponseMax || undefined;
  const varMax = options.varMax || undefined;
  const outputs = await callPlugin(plugin, functionName, {
    input,
    config: { ...options.setConfig, ...options.config },
    ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
    allowedHosts: options.allowHost ?? [],
    ...(options.allowPath === undefined ? {} : { allowedPaths: options.allowPath }),
    ...(options.wasi === undefined ? {} : { wasi: options.wasi }),
    ...(timeout === undefined ? {} : { timeoutMs: timeout }),
    ...(memoryMaxPages === undefined ? {} : { memoryMaxPages }),
    ...(httpResponseMax === undefined ? {} : { maxHttpResponseBytes: httpResponseMax }),
    ...(varMax === undefined ? {} : { maxVarBytes: varMax }),
    ...(options.httpResponseHeaders === undefined ? {} : { httpResponseHeaders: options.httpResponseHeaders }),
    ...(options.manifest ? { manifest: true } : {}),
    ...(options.link === undefined ? {} : { link: options.link }),
    loop: options.loop,
    onNote: (message) => process.stderr.write(`extism-ts call: note: ${message}\n`),
  });
  for (const output of outputs) {
    process.stdout.write(output);
    // A terminal gets each output on a line of its own; a pipe gets the exact bytes.
    if (process.stdout.isTTY && output[output.length - 1] !== 0x0a) process.stdout.write("\n");
  }
}

const actions: Actions = {
  build,
  call,
  inspect: async (plugin) => {
    const wasm = await readWasm(plugin);
    console.log(`${formatInspection(inspectModule(wasm))}\n${formatRecordedInterface(wasm)}`);
  },
  bindgen,
  init: initProject,
  playground: (plugin, options) => playground(plugin, options.port),
};

/** A failure of the machine rather than of the CLI: a file that is missing or unreadable, a port in use. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const candidate = error as NodeJS.ErrnoException | null;
  return candidate instanceof Error && typeof candidate.code === "string" && typeof candidate.syscall === "string";
}

/** Run the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const output: Output = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
  const program = createProgram(actions, output, readPackageJson(cliPackageDir()).version ?? "unknown");
  try {
    await program.parseAsync(argv[0] === "call" ? booleanForms(argv) : argv, { from: "user" });
    return 0;
  } catch (error) {
    // Commander has printed its own message (or the help, or the version) already.
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError || error instanceof BuildError || isSystemError(error)) {
      const command = program.commands.find((candidate) => candidate.name() === argv[0]);
      console.error(`extism-ts${command ? ` ${command.name()}` : ""}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
