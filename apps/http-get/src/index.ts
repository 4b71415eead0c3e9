import { plugin } from "@extism-ts/pdk";
import { bytes, json } from "@extism-ts/convert";
import { request, type HttpRequest } from "@extism-ts/http";

/** Makes the request it is given (the host must allow its host) and returns the response body. */
export const http_get = plugin(json<HttpRequest>(), bytes, (req) => request(req).body);
