import { fileURLToPath } from "node:url";

/** Paths of the engine's build artifacts, for the CLI. */
export const engineWasmPath = fileURLToPath(new URL("./engine.wasm", import.meta.url));
/** Module whose exports replace free references to web globals in a plug-in bundle. */
export const globalsPath = fileURLToPath(new URL("./globals.js", import.meta.url));
