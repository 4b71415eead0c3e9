// Every web global, for code that imports them. A plug-in build does not go
// through this module: it imports only the globals its bundle names, each
// from its own module (./names.ts), and defines them on globalThis.
export { TextEncoder, TextDecoder } from "./text.js";
// The streams, TextEncoderStream and TextDecoderStream.
export * from "./streams.js";
export { console } from "./console.js";
export { performance, PerformanceEntry, PerformanceMark, PerformanceMeasure } from "./clock.js";
export { crypto, Crypto, CryptoKey, SubtleCrypto } from "./crypto.js";
export { atob, btoa } from "./base64.js";
export { queueMicrotask, structuredClone } from "./tasks.js";
export { reportError } from "./report-error.js";
export { DOMException } from "./dom-exception.js";
export { Event, EventTarget, CustomEvent } from "./events.js";
export { AbortController, AbortSignal } from "./abort.js";
export { setTimeout, clearTimeout, setInterval, clearInterval } from "./timers.js";
export { URL, URLSearchParams } from "./url.js";
export { URLPattern } from "./url-pattern.js";
export { Blob, File } from "./blob.js";
export { FormData } from "./form-data.js";
export { Headers } from "./headers.js";
export { Request, Response, fetch } from "./fetch.js";
export { Buffer } from "./buffer.js";
export { navigator, self } from "./navigator.js";
export { Intl } from "./intl.js";
