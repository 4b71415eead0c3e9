import { fileURLToPath } from "node:url";

/** Paths of the engine's build artifacts, for the CLI. */
export const engineWasmPath = fileURLToPath(new URL("./engine.wasm", import.meta.url));
/** Module with every web global: a plug-in build imports those its bundle names and defines them on globalThis. */
export const globalsPath = fileURLToPath(new URL("./globals/index.js", import.meta.url));
export { WEB_GLOBAL_IMPLIED, WEB_GLOBAL_MEMBERS, WEB_GLOBAL_MODULES, WEB_GLOBAL_NAMES } from "./globals/names.js";
