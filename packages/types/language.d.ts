// What QuickJS-NG implements beyond the ES library TypeScript 5.9 ships
// (its ES2025 and proposal pieces): declared as augmentations of the lib's
// own interfaces, so that they read like the lib's.

interface RegExpConstructor {
  /** Escapes the characters that have a meaning in a regular expression. */
  escape(text: string): string;
}

interface Math {
  /** The sum of the numbers, rounded once (exact, unlike adding them in turn). */
  sumPrecise(numbers: Iterable<number>): number;
}

interface IteratorConstructor {
  /** The values of each iterable in turn. */
  concat<T>(...iterables: Iterable<T>[]): IteratorObject<T, undefined, unknown>;
}

interface Map<K, V> {
  /** The value of `key`, set to `value` first if there is none. */
  getOrInsert(key: K, value: V): V;
  /** The value of `key`, set to `callback(key)` first if there is none. */
  getOrInsertComputed(key: K, callback: (key: K) => V): V;
}

interface WeakMap<K extends WeakKey, V> {
  getOrInsert(key: K, value: V): V;
  getOrInsertComputed(key: K, callback: (key: K) => V): V;
}

interface Uint8ArrayConstructor {
  fromBase64(text: string, options?: { alphabet?: "base64" | "base64url"; lastChunkHandling?: "loose" | "strict" | "stop-before-partial" }): Uint8Array<ArrayBuffer>;
  fromHex(text: string): Uint8Array<ArrayBuffer>;
}

interface Uint8Array<TArrayBuffer extends ArrayBufferLike> {
  toBase64(options?: { alphabet?: "base64" | "base64url"; omitPadding?: boolean }): string;
  toHex(): string;
  setFromBase64(text: string, options?: { alphabet?: "base64" | "base64url"; lastChunkHandling?: "loose" | "strict" | "stop-before-partial" }): { read: number; written: number };
  setFromHex(text: string): { read: number; written: number };
}

interface JSON {
  /** A value JSON.stringify writes as the given JSON text (a number beyond a double's precision, say). */
  rawJSON(text: string): { readonly rawJSON: string };
  isRawJSON(value: unknown): boolean;
}

interface ErrorConstructor {
  /** Sets `target.stack` to the stack here, without the frames above `constructor` when given. */
  captureStackTrace(target: object, constructor?: Function): void;
  /** How many frames a stack keeps. */
  stackTraceLimit: number;
}

/** QuickJS's error for the engine's own limits: too much recursion, out of memory, an interrupted call. */
interface InternalError extends Error {}
interface InternalErrorConstructor extends ErrorConstructor {
  new (message?: string, options?: ErrorOptions): InternalError;
  (message?: string, options?: ErrorOptions): InternalError;
  readonly prototype: InternalError;
}
declare var InternalError: InternalErrorConstructor;
