// Web globals a plug-in bundle gets when it refers to them (the CLI injects
// this module: unused ones are tree-shaken away with the natives they bind).
export { TextEncoder, TextDecoder } from "./text.js";
