// Web globals a plug-in bundle gets when it names them. The CLI injects this
// module (free identifiers bind to its exports) and defines on globalThis each
// of GLOBAL_NAMES that the bundle names anywhere; the modules of the others
// are dropped, with the natives and npm packages only they use.
export { TextEncoder, TextDecoder } from "./text.js";
export { TextEncoderStream, TextDecoderStream } from "./streams.js";
export { console } from "./console.js";
export { Date, performance, PerformanceEntry, PerformanceMark, PerformanceMeasure } from "./clock.js";
export { crypto, Crypto, CryptoKey, SubtleCrypto } from "./crypto.js";
export { atob, btoa } from "./base64.js";
export { queueMicrotask, structuredClone } from "./tasks.js";
export { reportError } from "./report-error.js";
export { DOMException } from "./dom-exception.js";
export { Event, EventTarget, CustomEvent } from "./events.js";
export { AbortController, AbortSignal } from "./abort.js";
export { setTimeout, clearTimeout, setInterval, clearInterval } from "./timers.js";
export { URL, URLSearchParams, URLPattern } from "./url.js";
export { Blob, File } from "./blob.js";
export { FormData } from "./form-data.js";
export { Headers } from "./headers.js";
export { Request, Response, fetch } from "./fetch.js";
export { Buffer } from "./buffer.js";
export { navigator, self } from "./navigator.js";
export {
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
  ReadableByteStreamController,
  ReadableStream,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableStreamDefaultController,
  ReadableStreamDefaultReader,
  TransformStream,
  TransformStreamDefaultController,
  WritableStream,
  WritableStreamDefaultController,
  WritableStreamDefaultWriter,
} from "./streams.js";
