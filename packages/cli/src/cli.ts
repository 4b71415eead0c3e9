import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { buildPlugin } from "./build/index.js";
import { callPlugin, parseLogLevel } from "./call.js";
import { CliError } from "./errors.js";
import { formatInspection, inspectModule } from "./inspect.js";
import { playground } from "./playground.js";
import { loadProjectConfig, resolveBuildOptions } from "./config.js";
import { init } from "./init.js";
import { formatModuleReport } from "./report.js";
import { watchBuilds } from "./watch.js";

const USAGE = `usage:
  extism-ts build [entry] [-o out.wasm] [--wasi] [--eval | --no-eval]   entry defaults to src/index.ts
            [-i interface.d.ts]        an extism-js interface file: exports to check, host functions
                                       (imports WASI, as extism-js plug-ins have it, unless --no-wasi)
            [--watch] [--report]       rebuild on change; list the largest modules in the bundle
            (defaults: package.json "extism-ts" field or extism-ts.config.json; flags override them)
  extism-ts call <plugin.wasm> <function> [--input S | --input-file F | --stdin]
            [--config k=v]... [--log-level L] [--allow-host H]... [--wasi] [--timeout MS]
            [--memory-max-pages N] [--http-response-headers] [--loop N]
  extism-ts inspect <plugin.wasm>
  extism-ts init <dir>                                                  scaffold a plug-in project
  extism-ts playground [plugin.wasm] [--port N]                         a web page to load and call plug-ins`;

function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number <= 0) throw new CliError(`${flag} takes a positive whole number, not '${value}'`);
  return number;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function build(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: "string", short: "o" },
      interface: { type: "string", short: "i" },
      wasi: { type: "boolean" },
      "no-wasi": { type: "boolean" },
      eval: { type: "boolean" },
      "no-eval": { type: "boolean" },
      debug: { type: "boolean" },
      watch: { type: "boolean" },
      report: { type: "boolean" },
    },
  });
  if (positionals.length > 1) throw new CliError(`build takes one entry, got: ${positionals.join(" ")}`);
  const buildOnce = async (): Promise<string[]> => {
    // Read again on every build: in watch mode, a change to the defaults applies to the next build.
    const project = loadProjectConfig();
    const options = resolveBuildOptions(project.options, {
      entry: positionals[0],
      output: values.output,
      interface: values.interface,
      wasi: values.wasi ? true : values["no-wasi"] ? false : undefined,
      eval: values.eval ? true : values["no-eval"] ? false : undefined,
    });
    const result = await buildPlugin({ ...options, debug: values.debug ?? false });
    for (const warning of result.warnings) console.error(`warning: ${warning}`);
    console.log(`built ${relative(process.cwd(), result.output)} in ${Math.round(result.milliseconds)} ms`);
    console.log(`eval:    ${result.compiler ? "available (the JavaScript compiler is kept)" : "not available (no eval or new Function in the code; --eval keeps it)"}`);
    console.log(formatInspection(result));
    if (values.report) console.log(formatModuleReport(result.modules));
    return [...result.inputs, ...project.files, ...(options.interface === undefined ? [] : [options.interface])];
  };
  if (values.watch) await watchBuilds(buildOnce, process.cwd());
  else await buildOnce();
}

async function call(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      input: { type: "string", short: "i" },
      "input-file": { type: "string" },
      stdin: { type: "boolean" },
      config: { type: "string", multiple: true },
      "log-level": { type: "string" },
      "allow-host": { type: "string", multiple: true },
      wasi: { type: "boolean" },
      timeout: { type: "string" },
      "memory-max-pages": { type: "string" },
      "http-response-headers": { type: "boolean" },
      loop: { type: "string" },
    },
  });
  const [path, functionName] = positionals;
  if (!path || !functionName || positionals.length > 2) throw new CliError(`call takes <plugin.wasm> <function>\n${USAGE}`);
  const sources = [values.input !== undefined, values["input-file"] !== undefined, values.stdin === true];
  if (sources.filter(Boolean).length > 1) throw new CliError("give one of --input, --input-file and --stdin");
  const input =
    values.input !== undefined
      ? new TextEncoder().encode(values.input)
      : values["input-file"] !== undefined
        ? await readFile(values["input-file"])
        : values.stdin
          ? await readStdin()
          : new Uint8Array();
  const config: Record<string, string> = {};
  for (const pair of values.config ?? []) {
    const separator = pair.indexOf("=");
    if (separator <= 0) throw new CliError(`--config takes key=value, not '${pair}'`);
    config[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  const timeoutMs = positiveInteger("--timeout", values.timeout);
  const memoryMaxPages = positiveInteger("--memory-max-pages", values["memory-max-pages"]);
  const outputs = await callPlugin(path, functionName, {
    input,
    config,
    ...(values["log-level"] === undefined ? {} : { logLevel: parseLogLevel(values["log-level"]) }),
    allowedHosts: values["allow-host"] ?? [],
    wasi: values.wasi ?? false,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(memoryMaxPages === undefined ? {} : { memoryMaxPages }),
    httpResponseHeaders: values["http-response-headers"] ?? false,
    loop: positiveInteger("--loop", values.loop) ?? 1,
  });
  for (const output of outputs) {
    process.stdout.write(output);
    // A terminal gets each output on a line of its own; a pipe gets the exact bytes.
    if (process.stdout.isTTY && output[output.length - 1] !== 0x0a) process.stdout.write("\n");
  }
}

async function inspect(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new CliError(`inspect takes one <plugin.wasm>\n${USAGE}`);
  console.log(formatInspection(inspectModule(await readFile(positionals[0]!))));
}

const commands: Record<string, (args: string[]) => Promise<void>> = { build, call, inspect, playground, init };

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return 0;
  }
  const run = commands[command];
  try {
    if (!run) throw new CliError(`unknown command '${command}'\n${USAGE}`);
    await run(args);
    return 0;
  } catch (error) {
    const isUsage = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    if (error instanceof CliError || isUsage) {
      console.error(`extism-ts ${command}: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}
