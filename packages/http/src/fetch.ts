import { request, type HttpRequest } from "./request.js";

export interface FetchInit {
  method?: string;
  headers?: Record<string, string> | Array<[string, string]> | { forEach(callback: (value: string, key: string) => void): void };
  body?: string | Uint8Array | ArrayBuffer;
}

/** The subset of the web's Headers a response carries. */
export class FetchHeaders {
  readonly #entries: Map<string, string>;
  constructor(init: Record<string, string> = {}) {
    this.#entries = new Map(Object.entries(init).map(([key, value]) => [key.toLowerCase(), value]));
  }
  get(name: string): string | null {
    return this.#entries.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#entries.has(name.toLowerCase());
  }
  forEach(callback: (value: string, key: string) => void): void {
    this.#entries.forEach((value, key) => callback(value, key));
  }
  entries(): IterableIterator<[string, string]> {
    return this.#entries.entries();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#entries.entries();
  }
}

export interface FetchResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly url: string;
  readonly headers: FetchHeaders;
  text(): Promise<string>;
  json(): Promise<any>;
  arrayBuffer(): Promise<ArrayBuffer>;
  bytes(): Promise<Uint8Array>;
}

function headerRecord(headers: FetchInit["headers"]): Record<string, string> {
  if (!headers) return {};
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  if (typeof (headers as { forEach?: unknown }).forEach === "function") {
    const record: Record<string, string> = {};
    (headers as { forEach(callback: (value: string, key: string) => void): void }).forEach((value, key) => (record[key] = value));
    return record;
  }
  return headers as Record<string, string>;
}

/**
 * fetch over the host's HTTP: a promise of a Response-like object. The
 * request itself is synchronous in the host, so the promise is already
 * settled when it is returned.
 */
export async function fetch(input: string | HttpRequest, init: FetchInit = {}): Promise<FetchResponse> {
  const base: HttpRequest = typeof input === "string" ? { url: input } : input;
  const body = init.body instanceof ArrayBuffer ? new Uint8Array(init.body) : init.body;
  const response = request(
    { url: base.url, method: init.method ?? base.method ?? "GET", headers: { ...base.headers, ...headerRecord(init.headers) } },
    body,
  );
  return {
    status: response.status,
    ok: response.status >= 200 && response.status < 300,
    url: base.url,
    headers: new FetchHeaders(response.headers),
    text: async () => response.text(),
    json: async () => response.json(),
    arrayBuffer: async () => response.body.slice().buffer as ArrayBuffer,
    bytes: async () => response.body.slice(),
  };
}

/** Make `fetch` a global, for npm libraries that call it. */
export function installFetch(): void {
  (globalThis as { fetch?: unknown }).fetch = fetch;
}
