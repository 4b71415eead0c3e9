import { ReadableStream } from "web-streams-polyfill";
import { native } from "../natives.js";
import { AbortSignal } from "./abort.js";
import { Blob, blobBytes, File } from "./blob.js";
import { FormData, formDataEntries } from "./form-data.js";
import { isToken, Headers, headersState, immutableHeaders, type HeadersInit } from "./headers.js";
import { TextDecoder, TextEncoder } from "./text.js";
import { URL } from "./url.js";

const httpRequest = /* @__PURE__ */ native("http_request");
const httpStatus = /* @__PURE__ */ native("http_status");
const httpHeaders = /* @__PURE__ */ native("http_headers");

// ---- Bodies (Fetch 5.1 and 5.3) ----

type ReadableStreamLike = { getReader(): { read(): Promise<{ done: boolean; value?: unknown }>; releaseLock(): void }; locked?: boolean };
export type BodyInit = string | ArrayBuffer | ArrayBufferView | Blob | FormData | URLSearchParams | ReadableStreamLike | null;

interface BodyState {
  bytes: Uint8Array | null;
  stream: ReadableStreamLike | null;
  used: boolean;
}

const bodies = new WeakMap<object, BodyState>();
let boundaryCount = 0;

function isStream(value: unknown): value is ReadableStreamLike {
  return typeof value === "object" && value !== null && typeof (value as ReadableStreamLike).getReader === "function";
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** multipart/form-data (RFC 7578), with names escaped as HTML's form submission does. */
function multipart(form: FormData, boundary: string): Uint8Array {
  const escape = (text: string): string => text.replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/"/g, "%22");
  const chunks: Uint8Array[] = [];
  for (const [name, value] of formDataEntries(form)) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escape(name.replace(/\r\n?|\n/g, "\r\n"))}"`;
    if (typeof value === "string") {
      chunks.push(utf8(`${head}\r\n\r\n${value.replace(/\r\n?|\n/g, "\r\n")}\r\n`));
    } else {
      head += `; filename="${escape(value.name)}"\r\nContent-Type: ${value.type || "application/octet-stream"}\r\n\r\n`;
      chunks.push(utf8(head), blobBytes(value), utf8("\r\n"));
    }
  }
  chunks.push(utf8(`--${boundary}--\r\n`));
  return concat(chunks);
}

/** Fetch's "extract a body": the bytes (or stream) and the Content-Type it implies. */
function extractBody(body: BodyInit): { state: BodyState; type: string | null } {
  const state: BodyState = { bytes: null, stream: null, used: false };
  let type: string | null = null;
  if (body instanceof Blob) {
    state.bytes = blobBytes(body);
    type = body.type || null;
  } else if (body instanceof FormData) {
    const boundary = `----extism-ts-form-data-${String(++boundaryCount).padStart(10, "0")}`;
    state.bytes = multipart(body, boundary);
    type = `multipart/form-data; boundary=${boundary}`;
  } else if (body instanceof ArrayBuffer) {
    state.bytes = new Uint8Array(body.slice(0));
  } else if (ArrayBuffer.isView(body)) {
    state.bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice();
  } else if (Object.prototype.toString.call(body) === "[object URLSearchParams]") {
    state.bytes = utf8(String(body));
    type = "application/x-www-form-urlencoded;charset=UTF-8";
  } else if (isStream(body)) {
    if (body.locked) throw new TypeError("the body stream is locked (a reader holds it)");
    state.stream = body;
  } else {
    state.bytes = utf8(String(body));
    type = "text/plain;charset=UTF-8";
  }
  return { state, type };
}

function bodyState(owner: object): BodyState {
  const state = bodies.get(owner);
  if (!state) throw new TypeError("Illegal invocation: not a Request or Response");
  return state;
}

function bodyStream(owner: object): ReadableStreamLike | null {
  const state = bodyState(owner);
  if (!state.stream && state.bytes) {
    const bytes = state.bytes;
    state.stream = new ReadableStream<Uint8Array>({
      type: "bytes",
      start(controller) {
        if (bytes.length > 0) controller.enqueue(bytes.slice());
        controller.close();
      },
    }) as unknown as ReadableStreamLike;
  }
  return state.stream;
}

/** Read the whole body once; a second read is a TypeError, as in Fetch. */
async function consume(owner: object, method: string): Promise<Uint8Array> {
  const state = bodyState(owner);
  if (state.used || state.stream?.locked) throw new TypeError(`${method}: the body has already been read`);
  state.used = true;
  if (!state.stream) return state.bytes ?? new Uint8Array(0);
  const reader = state.stream.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) throw new TypeError(`${method}: the body stream gave a chunk that is not a Uint8Array`);
    chunks.push(value);
  }
  reader.releaseLock();
  return concat(chunks);
}

function contentType(headers: Headers): string {
  return headers.get("content-type") ?? "";
}

/** application/x-www-form-urlencoded parsing (URL 5.1). */
function parseUrlencoded(text: string, form: FormData): void {
  const decode = (part: string): string => {
    const bytes: number[] = [];
    const raw = utf8(part.replace(/\+/g, " "));
    for (let i = 0; i < raw.length; i++) {
      const hex = raw[i] === 0x25 && i + 2 < raw.length ? String.fromCharCode(raw[i + 1]!, raw[i + 2]!) : "";
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else bytes.push(raw[i]!);
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  };
  for (const sequence of text.split("&")) {
    if (sequence === "") continue;
    const equals = sequence.indexOf("=");
    form.append(decode(equals < 0 ? sequence : sequence.slice(0, equals)), decode(equals < 0 ? "" : sequence.slice(equals + 1)));
  }
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** multipart/form-data parsing (RFC 7578): each part's name, filename and Content-Type. */
function parseMultipart(bytes: Uint8Array, boundary: string, form: FormData): void {
  const delimiter = utf8(`--${boundary}`);
  const fail = (): never => {
    throw new TypeError("formData: the multipart/form-data body is malformed");
  };
  let position = indexOfBytes(bytes, delimiter, 0);
  if (position < 0) fail();
  for (;;) {
    position += delimiter.length;
    if (bytes[position] === 0x2d && bytes[position + 1] === 0x2d) return;
    if (bytes[position] !== 0x0d || bytes[position + 1] !== 0x0a) fail();
    position += 2;
    const headerEnd = indexOfBytes(bytes, utf8("\r\n\r\n"), position);
    if (headerEnd < 0) fail();
    const head = new TextDecoder().decode(bytes.subarray(position, headerEnd));
    const next = indexOfBytes(bytes, utf8(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) fail();
    const content = bytes.subarray(headerEnd + 4, next);
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(head)?.[1] ?? fail();
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? fail();
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
    const unescape = (text: string): string => text.replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%22/g, '"');
    if (filename === undefined) form.append(unescape(name), new TextDecoder().decode(content));
    else {
      const type = /^content-type:\s*(.*)$/im.exec(head)?.[1]?.trim() ?? "";
      form.append(unescape(name), new File([content.slice()], unescape(filename), { type }));
    }
    position = next + 2;
  }
}

/** The body methods Request and Response share (Fetch's Body mixin). */
abstract class Body {
  abstract get headers(): Headers;
  get body(): ReadableStream<Uint8Array> | null {
    return bodyStream(this) as ReadableStream<Uint8Array> | null;
  }
  get bodyUsed(): boolean {
    const state = bodyState(this);
    return state.used || Boolean(state.stream?.locked);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await consume(this, "arrayBuffer");
    return bytes.buffer.byteLength === bytes.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
  }
  async bytes(): Promise<Uint8Array> {
    return (await consume(this, "bytes")).slice();
  }
  async blob(): Promise<Blob> {
    return new Blob([await consume(this, "blob")], { type: contentType(this.headers) });
  }
  async text(): Promise<string> {
    return new TextDecoder().decode(await consume(this, "text"));
  }
  async json(): Promise<any> {
    return JSON.parse(await this.text());
  }
  async formData(): Promise<FormData> {
    const type = contentType(this.headers);
    const bytes = await consume(this, "formData");
    const form = new FormData();
    const boundary = /^multipart\/form-data\s*;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    if (boundary) parseMultipart(bytes, (boundary[1] ?? boundary[2])!, form);
    else if (/^application\/x-www-form-urlencoded\b/i.test(type)) parseUrlencoded(new TextDecoder().decode(bytes), form);
    else throw new TypeError(`formData: the Content-Type '${type}' is neither multipart/form-data nor application/x-www-form-urlencoded`);
    return form;
  }
}

/** The body of a clone: bytes are shared (never changed), a stream is teed. */
function cloneBody(owner: object, method: string): BodyState {
  const state = bodyState(owner);
  if (state.used || state.stream?.locked) throw new TypeError(`${method}: the body has already been read`);
  if (!state.stream) return { ...state };
  const [first, second] = (state.stream as unknown as ReadableStream<Uint8Array>).tee();
  state.stream = first as unknown as ReadableStreamLike;
  return { bytes: null, stream: second as unknown as ReadableStreamLike, used: false };
}

// ---- Response (Fetch 5.5) ----

const NULL_BODY_STATUSES = [101, 103, 204, 205, 304];
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
export interface ResponseInit {
  status?: number;
  statusText?: string;
  headers?: HeadersInit;
}

interface ResponseState {
  type: "basic" | "cors" | "default" | "error" | "opaque" | "opaqueredirect";
  status: number;
  statusText: string;
  headers: Headers;
  url: string;
  redirected: boolean;
}

const responses = new WeakMap<Response, ResponseState>();

function responseState(response: Response): ResponseState {
  const state = responses.get(response);
  if (!state) throw new TypeError("Illegal invocation: not a Response");
  return state;
}

/** Fetch's Response. */
export class Response extends Body {
  constructor(body: BodyInit | undefined = null, init: ResponseInit = {}) {
    super();
    const status = init?.status === undefined ? 200 : Number(init.status);
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new RangeError(`Response: the status must be an integer from 200 to 599, not ${String(init?.status)}`);
    const statusText = init?.statusText === undefined ? "" : String(init.statusText);
    if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(statusText)) throw new TypeError(`Response: '${statusText}' is not a valid status text`);
    const headers = new Headers(init?.headers);
    responses.set(this, { type: "default", status, statusText, headers, url: "", redirected: false });
    if (body === null || body === undefined) {
      bodies.set(this, { bytes: null, stream: null, used: false });
      return;
    }
    if (NULL_BODY_STATUSES.includes(status)) throw new TypeError(`Response: a response with status ${status} cannot have a body`);
    const { state, type } = extractBody(body);
    bodies.set(this, state);
    if (type !== null && !headers.has("content-type")) headers.append("content-type", type);
  }
  get type(): ResponseState["type"] {
    return responseState(this).type;
  }
  get url(): string {
    return responseState(this).url;
  }
  get redirected(): boolean {
    return responseState(this).redirected;
  }
  get status(): number {
    return responseState(this).status;
  }
  get ok(): boolean {
    const status = responseState(this).status;
    return status >= 200 && status <= 299;
  }
  get statusText(): string {
    return responseState(this).statusText;
  }
  get headers(): Headers {
    return responseState(this).headers;
  }
  clone(): Response {
    const state = responseState(this);
    const copy = Object.create(Response.prototype) as Response;
    const headers = new Headers(state.headers);
    headersState(headers).guard = headersState(state.headers).guard;
    responses.set(copy, { ...state, headers });
    bodies.set(copy, cloneBody(this, "Response.clone"));
    return copy;
  }
  static error(): Response {
    const response = new Response(null, { status: 200 });
    Object.assign(responseState(response), { type: "error", status: 0, headers: immutableHeaders() });
    return response;
  }
  static json(data: unknown, init: ResponseInit = {}): Response {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError("Response.json: the data cannot be serialized to JSON");
    const response = new Response(text, init);
    response.headers.set("content-type", "application/json");
    return response;
  }
  static redirect(url: string | URL, status = 302): Response {
    const location = new URL(String(url)).href;
    if (!REDIRECT_STATUSES.includes(status)) throw new RangeError(`Response.redirect: ${status} is not a redirect status (301, 302, 303, 307, 308)`);
    const response = new Response(null, { status, headers: { location } });
    headersState(response.headers).guard = "immutable";
    return response;
  }
  get [Symbol.toStringTag](): string {
    return "Response";
  }
}

/** The Response of a fetch: any status the host answered with, immutable headers. */
function fetchResponse(status: number, headers: Record<string, string>, body: Uint8Array, url: string): Response {
  const response = new Response(null);
  Object.assign(responseState(response), { type: "basic", status, url, headers: immutableHeaders(headers) });
  bodies.set(response, { bytes: NULL_BODY_STATUSES.includes(status) ? null : body, stream: null, used: false });
  return response;
}

// ---- Request (Fetch 5.4) ----

const FORBIDDEN_METHODS = ["CONNECT", "TRACE", "TRACK"];
// Fetch normalizes only these: "patch" stays as written.
const NORMALIZED_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];

export interface RequestInit {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit;
  signal?: AbortSignal | null;
  redirect?: "follow" | "error" | "manual";
  mode?: string;
  credentials?: string;
  cache?: string;
  referrer?: string;
  referrerPolicy?: string;
  integrity?: string;
  keepalive?: boolean;
  duplex?: "half";
}

interface RequestState {
  method: string;
  url: string;
  headers: Headers;
  signal: AbortSignal;
  redirect: "follow" | "error" | "manual";
  mode: string;
  credentials: string;
  cache: string;
  referrer: string;
  referrerPolicy: string;
  integrity: string;
  keepalive: boolean;
}

const requests = new WeakMap<Request, RequestState>();

function requestState(request: Request): RequestState {
  const state = requests.get(request);
  if (!state) throw new TypeError("Illegal invocation: not a Request");
  return state;
}

function parseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new TypeError(`Request: '${input}' is not an absolute URL (a plug-in has no base URL to resolve it against)`);
  }
  if (url.username || url.password) throw new TypeError(`Request: '${input}' has credentials in it; send them in a header`);
  return url.href;
}

/** Fetch's Request. */
export class Request extends Body {
  constructor(input: string | URL | Request, init: RequestInit = {}) {
    super();
    const source = input instanceof Request ? requestState(input) : undefined;
    const url = source ? source.url : parseUrl(String(input));
    let method = source?.method ?? "GET";
    if (init?.method !== undefined) {
      method = String(init.method);
      if (!isToken(method)) throw new TypeError(`Request: '${method}' is not a valid method`);
      if (FORBIDDEN_METHODS.includes(method.toUpperCase())) throw new TypeError(`Request: the method '${method}' is forbidden`);
      if (NORMALIZED_METHODS.includes(method.toUpperCase())) method = method.toUpperCase();
    }
    const signals = [init?.signal ?? source?.signal].filter((signal): signal is AbortSignal => signal !== undefined && signal !== null);
    const headers = new Headers(init?.headers ?? source?.headers);
    const redirect = init?.redirect ?? source?.redirect ?? "follow";
    if (!["follow", "error", "manual"].includes(redirect)) throw new TypeError(`Request: redirect must be 'follow', 'error' or 'manual', not '${String(redirect)}'`);
    requests.set(this, {
      method,
      url,
      headers,
      signal: AbortSignal.any(signals),
      redirect,
      mode: init?.mode ?? source?.mode ?? "cors",
      credentials: init?.credentials ?? source?.credentials ?? "same-origin",
      cache: init?.cache ?? source?.cache ?? "default",
      referrer: init?.referrer ?? source?.referrer ?? "about:client",
      referrerPolicy: init?.referrerPolicy ?? source?.referrerPolicy ?? "",
      integrity: init?.integrity ?? source?.integrity ?? "",
      keepalive: Boolean(init?.keepalive ?? source?.keepalive),
    });
    const inputBody = input instanceof Request ? bodyState(input) : undefined;
    const hasInputBody = inputBody !== undefined && (inputBody.bytes !== null || inputBody.stream !== null);
    const body = init?.body !== undefined ? init.body : null;
    if ((body !== null || hasInputBody) && (method === "GET" || method === "HEAD")) {
      throw new TypeError(`Request: a ${method} request cannot have a body`);
    }
    if (body === null) {
      if (!hasInputBody) {
        bodies.set(this, { bytes: null, stream: null, used: false });
        return;
      }
      if (inputBody.used || inputBody.stream?.locked) throw new TypeError("Request: the input request's body has already been read");
      bodies.set(this, { ...inputBody });
      inputBody.used = true;
      return;
    }
    const { state, type } = extractBody(body);
    if (state.stream && init?.duplex !== "half") throw new TypeError("Request: a stream body needs duplex: 'half'");
    bodies.set(this, state);
    if (type !== null && !headers.has("content-type")) headers.append("content-type", type);
  }
  get method(): string {
    return requestState(this).method;
  }
  get url(): string {
    return requestState(this).url;
  }
  get headers(): Headers {
    return requestState(this).headers;
  }
  get signal(): AbortSignal {
    return requestState(this).signal;
  }
  get redirect(): string {
    return requestState(this).redirect;
  }
  get mode(): string {
    return requestState(this).mode;
  }
  get credentials(): string {
    return requestState(this).credentials;
  }
  get cache(): string {
    return requestState(this).cache;
  }
  get referrer(): string {
    return requestState(this).referrer;
  }
  get referrerPolicy(): string {
    return requestState(this).referrerPolicy;
  }
  get integrity(): string {
    return requestState(this).integrity;
  }
  get keepalive(): boolean {
    return requestState(this).keepalive;
  }
  get destination(): string {
    return "";
  }
  get duplex(): "half" {
    return "half";
  }
  clone(): Request {
    const state = requestState(this);
    const copy = Object.create(Request.prototype) as Request;
    requests.set(copy, { ...state, headers: new Headers(state.headers), signal: AbortSignal.any([state.signal]) });
    bodies.set(copy, cloneBody(this, "Request.clone"));
    return copy;
  }
  get [Symbol.toStringTag](): string {
    return "Request";
  }
}

/**
 * fetch over the host's HTTP (Extism's http_request): the host sends the
 * request, follows redirects and decides which hosts are allowed. The host
 * call is synchronous, so the promise has settled when fetch returns.
 */
export async function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  request.signal.throwIfAborted();
  if (!/^https?:/.test(request.url)) throw new TypeError(`fetch: only http: and https: URLs can be fetched, not ${request.url}`);
  const body = bodyState(request).bytes === null && bodyState(request).stream === null ? undefined : await consume(request, "fetch");
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  let responseBody: Uint8Array;
  try {
    responseBody = httpRequest(JSON.stringify({ url: request.url, method: request.method, headers }), body);
  } catch (error) {
    throw Object.assign(new TypeError(`fetch failed: ${request.method} ${request.url}: ${(error as Error).message}`), { cause: error });
  }
  const rawHeaders = httpHeaders();
  const response = fetchResponse(httpStatus(), rawHeaders ? (JSON.parse(rawHeaders) as Record<string, string>) : {}, responseBody, request.url);
  if (request.redirect === "error" && REDIRECT_STATUSES.includes(response.status)) throw new TypeError(`fetch failed: ${request.url} redirected and redirect is 'error'`);
  return response;
}
