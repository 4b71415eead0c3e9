import URLImplementation from "core-js-pure/stable/url/index.js";
import URLSearchParamsImplementation from "core-js-pure/stable/url-search-params/index.js";
import { URLPattern as URLPatternImplementation } from "urlpattern-polyfill/urlpattern";

/** WHATWG URL from core-js (as extism-js has it); IDNA is core-js's subset of UTS #46 (see docs/web-apis.md). */
export const URL: typeof globalThis.URL = URLImplementation;
/** WHATWG URLSearchParams from core-js. */
export const URLSearchParams: typeof globalThis.URLSearchParams = URLSearchParamsImplementation;
/** URLPattern from urlpattern-polyfill (as extism-js has it). */
export const URLPattern = URLPatternImplementation;
