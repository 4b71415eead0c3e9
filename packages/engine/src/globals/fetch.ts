import type { ReadableStream } from "./streams.js";
import { native } from "../natives.js";
import type { AbortSignal } from "./abort.js";
import type { Blob } from "./blob.js";
import type { FormData } from "./form-data.js";
import { isToken, Headers, headersState, immutableHeaders, type HeadersInit } from "./headers.js";
import { need, optional, type ByteStream } from "./optional.js";
import { TextDecoder, TextEncoder } from "./text.js";
import { URL } from "./url.js";

const httpRequest = /* @__PURE__ */ native("http_request");
const httpStatus = /* @__PURE__ */ native("http_status");
const httpHeaders = /* @__PURE__ */ native("http_headers");

// Streams, Blob, FormData and AbortSignal are imported only as types: a
// plug-in has them when its code names them or reads the member that needs
// them (.body, .blob, .formData, .signal), and this module reaches them
// through ./optional.ts. Without them, bodies are the host's bytes as they
// came. No regular expressions either: they would bring the engine's RegExp.

/** A URL object: the engine's, or whichever the caller's typings call URL (both stringify to their href). */
type URLLike = { readonly href: string };

// ---- Bodies (Fetch 5.1 and 5.3) ----

export type BodyInit = string | ArrayBuffer | ArrayBufferView | Blob | FormData | URLSearchParams | ReadableStream<Uint8Array> | null;

interface BodyState {
  bytes: Uint8Array | null;
  stream: ByteStream | null;
  used: boolean;
}

// The state of Headers, bodies, Requests and Responses is in private fields,
// not WeakMaps: Map and Set would bring the engine's Map/Set code (about
// 10 KB) into every plug-in naming fetch. Each class's static block gives
// this module its accessors.
let bodyState: (owner: object) => BodyState;
let setBody: (owner: Body, state: BodyState) => void;

function isStream(value: unknown): value is ByteStream {
  return typeof value === "object" && value !== null && typeof (value as ByteStream).getReader === "function";
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Fetch's "extract a body": the bytes (or stream) and the Content-Type it implies. */
function extractBody(body: BodyInit): { state: BodyState; type: string | null } {
  const state: BodyState = { bytes: null, stream: null, used: false };
  let type: string | null = null;
  const blob = optional.blobBytes?.(body);
  const form = optional.formDataBody?.(body);
  if (blob) {
    state.bytes = blob;
    type = (body as Blob).type || null;
  } else if (form) {
    state.bytes = form.bytes;
    type = form.type;
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

function bodyStream(owner: object, what: string): ByteStream | null {
  const state = bodyState(owner);
  if (!state.stream && state.bytes) state.stream = need("byteStream", what, "ReadableStream")(state.bytes);
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
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) throw new TypeError(`${method}: the body stream gave a chunk that is not a Uint8Array`);
    chunks.push(value);
    length += value.length;
  }
  reader.releaseLock();
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function contentType(headers: Headers): string {
  return headers.get("content-type") ?? "";
}

/** The body methods Request and Response share (Fetch's Body mixin). */
abstract class Body {
  #body: BodyState = { bytes: null, stream: null, used: false };
  static {
    bodyState = (owner) => {
      if (typeof owner !== "object" || owner === null || !(#body in owner)) throw new TypeError("Illegal invocation: not a Request or Response");
      return (owner as Body).#body;
    };
    setBody = (owner, state) => {
      owner.#body = state;
    };
  }
  abstract get headers(): Headers;
  get body(): ReadableStream<Uint8Array> | null {
    return bodyStream(this, "body") as ReadableStream<Uint8Array> | null;
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
    const newBlob = need("newBlob", "blob()", "Blob");
    return newBlob(await consume(this, "blob"), contentType(this.headers)) as Blob;
  }
  async text(): Promise<string> {
    return new TextDecoder().decode(await consume(this, "text"));
  }
  async json(): Promise<any> {
    return JSON.parse(await this.text());
  }
  async formData(): Promise<FormData> {
    const parse = need("parseFormData", "formData()", "FormData");
    return parse(await consume(this, "formData"), contentType(this.headers)) as FormData;
  }
}

/** The body of a clone: bytes are shared (never changed), a stream is teed. */
function cloneBody(owner: object, method: string): BodyState {
  const state = bodyState(owner);
  if (state.used || state.stream?.locked) throw new TypeError(`${method}: the body has already been read`);
  if (!state.stream) return { ...state };
  const [first, second] = state.stream.tee();
  state.stream = first;
  return { bytes: null, stream: second, used: false };
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

let responseState: (response: Response) => ResponseState;
let setResponse: (response: Response, state: ResponseState) => void;

/** HTTP's reason-phrase: tab, space, visible ASCII and obs-text. */
function isReasonPhrase(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 9 && (code < 0x20 || code === 0x7f || code > 0xff)) return false;
  }
  return true;
}

/** Fetch's Response. */
export class Response extends Body {
  #state: ResponseState | undefined;
  static {
    responseState = (response) => {
      const state = typeof response === "object" && response !== null && #state in response ? response.#state : undefined;
      if (!state) throw new TypeError("Illegal invocation: not a Response");
      return state;
    };
    setResponse = (response, state) => {
      response.#state = state;
    };
  }
  constructor(body: BodyInit | undefined = null, init: ResponseInit = {}) {
    super();
    const status = init?.status === undefined ? 200 : Number(init.status);
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new RangeError(`Response: the status must be an integer from 200 to 599, not ${String(init?.status)}`);
    const statusText = init?.statusText === undefined ? "" : String(init.statusText);
    if (!isReasonPhrase(statusText)) throw new TypeError(`Response: '${statusText}' is not a valid status text`);
    const headers = new Headers(init?.headers);
    this.#state = { type: "default", status, statusText, headers, url: "", redirected: false };
    if (body === null || body === undefined) return;
    if (NULL_BODY_STATUSES.includes(status)) throw new TypeError(`Response: a response with status ${status} cannot have a body`);
    const { state, type } = extractBody(body);
    setBody(this, state);
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
    const body = cloneBody(this, "Response.clone");
    const copy = new Response(null);
    const headers = new Headers(state.headers);
    headersState(headers).guard = headersState(state.headers).guard;
    setResponse(copy, { ...state, headers });
    setBody(copy, body);
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
  static redirect(url: string | URLLike, status = 302): Response {
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
  setBody(response, { bytes: NULL_BODY_STATUSES.includes(status) ? null : body, stream: null, used: false });
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
  /** Made on first read of `signal` (AbortSignal.any of `follows`), which needs AbortSignal. */
  signal: AbortSignal | undefined;
  /** The signals this request's signal follows: init's, or the input request's. */
  follows: AbortSignal[];
  redirect: "follow" | "error" | "manual";
  mode: string;
  credentials: string;
  cache: string;
  referrer: string;
  referrerPolicy: string;
  integrity: string;
  keepalive: boolean;
}

let requestState: (request: Request) => RequestState;
/** The state Request.clone() hands the constructor, which then takes it as it is. */
let cloned: RequestState | undefined;

/** The signals a request derived from this one follows. */
function signalsOf(state: RequestState): AbortSignal[] {
  return state.signal ? [state.signal] : state.follows;
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
  #state: RequestState | undefined;
  static {
    requestState = (request) => {
      const state = typeof request === "object" && request !== null && #state in request ? request.#state : undefined;
      if (!state) throw new TypeError("Illegal invocation: not a Request");
      return state;
    };
  }
  constructor(input: string | URLLike | Request, init: RequestInit = {}) {
    super();
    if (cloned) {
      this.#state = cloned;
      cloned = undefined;
      return;
    }
    const source = input instanceof Request ? requestState(input) : undefined;
    const url = source ? source.url : parseUrl(String(input));
    let method = source?.method ?? "GET";
    if (init?.method !== undefined) {
      method = String(init.method);
      if (!isToken(method)) throw new TypeError(`Request: '${method}' is not a valid method`);
      if (FORBIDDEN_METHODS.includes(method.toUpperCase())) throw new TypeError(`Request: the method '${method}' is forbidden`);
      if (NORMALIZED_METHODS.includes(method.toUpperCase())) method = method.toUpperCase();
    }
    const given = init?.signal;
    const follows = given !== undefined && given !== null ? [given] : source ? signalsOf(source) : [];
    const headers = new Headers(init?.headers ?? source?.headers);
    const redirect = init?.redirect ?? source?.redirect ?? "follow";
    if (!["follow", "error", "manual"].includes(redirect)) throw new TypeError(`Request: redirect must be 'follow', 'error' or 'manual', not '${String(redirect)}'`);
    this.#state = {
      method,
      url,
      headers,
      signal: undefined,
      follows,
      redirect,
      mode: init?.mode ?? source?.mode ?? "cors",
      credentials: init?.credentials ?? source?.credentials ?? "same-origin",
      cache: init?.cache ?? source?.cache ?? "default",
      referrer: init?.referrer ?? source?.referrer ?? "about:client",
      referrerPolicy: init?.referrerPolicy ?? source?.referrerPolicy ?? "",
      integrity: init?.integrity ?? source?.integrity ?? "",
      keepalive: Boolean(init?.keepalive ?? source?.keepalive),
    };
    const inputBody = input instanceof Request ? bodyState(input) : undefined;
    const hasInputBody = inputBody !== undefined && (inputBody.bytes !== null || inputBody.stream !== null);
    const body = init?.body !== undefined ? init.body : null;
    if ((body !== null || hasInputBody) && (method === "GET" || method === "HEAD")) {
      throw new TypeError(`Request: a ${method} request cannot have a body`);
    }
    if (body === null) {
      if (!hasInputBody) return;
      if (inputBody.used || inputBody.stream?.locked) throw new TypeError("Request: the input request's body has already been read");
      setBody(this, { ...inputBody });
      inputBody.used = true;
      return;
    }
    const { state, type } = extractBody(body);
    if (state.stream && init?.duplex !== "half") throw new TypeError("Request: a stream body needs duplex: 'half'");
    setBody(this, state);
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
    const state = requestState(this);
    state.signal ??= need("anySignal", "Request.signal", "AbortSignal")(state.follows) as AbortSignal;
    return state.signal;
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
    const body = cloneBody(this, "Request.clone");
    cloned = { ...state, headers: new Headers(state.headers), signal: undefined, follows: signalsOf(state) };
    const copy = new Request(state.url);
    setBody(copy, body);
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
export async function fetch(input: string | URLLike | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  for (const signal of signalsOf(requestState(request))) signal.throwIfAborted();
  if (!request.url.startsWith("http:") && !request.url.startsWith("https:")) throw new TypeError(`fetch: only http: and https: URLs can be fetched, not ${request.url}`);
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
