// Web globals a plug-in bundle gets when it refers to them: the CLI injects
// this module, so each is bound only where a free reference to its name
// exists, and unused ones are shaken out with the natives they bind.
export { TextEncoder, TextDecoder } from "./text.js";
export { console } from "./console.js";
export { performance } from "./clock.js";
export { crypto } from "./crypto.js";
export { atob, btoa } from "./base64.js";
export { queueMicrotask, structuredClone } from "./tasks.js";
