import { URLPattern as URLPatternImplementation } from "urlpattern-polyfill/urlpattern";

/** URLPattern from urlpattern-polyfill (as extism-js has it); it parses with the global URL, which naming URLPattern brings (./names.ts). */
export const URLPattern = URLPatternImplementation;
