export { native, insidePlugin, type Natives, type NativeName } from "./natives.js";
export { formatArguments, inspect } from "./format.js";
export { logAt, hostLogLevel, LOG_LEVELS } from "./logging.js";
