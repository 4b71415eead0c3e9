export { native, insidePlugin, isNativeDecodeError, type Natives, type NativeName, type NativeDecodeError } from "./natives.js";
export { formatArguments, inspect } from "./format.js";
export { logAt, hostLogLevel, LOG_LEVELS } from "./logging.js";
