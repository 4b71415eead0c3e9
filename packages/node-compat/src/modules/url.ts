// Node's `url`: the WHATWG URL and URLSearchParams (the engine's globals), the legacy
// parse/format/resolve of the npm `url` package, and the file URL conversions, for the
// POSIX paths a plug-in's code works with.
import legacy from "url/";

const URLClass = URL;
const URLSearchParamsClass = URLSearchParams;
export { URLClass as URL, URLSearchParamsClass as URLSearchParams };

export const { parse, resolve, resolveObject, Url } = legacy;

function codedError(type: ErrorConstructor, code: string, message: string): Error {
  return Object.assign(new type(message), { code });
}

/** A file: URL (a string or a URL) as a POSIX path, percent-decoded. */
export function fileURLToPath(url: string | URL): string {
  const parsed = typeof url === "string" ? new URL(url) : url;
  if (!(parsed instanceof URL)) throw codedError(TypeError, "ERR_INVALID_ARG_TYPE", `The "path" argument must be of type string or an instance of URL. Received ${typeof url}`);
  if (parsed.protocol !== "file:") throw codedError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
  if (parsed.hostname !== "" && parsed.hostname !== "localhost") throw codedError(TypeError, "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux');
  if (/%2f/i.test(parsed.pathname)) throw codedError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
  return decodeURIComponent(parsed.pathname);
}

/** Collapse `.` and `..` and repeated slashes of an absolute POSIX path, keeping a trailing slash. */
function normalizeAbsolute(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}${path.endsWith("/") && parts.length > 0 ? "/" : ""}`;
}

/** A path (relative ones from the plug-in's working directory, "/") as a file: URL. */
export function pathToFileURL(path: string): URL {
  if (typeof path !== "string") throw codedError(TypeError, "ERR_INVALID_ARG_TYPE", `The "path" argument must be of type string. Received ${typeof path}`);
  const absolute = normalizeAbsolute(path.startsWith("/") ? path : `/${path}`);
  const url = new URL("file://");
  // The pathname setter encodes the rest; these it would take as they are.
  url.pathname = absolute.replace(/%/g, "%25").replace(/\\/g, "%5C").replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/\t/g, "%09");
  return url;
}

/** The options of http.request for a URL. */
export function urlToHttpOptions(url: URL): Record<string, unknown> {
  const options: Record<string, unknown> = {
    protocol: url.protocol,
    hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ""}${url.search || ""}`,
    href: url.href,
  };
  if (url.port !== "") options.port = Number(url.port);
  if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return options;
}

/** The ASCII (punycode) form of a domain, "" when it is not a valid one. */
export function domainToASCII(domain: string): string {
  try {
    return new URL(`ws://${domain}`).hostname;
  } catch {
    return "";
  }
}

/**
 * url.format: a legacy URL object or string as the npm package formats it;
 * a WHATWG URL with Node's options (auth, fragment, search: default true).
 */
export function format(url: unknown, options: { auth?: boolean; fragment?: boolean; search?: boolean; unicode?: boolean } = {}): string {
  if (!(url instanceof URL)) return legacy.format(url);
  const { auth = true, fragment = true, search = true } = options;
  const credentials = auth && (url.username || url.password) ? `${url.username}${url.password ? `:${url.password}` : ""}@` : "";
  const authority = url.host !== "" || url.protocol === "file:" ? `//${credentials}${url.host}` : "";
  return `${url.protocol}${authority}${url.pathname}${search ? url.search : ""}${fragment ? url.hash : ""}`;
}

export default { URL: URLClass, URLSearchParams: URLSearchParamsClass, parse, format, resolve, resolveObject, Url, fileURLToPath, pathToFileURL, urlToHttpOptions, domainToASCII };
