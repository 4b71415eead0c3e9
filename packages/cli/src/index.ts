export { BuildError, buildPlugin, type BuildOptions, type BuildResult } from "@extism-ts/codegen";
export { callPlugin, type CallOptions } from "./call.js";
export { inspectModule, formatInspection, type Inspection, type ImportedFunction } from "@extism-ts/codegen";
export { CliError } from "./errors.js";
