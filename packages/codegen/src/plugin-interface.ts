import { extractInterface, withInterfaceSection, type PluginInterface } from "@extism-ts/schema";
import type { Snapshot } from "./snapshot.js";

/**
 * Read the plug-in's interface from its source (exports, codecs, types, host
 * functions) and carry it in the module, for `inspect`, `--schema` and
 * `bindgen`. The build does not depend on it: a source the checker cannot
 * read gives a warning and a plug-in without the section.
 */
export async function recordInterface(
  entry: string,
  snapshot: Pick<Snapshot, "exports" | "hostFunctions">,
  wasm: Uint8Array,
): Promise<{ wasm: Uint8Array; description?: PluginInterface; warning?: string }> {
  let description: PluginInterface | undefined;
  try {
    description = await extractInterface(entry, snapshot);
  } catch (error) {
    return { wasm, warning: `the plug-in's interface was not recorded (inspect and bindgen will not know its types): ${(error as Error).message}` };
  }
  if (!description) return { wasm };
  return { wasm: withInterfaceSection(wasm, description), description };
}
