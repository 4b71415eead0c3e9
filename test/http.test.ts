import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentHosts, jsSdk2, text, type CallResult } from "./support/hosts.js";
import { buildFixture } from "./support/cli.js";
import { appWasm } from "./support/paths.js";
import { startHttpServer, type TestServer } from "./support/http.js";

let server: TestServer;
let base = "";

beforeAll(async () => {
  server = await startHttpServer();
  base = server.base;
});

afterAll(() => server.stop());

const source = `import { plugin, config } from "@extism-ts/pdk";
import { bytes, json, string } from "@extism-ts/convert";
import { request, fetch } from "@extism-ts/http";

const base = () => config.get("base")!;

export const post_echo = plugin(bytes, bytes, (body) => {
  const response = request({ url: base() + "/echo", method: "POST", headers: { "x-test": "yes" } }, body);
  if (response.status !== 200) throw new Error("status " + response.status);
  return response.body;
});

export const get_headers = plugin(null, json<unknown>(), () =>
  request({ url: base() + "/headers", headers: { "x-test": "sent" } }).json());

export const response_headers = plugin(null, json<Record<string, string>>(), () =>
  request({ url: base() + "/echo", method: "PUT" }, "x").headers);

export const status = plugin(string, json<{ status: number; ok: boolean }>(), async (code) => {
  const response = await fetch(base() + "/status/" + code);
  return { status: response.status, ok: response.ok };
});

export const fetch_text = plugin(string, string, async (body) => {
  const response = await fetch(base() + "/echo", { method: "POST", body, headers: [["x-test", "fetch"]] });
  return (await response.text()) + "|" + response.headers.get("X-Echo-Method");
});

// The web's fetch as a global, with a Request and a body of the web's types.
export const global_fetch = plugin(null, json<unknown>(), async () => {
  const sent = new Request(base() + "/echo", { method: "POST", body: new URLSearchParams({ a: "1 2" }), headers: { "X-Test": "global" } });
  const response = await globalThis.fetch(sent);
  const copy = response.clone();
  const viaPackage = await fetch({ url: base() + "/headers", headers: { "x-test": "record" } }, { headers: { "x-more": "init" } });
  return {
    status: response.status,
    url: response.url === sent.url,
    body: await response.text(),
    copy: await copy.text(),
    used: [response.bodyUsed, sent.bodyUsed],
    echoed: [response.headers.get("x-echo-method"), response.headers.get("X-Echo-Test")],
    sameClasses: response instanceof Response && viaPackage instanceof Response && response.headers instanceof Headers,
    packageHeaders: await viaPackage.json(),
    immutable: (() => {
      try {
        response.headers.set("a", "b");
        return "changed";
      } catch (error) {
        return (error as Error).name;
      }
    })(),
  };
});

export const forbidden = plugin(null, string, () => request("http://forbidden.invalid/").text());

export const invalid = plugin(null, string, () => {
  try {
    request("not a url");
    return "no error";
  } catch (error) {
    return String(error);
  }
});
`;

describe("HTTP", () => {
  let wasm = "";
  beforeAll(() => {
    const built = buildFixture("http", source);
    expect(built.stderr).toBe("");
    wasm = built.wasm;
  });

  const options = () => ({ config: { base }, allowedHosts: ["127.0.0.1"] });

  for (const host of currentHosts) {
    it(`POSTs a 1 MiB binary body and gets it back byte-identical (${host.name})`, async () => {
      const body = new Uint8Array(randomBytes(1024 * 1024));
      const [result] = await host.run(wasm, [{ function: "post_echo", input: body }], options());
      expect(result?.ok && Buffer.compare(result.output, body)).toBe(0);
    });

    it(`sends request headers (${host.name})`, async () => {
      const [result] = await host.run(wasm, [{ function: "get_headers" }], options());
      expect(JSON.parse(text(result))).toMatchObject({ "x-test": "sent" });
    });

    it(`returns a 404 as a response, not an error (${host.name})`, async () => {
      const [notFound, ok] = await host.run(wasm, [{ function: "status", input: "404" }, { function: "status", input: "204" }], options());
      expect(JSON.parse(text(notFound))).toEqual({ status: 404, ok: false });
      expect(JSON.parse(text(ok))).toEqual({ status: 204, ok: true });
    });

    it(`fails the call when the host is not allowed (${host.name})`, async () => {
      // The JS SDK's worker stops answering after a host function fails, so the
      // follow-up call that shows the instance still works runs on the reference runtime only.
      const calls = host === jsSdk2 ? [{ function: "forbidden" }] : [{ function: "forbidden" }, { function: "get_headers" }];
      const [result, after] = await host.run(wasm, calls, options());
      expect(result).toMatchObject({ ok: false });
      // The reference runtime reports only the trap (a wasm backtrace); the JS SDK names the URL.
      if (host === jsSdk2) expect((result as Extract<CallResult, { ok: false }>).error).toContain("forbidden.invalid");
      else expect(JSON.parse(text(after))).toMatchObject({ "x-test": "sent" });
    });

    it(`fetches with the global fetch, Request and Response (${host.name})`, async () => {
      const [result] = await host.run(wasm, [{ function: "global_fetch" }], { ...options(), httpResponseHeaders: true });
      const answer = JSON.parse(text(result));
      expect(answer).toMatchObject({
        status: 200,
        url: true,
        body: "a=1+2",
        copy: "a=1+2",
        used: [true, true],
        sameClasses: true,
        packageHeaders: { "x-test": "record", "x-more": "init" },
        immutable: "TypeError",
      });
      // The Python SDK does not pass response headers to plug-ins.
      if (host === jsSdk2) expect(answer.echoed).toEqual(["POST", "global"]);
    });

    it(`runs the seed's http_get example (${host.name})`, async () => {
      const [result] = await host.run(appWasm("http-get"), [{ function: "http_get", input: JSON.stringify({ url: `${base}/status/200` }) }], options());
      expect(result).toMatchObject({ ok: true });
      const [echoed] = await host.run(appWasm("http-get"), [{ function: "http_get", input: JSON.stringify({ url: `${base}/headers`, headers: { "x-test": "seed" } }) }], options());
      expect(JSON.parse(text(echoed))).toMatchObject({ "x-test": "seed" });
    });
  }

  it("supports fetch with string bodies and header lists", async () => {
    const [result] = await jsSdk2.run(wasm, [{ function: "fetch_text", input: "hello" }], { ...options(), httpResponseHeaders: true });
    expect(text(result)).toBe("hello|POST");
  });

  it("shows response headers when the host enables them, and none otherwise", async () => {
    const [shown] = await jsSdk2.run(wasm, [{ function: "response_headers" }], { ...options(), httpResponseHeaders: true });
    expect(JSON.parse(text(shown))).toMatchObject({ "x-echo-method": "PUT" });
    const [hidden] = await jsSdk2.run(wasm, [{ function: "response_headers" }], options());
    expect(JSON.parse(text(hidden))).toEqual({});
  });

  it("refuses an invalid URL with a catchable error", async () => {
    const [result] = await jsSdk2.run(wasm, [{ function: "invalid" }], options());
    expect(text(result)).toBe("TypeError: invalid HTTP request: 'not a url' is not an http(s) URL");
  });
});

/** The engine's modules a plug-in's bundle holds, from the module list its stack map begins with (built with --debug). */
function bundledGlobals(wasm: string): string[] {
  const [firstLine] = readFileSync(`${wasm}.bundle.js`, "utf8").split("\n", 1);
  return [...firstLine!.matchAll(/@extism-ts\/engine\/dist\/globals\/([\w-]+)\.js/g)].map((match) => match[1]!).sort();
}

describe("fetch carries only what the plug-in reads", () => {
  const options = () => ({ config: { base }, allowedHosts: ["127.0.0.1"] });

  it("reads bodies as text, JSON, bytes and clones without streams, Blob, FormData or AbortSignal", async () => {
    const built = buildFixture(
      "fetch-lean",
      `import { plugin, config } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";

const base = () => config.get("base")!;

export const lean = plugin(null, json<unknown>(), async () => {
  const posted = await fetch(base() + "/echo", { method: "POST", body: "sent", headers: new Headers({ "x-test": "lean" }) });
  const copy = posted.clone();
  const request = new Request(base() + "/echo", { method: "PUT", body: new Uint8Array([1, 2, 3]) });
  const bytes = await (await fetch(request)).bytes();
  return {
    text: await posted.text(),
    copy: [...new Uint8Array(await copy.arrayBuffer())],
    json: await (await fetch(base() + "/headers", { headers: [["x-test", "json"]] })).json(),
    bytes: [...bytes],
    used: [posted.bodyUsed, request.bodyUsed],
    made: await Response.json({ a: 1 }, { status: 201 }).json(),
  };
});

export const destructured = plugin(null, json<unknown>(), () => {
  try {
    const { signal } = new Request(base() + "/echo");
    return typeof signal;
  } catch (error) {
    return String(error);
  }
});
`,
      ["--debug"],
    );
    expect(built.stderr).toBe("");
    expect(bundledGlobals(built.wasm)).toEqual(["fetch", "headers", "optional", "text", "url"]);
    for (const host of currentHosts) {
      const [lean, destructured] = await host.run(built.wasm, [{ function: "lean" }, { function: "destructured" }], options());
      expect(JSON.parse(text(lean)), host.name).toEqual({
        text: "sent",
        copy: [115, 101, 110, 116],
        json: expect.objectContaining({ "x-test": "json" }),
        bytes: [1, 2, 3],
        used: [true, true],
        made: { a: 1 },
      });
      // A member taken by destructuring does not bring its global: reading it says what to name.
      expect(JSON.parse(text(destructured)), host.name).toBe(
        "TypeError: Request.signal needs AbortSignal, which this plug-in was built without: name AbortSignal in the code (the build includes only the globals the code names)",
      );
    }
  });

  it("brings streams for .body, Blob for .blob(), FormData for .formData() and AbortSignal for .signal", async () => {
    const built = buildFixture(
      "fetch-members",
      `import { plugin, config } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";

const base = () => config.get("base")!;

export const members = plugin(null, json<unknown>(), async () => {
  const streamed = await fetch(base() + "/bytes/300");
  const reader = streamed.body!.getReader();
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
  }
  const blob = await (await fetch(base() + "/echo", { method: "POST", body: "blob body" })).blob();
  const form = await new Response("a=1&b=%C3%A9", { headers: { "content-type": "application/x-www-form-urlencoded" } }).formData();
  const request = new Request(base() + "/echo");
  const controller = new AbortController();
  controller.abort(new Error("stopped"));
  const aborted = await fetch(new Request(base() + "/echo", { signal: controller.signal })).then(
    () => "sent",
    (error) => String(error),
  );
  return {
    streamed: [length, streamed.bodyUsed],
    blob: [blob.size, await blob.text()],
    form: [...form],
    signal: [request.signal.aborted, typeof request.signal.addEventListener],
    aborted,
  };
});
`,
      ["--debug"],
    );
    expect(built.stderr).toBe("");
    expect(bundledGlobals(built.wasm)).toEqual(expect.arrayContaining(["abort", "blob", "form-data", "streams"]));
    for (const host of currentHosts) {
      const [result] = await host.run(built.wasm, [{ function: "members" }], options());
      expect(JSON.parse(text(result)), host.name).toEqual({
        streamed: [300, true],
        blob: [9, "blob body"],
        form: [
          ["a", "1"],
          ["b", "é"],
        ],
        signal: [false, "function"],
        aborted: "Error: stopped",
      });
    }
  });
});
