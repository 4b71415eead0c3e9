import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import type { LogLevel } from "@extism/extism";
import { Command, CommanderError, Option } from "commander";
import { BuildError, buildPlugin, formatInspection, inspectModule } from "@extism-ts/codegen";
import { callPlugin, parseLogLevel } from "./call.js";
import { loadProjectConfig, resolveBuildOptions } from "./config.js";
import { CliError } from "./errors.js";
import { init } from "./init.js";
import { cliPackageDir, readPackageJson } from "./own-package.js";
import { parsePort, playground } from "./playground.js";
import { formatModuleReport } from "./report.js";
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
  stub?: string[];
}

/** `extism-ts call`'s options as parsed. */
export interface CallCommandOptions {
  input?: string;
  inputFile?: string;
  stdin?: boolean;
  config?: Record<string, string>;
  logLevel?: LogLevel;
  allowHost?: string[];
  wasi?: boolean;
  timeout?: number;
  memoryMaxPages?: number;
  httpResponseHeaders?: boolean;
  loop: number;
}

/** What each command does with its parsed arguments: main() runs these, tests record them. */
export interface Actions {
  build(entry: string | undefined, options: BuildCommandOptions): Promise<void>;
  call(plugin: string, functionName: string, options: CallCommandOptions): Promise<void>;
  inspect(plugin: string): Promise<void>;
  init(dir: string): Promise<void>;
  playground(plugin: string | undefined, options: { port?: number }): Promise<void>;
}

/** Where the program writes help, version and its own parse errors. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** `--timeout` and the like. */
export function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === "" || !Number.isSafeInteger(number) || number <= 0) {
      throw new CliError(`${flag} takes a positive whole number, not '${value}'`);
    }
    return number;
  };
}

/** `--config key=value`, given any number of times. */
export function configEntry(pair: string, previous: Record<string, string> = {}): Record<string, string> {
  const separator = pair.indexOf("=");
  if (separator <= 0) throw new CliError(`--config takes key=value, not '${pair}'`);
  return { ...previous, [pair.slice(0, separator)]: pair.slice(separator + 1) };
}

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
    .option("--report", "list the modules that take the most room in the bundle")
    .addOption(
      repeated(new Option("--stub <module>", "bundle a Node module the code imports but never calls (fs, ...) as one that throws when called").argParser(collect)),
    )
    .addHelpText(
      "after",
      '\nDefaults come from the "extism-ts" field of package.json or from extism-ts.config.json\n' +
        "(entry, output, wasi, eval, interface, conditions, nodeEnv, stub); flags override them.",
    )
    .action((entry: string | undefined, options: BuildCommandOptions) => actions.build(entry, options));

  command("call <plugin.wasm> <function>", "call an export of a plug-in in @extism/extism (the flags of `extism call`)")
    .addOption(new Option("-i, --input <text>", "the input").conflicts(["inputFile", "stdin"]))
    .addOption(new Option("--input-file <file>", "read the input from a file").conflicts(["stdin"]))
    .option("--stdin", "read the input from standard input")
    .addOption(repeated(new Option("--config <key=value>", "a config value for the plug-in").argParser(configEntry)))
    .addOption(new Option("--log-level <level>", "show the plug-in's logs: trace, debug, info, warn, error or off").argParser(parseLogLevel))
    .addOption(repeated(new Option("--allow-host <host>", "a host the plug-in may send HTTP requests to").argParser(collect)))
    .option("--wasi", "run with WASI")
    .addOption(new Option("--timeout <ms>", "fail the call after this many milliseconds").argParser(positiveInteger("--timeout")))
    .addOption(new Option("--memory-max-pages <n>", "the most 64 KiB pages of memory").argParser(positiveInteger("--memory-max-pages")))
    .option("--http-response-headers", "let the plug-in read the headers of HTTP responses")
    .addOption(new Option("--loop <n>", "call the function this many times on one instance").argParser(positiveInteger("--loop")).default(1))
    .action((plugin: string, functionName: string, options: CallCommandOptions) => actions.call(plugin, functionName, options));

  command("inspect <plugin.wasm>", "list a plug-in's exports and imports, its size, and whether it needs WASI").action((plugin: string) =>
    actions.inspect(plugin),
  );

  command("init <dir>", "write a new plug-in project into a new or empty directory").action((dir: string) => actions.init(dir));

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
    });
    const result = await buildPlugin({ ...options, debug: flags.debug ?? false });
    for (const warning of result.warnings) console.error(`warning: ${warning}`);
    console.log(`built ${relative(process.cwd(), result.output)} in ${Math.round(result.milliseconds)} ms`);
    console.log(`eval:    ${result.compiler ? "available (the JavaScript compiler is kept)" : "not available (no eval or new Function in the code; --eval keeps it)"}`);
    console.log(formatInspection(result));
    if (flags.report) console.log(formatModuleReport(result.modules));
    return [...result.inputs, ...project.files, ...(options.interface === undefined ? [] : [options.interface])];
  };
  if (flags.watch) await watchBuilds(buildOnce, process.cwd());
  else await buildOnce();
}

async function call(plugin: string, functionName: string, options: CallCommandOptions): Promise<void> {
  const input =
    options.input !== undefined
      ? new TextEncoder().encode(options.input)
      : options.inputFile !== undefined
        ? await readFile(options.inputFile)
        : options.stdin
          ? await readStdin()
          : new Uint8Array();
  const outputs = await callPlugin(plugin, functionName, {
    input,
    config: options.config ?? {},
    ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
    allowedHosts: options.allowHost ?? [],
    wasi: options.wasi ?? false,
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
    ...(options.memoryMaxPages === undefined ? {} : { memoryMaxPages: options.memoryMaxPages }),
    httpResponseHeaders: options.httpResponseHeaders ?? false,
    loop: options.loop,
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
  inspect: async (plugin) => console.log(formatInspection(inspectModule(await readFile(plugin)))),
  init: async (dir) => init(dir),
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
    await program.parseAsync(argv, { from: "user" });
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
