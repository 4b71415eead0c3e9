import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, extname, relative } from "node:path";
import { bindgenTs, formatInterface, fromXtp, InterfaceError, readInterfaceSection, toXtp, xtpYaml, type PluginInterface } from "@extism-ts/schema";
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
  if (options.host !== "ts") throw new CliError(`--host ${options.host}: the hosts bindgen writes for are: ts (@extism/extism)`);
  const description = await loadInterface(source);
  const code = bindgenTs(description, relative(options.output ? dirname(options.output) : process.cwd(), source).replaceAll("\\", "/") || source);
  if (!options.output) {
    process.stdout.write(code);
    return;
  }
  if (extname(options.output) !== ".ts") throw new CliError(`-o ${options.output}: the host module is TypeScript: name it .ts`);
  await mkdir(dirname(options.output), { recursive: true });
  await writeFile(options.output, code);
}
