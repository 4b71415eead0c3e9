import { native } from "@extism-ts/engine";

const httpRequest = /* @__PURE__ */ native("http_request");
const httpStatus = /* @__PURE__ */ native("http_status");
const httpHeaders = /* @__PURE__ */ native("http_headers");

export interface HttpRequest {
  url: string;
  /** Default "GET". */
  method?: string;
  headers?: Record<string, string>;
}

/** A response from the host: any status, including 4xx and 5xx, is a response. */
export class HttpResponse {
  constructor(
    readonly status: number,
    /** The response headers, when the host shares them (allowHttpResponseHeaders); otherwise empty. */
    readonly headers: Record<string, string>,
    readonly body: Uint8Array,
  ) {}

  text(): string {
    return new TextDecoder().decode(this.body);
  }

  json<T = unknown>(): T {
    const text = this.text();
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new SyntaxError(`the response body is not JSON (${(error as Error).message}): ${text.slice(0, 80)}`, { cause: error });
    }
  }
}

function normalize(req: HttpRequest | string): HttpRequest {
  const normalized = typeof req === "string" ? { url: req } : req;
  if (typeof normalized.url !== "string" || !/^https?:\/\/[^/\s]+/i.test(normalized.url)) {
    throw new TypeError(`invalid HTTP request: '${String(normalized.url)}' is not an http(s) URL`);
  }
  return normalized;
}

/**
 * Headers as every host can send them: lone surrogates become U+FFFD (the
 * kernel refuses JSON that escapes them, and the call traps), and a NUL, CR
 * or LF, which no HTTP field may hold, is refused here, where it can be caught.
 */
function sendableHeaders(headers: Record<string, string>): Record<string, string> {
  const sendable: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const text = String(value);
    const bad = /[\0\r\n]/.exec(name) ?? /[\0\r\n]/.exec(text);
    if (bad) {
      throw new TypeError(`invalid HTTP request: header '${name.slice(0, 80)}' holds ${bad[0] === "\0" ? "NUL" : bad[0] === "\r" ? "CR" : "LF"}, which no HTTP field may`);
    }
    sendable[name.replace(/\p{Cs}/gu, "\ufffd")] = text.replace(/\p{Cs}/gu, "\ufffd");
  }
  return sendable;
}

/**
 * The host part of a URL, read without the URL class: naming URL would put its
 * implementation (and the JavaScript compiler it keeps) into every plug-in that makes requests.
 */
function hostOf(url: string): string {
  return /^[a-z][a-z\d+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1] || url;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) lowered[key.toLowerCase()] = String(value);
  return lowered;
}

/**
 * Send a request through the host, which decides which hosts are allowed.
 * Bodies are bytes both ways; a string body is sent as UTF-8.
 */
export function request(req: HttpRequest | string, body?: string | Uint8Array): HttpResponse {
  const { url, method = "GET", headers = {} } = normalize(req);
  const sendable = sendableHeaders(headers);
  const payload = typeof body === "string" ? new TextEncoder().encode(body) : body;
  let responseBody: Uint8Array;
  try {
    responseBody = httpRequest(JSON.stringify({ url, method: method.toUpperCase(), headers: sendable }), payload);
  } catch (error) {
    throw new Error(`HTTP ${method.toUpperCase()} ${url} failed: ${(error as Error).message}`, { cause: error });
  }
  const status = httpStatus();
  // No HTTP response has status 0: the host made no request, or got no answer, and says why on its side.
  if (status === 0) {
    throw new Error(`HTTP ${method.toUpperCase()} ${url} failed: the host sent no response (is ${hostOf(url)} among the hosts it allows?)`);
  }
  const rawHeaders = httpHeaders();
  return new HttpResponse(status, rawHeaders ? lowerCaseKeys(JSON.parse(rawHeaders) as Record<string, string>) : {}, responseBody);
}
