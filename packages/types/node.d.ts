// Buffer and process as a plug-in has them, and the Node modules
// @extism-ts/node-compat maps (docs/node-compat.md), typed for what works in
// a plug-in. A module a plug-in cannot use (fs, http, child_process, ...) is
// not declared, so importing it is a type error as it is a build error.

/** The engine's Buffer (Node's API), the Buffer of `import "node:buffer"`: typed by npm `buffer` 6's declarations. */
declare var Buffer: typeof import("buffer/").Buffer;
type Buffer = import("buffer/").Buffer;
/** Node's process, as node-compat answers it: an empty env, nextTick, hrtime (a clock with --wasi). */
declare var process: ExtismTsNode.Process;
/** Node's name for the global object. */
declare var global: typeof globalThis;

declare namespace ExtismTsNode {
  type Listener = (...args: any[]) => void;
  interface Process {
    env: Record<string, string | undefined>;
    argv: string[];
    argv0: string;
    execArgv: string[];
    execPath: string;
    pid: number;
    ppid: number;
    title: string;
    /** The Node API level the polyfills follow. */
    version: string;
    versions: Record<string, string>;
    platform: string;
    arch: string;
    release: { name: string };
    exitCode: number | undefined;
    cwd(): string;
    /** Throws: a plug-in has no working directory to change. */
    chdir(directory: string): never;
    umask(): number;
    uptime(): number;
    hrtime: { (previous?: [number, number]): [number, number]; bigint(): bigint };
    memoryUsage(): { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
    nextTick(callback: Listener, ...args: unknown[]): void;
    emitWarning(warning: string | Error, type?: string | { type?: string }): void;
    /** Throws: a plug-in cannot end its host's process. */
    exit(code?: number): never;
    abort(): never;
    /** Process events are accepted and never fire. */
    on(event: string, listener: Listener): Process;
    once(event: string, listener: Listener): Process;
    off(event: string, listener: Listener): Process;
    addListener(event: string, listener: Listener): Process;
    removeListener(event: string, listener: Listener): Process;
    removeAllListeners(event?: string): Process;
    prependListener(event: string, listener: Listener): Process;
    listeners(event: string): Listener[];
    listenerCount(event: string): number;
    emit(event: string, ...args: unknown[]): boolean;
  }
  type BinaryLike = string | ArrayBufferView;
  type Encoding = "utf8" | "utf-8" | "hex" | "base64" | "latin1" | "binary" | "ascii" | "ucs2" | "utf16le";
}
declare module "node:buffer" {
  export const Buffer: typeof globalThis.Buffer;
  export type Buffer = globalThis.Buffer;
  export const kMaxLength: number;
  export const INSPECT_MAX_BYTES: number;
  const buffer: { Buffer: typeof globalThis.Buffer; kMaxLength: number; INSPECT_MAX_BYTES: number };
  export default buffer;
}
declare module "buffer" {
  export * from "node:buffer";
  export { default } from "node:buffer";
}

declare module "node:process" {
  const process: ExtismTsNode.Process;
  export = process;
}
declare module "process" {
  import process = require("node:process");
  export = process;
}

declare module "node:crypto" {
  type BinaryLike = ExtismTsNode.BinaryLike | ArrayBuffer;
  type Encoding = ExtismTsNode.Encoding | "base64url";
  type Callback<T> = (error: Error | null, value: T) => void;
  interface JsonWebKey {
    kty?: string;
    crv?: string;
    x?: string;
    y?: string;
    d?: string;
    n?: string;
    e?: string;
    p?: string;
    q?: string;
    dp?: string;
    dq?: string;
    qi?: string;
    k?: string;
    [other: string]: unknown;
  }
  interface KeyExportOptions {
    format?: "pem" | "der" | "jwk";
    type?: "pkcs1" | "spki" | "pkcs8" | "sec1";
  }
  /** A secret, public or private key (RSA, EC P-256/P-384, Ed25519). */
  export class KeyObject {
    private constructor();
    readonly type: "secret" | "public" | "private";
    readonly asymmetricKeyType?: "rsa" | "ec" | "ed25519";
    readonly asymmetricKeyDetails?: { modulusLength?: number; publicExponent?: bigint; namedCurve?: string };
    readonly symmetricKeySize?: number;
    export(options: KeyExportOptions & { format: "pem" }): string;
    export(options: KeyExportOptions & { format: "jwk" }): JsonWebKey;
    export(options?: KeyExportOptions): Buffer;
    equals(other: KeyObject): boolean;
  }
  type KeyInput = string | ArrayBufferView | KeyObject | { key: string | ArrayBufferView | JsonWebKey | KeyObject; format?: "pem" | "der" | "jwk"; type?: "pkcs1" | "spki" | "pkcs8" | "sec1"; encoding?: Encoding };
  type SignKey = KeyInput | { key: KeyInput; padding?: number; saltLength?: number; dsaEncoding?: "der" | "ieee-p1363" };
  export class Hash {
    private constructor();
    update(data: BinaryLike, inputEncoding?: Encoding): this;
    /** A Buffer when the plug-in has Buffer, else a Uint8Array with Buffer's toString(encoding), equals, readUInt32BE and toJSON. */
    digest(): Buffer;
    digest(encoding: Encoding): string;
    copy(): Hash;
  }
  export class Hmac {
    private constructor();
    update(data: BinaryLike, inputEncoding?: Encoding): this;
    digest(): Buffer;
    digest(encoding: Encoding): string;
  }
  export class Sign {
    private constructor();
    update(data: BinaryLike, inputEncoding?: Encoding): this;
    sign(privateKey: SignKey): Buffer;
    sign(privateKey: SignKey, outputEncoding: Encoding): string;
  }
  export class Verify {
    private constructor();
    update(data: BinaryLike, inputEncoding?: Encoding): this;
    verify(publicKey: SignKey, signature: BinaryLike, signatureEncoding?: Encoding): boolean;
  }
  /** md5, sha1, sha224, sha256, sha384, sha512. */
  export function createHash(algorithm: string, options?: object): Hash;
  export function createHmac(algorithm: string, key: BinaryLike | KeyObject, options?: { encoding?: Encoding }): Hmac;
  export function hash(algorithm: string, data: BinaryLike, outputEncoding?: Encoding): string;
  export function hash(algorithm: string, data: BinaryLike, outputEncoding: "buffer"): Buffer;
  export function getHashes(): string[];
  export function getCurves(): string[];
  export function createSecretKey(key: BinaryLike, encoding?: Encoding): KeyObject;
  export function createPublicKey(key: KeyInput): KeyObject;
  export function createPrivateKey(key: KeyInput): KeyObject;
  /** null as the algorithm for Ed25519; RSA-PSS signing needs --wasi (its salt). */
  export function sign(algorithm: string | null | undefined, data: ArrayBufferView, key: SignKey): Buffer;
  export function sign(algorithm: string | null | undefined, data: ArrayBufferView, key: SignKey, callback: Callback<Buffer>): void;
  export function verify(algorithm: string | null | undefined, data: ArrayBufferView, key: SignKey, signature: ArrayBufferView): boolean;
  export function verify(algorithm: string | null | undefined, data: ArrayBufferView, key: SignKey, signature: ArrayBufferView, callback: Callback<boolean>): void;
  export function createSign(algorithm: string, options?: object): Sign;
  export function createVerify(algorithm: string, options?: object): Verify;
  /** "ec" (namedCurve prime256v1 or secp384r1) and "ed25519"; needs --wasi. */
  export function generateKeyPairSync(type: "ec" | "ed25519", options?: { namedCurve?: string; publicKeyEncoding?: KeyExportOptions; privateKeyEncoding?: KeyExportOptions }): { publicKey: any; privateKey: any };
  export function generateKeyPair(type: "ec" | "ed25519", options: { namedCurve?: string; publicKeyEncoding?: KeyExportOptions; privateKeyEncoding?: KeyExportOptions }, callback: (error: Error | null, publicKey: any, privateKey: any) => void): void;
  /** digest: sha1, sha256, sha384 or sha512. */
  export function pbkdf2Sync(password: BinaryLike | KeyObject, salt: BinaryLike, iterations: number, keylen: number, digest: string): Buffer;
  export function pbkdf2(password: BinaryLike | KeyObject, salt: BinaryLike, iterations: number, keylen: number, digest: string, callback: Callback<Buffer>): void;
  interface ScryptOptions {
    N?: number;
    cost?: number;
    r?: number;
    blockSize?: number;
    p?: number;
    parallelization?: number;
    maxmem?: number;
  }
  export function scryptSync(password: BinaryLike | KeyObject, salt: BinaryLike, keylen: number, options?: ScryptOptions): Buffer;
  export function scrypt(password: BinaryLike | KeyObject, salt: BinaryLike, keylen: number, callback: Callback<Buffer>): void;
  export function scrypt(password: BinaryLike | KeyObject, salt: BinaryLike, keylen: number, options: ScryptOptions, callback: Callback<Buffer>): void;
  export function hkdfSync(digest: string, key: BinaryLike | KeyObject, salt: BinaryLike, info: BinaryLike, keylen: number): ArrayBuffer;
  export function hkdf(digest: string, key: BinaryLike | KeyObject, salt: BinaryLike, info: BinaryLike, keylen: number, callback: Callback<ArrayBuffer>): void;
  /** Needs --wasi. */
  export function getRandomValues<T extends ArrayBufferView>(array: T): T;
  /** Needs --wasi. */
  export function randomBytes(size: number): Buffer;
  export function randomBytes(size: number, callback: (error: Error | null, bytes: Buffer) => void): void;
  /** Needs --wasi. */
  export function randomFillSync<T extends ArrayBufferView | ArrayBuffer>(buffer: T, offset?: number, size?: number): T;
  export function randomFill<T extends ArrayBufferView | ArrayBuffer>(buffer: T, callback: Callback<T>): void;
  /** Needs --wasi. */
  export function randomInt(max: number): number;
  export function randomInt(min: number, max: number): number;
  export function randomInt(max: number, callback: Callback<number>): void;
  export function randomInt(min: number, max: number, callback: Callback<number>): void;
  /** Needs --wasi. */
  export function randomUUID(): string;
  export function timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean;
  export const constants: {
    readonly RSA_PKCS1_PADDING: number;
    readonly RSA_NO_PADDING: number;
    readonly RSA_PKCS1_OAEP_PADDING: number;
    readonly RSA_PKCS1_PSS_PADDING: number;
    readonly RSA_PSS_SALTLEN_DIGEST: number;
    readonly RSA_PSS_SALTLEN_MAX_SIGN: number;
    readonly RSA_PSS_SALTLEN_AUTO: number;
    readonly POINT_CONVERSION_COMPRESSED: number;
    readonly POINT_CONVERSION_UNCOMPRESSED: number;
    readonly POINT_CONVERSION_HYBRID: number;
  };
  export const webcrypto: Crypto;
  export const subtle: SubtleCrypto;
  const crypto: {
    constants: typeof constants;
    createHash: typeof createHash;
    createHmac: typeof createHmac;
    createPrivateKey: typeof createPrivateKey;
    createPublicKey: typeof createPublicKey;
    createSecretKey: typeof createSecretKey;
    createSign: typeof createSign;
    createVerify: typeof createVerify;
    generateKeyPair: typeof generateKeyPair;
    generateKeyPairSync: typeof generateKeyPairSync;
    getCurves: typeof getCurves;
    getHashes: typeof getHashes;
    getRandomValues: typeof getRandomValues;
    hash: typeof hash;
    Hash: typeof Hash;
    hkdf: typeof hkdf;
    hkdfSync: typeof hkdfSync;
    Hmac: typeof Hmac;
    KeyObject: typeof KeyObject;
    pbkdf2: typeof pbkdf2;
    pbkdf2Sync: typeof pbkdf2Sync;
    randomBytes: typeof randomBytes;
    randomFill: typeof randomFill;
    randomFillSync: typeof randomFillSync;
    randomInt: typeof randomInt;
    randomUUID: typeof randomUUID;
    scrypt: typeof scrypt;
    scryptSync: typeof scryptSync;
    sign: typeof sign;
    Sign: typeof Sign;
    timingSafeEqual: typeof timingSafeEqual;
    verify: typeof verify;
    Verify: typeof Verify;
    webcrypto: Crypto;
    subtle: SubtleCrypto;
  };
  export default crypto;
}
declare module "crypto" {
  export * from "node:crypto";
  export { default } from "node:crypto";
}

declare module "node:events" {
  type Listener = (...args: any[]) => void;
  import internal = require("node:events");
  class EventEmitter {
    static defaultMaxListeners: number;
    static listenerCount(emitter: EventEmitter, event: string | symbol): number;
    on(event: string | symbol, listener: Listener): this;
    addListener(event: string | symbol, listener: Listener): this;
    prependListener(event: string | symbol, listener: Listener): this;
    once(event: string | symbol, listener: Listener): this;
    prependOnceListener(event: string | symbol, listener: Listener): this;
    off(event: string | symbol, listener: Listener): this;
    removeListener(event: string | symbol, listener: Listener): this;
    removeAllListeners(event?: string | symbol): this;
    emit(event: string | symbol, ...args: any[]): boolean;
    listeners(event: string | symbol): Listener[];
    rawListeners(event: string | symbol): Listener[];
    listenerCount(event: string | symbol): number;
    eventNames(): Array<string | symbol>;
    setMaxListeners(n: number): this;
    getMaxListeners(): number;
  }
  namespace EventEmitter {
    export { internal as EventEmitter };
    function once(emitter: EventEmitter, event: string | symbol): Promise<any[]>;
  }
  export = EventEmitter;
}
declare module "events" {
  import EventEmitter = require("node:events");
  export = EventEmitter;
}

declare module "node:path" {
  interface ParsedPath {
    root: string;
    dir: string;
    base: string;
    ext: string;
    name: string;
  }
  /** POSIX paths; `resolve` starts from "/". */
  interface PosixPath {
    readonly sep: "/";
    readonly delimiter: ":";
    normalize(path: string): string;
    join(...paths: string[]): string;
    resolve(...paths: string[]): string;
    isAbsolute(path: string): boolean;
    relative(from: string, to: string): string;
    dirname(path: string): string;
    basename(path: string, suffix?: string): string;
    extname(path: string): string;
    format(path: Partial<ParsedPath>): string;
    parse(path: string): ParsedPath;
    readonly posix: PosixPath;
  }
  const path: PosixPath;
  export = path;
}
declare module "path" {
  import path = require("node:path");
  export = path;
}
declare module "node:path/posix" {
  import path = require("node:path");
  export = path;
}
declare module "path/posix" {
  import path = require("node:path");
  export = path;
}

declare module "node:util" {
  export function format(format?: unknown, ...values: unknown[]): string;
  export function inspect(value: unknown, options?: { depth?: number | null; colors?: boolean; showHidden?: boolean }): string;
  export function promisify<T = any>(fn: (...args: any[]) => void): (...args: any[]) => Promise<T>;
  export function callbackify(fn: (...args: any[]) => Promise<unknown>): (...args: any[]) => void;
  export function inherits(constructor: Function, superConstructor: Function): void;
  export function deprecate<F extends (...args: any[]) => any>(fn: F, message: string): F;
  export function debuglog(section: string): (...args: unknown[]) => void;
  export const types: typeof import("node:util/types");
  export const TextEncoder: typeof globalThis.TextEncoder;
  export const TextDecoder: typeof globalThis.TextDecoder;
  const util: {
    format: typeof format;
    inspect: typeof inspect;
    promisify: typeof promisify;
    callbackify: typeof callbackify;
    inherits: typeof inherits;
    deprecate: typeof deprecate;
    debuglog: typeof debuglog;
    types: typeof types;
    TextEncoder: typeof TextEncoder;
    TextDecoder: typeof TextDecoder;
  };
  export default util;
}
declare module "util" {
  export * from "node:util";
  export { default } from "node:util";
}
declare module "node:util/types" {
  export function isPromise(value: unknown): value is Promise<unknown>;
  export function isDate(value: unknown): value is Date;
  export function isRegExp(value: unknown): value is RegExp;
  export function isMap(value: unknown): value is Map<unknown, unknown>;
  export function isSet(value: unknown): value is Set<unknown>;
  export function isTypedArray(value: unknown): value is ArrayBufferView;
  export function isUint8Array(value: unknown): value is Uint8Array;
  export function isArrayBuffer(value: unknown): value is ArrayBuffer;
  export function isArrayBufferView(value: unknown): value is ArrayBufferView;
  export function isAnyArrayBuffer(value: unknown): value is ArrayBufferLike;
  export function isNativeError(value: unknown): value is Error;
  export function isGeneratorFunction(value: unknown): boolean;
  export function isAsyncFunction(value: unknown): boolean;
  export function isBoxedPrimitive(value: unknown): boolean;
}
declare module "util/types" {
  export * from "node:util/types";
}

declare module "node:url" {
  interface UrlObject {
    protocol?: string | null;
    slashes?: boolean | null;
    auth?: string | null;
    host?: string | null;
    port?: string | null;
    hostname?: string | null;
    hash?: string | null;
    search?: string | null;
    query?: string | null | Record<string, unknown>;
    pathname?: string | null;
    path?: string | null;
    href?: string;
  }
  /** Node's legacy URL parser (npm `url`). */
  export interface Url extends UrlObject {
    href: string;
  }
  export function parse(url: string, parseQueryString?: boolean, slashesDenoteHost?: boolean): Url;
  export function format(url: string | UrlObject): string;
  export function format(url: globalThis.URL, options?: { auth?: boolean; fragment?: boolean; search?: boolean; unicode?: boolean }): string;
  export function resolve(from: string, to: string): string;
  export const URL: typeof globalThis.URL;
  export const URLSearchParams: typeof globalThis.URLSearchParams;
  /** A file: URL as a POSIX path, percent-decoded. */
  export function fileURLToPath(url: string | globalThis.URL): string;
  /** A POSIX path (a relative one from "/") as a file: URL. */
  export function pathToFileURL(path: string): globalThis.URL;
  export function urlToHttpOptions(url: globalThis.URL): { protocol: string; hostname: string; hash: string; search: string; pathname: string; path: string; href: string; port?: number; auth?: string };
  export function domainToASCII(domain: string): string;
}
declare module "url" {
  export * from "node:url";
}

declare module "node:querystring" {
  type Query = Record<string, string | string[] | undefined>;
  export function parse(text: string, separator?: string, equals?: string, options?: { maxKeys?: number }): Query;
  export function stringify(object: Record<string, unknown>, separator?: string, equals?: string): string;
  export const decode: typeof parse;
  export const encode: typeof stringify;
  export function escape(text: string): string;
  export function unescape(text: string): string;
}
declare module "querystring" {
  export * from "node:querystring";
}

declare module "node:string_decoder" {
  export class StringDecoder {
    constructor(encoding?: "utf8" | "utf-8" | "utf16le" | "ucs2" | "base64" | "hex" | "latin1" | "ascii");
    write(bytes: ArrayBufferView | string): string;
    end(bytes?: ArrayBufferView | string): string;
  }
}
declare module "string_decoder" {
  export * from "node:string_decoder";
}

declare module "node:assert" {
  function assert(value: unknown, message?: string | Error): asserts value;
  namespace assert {
    class AssertionError extends Error {
      constructor(options: { message?: string; actual?: unknown; expected?: unknown; operator?: string });
      actual: unknown;
      expected: unknown;
      operator: string;
      code: "ERR_ASSERTION";
    }
    function ok(value: unknown, message?: string | Error): asserts value;
    function fail(message?: string | Error): never;
    function equal(actual: unknown, expected: unknown, message?: string | Error): void;
    function notEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function deepEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function strictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T;
    function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function deepStrictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T;
    function notDeepStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function throws(block: () => unknown, expected?: RegExp | Function | object | Error, message?: string | Error): void;
    function doesNotThrow(block: () => unknown, message?: string | Error): void;
    function rejects(block: (() => Promise<unknown>) | Promise<unknown>, expected?: RegExp | Function | object | Error, message?: string | Error): Promise<void>;
    function doesNotReject(block: (() => Promise<unknown>) | Promise<unknown>, message?: string | Error): Promise<void>;
    function ifError(value: unknown): asserts value is null | undefined;
    function match(value: string, pattern: RegExp, message?: string | Error): void;
    const strict: typeof assert;
  }
  export = assert;
}
declare module "assert" {
  import assert = require("node:assert");
  export = assert;
}
declare module "node:assert/strict" {
  import assert = require("node:assert");
  const strict: typeof assert.strict;
  export = strict;
}
declare module "assert/strict" {
  import strict = require("node:assert/strict");
  export = strict;
}

declare module "node:stream" {
  import EventEmitter = require("node:events");
  import internal = require("node:stream");
  type Callback = (error?: Error | null) => void;
  /** readable-stream 3 (Node 10's streams). */
  class Stream extends EventEmitter {
    pipe<T extends Stream.Writable>(destination: T, options?: { end?: boolean }): T;
  }
  namespace Stream {
    export class Readable extends Stream {
      /** A stream of an iterable's or async iterable's values (object mode); a string or Buffer is one chunk. */
      static from(iterable: Iterable<any> | AsyncIterable<any>, options?: { objectMode?: boolean; highWaterMark?: number }): Readable;
      constructor(options?: { highWaterMark?: number; encoding?: string; objectMode?: boolean; read?(this: Readable, size: number): void; destroy?(this: Readable, error: Error | null, callback: Callback): void });
      readable: boolean;
      readonly readableHighWaterMark: number;
      readonly readableLength: number;
      destroyed: boolean;
      _read(size: number): void;
      read(size?: number): any;
      setEncoding(encoding: string): this;
      pause(): this;
      resume(): this;
      isPaused(): boolean;
      unpipe(destination?: Writable): this;
      unshift(chunk: any): void;
      push(chunk: any, encoding?: string): boolean;
      destroy(error?: Error): this;
      [Symbol.asyncIterator](): AsyncIterableIterator<any>;
    }
    export class Writable extends Stream {
      constructor(options?: { highWaterMark?: number; decodeStrings?: boolean; objectMode?: boolean; write?(this: Writable, chunk: any, encoding: string, callback: Callback): void; final?(this: Writable, callback: Callback): void; destroy?(this: Writable, error: Error | null, callback: Callback): void });
      writable: boolean;
      readonly writableHighWaterMark: number;
      readonly writableLength: number;
      destroyed: boolean;
      _write(chunk: any, encoding: string, callback: Callback): void;
      write(chunk: any, callback?: Callback): boolean;
      write(chunk: any, encoding: string, callback?: Callback): boolean;
      setDefaultEncoding(encoding: string): this;
      end(callback?: () => void): this;
      end(chunk: any, callback?: () => void): this;
      end(chunk: any, encoding: string, callback?: () => void): this;
      cork(): void;
      uncork(): void;
      destroy(error?: Error): this;
    }
    export class Duplex extends Readable {
      constructor(options?: { allowHalfOpen?: boolean; readableObjectMode?: boolean; writableObjectMode?: boolean; objectMode?: boolean; read?(this: Duplex, size: number): void; write?(this: Duplex, chunk: any, encoding: string, callback: Callback): void; final?(this: Duplex, callback: Callback): void });
      writable: boolean;
      _write(chunk: any, encoding: string, callback: Callback): void;
      write(chunk: any, callback?: Callback): boolean;
      write(chunk: any, encoding: string, callback?: Callback): boolean;
      end(callback?: () => void): this;
      end(chunk: any, callback?: () => void): this;
      end(chunk: any, encoding: string, callback?: () => void): this;
      cork(): void;
      uncork(): void;
    }
    export class Transform extends Duplex {
      constructor(options?: { objectMode?: boolean; readableObjectMode?: boolean; writableObjectMode?: boolean; transform?(this: Transform, chunk: any, encoding: string, callback: (error?: Error | null, data?: any) => void): void; flush?(this: Transform, callback: (error?: Error | null, data?: any) => void): void });
      _transform(chunk: any, encoding: string, callback: (error?: Error | null, data?: any) => void): void;
      _flush(callback: (error?: Error | null, data?: any) => void): void;
    }
    export class PassThrough extends Transform {}
    export function pipeline(...streams: Array<Stream | Callback>): Stream;
    export function finished(stream: Stream, callback: Callback): () => void;
    export const promises: typeof import("node:stream/promises");
    export { internal as Stream };
  }
  export = Stream;
}
declare module "stream" {
  import Stream = require("node:stream");
  export = Stream;
}

declare module "node:stream/promises" {
  /** Streams, or functions that take the stage before as an async iterable and return one (the last may return a promise). */
  export function pipeline(...stages: unknown[]): Promise<void>;
  export function finished(stream: import("node:stream"), options?: { readable?: boolean; writable?: boolean }): Promise<void>;
}
declare module "stream/promises" {
  export * from "node:stream/promises";
}

declare module "node:zlib" {
  import { Transform } from "node:stream";
  type Input = string | ArrayBuffer | ArrayBufferView;
  type Callback = (error: Error | null, result: Buffer) => void;
  interface Options {
    level?: number;
    windowBits?: number;
    memLevel?: number;
    strategy?: number;
    chunkSize?: number;
    dictionary?: ArrayBufferView;
  }
  export function deflateSync(input: Input, options?: Options): Buffer;
  export function inflateSync(input: Input, options?: Options): Buffer;
  export function deflateRawSync(input: Input, options?: Options): Buffer;
  export function inflateRawSync(input: Input, options?: Options): Buffer;
  export function gzipSync(input: Input, options?: Options): Buffer;
  export function gunzipSync(input: Input, options?: Options): Buffer;
  export function unzipSync(input: Input, options?: Options): Buffer;
  export function deflate(input: Input, callback: Callback): void;
  export function deflate(input: Input, options: Options, callback: Callback): void;
  export function inflate(input: Input, callback: Callback): void;
  export function inflate(input: Input, options: Options, callback: Callback): void;
  export function deflateRaw(input: Input, callback: Callback): void;
  export function deflateRaw(input: Input, options: Options, callback: Callback): void;
  export function inflateRaw(input: Input, callback: Callback): void;
  export function inflateRaw(input: Input, options: Options, callback: Callback): void;
  export function gzip(input: Input, callback: Callback): void;
  export function gzip(input: Input, options: Options, callback: Callback): void;
  export function gunzip(input: Input, callback: Callback): void;
  export function gunzip(input: Input, options: Options, callback: Callback): void;
  export function unzip(input: Input, callback: Callback): void;
  export function unzip(input: Input, options: Options, callback: Callback): void;
  export function createDeflate(options?: Options): Transform;
  export function createInflate(options?: Options): Transform;
  export function createDeflateRaw(options?: Options): Transform;
  export function createInflateRaw(options?: Options): Transform;
  export function createGzip(options?: Options): Transform;
  export function createGunzip(options?: Options): Transform;
  export function createUnzip(options?: Options): Transform;
  export const constants: Record<string, number>;
}
declare module "zlib" {
  export * from "node:zlib";
}

declare module "node:timers" {
  /** Node's timer object; its number (`+timer`) is the engine's timer id. */
  export class Timeout {
    ref(): this;
    unref(): this;
    hasRef(): boolean;
    refresh(): this;
    close(): this;
    [Symbol.toPrimitive](): number;
  }
  export class Immediate extends Timeout {}
  export function setTimeout<A extends unknown[]>(callback: (...args: A) => unknown, delay?: number, ...args: A): Timeout;
  export function setInterval<A extends unknown[]>(callback: (...args: A) => unknown, delay?: number, ...args: A): Timeout;
  export function setImmediate<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Immediate;
  export function clearTimeout(timer: Timeout | number | undefined): void;
  export function clearInterval(timer: Timeout | number | undefined): void;
  export function clearImmediate(timer: Immediate | undefined): void;
  export const promises: typeof import("node:timers/promises");
}
declare module "timers" {
  export * from "node:timers";
}

declare module "node:timers/promises" {
  interface TimerOptions {
    signal?: AbortSignal;
    ref?: boolean;
  }
  export function setTimeout<T = void>(delay?: number, value?: T, options?: TimerOptions): Promise<T>;
  export function setImmediate<T = void>(value?: T, options?: TimerOptions): Promise<T>;
  export function setInterval<T = void>(delay?: number, value?: T, options?: TimerOptions): AsyncGenerator<T, void, unknown>;
  export const scheduler: { wait(delay: number, options?: TimerOptions): Promise<void>; yield(): Promise<void> };
}
declare module "timers/promises" {
  export * from "node:timers/promises";
}

declare module "node:os" {
  export const EOL: "\n";
  export const devNull: "/dev/null";
  export const constants: { signals: {}; errno: {}; priority: {} };
  export function platform(): string;
  export function type(): string;
  export function arch(): string;
  export function machine(): string;
  export function release(): string;
  export function version(): string;
  export function endianness(): "LE";
  export function hostname(): string;
  export function homedir(): string;
  export function tmpdir(): string;
  export function uptime(): number;
  export function loadavg(): number[];
  export function totalmem(): number;
  export function freemem(): number;
  export function availableParallelism(): number;
  export function cpus(): never[];
  export function networkInterfaces(): Record<string, never[]>;
  export function userInfo(): { uid: number; gid: number; username: string; homedir: string; shell: null };
  const os: {
    EOL: typeof EOL;
    devNull: typeof devNull;
    constants: typeof constants;
    platform: typeof platform;
    type: typeof type;
    arch: typeof arch;
    machine: typeof machine;
    release: typeof release;
    version: typeof version;
    endianness: typeof endianness;
    hostname: typeof hostname;
    homedir: typeof homedir;
    tmpdir: typeof tmpdir;
    uptime: typeof uptime;
    loadavg: typeof loadavg;
    totalmem: typeof totalmem;
    freemem: typeof freemem;
    availableParallelism: typeof availableParallelism;
    cpus: typeof cpus;
    networkInterfaces: typeof networkInterfaces;
    userInfo: typeof userInfo;
  };
  export default os;
}
declare module "os" {
  export * from "node:os";
  export { default } from "node:os";
}

