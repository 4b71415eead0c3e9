export { plugin, type PluginFunction } from "./plugin.js";
export { input, output } from "./io.js";
export { config } from "./config.js";
export { vars } from "./vars.js";
export { LogLevel, log, trace, debug, info, warn, error, logLevel } from "./logging.js";
export { PluginError } from "./errors.js";
export { memory, type MemoryHandle } from "./memory.js";
