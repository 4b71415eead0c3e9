import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, extname, relative, resolve } from "node:path";
import { bindgenPython, bindgenTs, formatInterface, fromXtp, InterfaceError, readInterfaceSection, scaffoldPlugin, toXtp, xtpYaml, type PluginInterface } from "@extism-ts/schema";
import { init, type PluginSource } from "./init.js";
import { CliError } from "./errors.js";

/** `build --schema <file>`: the interface as an XTP schema; returns what XTP could not say, as warnings. */
export async function writeXtpSchema(description: PluginInterface | undefined, file: string): Promise<string[]> {
  if (!description) {
    throw new CliError(`--schema ${file}: the plug-in's interface is read with the TypeScript compiler, which is not installed: npm i -D typescript`);
  }
  const { schema, warnings } = toXtp(description);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, xtpYaml(schema));
  return warnings.map((warning) => `--schema ${file}: ${warning}`);
}

/** `inspect`'s lines about the interface the build recorded, if it did. */
export function formatRecordedInterface(wasm: Uint8Array): string {
  const description = readInterfaceSection(wasm);
  return description ? `interface:\n${formatInterface(description)}` : "interface: not recorded (built without TypeScript, or by another tool)";
}

/** An interface from a plug-in the build recorded one in, or from an XTP schema (YAML). */
export async function loadInterface(source: string): Promise<PluginInterface> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(source);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new CliError(`${source}: no such file: give a plug-in (.wasm) or an XTP schema (.yaml)`);
    throw error;
  }
  try {
    const wasm = bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
    if (!wasm) return fromXtp(new TextDecoder().decode(bytes), source);
    const description = readInterfaceSection(bytes);
    if (!description) {
      throw new CliError(`${source} has no recorded interface: build it with extism-ts (with TypeScript installed), or give its XTP schema`);
    }
    return description;
  } catch (error) {
    if (error instanceof InterfaceError) throw new CliError(`${source}: ${error.message}`);
    throw error;
  }
}

export interface BindgenOptions {
  host: string;
  output?: string;
}

/** `bindgen <plugin.wasm | schema.yaml> --host ts -o <file>`: typed host bindings. */
export async function bindgen(source: string, options: BindgenOptions): Promise<void> {
  const generators: Record<string, { write: typeof bindgenTs; extension: string; language: string }> = {
    ts: { write: bindgenTs, extension: ".ts", language: "TypeScript" },
    python: { write: bindgenPython, extension: ".py", language: "Python" },
  };
  const generator = generators[options.host];
  if (!generator) throw new CliError(`--host ${options.host}: the hosts bindgen writes for are: ts (@extism/extism), python (the Python SDK, extism)`);
  const description = await loadInterface(source);
  const code = generator.write(description, relative(options.output ? dirname(resolve(options.output)) : process.cwd(), resolve(source)).replaceAll("\\", "/") || source);
  if (!options.output) {
    process.stdout.write(code);
    return;
  }
  if (extname(options.output) !== generator.extension) {
    throw new CliError(`-o ${options.output}: the host module is ${generator.language}: name it ${generator.extension}`);
  }
  await mkdir(dirname(options.output), { recursive: true });
  await writeFile(options.output, code);
}

/** `init <dir> [--schema schema.yaml]`: a plug-in project, made from the schema when one is given. */
export async function initProject(dir: string, options: { schema?: string }): Promise<void> {
  let source: PluginSource | undefined;
  if (options.schema !== undefined) {
    const description = await loadInterface(options.schema);
    source = scaffoldPlugin(description, relative(resolve(dir), resolve(options.schema)).replaceAll("\\", "/") || options.schema);
  }
  init(dir, source);
}
