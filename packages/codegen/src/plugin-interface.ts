import { extractInterface, withInterfaceSection, type PluginInterface } from "@extism-ts/schema";
import type { Snapshot } from "./snapshot.js";

/**
 * Read the plug-in's interface from its source (exports, codecs, types, host
 * functions) and carry it in the module, for `inspect`, `--schema` and
 * `bindgen`. The build does not depend on it: a source the checker cannot
 * read, or a type it cannot resolve, gives a warning.
 */
export async function recordInterface(
  entry: string,
  snapshot: Pick<Snapshot, "exports" | "hostFunctions">,
  wasm: Uint8Array,
): Promise<{ wasm: Uint8Array; description?: PluginInterface; warnings: string[] }> {
  const warnings: string[] = [];
  let description: PluginInterface | undefined;
  try {
    description = await extractInterface(entry, snapshot, warnings);
  } catch (error) {
    return { wasm, warnings: [`the plug-in's interface was not recorded (inspect and bindgen will not know its types): ${(error as Error).message}`] };
  }
  if (!description) return { wasm, warnings };
  return { wasm: withInterfaceSection(wasm, description), description, warnings };
}
