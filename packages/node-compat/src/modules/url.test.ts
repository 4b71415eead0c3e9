import { describe, expect, it } from "vitest";
import { fileURLToPath, format, pathToFileURL, urlToHttpOptions } from "./url.js";

/** Node's own url module, which this package's types (no Node types) do not declare. */
interface NodeUrl {
  pathToFileURL(path: string): URL;
  fileURLToPath(url: string): string;
  format(url: URL, options?: object): string;
  urlToHttpOptions(url: URL): object;
}
const node = (await import(["node", "url"].join(":"))) as NodeUrl;

describe("file URLs", () => {
  const paths = ["/", "/tmp/a b/c#d?.txt", "/srv/100%/x", "/a/./b/../c", "/dir/", "/x\\y", "/tab\there", "/new\nline", "/ünï/cødé", "//double//slash", "/end/.."];

  it("turn absolute POSIX paths into Node's file: URLs", () => {
    for (const path of paths) expect([path, pathToFileURL(path).href]).toEqual([path, node.pathToFileURL(path).href]);
  });

  it("turn file: URLs back into Node's paths, and refuse what Node refuses with its codes", () => {
    for (const path of paths) {
      const href = node.pathToFileURL(path).href;
      expect([href, fileURLToPath(href)]).toEqual([href, node.fileURLToPath(href)]);
    }
    for (const bad of ["https://example.com/x", "file://host/x", "file:///a%2Fb"]) {
      let theirs: unknown;
      try {
        node.fileURLToPath(bad);
      } catch (error) {
        theirs = (error as { code: string }).code;
      }
      expect(() => fileURLToPath(bad)).toThrow(expect.objectContaining({ code: theirs }));
    }
  });
});

describe("format and urlToHttpOptions", () => {
  it("format a URL with Node's options", () => {
    const url = new URL("https://user:pw@example.com:8443/p/a?q=1#top");
    for (const options of [{}, { auth: false }, { fragment: false, search: false }]) expect(format(url, options)).toBe(node.format(url, options));
    expect(format(new URL("file:///etc/hosts"))).toBe(node.format(new URL("file:///etc/hosts")));
  });

  it("give http.request's options for a URL as Node does", () => {
    for (const href of ["http://a:b@[::1]:81/p?q", "https://example.com/", "http://x.test:8080/a/b?c=d#e"]) {
      expect({ ...urlToHttpOptions(new URL(href)) }).toEqual({ ...node.urlToHttpOptions(new URL(href)) });
    }
  });
});
