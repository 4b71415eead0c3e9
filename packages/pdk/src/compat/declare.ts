// Used by the code the CLI generates from an extism-js interface file (-i).
export { declareHostFunctions, type JsPdkHostFunction } from "./host-functions.js";
