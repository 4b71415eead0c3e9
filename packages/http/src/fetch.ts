import { fetch as webFetch, Request, type RequestInit, type Response } from "@extism-ts/engine/globals/fetch";
import { Headers } from "@extism-ts/engine/globals/headers";
import type { HttpRequest } from "./request.js";

export type FetchInit = RequestInit;
/** The web's Headers (kept under this name for code written against earlier versions). */
export { Headers as FetchHeaders };
export type FetchResponse = Response;

function isHttpRequest(input: unknown): input is HttpRequest {
  return (
    typeof input === "object" &&
    input !== null &&
    !(input instanceof Request) &&
    typeof (input as HttpRequest).url === "string" &&
    typeof (input as { href?: unknown }).href !== "string"
  );
}

/**
 * The web's fetch (the engine's, over the host's HTTP): a Response with
 * Headers, ok, status, text(), json(), arrayBuffer(), body and the rest. It
 * also takes this package's `{ url, method?, headers? }`; headers in `init`
 * replace those of the same name there.
 */
export function fetch(input: string | URL | Request | HttpRequest, init: FetchInit = {}): Promise<Response> {
  if (!isHttpRequest(input)) return webFetch(input, init);
  const headers = new Headers(input.headers);
  for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
  return webFetch(input.url, { method: input.method, ...init, headers });
}

/** Make `fetch` a global for npm libraries that look it up there (a plug-in that names `fetch` has it already). */
export function installFetch(): void {
  (globalThis as { fetch?: unknown }).fetch = fetch;
}
