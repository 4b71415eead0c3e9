// The engine's web globals (docs/web-apis.md), each typed by the engine's own
// declarations of the code that runs: TypeScript's DOM library cannot be
// included in part (docs/decisions/platform-types.md). URL, URLSearchParams
// and DOMException are declared here, where the engine's declarations lean on
// the DOM's or Node's.

type Engine = typeof import("@extism-ts/engine/globals");

declare global {
  // Encoding
  var TextEncoder: Engine["TextEncoder"];
  type TextEncoder = import("@extism-ts/engine/globals").TextEncoder;
  var TextDecoder: Engine["TextDecoder"];
  type TextDecoder = import("@extism-ts/engine/globals").TextDecoder;
  var TextEncoderStream: Engine["TextEncoderStream"];
  type TextEncoderStream = import("@extism-ts/engine/globals").TextEncoderStream;
  var TextDecoderStream: Engine["TextDecoderStream"];
  type TextDecoderStream = import("@extism-ts/engine/globals").TextDecoderStream;
  function atob(data: string): string;
  function btoa(data: string): string;

  // Streams
  var ReadableStream: Engine["ReadableStream"];
  type ReadableStream<R = any> = import("@extism-ts/engine/globals").ReadableStream<R>;
  var ReadableStreamDefaultReader: Engine["ReadableStreamDefaultReader"];
  type ReadableStreamDefaultReader<R = any> = import("@extism-ts/engine/globals").ReadableStreamDefaultReader<R>;
  var ReadableStreamBYOBReader: Engine["ReadableStreamBYOBReader"];
  type ReadableStreamBYOBReader = import("@extism-ts/engine/globals").ReadableStreamBYOBReader;
  var ReadableStreamBYOBRequest: Engine["ReadableStreamBYOBRequest"];
  type ReadableStreamBYOBRequest = import("@extism-ts/engine/globals").ReadableStreamBYOBRequest;
  var ReadableStreamDefaultController: Engine["ReadableStreamDefaultController"];
  type ReadableStreamDefaultController<R = any> = import("@extism-ts/engine/globals").ReadableStreamDefaultController<R>;
  var ReadableByteStreamController: Engine["ReadableByteStreamController"];
  type ReadableByteStreamController = import("@extism-ts/engine/globals").ReadableByteStreamController;
  var WritableStream: Engine["WritableStream"];
  type WritableStream<W = any> = import("@extism-ts/engine/globals").WritableStream<W>;
  var WritableStreamDefaultWriter: Engine["WritableStreamDefaultWriter"];
  type WritableStreamDefaultWriter<W = any> = import("@extism-ts/engine/globals").WritableStreamDefaultWriter<W>;
  var WritableStreamDefaultController: Engine["WritableStreamDefaultController"];
  type WritableStreamDefaultController = import("@extism-ts/engine/globals").WritableStreamDefaultController;
  var TransformStream: Engine["TransformStream"];
  type TransformStream<I = any, O = any> = import("@extism-ts/engine/globals").TransformStream<I, O>;
  var TransformStreamDefaultController: Engine["TransformStreamDefaultController"];
  type TransformStreamDefaultController<O = any> = import("@extism-ts/engine/globals").TransformStreamDefaultController<O>;
  var ByteLengthQueuingStrategy: Engine["ByteLengthQueuingStrategy"];
  type ByteLengthQueuingStrategy = import("@extism-ts/engine/globals").ByteLengthQueuingStrategy;
  var CountQueuingStrategy: Engine["CountQueuingStrategy"];
  type CountQueuingStrategy = import("@extism-ts/engine/globals").CountQueuingStrategy;

  // Events and aborting
  var Event: Engine["Event"];
  type Event = import("@extism-ts/engine/globals").Event;
  var EventTarget: Engine["EventTarget"];
  type EventTarget = import("@extism-ts/engine/globals").EventTarget;
  var CustomEvent: Engine["CustomEvent"];
  type CustomEvent<T = unknown> = import("@extism-ts/engine/globals").CustomEvent<T>;
  var AbortController: Engine["AbortController"];
  type AbortController = import("@extism-ts/engine/globals").AbortController;
  var AbortSignal: Engine["AbortSignal"];
  type AbortSignal = import("@extism-ts/engine/globals").AbortSignal;

  /** WebIDL's DOMException: an Error with a name from the web's list and its legacy code. */
  interface DOMException extends Error {
    readonly name: string;
    readonly message: string;
    readonly code: number;
  }
  var DOMException: {
    new (message?: string, name?: string): DOMException;
    readonly prototype: DOMException;
    readonly INDEX_SIZE_ERR: 1;
    readonly DOMSTRING_SIZE_ERR: 2;
    readonly HIERARCHY_REQUEST_ERR: 3;
    readonly WRONG_DOCUMENT_ERR: 4;
    readonly INVALID_CHARACTER_ERR: 5;
    readonly NO_DATA_ALLOWED_ERR: 6;
    readonly NO_MODIFICATION_ALLOWED_ERR: 7;
    readonly NOT_FOUND_ERR: 8;
    readonly NOT_SUPPORTED_ERR: 9;
    readonly INUSE_ATTRIBUTE_ERR: 10;
    readonly INVALID_STATE_ERR: 11;
    readonly SYNTAX_ERR: 12;
    readonly INVALID_MODIFICATION_ERR: 13;
    readonly NAMESPACE_ERR: 14;
    readonly INVALID_ACCESS_ERR: 15;
    readonly VALIDATION_ERR: 16;
    readonly TYPE_MISMATCH_ERR: 17;
    readonly SECURITY_ERR: 18;
    readonly NETWORK_ERR: 19;
    readonly ABORT_ERR: 20;
    readonly URL_MISMATCH_ERR: 21;
    readonly QUOTA_EXCEEDED_ERR: 22;
    readonly TIMEOUT_ERR: 23;
    readonly INVALID_NODE_TYPE_ERR: 24;
    readonly DATA_CLONE_ERR: 25;
  };

  // URLs: the engine's URL and URLSearchParams, urlpattern-polyfill's URLPattern
  // (declared by its own typings, which the engine's bring in)
  /** WHATWG URL; docs/web-apis.md says how far its UTS #46 goes. */
  interface URL {
    hash: string;
    host: string;
    hostname: string;
    href: string;
    readonly origin: string;
    password: string;
    pathname: string;
    port: string;
    protocol: string;
    search: string;
    readonly searchParams: URLSearchParams;
    username: string;
    toString(): string;
    toJSON(): string;
  }
  var URL: {
    new (url: string | URL, base?: string | URL): URL;
    readonly prototype: URL;
    canParse(url: string | URL, base?: string | URL): boolean;
    parse(url: string | URL, base?: string | URL): URL | null;
  };
  interface URLSearchParams {
    readonly size: number;
    append(name: string, value: string): void;
    delete(name: string, value?: string): void;
    get(name: string): string | null;
    getAll(name: string): string[];
    has(name: string, value?: string): boolean;
    set(name: string, value: string): void;
    sort(): void;
    forEach(callback: (value: string, key: string, parent: URLSearchParams) => void, thisArg?: unknown): void;
    entries(): IteratorObject<[string, string], undefined, unknown>;
    keys(): IteratorObject<string, undefined, unknown>;
    values(): IteratorObject<string, undefined, unknown>;
    [Symbol.iterator](): IteratorObject<[string, string], undefined, unknown>;
    toString(): string;
  }
  var URLSearchParams: {
    new (init?: string | URLSearchParams | Record<string, string> | Iterable<readonly [string, string]>): URLSearchParams;
    readonly prototype: URLSearchParams;
  };

  // Fetch (over the host's HTTP), Blob, File, FormData
  var fetch: Engine["fetch"];
  var Request: Engine["Request"];
  type Request = import("@extism-ts/engine/globals").Request;
  var Response: Engine["Response"];
  type Response = import("@extism-ts/engine/globals").Response;
  var Headers: Engine["Headers"];
  type Headers = import("@extism-ts/engine/globals").Headers;
  type HeadersInit = import("@extism-ts/engine/globals/headers").HeadersInit;
  type RequestInit = import("@extism-ts/engine/globals/fetch").RequestInit;
  type ResponseInit = import("@extism-ts/engine/globals/fetch").ResponseInit;
  type BodyInit = import("@extism-ts/engine/globals/fetch").BodyInit;
  var Blob: Engine["Blob"];
  type Blob = import("@extism-ts/engine/globals").Blob;
  type BlobPart = import("@extism-ts/engine/globals/blob").BlobPart;
  var File: Engine["File"];
  type File = import("@extism-ts/engine/globals").File;
  var FormData: Engine["FormData"];
  type FormData = import("@extism-ts/engine/globals").FormData;

  // Web Crypto (digests and HMAC; randomness with --wasi)
  var crypto: Engine["crypto"];
  var Crypto: Engine["Crypto"];
  type Crypto = import("@extism-ts/engine/globals").Crypto;
  var SubtleCrypto: Engine["SubtleCrypto"];
  type SubtleCrypto = import("@extism-ts/engine/globals").SubtleCrypto;
  var CryptoKey: Engine["CryptoKey"];
  type CryptoKey = import("@extism-ts/engine/globals").CryptoKey;

  // Time (a clock with --wasi), tasks, timers
  var performance: Engine["performance"];
  var PerformanceEntry: Engine["PerformanceEntry"];
  type PerformanceEntry = import("@extism-ts/engine/globals").PerformanceEntry;
  var PerformanceMark: Engine["PerformanceMark"];
  type PerformanceMark = import("@extism-ts/engine/globals").PerformanceMark;
  var PerformanceMeasure: Engine["PerformanceMeasure"];
  type PerformanceMeasure = import("@extism-ts/engine/globals").PerformanceMeasure;
  var setTimeout: Engine["setTimeout"];
  var clearTimeout: Engine["clearTimeout"];
  var setInterval: Engine["setInterval"];
  var clearInterval: Engine["clearInterval"];
  var queueMicrotask: Engine["queueMicrotask"];
  var structuredClone: Engine["structuredClone"];
  var reportError: Engine["reportError"];

  // The host's log, the user agent, the global object
  var console: Engine["console"];
  var navigator: Engine["navigator"];
  var self: typeof globalThis;
}

export {};
