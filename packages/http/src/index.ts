export { request, HttpResponse, type HttpRequest } from "./request.js";
export { fetch, installFetch, FetchHeaders, type FetchInit, type FetchResponse } from "./fetch.js";
