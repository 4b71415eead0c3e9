/**
 * The web globals a plug-in build defines on globalThis when its bundle names
 * them, each with the module of ./ that exports it: the build imports only
 * those modules, so a global's npm packages are not even parsed unless it is
 * named. Read by the CLI in Node: no imports.
 */
export const WEB_GLOBAL_MODULES: Readonly<Record<string, string>> = {
  atob: "base64",
  AbortController: "abort",
  AbortSignal: "abort",
  Blob: "blob",
  btoa: "base64",
  Buffer: "buffer",
  ByteLengthQueuingStrategy: "streams",
  clearInterval: "timers",
  clearTimeout: "timers",
  console: "console",
  CountQueuingStrategy: "streams",
  Crypto: "crypto",
  crypto: "crypto",
  CryptoKey: "crypto-subtle",
  CustomEvent: "events",
  DOMException: "dom-exception",
  Event: "events",
  EventTarget: "events",
  fetch: "fetch",
  File: "blob",
  FormData: "form-data",
  Headers: "headers",
  Intl: "intl",
  navigator: "navigator",
  performance: "clock",
  PerformanceEntry: "clock",
  PerformanceMark: "clock",
  PerformanceMeasure: "clock",
  queueMicrotask: "tasks",
  ReadableByteStreamController: "streams",
  ReadableStream: "streams",
  ReadableStreamBYOBReader: "streams",
  ReadableStreamBYOBRequest: "streams",
  ReadableStreamDefaultController: "streams",
  ReadableStreamDefaultReader: "streams",
  reportError: "report-error",
  Request: "fetch",
  Response: "fetch",
  self: "navigator",
  setInterval: "timers",
  setTimeout: "timers",
  structuredClone: "tasks",
  SubtleCrypto: "crypto",
  TextDecoder: "text",
  TextDecoderStream: "streams",
  TextEncoder: "text",
  TextEncoderStream: "streams",
  TransformStream: "streams",
  TransformStreamDefaultController: "streams",
  URL: "url",
  URLPattern: "url-pattern",
  URLSearchParams: "url",
  WritableStream: "streams",
  WritableStreamDefaultController: "streams",
  WritableStreamDefaultWriter: "streams",
};

export const WEB_GLOBAL_NAMES: readonly string[] = Object.keys(WEB_GLOBAL_MODULES);

/**
 * Members whose reading brings a global when the module of ./ in `of` is in
 * the bundle: that module does not import the global (./optional.ts), so a
 * fetch that only reads text() or json() carries no streams, Blob, FormData
 * or AbortSignal. A member counts when read as one (`response.body`,
 * `response?.body`, `response["body"]`), not as a key (`{ body: text }`).
 */
export const WEB_GLOBAL_MEMBERS: Readonly<Record<string, { of: string; brings: string }>> = {
  body: { of: "fetch", brings: "ReadableStream" },
  blob: { of: "fetch", brings: "Blob" },
  formData: { of: "fetch", brings: "FormData" },
  signal: { of: "fetch", brings: "AbortSignal" },
  stream: { of: "blob", brings: "ReadableStream" },
};

/**
 * Words that bring a global the bundle may not name: Web Crypto's algorithms
 * beyond digest and HMAC come with CryptoKey (./crypto-subtle.ts), and code
 * that passes `{ name: "ECDSA" }` to crypto.subtle names the algorithm, not
 * CryptoKey.
 */
export const WEB_GLOBAL_IMPLIED: Readonly<Record<string, string>> = {
  ECDSA: "CryptoKey",
  Ed25519: "CryptoKey",
  "RSASSA-PKCS1-v1_5": "CryptoKey",
  "RSA-PSS": "CryptoKey",
  "AES-GCM": "CryptoKey",
  PBKDF2: "CryptoKey",
  HKDF: "CryptoKey",
  // urlpattern-polyfill parses with the global URL.
  URLPattern: "URL",
};
