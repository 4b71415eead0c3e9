// Types for the CommonJS polyfills the stream, timers and url modules build on, which ship none:
// only what those modules use is declared.
declare module "readable-stream" {
  import { EventEmitter } from "events";
  export type Callback = (error?: Error | null) => void;
  export interface StreamOptions {
    objectMode?: boolean;
    highWaterMark?: number;
    [option: string]: unknown;
  }
  class Readable extends EventEmitter {
    constructor(options?: StreamOptions & { read?(this: Readable, size: number): void; destroy?(this: Readable, error: Error | null, callback: Callback): void });
    static from: (iterable: unknown, options?: StreamOptions) => Readable;
    readable: boolean;
    destroyed: boolean;
    push(chunk: unknown): boolean;
    destroy(error?: Error): this;
    [Symbol.asyncIterator](): AsyncIterator<unknown>;
  }
  class Writable extends EventEmitter {}
  class Duplex extends Readable {}
  class Transform extends Duplex {}
  class PassThrough extends Transform {}
  const streams: typeof Readable & {
    Readable: typeof Readable;
    Writable: typeof Writable;
    Duplex: typeof Duplex;
    Transform: typeof Transform;
    PassThrough: typeof PassThrough;
    finished(stream: unknown, options: unknown, callback?: Callback): () => void;
    pipeline(...streams: unknown[]): unknown;
  };
  export default streams;
}
declare module "url/" {
  const url: {
    parse(url: string, parseQueryString?: boolean, slashesDenoteHost?: boolean): unknown;
    format(url: unknown): string;
    resolve(from: string, to: string): string;
    resolveObject(from: unknown, to: unknown): unknown;
    Url: new () => unknown;
  };
  export default url;
}
declare module "events" {
  export class EventEmitter {
    constructor(options?: unknown);
    on(event: string | symbol, listener: (...args: any[]) => void): this;
    once(event: string | symbol, listener: (...args: any[]) => void): this;
    removeListener(event: string | symbol, listener: (...args: any[]) => void): this;
    emit(event: string | symbol, ...args: unknown[]): boolean;
    listenerCount(event: string | symbol): number;
  }
}
