export { buildPlugin, type BuildOptions, type BuildResult } from "./build/index.js";
export { callPlugin, type CallOptions } from "./call.js";
export { inspectModule, formatInspection, type Inspection, type ImportedFunction } from "./inspect.js";
export { CliError } from "./errors.js";
