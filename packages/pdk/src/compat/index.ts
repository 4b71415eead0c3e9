// The globals of extism-js (the official Extism JS PDK), for plug-ins written
// against it. The CLI injects this module into every bundle: each name binds
// only where a bundle refers to it as a free identifier, so a plug-in that
// uses none of them gets none of this code.
export { Host } from "./host.js";
export { Config } from "./config.js";
export { Var } from "./var.js";
export { Http, type JsPdkHttpRequest, type JsPdkHttpResponse } from "./http.js";
export { Memory, MemoryHandle } from "./memory.js";
