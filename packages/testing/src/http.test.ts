import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { HttpMock, passthrough, type HttpAsk } from "./http.js";

const ask = (method: string, url: string, extra: Partial<HttpAsk> = {}): HttpAsk => ({ method, url, headers: {}, body: null, ...extra });
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe("HttpMock routes", () => {
  it("answers from the first route whose method and URL pattern match, with the pattern's named groups", async () => {
    const http = new HttpMock({
      "POST https://api.example.com/users/:id": () => ({ status: 201 }),
      "GET https://api.example.com/users/:id": (request) => ({ json: { id: request.params.id } }),
      "* https://api.example.com/*": { status: 418, body: "teapot" },
    });
    const user = await http.answer(ask("get", "https://api.example.com/users/42?fields=name"));
    expect(user).toEqual({ status: 200, headers: { "content-type": "application/json" }, body: new TextEncoder().encode('{"id":"42"}') });
    expect((await http.answer(ask("POST", "https://api.example.com/users/1"))).status).toBe(201);
    const other = await http.answer(ask("DELETE", "https://api.example.com/anything/else"));
    expect([other.status, text(other.body)]).toEqual([418, "teapot"]);
  });

  it("records every request, method upper-cased, header names lower-cased, body as bytes", async () => {
    const http = new HttpMock({ "* https://api.example.com/*": (request) => ({ body: `${request.method} ${request.text()}` }) });
    const answer = await http.answer(ask("put", "https://api.example.com/doc", { headers: { "Content-Type": "text/plain" }, body: new TextEncoder().encode("hi") }));
    expect(text(answer.body)).toBe("PUT hi");
    expect(http.requests).toHaveLength(1);
    const [request] = http.requests;
    expect([request!.method, request!.url, request!.headers, request!.text()]).toEqual(["PUT", "https://api.example.com/doc", { "content-type": "text/plain" }, "hi"]);
  });

  it("refuses a request no route matches, naming its method and URL and the routes there are", async () => {
    const http = new HttpMock({ "GET https://api.example.com/users/*": { status: 200 } });
    await expect(http.answer(ask("GET", "https://api.example.com/orders/1"))).rejects.toThrow(
      "no mock HTTP route matches GET https://api.example.com/orders/1 (routes: GET https://api.example.com/users/*); add one, or send it to passthrough",
    );
    await expect(http.answer(ask("POST", "https://api.example.com/users/1"))).rejects.toThrow(/matches POST https:\/\/api\.example\.com\/users\/1 /);
    expect(http.requests.map((request) => request.url)).toEqual(["https://api.example.com/orders/1", "https://api.example.com/users/1"]);
  });

  it("applies allowedHosts before the routes, with * wildcards", async () => {
    const http = new HttpMock({ "GET *://*/*": { body: "ok" } }, ["*.example.com"]);
    const allowed = await http.answer(ask("GET", "https://api.example.com/"));
    expect(text(allowed.body)).toBe("ok");
    await expect(http.answer(ask("GET", "https://example.org/x"))).rejects.toThrow("HTTP GET https://example.org/x is not allowed: example.org is not in allowedHosts; add it there");
  });

  it("takes a web Response from a handler", async () => {
    const http = new HttpMock({ "GET https://api.example.com/": () => new Response("made", { status: 202, headers: { "X-Kind": "web" } }) });
    const answer = await http.answer(ask("GET", "https://api.example.com/"));
    expect([answer.status, answer.headers["x-kind"], text(answer.body)]).toEqual([202, "web", "made"]);
  });

  it("says which route is written wrong", () => {
    expect(() => new HttpMock({ "https://api.example.com/": { status: 200 } })).toThrow(
      'http route "https://api.example.com/": write it as "METHOD URL", e.g. "GET https://api.example.com/users/*"',
    );
    expect(() => new HttpMock({ "GET https://api.example.com/(": { status: 200 } })).toThrow(/http route "GET https:\/\/api\.example\.com\/\(": .* is not a URL pattern/);
  });

  it("serves as the fetch @extism/extism makes requests with", async () => {
    const http = new HttpMock({ "POST https://api.example.com/echo": (request) => ({ status: 200, headers: { "x-seen": request.headers["x-test"] ?? "" }, body: request.body }) });
    const response = await http.fetch("https://api.example.com/echo", { method: "POST", headers: { "X-Test": "yes" }, body: new Uint8Array([1, 2, 3]) });
    expect([response.status, response.headers.get("x-seen"), [...new Uint8Array(await response.arrayBuffer())]]).toEqual([200, "yes", [1, 2, 3]]);
    const empty = await new HttpMock({ "GET https://api.example.com/": { status: 204 } }).fetch("https://api.example.com/");
    expect(empty.status).toBe(204);
  });
});

describe("passthrough", () => {
  it("sends the request to the real server and answers with its response", async () => {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => response.writeHead(200, { "x-method": request.method }).end(`got ${Buffer.concat(chunks).toString()} at ${request.url}`));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const http = new HttpMock({ [`* ${base}/*`]: passthrough });
      const answer = await http.answer(ask("POST", `${base}/real?x=1`, { body: new TextEncoder().encode("data") }));
      expect([answer.status, answer.headers["x-method"], text(answer.body)]).toEqual([200, "POST", "got data at /real?x=1"]);
    } finally {
      server.close();
    }
  });
});
