/**
 * What fetch.ts and blob.ts use of globals they do not import: streams for
 * `.body` and Blob's stream(), Blob for `blob()` and Blob bodies, FormData for
 * `formData()` and FormData bodies, AbortSignal for Request's `signal`. Each
 * of those modules fills in its entry when it is loaded, so a plug-in that
 * names none of them carries none of their code: the build adds them when
 * the code reads the member that needs them (WEB_GLOBAL_MEMBERS in ./names.ts).
 */

export interface ByteStream {
  getReader(): { read(): Promise<{ done: boolean; value?: unknown }>; releaseLock(): void };
  readonly locked: boolean;
  tee(): [ByteStream, ByteStream];
}

export interface OptionalGlobals {
  /** A stream of the bytes in one chunk (none when they are empty), then closed. */
  byteStream?: (bytes: Uint8Array) => ByteStream;
  /** The bytes of a Blob, undefined for anything else. */
  blobBytes?: (value: unknown) => Uint8Array | undefined;
  newBlob?: (bytes: Uint8Array, type: string) => unknown;
  /** A FormData as multipart/form-data, undefined for anything else. */
  formDataBody?: (value: unknown) => { bytes: Uint8Array; type: string } | undefined;
  /** A FormData from a multipart/form-data or urlencoded body, by its Content-Type. */
  parseFormData?: (bytes: Uint8Array, type: string) => unknown;
  /** AbortSignal.any. */
  anySignal?: (signals: unknown[]) => unknown;
}

export const optional: OptionalGlobals = {};

/** The entry a plug-in built without the global behind it lacks: a TypeError that says what to name. */
export function need<K extends keyof OptionalGlobals>(key: K, what: string, global: string): NonNullable<OptionalGlobals[K]> {
  const found = optional[key];
  if (!found) throw new TypeError(`${what} needs ${global}, which this plug-in was built without: name ${global} in the code (the build includes only the globals the code names)`);
  return found;
}
