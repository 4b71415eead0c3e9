import { fileURLToPath } from "node:url";
import { ENGINE_BUILDS, type EngineBuild } from "./contract.js";

/** Paths of the engine's build artifacts, for the CLI: the engine of each `--optimize` profile, and the --aot engine. */
export function engineWasmPathOf(build: EngineBuild): string {
  return fileURLToPath(new URL(`./${ENGINE_BUILDS[build].file}`, import.meta.url));
}
/** The default engine (`--optimize size`). */
export const engineWasmPath = engineWasmPathOf("size");
/** Module with every web global: a plug-in build imports those its bundle names and defines them on globalThis. */
export const globalsPath = fileURLToPath(new URL("./globals/index.js", import.meta.url));
export { WEB_GLOBAL_IMPLIED, WEB_GLOBAL_MEMBERS, WEB_GLOBAL_MODULES, WEB_GLOBAL_NAMES } from "./globals/names.js";
