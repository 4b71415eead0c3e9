import { URLPattern } from "urlpattern-polyfill/urlpattern";

/** A request the plug-in made, as a route handler sees it and `plugin.requests` records it. */
export interface MockRequest {
  /** Upper case. */
  readonly method: string;
  /** As `new URL()` writes it. */
  readonly url: string;
  /** Names in lower case. */
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
  /** The named groups the matched route captured (`:id` in ".../users/:id"); empty when none matched. */
  readonly params: Record<string, string>;
  text(): string;
  json<T = unknown>(): T;
}

/** What a route answers: status 200 and an empty body unless it says otherwise. */
export interface MockResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as UTF-8. */
  body?: string | Uint8Array;
  /** Sent as the JSON body, with content-type application/json unless `headers` has one. */
  json?: unknown;
}

export type RouteHandler = (request: MockRequest) => MockResponse | Response | Promise<MockResponse | Response>;

/**
 * Routes by "METHOD URL-pattern": the method or `*` for any, and a URLPattern
 * (`*` matches anything, `:name` one path segment, captured in `params`).
 * A route is a handler or a fixed response. The first route that matches answers.
 */
export type Routes = Record<string, RouteHandler | MockResponse>;

/** The answer a host hands back to the plug-in. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** What the host received from the plug-in. */
export interface HttpAsk {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

/** A route that sends the request to the real server and answers with its response. */
export const passthrough: RouteHandler = (request) =>
  fetch(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body.length > 0 && request.method !== "GET" && request.method !== "HEAD" ? { body: request.body.slice() } : {}),
  });

interface Route {
  key: string;
  method: string;
  pattern: URLPattern;
  answer: RouteHandler | MockResponse;
}

function parseRoute(key: string, answer: RouteHandler | MockResponse): Route {
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(key);
  if (!match) throw new TypeError(`http route "${key}": write it as "METHOD URL", e.g. "GET https://api.example.com/users/*"`);
  let pattern: URLPattern;
  try {
    pattern = new URLPattern(match[2]!);
  } catch (error) {
    throw new TypeError(`http route "${key}": ${match[2]} is not a URL pattern (${(error as Error).message})`);
  }
  if (typeof answer !== "function" && (typeof answer !== "object" || answer === null)) {
    throw new TypeError(`http route "${key}": give a handler function or a response object, got ${String(answer)}`);
  }
  return { key, method: match[1]!.toUpperCase(), pattern, answer };
}

function request(ask: HttpAsk, params: Record<string, string>): MockRequest {
  const body = ask.body ?? new Uint8Array();
  return {
    method: ask.method,
    url: ask.url,
    headers: ask.headers,
    body,
    params,
    text: () => new TextDecoder().decode(body),
    json: <T>() => JSON.parse(new TextDecoder().decode(body)) as T,
  };
}

async function toAnswer(response: MockResponse | Response, route: string): Promise<HttpAnswer> {
  if (response instanceof Response) {
    return { status: response.status, headers: Object.fromEntries(response.headers), body: new Uint8Array(await response.arrayBuffer()) };
  }
  if (typeof response !== "object" || response === null) throw new TypeError(`http route "${route}" answered ${String(response)}: return a response object or a Response`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = String(value);
  let body: Uint8Array;
  if (response.json !== undefined) {
    body = new TextEncoder().encode(JSON.stringify(response.json));
    headers["content-type"] ??= "application/json";
  } else {
    body = typeof response.body === "string" ? new TextEncoder().encode(response.body) : (response.body ?? new Uint8Array());
  }
  return { status: response.status ?? 200, headers, body };
}

/** Answers a plug-in's HTTP requests from routes, and records every request. */
export class HttpMock {
  readonly requests: MockRequest[] = [];
  readonly #routes: Route[];
  readonly #allowedHosts: URLPattern[] | undefined;
  readonly #fallback: RouteHandler | undefined;

  /**
   * `allowedHosts` as the hosts read it (`*` wildcards); undefined allows every host.
   * `fallback` answers what no route matches (without it, such a request fails the call).
   */
  constructor(routes: Routes, allowedHosts?: string[], fallback?: RouteHandler) {
    this.#routes = Object.entries(routes).map(([key, answer]) => parseRoute(key, answer));
    this.#allowedHosts = allowedHosts?.map((host) => new URLPattern({ hostname: host }));
    this.#fallback = fallback;
  }

  /** Answer a request, or throw an error that names it when no route may answer it. */
  async answer(ask: HttpAsk): Promise<HttpAnswer> {
    const method = ask.method.toUpperCase();
    const url = new URL(ask.url).href;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(ask.headers)) headers[name.toLowerCase()] = String(value);
    const normalized = { ...ask, method, url, headers };
    if (this.#allowedHosts && !this.#allowedHosts.some((host) => host.test(url))) {
      this.requests.push(request(normalized, {}));
      throw new Error(`HTTP ${method} ${url} is not allowed: ${new URL(url).hostname} is not in allowedHosts; add it there`);
    }
    for (const route of this.#routes) {
      if (route.method !== "*" && route.method !== method) continue;
      const match = route.pattern.exec(url);
      if (!match) continue;
      const params: Record<string, string> = {};
      for (const part of [match.protocol, match.hostname, match.port, match.pathname, match.search, match.hash]) {
        for (const [name, value] of Object.entries(part.groups)) if (!/^\d+$/.test(name) && value !== undefined) params[name] = value;
      }
      const seen = request(normalized, params);
      this.requests.push(seen);
      const answer = typeof route.answer === "function" ? await route.answer(seen) : route.answer;
      return toAnswer(answer, route.key);
    }
    const seen = request(normalized, {});
    this.requests.push(seen);
    if (this.#fallback) return toAnswer(await this.#fallback(seen), "passthrough");
    const routes = this.#routes.map((route) => route.key).join(", ") || "none";
    throw new Error(`no mock HTTP route matches ${method} ${url} (routes: ${routes}); add one, or send it to passthrough`);
  }

  /** The same, as a `fetch` for @extism/extism, which makes the plug-in's requests through one. */
  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const body = init.body === undefined || init.body === null ? null : new Uint8Array(await new Response(init.body).arrayBuffer());
    const answer = await this.answer({
      method: init.method ?? "GET",
      url: String(input),
      headers: Object.fromEntries(new Headers(init.headers)),
      body,
    });
    // Responses to these statuses cannot carry a body.
    const bodyless = [101, 103, 204, 205, 304].includes(answer.status);
    return new Response(bodyless ? null : answer.body.slice(), { status: answer.status, headers: answer.headers });
  };
}
