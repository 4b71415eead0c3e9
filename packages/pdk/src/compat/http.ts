import { native } from "@extism-ts/engine";
import { request } from "@extism-ts/http";
import { toBytes, type BytesLike } from "./values.js";

const utf8Decode = /* @__PURE__ */ native("utf8_decode");

/** extism-js's HttpRequest. */
export interface JsPdkHttpRequest {
  url: string;
  /** Default "GET". */
  method?: string;
  headers?: Record<string, string | number | boolean>;
}

/** extism-js's HttpResponse; `headers` is there when the host shares response headers. */
export interface JsPdkHttpResponse {
  body: string;
  status: number;
  headers?: Record<string, string>;
}

/** extism-js's Http, over @extism-ts/http: bodies are sent byte for byte, strings as UTF-8. */
export const Http = {
  request(req: JsPdkHttpRequest, body?: BytesLike): JsPdkHttpResponse {
    if (req === null || typeof req !== "object") throw new TypeError("Http.request: the first argument must be a request object, { url, method?, headers? }");
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers ?? {})) headers[key] = String(value);
    const response = request(
      { url: req.url, method: req.method ?? "GET", headers },
      body === undefined || body === null ? undefined : toBytes(body, "Http.request"),
    );
    const result: JsPdkHttpResponse = { body: utf8Decode(response.body, false), status: response.status };
    if (Object.keys(response.headers).length > 0) result.headers = response.headers;
    return result;
  },
};
