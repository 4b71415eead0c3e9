// Behaviour of the web globals from their specifications, written once and
// run twice: built into a plug-in (test/web-apis.test.ts runs it on two
// hosts) and in Node, whose globals are the reference. Each case returns
// plain data; `describe` turns values JSON cannot carry into data.

/** A JSON-able account of a value: its type and what a test can compare. */
export function describe(value: unknown, seen: unknown[] = []): unknown {
  if (value === undefined) return { undefined: true };
  if (typeof value === "number") return Object.is(value, -0) ? { number: "-0" } : Number.isFinite(value) ? value : { number: String(value) };
  if (typeof value === "bigint") return { bigint: String(value) };
  if (typeof value !== "object" || value === null) return value;
  if (seen.includes(value)) return { cycle: seen.indexOf(value) };
  const inner = [...seen, value];
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  if (value instanceof Date) return { Date: value.getTime() };
  if (value instanceof RegExp) return { RegExp: String(value), lastIndex: value.lastIndex };
  if (value instanceof Map) return { Map: [...value].map(([k, v]) => [describe(k, inner), describe(v, inner)]) };
  if (value instanceof Set) return { Set: [...value].map((v) => describe(v, inner)) };
  if (value instanceof ArrayBuffer) return { ArrayBuffer: [...new Uint8Array(value)] };
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return { [tag]: [...bytes], offset: value.byteOffset, bufferLength: value.buffer.byteLength };
  }
  if (value instanceof Error) return { error: value.name, message: value.message, ...("cause" in value ? { cause: describe(value.cause, inner) } : {}) };
  if (tag === "Boolean" || tag === "Number" || tag === "String" || tag === "BigInt") {
    return { wrapper: tag, value: describe((value as { valueOf(): unknown }).valueOf(), inner) };
  }
  if (Array.isArray(value)) {
    return { array: Array.from({ length: value.length }, (_, i) => (i in value ? describe(value[i], inner) : { hole: true })), extra: Object.keys(value).filter((key) => !/^\d+$/.test(key)) };
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = describe((value as Record<string, unknown>)[key], inner);
  return { object: out, prototypeIsObject: Object.getPrototypeOf(value) === Object.prototype };
}

function thrown(run: () => unknown): unknown {
  try {
    run();
    return "no error";
  } catch (error) {
    const e = error as { name?: string; code?: number; constructor?: { name?: string } };
    return { name: e.name, code: typeof e.code === "number" ? e.code : null, isError: error instanceof Error };
  }
}

async function rejected(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
    return "no error";
  } catch (error) {
    const e = error as { name?: string; code?: number };
    return { name: e.name, code: typeof e.code === "number" ? e.code : null, isError: error instanceof Error };
  }
}

function hex(buffer: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export const cases: Record<string, () => unknown> = {
  // URL parsing against the whole of the Web Platform Tests' data: test/url-wpt.test.ts.
  url_setters: () => {
    const url = new URL("https://example.com/path?x=1#h");
    url.pathname = "/a b/ü";
    url.search = "?q=a b&é";
    url.hash = "x y";
    url.port = "8080";
    url.hostname = "EXAMPLE.org";
    url.username = "us er";
    url.searchParams.append("added", "1 2");
    const special = new URL("http://h/");
    special.protocol = "mailto";
    return [url.href, special.href, url.toJSON(), String(url)];
  },
  url_search_params: () => {
    const params = new URLSearchParams("?a=1&b=%20x+y&a=2&c&=e&%zz=1");
    params.append("d", "é &=+");
    params.set("b", "new");
    params.delete("c");
    const fromRecord = new URLSearchParams({ x: "1", y: "2" });
    const fromPairs = new URLSearchParams([["k", "v"], ["k", "w"]]);
    fromPairs.delete("k", "v");
    const unsorted = new URLSearchParams("z=1&a=2&m=3&a=1");
    unsorted.sort();
    return {
      entries: [...params],
      string: params.toString(),
      getAll: params.getAll("a"),
      has: [params.has("a"), params.has("a", "2"), params.has("a", "9"), params.has("c")],
      size: params.size,
      record: fromRecord.toString(),
      pairs: fromPairs.toString(),
      sorted: unsorted.toString(),
      linked: (() => {
        const url = new URL("http://h/?a=1");
        url.searchParams.set("a", "x y");
        return url.href;
      })(),
    };
  },
  url_search_params_live: () => {
    const url = new URL("https://h/p?b=2&a=1#f");
    const params = url.searchParams;
    const log: unknown[] = [params.get("a")];
    url.search = "?x=%F0%9F%98%80+y&x=2";
    log.push([...params], params.size);
    url.href = "http://other/?k=v";
    log.push(params === url.searchParams, params.get("k"), params.get("x"));
    params.delete("k");
    log.push(url.href, url.search);
    params.append("é ~*'()!", "a+b=c&d");
    log.push(url.href);
    const iterated: unknown[] = [];
    for (const [name, value] of params) {
      iterated.push(name, value);
      if (iterated.length === 2) params.append("late", "1");
    }
    params.forEach((value, name, self) => iterated.push(`${name}=${value}`, self === params));
    const opaque = new URL("data:text/plain,hi ?q=1");
    opaque.searchParams.delete("q");
    const sorted = new URLSearchParams([["\u{1F600}", "1"], ["\uFFFD", "2"], ["b", "3"], ["a", "4"], ["b", "5"]]);
    sorted.sort();
    return {
      log,
      iterated,
      keys: [...params.keys()],
      values: [...params.values()],
      opaque: opaque.href,
      sorted: [...sorted.keys()].map((key) => key.codePointAt(0)),
      copy: new URLSearchParams(params).toString(),
      fromRecord: new URLSearchParams({ "a b": "ü", "\uD800": "x" }).toString(),
      badPair: thrown(() => new URLSearchParams([["a"]] as unknown as [string, string][])),
      parse: [URL.parse("/p", "https://h/")?.href, URL.parse("nope"), URL.canParse("/p", "https://h/"), URL.canParse("/p")],
      json: JSON.stringify({ url: new URL("HTTPS://H/%7e?a b") }),
      tag: [Object.prototype.toString.call(url), Object.prototype.toString.call(params)],
    };
  },

  headers_basics: () => {
    const headers = new Headers({ "Content-Type": "text/plain", "X-Multi": "1" });
    headers.append("x-multi", " 2 ");
    headers.append("Set-Cookie", "a=1");
    headers.append("set-cookie", "b=2");
    headers.append("Accept", "*/*");
    // Every token character in a name; HTTP white space (tab, CR, LF, space) around a value.
    headers.append("X-Tok!#$%&'*+-.^_`|~9", "\t\r\n v\tw \n\t");
    const before = [...headers];
    headers.set("X-MULTI", "3");
    headers.delete("accept");
    return {
      before,
      after: [...headers],
      get: [headers.get("content-type"), headers.get("CONTENT-TYPE"), headers.get("missing"), headers.get("set-cookie")],
      has: [headers.has("X-Multi"), headers.has("accept")],
      setCookie: headers.getSetCookie(),
      keys: [...headers.keys()],
      values: [...headers.values()],
      forEach: (() => {
        const seen: string[] = [];
        headers.forEach((value, name) => seen.push(`${name}=${value}`));
        return seen;
      })(),
      fromPairs: [...new Headers([["b", "2"], ["a", "1"], ["B", "3"]])],
      copy: [...new Headers(new Headers({ z: "1" }))],
    };
  },
  headers_errors: () => [
    thrown(() => new Headers({ "bad name": "x" })),
    thrown(() => new Headers([["a", "b", "c"]] as unknown as [string, string][])),
    thrown(() => new Headers().append("x", "a\nb")),
    thrown(() => new Headers().get("")),
    thrown(() => Response.error().headers.set("a", "b")),
  ],

  request_response: async () => {
    const response = new Response(JSON.stringify({ a: 1 }), { status: 201, statusText: "Created", headers: { "x-a": "1" } });
    const copy = response.clone();
    const json = await response.json();
    const again = await rejected(() => response.text());
    const request = new Request("https://example.com/x?y#z", { method: "post", body: "payload", headers: { "x-r": "1" } });
    const derived = new Request(request, { headers: { "x-r": "2" } });
    return {
      response: [response.status, response.statusText, response.ok, response.bodyUsed, response.headers.get("content-type"), json, again],
      copy: [copy.bodyUsed, await copy.text(), copy.bodyUsed],
      empty: [new Response().body, await new Response().text(), new Response(null, { status: 204 }).status],
      jsonHelper: [Response.json({ b: 2 }).headers.get("content-type"), await Response.json({ b: 2 }).text()],
      redirect: [Response.redirect("https://example.com/a", 307).status, Response.redirect("https://example.com/a").headers.get("location")],
      error: [Response.error().type, Response.error().status],
      request: [request.method, request.url, request.headers.get("content-type"), await derived.text(), derived.headers.get("x-r"), request.bodyUsed],
      methods: ["get", "delete", "patch", "custom", "Options"].map((method) => new Request("https://a.com/", { method }).method),
      bytes: [...new Uint8Array(await new Response(new Uint8Array([1, 2, 3])).arrayBuffer())],
      blobType: (await new Response("x", { headers: { "content-type": "text/x-test" } }).blob()).type,
      urlencoded: [...(await new Response(new URLSearchParams("a=1&b=%C3%A9+x")).formData())],
      errors: [
        thrown(() => new Response("x", { status: 99 })),
        thrown(() => new Response("x", { status: 204 })),
        thrown(() => new Request("https://a.com/", { method: "GET", body: "x" })),
        thrown(() => new Request("https://a.com/", { method: "CONNECT" })),
        thrown(() => new Request("/relative")),
        thrown(() => Response.redirect("https://a.com/", 200)),
      ],
    };
  },
  form_data_round_trip: async () => {
    const form = new FormData();
    form.append("name", "value\nline");
    form.append("file", new Blob(["file body"], { type: "text/plain" }), "a.txt");
    form.append("name", "second");
    form.set("single", "1");
    const response = new Response(form);
    const type = response.headers.get("content-type") ?? "";
    const parsed = await response.formData();
    const file = parsed.get("file") as File;
    return {
      multipart: type.startsWith("multipart/form-data; boundary="),
      names: [...parsed.keys()],
      values: parsed.getAll("name"),
      file: [file.name, file.type, await file.text(), file instanceof File, file instanceof Blob],
      has: [form.has("single"), form.has("nope")],
    };
  },
  form_data_parsing: async () => {
    const multipart = [
      "--XyZ",
      'Content-Disposition: form-data; name="a"',
      "",
      "1",
      "--XyZ",
      'content-disposition: form-data; name="f"; filename="n.txt"',
      "CONTENT-TYPE: text/plain",
      "",
      "file\r\ntext",
      "--XyZ--",
      "",
    ].join("\r\n");
    const parsed = await new Response(multipart, { headers: { "content-type": 'Multipart/Form-Data; boundary="XyZ"' } }).formData();
    const file = parsed.get("f") as File;
    const unquoted = await new Response(multipart, { headers: { "content-type": "multipart/form-data; charset=utf-8; boundary=XyZ" } }).formData();
    const encoded = await new Response("a=1+2&b=%41%zz%4&c&=d&&e=%C3%A9", { headers: { "content-type": "Application/X-WWW-Form-Urlencoded;charset=UTF-8" } }).formData();
    return {
      multipart: [[...parsed.keys()], parsed.get("a"), file.name, file.type, await file.text()],
      unquoted: [...unquoted.keys()],
      urlencoded: [...encoded],
      wrongType: await rejected(() => new Response("a=1", { headers: { "content-type": "text/plain" } }).formData()),
    };
  },
  blob_file: async () => {
    const blob = new Blob(["abc", new Uint8Array([100, 101]), new Blob(["f"])], { type: "Text/Plain" });
    const slice = blob.slice(1, -1, "x/y");
    const file = new File(["hello"], "h.txt", { type: "text/plain", lastModified: 42 });
    return {
      blob: [blob.size, blob.type, await blob.text(), [...new Uint8Array(await blob.arrayBuffer())]],
      slice: [slice.size, slice.type, await slice.text()],
      negative: await blob.slice(-2).text(),
      file: [file.name, file.size, file.type, file.lastModified, file instanceof Blob, await file.text()],
      stream: await (async () => {
        const reader = new Blob(["streamed"]).stream().getReader();
        const chunks: number[] = [];
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(...value);
        }
        return new TextDecoder().decode(new Uint8Array(chunks));
      })(),
      endings: await new Blob(["a\r\nb\rc"], { endings: "native" }).text(),
    };
  },

  structured_clone_types: () => {
    const buffer = new ArrayBuffer(8);
    const view = new Uint8Array(buffer, 2, 4);
    view.set([1, 2, 3, 4]);
    const shared = { s: 1 };
    const cyclic: Record<string, unknown> = { name: "root" };
    cyclic.self = cyclic;
    const sparse = [1, , 3] as unknown[];
    (sparse as unknown as { extra: number }).extra = 9;
    const withGetter = { get computed() { return 42; } };
    Object.defineProperty(withGetter, "hidden", { value: 1, enumerable: false });
    class Point {
      constructor(public x: number) {}
      get double() { return this.x * 2; }
    }
    const regexp = /a+b/giu;
    regexp.lastIndex = 3;
    const value = {
      primitives: [undefined, null, true, 1.5, -0, NaN, Infinity, 10n, "s"],
      wrappers: [Object(false), Object(2), Object("w"), Object(3n)],
      date: new Date(1234567890123),
      regexp,
      buffer,
      views: [view, new DataView(buffer, 1, 3), new Float64Array([1.5, -2]), new BigInt64Array([-1n])],
      map: new Map<unknown, unknown>([[shared, "object key"], ["k", shared]]),
      set: new Set([1, "two", shared]),
      sparse,
      withGetter,
      point: new Point(3),
      errors: [new TypeError("bad type"), new RangeError("out"), Object.assign(new Error("custom"), { name: "MyError" }), Object.defineProperty(new Error("with cause"), "cause", { value: { c: 1 }, writable: true, configurable: true })],
      cyclic,
      symbolKey: { [Symbol("s")]: 1, kept: 2 },
    };
    const copy = structuredClone(value);
    return {
      copy: describe(copy),
      sameShared: (copy.map.keys().next().value as object) === copy.map.get("k") && copy.set.has(copy.map.get("k")),
      sameBuffer: (copy.views[0] as Uint8Array).buffer === copy.buffer && (copy.views[1] as DataView).buffer === copy.buffer,
      dateIsDate: copy.date instanceof Date && copy.date !== value.date,
      regexpIsNew: copy.regexp !== regexp && copy.regexp instanceof RegExp,
      errorPrototypes: copy.errors.map((error) => [error instanceof TypeError, error instanceof RangeError, error.constructor.name]),
      cycleKept: (copy.cyclic as Record<string, unknown>).self === copy.cyclic,
    };
  },
  structured_clone_errors: () => [
    thrown(() => structuredClone(() => 1)),
    thrown(() => structuredClone({ f() {} })),
    thrown(() => structuredClone(Symbol("s"))),
    thrown(() => structuredClone(new WeakMap())),
    thrown(() => structuredClone(Promise.resolve())),
    thrown(() => (structuredClone as (...args: unknown[]) => unknown)()),
  ],
  structured_clone_transfer: () => {
    const buffer = new Uint8Array([1, 2, 3]).buffer;
    const copy = structuredClone({ buffer }, { transfer: [buffer] });
    return [buffer.byteLength, [...new Uint8Array(copy.buffer)], thrown(() => structuredClone(1, { transfer: [buffer, buffer] }))];
  },
  dom_exception: () => {
    const error = new DOMException("it broke", "NotFoundError");
    return {
      fields: [error.name, error.message, error.code, error instanceof Error, String(error), Object.prototype.toString.call(error)],
      codes: ["IndexSizeError", "SyntaxError", "AbortError", "TimeoutError", "DataCloneError", "QuotaExceededError", "EncodingError"].map(
        (name) => new DOMException("", name).code,
      ),
      constants: [DOMException.ABORT_ERR, DOMException.DATA_CLONE_ERR, (error as unknown as { TIMEOUT_ERR: number }).TIMEOUT_ERR],
      defaults: [new DOMException().name, new DOMException().message],
    };
  },

  events_dispatch: () => {
    const log: string[] = [];
    const target = new EventTarget();
    const first = (event: Event) => log.push(`first:${event.eventPhase}:${event.target === target}`);
    const once = () => log.push("once");
    const removedDuringDispatch = () => log.push("removed (must not run)");
    target.addEventListener("go", first);
    target.addEventListener("go", first); // duplicate: ignored
    target.addEventListener("go", once, { once: true });
    target.addEventListener("go", () => {
      log.push("remover");
      target.removeEventListener("go", removedDuringDispatch);
      target.addEventListener("go", () => log.push("added during dispatch (runs next time)"));
    });
    target.addEventListener("go", removedDuringDispatch);
    target.addEventListener("go", { handleEvent: (event: Event) => log.push(`object:${event.type}`) });
    target.addEventListener("go", first, { capture: true }); // a different registration
    const result1 = target.dispatchEvent(new Event("go"));
    log.push("--");
    target.removeEventListener("go", first);
    const result2 = target.dispatchEvent(new Event("go"));
    return { log, results: [result1, result2] };
  },
  events_cancel_and_stop: () => {
    const log: string[] = [];
    const target = new EventTarget();
    target.addEventListener("c", (event) => {
      event.preventDefault();
      log.push(`prevented:${event.defaultPrevented}`);
    });
    target.addEventListener("p", (event) => {
      event.preventDefault();
      log.push(`passive:${event.defaultPrevented}`);
    }, { passive: true });
    target.addEventListener("s", (event) => {
      log.push("stopper");
      event.stopImmediatePropagation();
    });
    target.addEventListener("s", () => log.push("after stop (must not run)"));
    const controller = new AbortController();
    target.addEventListener("sig", () => log.push("signal listener"), { signal: controller.signal });
    target.dispatchEvent(new Event("sig"));
    controller.abort();
    target.dispatchEvent(new Event("sig"));
    const custom = new CustomEvent("custom", { detail: { n: 1 }, cancelable: true });
    return {
      log,
      cancelable: target.dispatchEvent(new Event("c", { cancelable: true })),
      notCancelable: target.dispatchEvent(new Event("c")),
      passive: target.dispatchEvent(new Event("p", { cancelable: true })),
      stopped: target.dispatchEvent(new Event("s")),
      custom: [custom.type, custom.detail, custom.cancelable, custom instanceof Event, custom.bubbles],
      fields: (() => {
        const event = new Event("f", { bubbles: true, cancelable: true, composed: true });
        return [event.type, event.bubbles, event.cancelable, event.composed, event.eventPhase, event.target, event.isTrusted, event.defaultPrevented, Event.AT_TARGET];
      })(),
      reentrant: (() => {
        const inner = new EventTarget();
        const event = new Event("r");
        let error: unknown = null;
        inner.addEventListener("r", () => (error = thrown(() => inner.dispatchEvent(event))));
        inner.dispatchEvent(event);
        return error;
      })(),
      subclass: (() => {
        class Emitter extends EventTarget {
          count = 0;
        }
        const emitter = new Emitter();
        emitter.addEventListener("e", () => emitter.count++);
        emitter.dispatchEvent(new Event("e"));
        return emitter.count;
      })(),
    };
  },
  abort_signal: () => {
    const controller = new AbortController();
    const log: string[] = [];
    controller.signal.onabort = () => log.push("onabort");
    controller.signal.addEventListener("abort", (event) => log.push(`listener:${event.type}`));
    const before = [controller.signal.aborted, controller.signal.reason];
    controller.abort();
    controller.abort("second (ignored)");
    const reason = controller.signal.reason as DOMException;
    const custom = AbortSignal.abort("why");
    const a = new AbortController();
    const b = new AbortController();
    const any = AbortSignal.any([a.signal, b.signal]);
    const anyOfAny = AbortSignal.any([any]);
    any.addEventListener("abort", () => log.push("any aborted"));
    b.abort(new Error("from b"));
    return {
      log,
      before: describe(before),
      reason: [reason.name, reason.code, reason instanceof DOMException],
      throwIfAborted: thrown(() => controller.signal.throwIfAborted()),
      custom: [custom.aborted, custom.reason],
      any: [any.aborted, (any.reason as Error).message, anyOfAny.aborted, (anyOfAny.reason as Error).message],
      alreadyAborted: AbortSignal.any([AbortSignal.abort("x")]).reason,
      construct: thrown(() => new (AbortSignal as unknown as new () => AbortSignal)()),
      timeoutArgument: thrown(() => AbortSignal.timeout(-1)),
    };
  },

  base64: () => ({
    encoded: [btoa(""), btoa("f"), btoa("fo"), btoa("foo"), btoa("\u00ff\u00fe"), btoa(String(undefined))],
    decoded: [atob("Zm9v"), atob(" Zm 9v\n"), atob("Zg"), atob("Zg=="), atob("")],
    errors: [thrown(() => btoa("\u0100")), thrown(() => atob("Zg=")), thrown(() => atob("Z")), thrown(() => atob("Zm9v*"))],
  }),
  text_encoding: () => {
    const encoder = new TextEncoder();
    const into = (text: string, size: number) => {
      const destination = new Uint8Array(size);
      const result = encoder.encodeInto(text, destination);
      return [result.read, result.written, [...destination]];
    };
    const decoder = new TextDecoder();
    const bytes = encoder.encode("a€😀");
    const streamed = [decoder.decode(bytes.subarray(0, 2), { stream: true }), decoder.decode(bytes.subarray(2, 6), { stream: true }), decoder.decode(bytes.subarray(6))];
    return {
      encode: [...encoder.encode("zoë\ud800")],
      into: [into("a€😀", 4), into("a€😀", 8), into("😀", 3), into("\ud800x", 4)],
      streamed,
      bom: [new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).length],
      replacement: new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0xe2, 0x82, 0x62])),
      fatal: thrown(() => new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff]))),
      labels: [new TextDecoder("UTF8").encoding, new TextDecoder(" utf-8 ").encoding],
    };
  },

  crypto_digest: async () => {
    const lengths = [0, 3, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 1000];
    const out: Record<string, string[]> = {};
    for (const algorithm of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
      out[algorithm] = [];
      for (const length of lengths) {
        const data = new Uint8Array(length).map((_, i) => (i * 7 + length) & 0xff);
        out[algorithm].push(hex(await crypto.subtle.digest(algorithm, data)));
      }
    }
    out.views = [hex(await crypto.subtle.digest({ name: "sha-256" }, new Uint16Array([1, 2]).subarray(1))), hex(await crypto.subtle.digest("SHA-256", new ArrayBuffer(2)))];
    return out;
  },
  crypto_hmac: async () => {
    const encoder = new TextEncoder();
    const results: unknown[] = [];
    for (const [hash, keyLength] of [["SHA-1", 20], ["SHA-256", 32], ["SHA-256", 100], ["SHA-384", 48], ["SHA-512", 200]] as const) {
      const keyBytes = new Uint8Array(keyLength).map((_, i) => i);
      const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash }, true, ["sign", "verify"]);
      const data = encoder.encode(`message for ${hash}`);
      const signature = await crypto.subtle.sign("HMAC", key, data);
      const tampered = new Uint8Array(signature);
      tampered[0]! ^= 1;
      results.push([
        hex(signature),
        await crypto.subtle.verify("HMAC", key, signature, data),
        await crypto.subtle.verify("HMAC", key, tampered, data),
        key.algorithm,
        key.type,
        key.usages,
        hex(await crypto.subtle.exportKey("raw", key) as ArrayBuffer),
      ]);
    }
    const jwkKey = await crypto.subtle.importKey("jwk", { kty: "oct", k: "c2VjcmV0", alg: "HS256" }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
    const jwk = await crypto.subtle.exportKey("jwk", jwkKey);
    const signOnly = await crypto.subtle.importKey("raw", new Uint8Array([1]), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return {
      results,
      jwk: [hex(await crypto.subtle.sign("HMAC", jwkKey, encoder.encode("x"))), jwk],
      errors: [
        await rejected(() => crypto.subtle.digest("MD5", new Uint8Array())),
        await rejected(() => crypto.subtle.verify("HMAC", signOnly, new Uint8Array(32), new Uint8Array())),
        await rejected(() => crypto.subtle.exportKey("raw", signOnly)),
        await rejected(() => crypto.subtle.importKey("raw", new Uint8Array([1]), { name: "HMAC", hash: "SHA-256" }, false, ["encrypt"])),
        await rejected(() => crypto.subtle.importKey("raw", new Uint8Array([1]), { name: "HMAC", hash: "SHA-256" }, false, [])),
      ],
    };
  },

  buffer: () => {
    const buffer = Buffer.from("héllo wörld");
    const numbers = Buffer.alloc(12);
    numbers.writeUInt32LE(0xdeadbeef, 0);
    numbers.writeInt16BE(-2, 4);
    numbers.writeDoubleLE(1.5, 4);
    return {
      encodings: [buffer.toString("hex"), buffer.toString("base64"), buffer.toString("latin1"), buffer.toString("utf16le"), buffer.length],
      from: [Buffer.from("68656c6c6f", "hex").toString(), Buffer.from("aGVsbG8=", "base64").toString(), [...Buffer.from([1, 2, 256])]],
      numbers: [numbers.toString("hex"), numbers.readUInt32LE(0), numbers.readDoubleLE(4)],
      ops: [Buffer.concat([Buffer.from("a"), Buffer.from("b")]).toString(), Buffer.compare(Buffer.from("a"), Buffer.from("b")), buffer.subarray(1, 3).toString("hex"), buffer.indexOf("w"), Buffer.byteLength("€"), Buffer.isBuffer(buffer), buffer instanceof Uint8Array],
      json: buffer.subarray(0, 2).toJSON(),
    };
  },

  streams: async () => {
    const readable = new ReadableStream<string>({
      start(controller) {
        controller.enqueue("hello ");
        controller.enqueue("stream");
        controller.close();
      },
    });
    const upper = new TransformStream<string, string>({ transform: (chunk, controller) => controller.enqueue(chunk.toUpperCase()) });
    const collected: string[] = [];
    await readable.pipeThrough(upper).pipeTo(new WritableStream({ write: (chunk) => void collected.push(chunk) }));
    const encoded = new ReadableStream<string>({
      start(controller) {
        controller.enqueue("€\ud83d");
        controller.enqueue("\ude00!");
        controller.close();
      },
    }).pipeThrough(new TextEncoderStream());
    const decoded = encoded.pipeThrough(new TextDecoderStream());
    const text: string[] = [];
    for (const reader = decoded.getReader(); ; ) {
      const { done, value } = await reader.read();
      if (done) break;
      text.push(value);
    }
    const [left, right] = new ReadableStream<number>({
      start(controller) {
        [1, 2, 3].forEach((n) => controller.enqueue(n));
        controller.close();
      },
    }).tee();
    const drain = async (stream: ReadableStream<number>) => {
      const out: number[] = [];
      const reader = stream.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return out;
        out.push(value);
      }
    };
    const bodyReader = new Response("streamed body").body!.getReader();
    const bodyBytes: number[] = [];
    for (;;) {
      const { done, value } = await bodyReader.read();
      if (done) break;
      bodyBytes.push(...value);
    }
    return {
      collected,
      text: text.join(""),
      tee: [await drain(left), await drain(right)],
      body: new TextDecoder().decode(new Uint8Array(bodyBytes)),
      strategies: [new CountQueuingStrategy({ highWaterMark: 3 }).highWaterMark, new ByteLengthQueuingStrategy({ highWaterMark: 8 }).size(new Uint8Array(5))],
    };
  },

  // The Streams Standard's behaviour beyond the basics above, case by case (the engine's own implementation).
  streams_readable: async () => {
    const log: string[] = [];
    let controller!: ReadableStreamDefaultController<string>;
    const stream = new ReadableStream<string>(
      {
        start(c) {
          controller = c;
          log.push(`start ${c.desiredSize}`);
        },
        pull(c) {
          log.push(`pull ${c.desiredSize}`);
        },
        cancel(reason) {
          log.push(`cancel ${reason}`);
        },
      },
      { highWaterMark: 5, size: (chunk) => chunk.length },
    );
    await Promise.resolve();
    controller.enqueue("abc");
    const sizes = [controller.desiredSize];
    controller.enqueue("defg");
    sizes.push(controller.desiredSize);
    const reader = stream.getReader();
    const locked = [stream.locked, thrown(() => stream.getReader()), await rejected(() => stream.cancel())];
    const first = await reader.read();
    sizes.push(controller.desiredSize);
    const second = await reader.read();
    const pending = reader.read();
    reader.releaseLock();
    const released = await rejected(() => pending);
    const again = stream.getReader();
    const cancelled = await again.cancel("enough");
    const afterCancel = await again.read();
    const errored = new ReadableStream({ start: (c) => c.error(new RangeError("broken")) });
    const erroredReader = errored.getReader();
    let enqueueError: unknown;
    const badSize = new ReadableStream<number>(
      {
        start(c) {
          enqueueError = thrown(() => c.enqueue(1));
        },
      },
      { size: () => -1 },
    );
    const badReader = badSize.getReader();
    const throwsOnStart = thrown(() => new ReadableStream({ start: () => { throw new SyntaxError("start"); } }));
    return {
      log,
      sizes,
      locked,
      reads: [first, second, afterCancel],
      released,
      cancelled: cancelled === undefined,
      errored: [await rejected(() => erroredReader.read()), await rejected(() => erroredReader.closed)],
      badSize: [enqueueError, await rejected(() => badReader.closed)],
      invalid: [thrown(() => new ReadableStream({}, { highWaterMark: -1 })), thrown(() => new ReadableStream({ type: "nope" } as unknown as UnderlyingSource)), thrown(() => new ReadableStream({ type: "bytes" }, { size: () => 1 } as QueuingStrategy)), throwsOnStart],
      controllerConstructor: thrown(() => new (ReadableStreamDefaultController as unknown as new () => unknown)()),
      tags: [Object.prototype.toString.call(stream), Object.prototype.toString.call(reader), String(new CountQueuingStrategy({ highWaterMark: 1 }))],
    };
  },
  streams_iterate: async () => {
    const log: string[] = [];
    const counted = (limit: number) =>
      new ReadableStream<number>({
        start() {
          log.push("start");
        },
        pull(controller) {
          log.push(`pull ${controller.desiredSize}`);
          controller.enqueue(log.length);
          if (log.length > limit) controller.close();
        },
        cancel(reason) {
          log.push(`cancel ${String(reason)}`);
        },
      });
    const all: number[] = [];
    for await (const n of counted(4) as unknown as AsyncIterable<number>) all.push(n);
    const some: number[] = [];
    const early = counted(100);
    for await (const n of early as unknown as AsyncIterable<number>) {
      some.push(n);
      if (some.length === 2) break;
    }
    const kept = counted(100);
    const iterator = (kept as unknown as { values(options: object): AsyncIterableIterator<number> }).values({ preventCancel: true });
    const one = await iterator.next();
    const returned = await iterator.return!("r");
    const fromArray: unknown[] = [];
    for await (const value of ReadableStream.from([1, Promise.resolve(2), 3]) as unknown as AsyncIterable<unknown>) fromArray.push(value);
    const fromAsync: unknown[] = [];
    const generated = (async function* () {
      yield "a";
      yield "b";
    })();
    const reader = ReadableStream.from(generated).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) fromAsync.push(r.value);
    return { all, some, one, returned, lockedAfter: [early.locked, kept.locked], log, fromArray, fromAsync, notIterable: thrown(() => ReadableStream.from(5 as unknown as number[])) };
  },
  streams_bytes: async () => {
    const log: string[] = [];
    const stream = new ReadableStream({
      type: "bytes",
      pull(controller) {
        const request = controller.byobRequest!;
        const view = request.view!;
        log.push(`pull ${view.byteLength} ${view.byteOffset}`);
        if (log.length === 1) {
          view.set([1, 2, 3]);
          request.respond(3);
        } else if (log.length === 2) {
          const bytes = new Uint8Array(view.buffer, view.byteOffset, 2);
          bytes.set([4, 5]);
          request.respondWithNewView(bytes);
        } else if (log.length === 3) {
          controller.enqueue(new Uint8Array([6, 7, 8, 9, 10]));
        } else {
          controller.close();
          controller.byobRequest?.respond(0);
        }
      },
    });
    const reader = stream.getReader({ mode: "byob" });
    const reads: unknown[] = [];
    reads.push(await reader.read(new Uint8Array(8)));
    reads.push(await reader.read(new Uint8Array(4), { min: 2 }));
    reads.push(await reader.read(new Uint16Array(2)));
    reads.push(await reader.read(new Uint8Array(4)));
    reads.push(await reader.read(new Uint8Array(4)));
    const auto = new ReadableStream({
      type: "bytes",
      autoAllocateChunkSize: 4,
      pull(controller) {
        const view = controller.byobRequest!.view!;
        log.push(`auto ${view.byteLength}`);
        view.set([9, 8]);
        controller.byobRequest!.respond(2);
        controller.close();
      },
    });
    const autoReader = auto.getReader();
    const autoReads = [await autoReader.read(), await autoReader.read()];
    // Three bytes into a Uint16Array: one element read, the odd byte left for the next read.
    const odd = new ReadableStream({
      type: "bytes",
      pull(controller) {
        controller.byobRequest!.view!.set([1, 2, 3]);
        controller.byobRequest!.respond(3);
        controller.close();
      },
    });
    const oddReader = odd.getReader({ mode: "byob" });
    const halves = [await oddReader.read(new Uint16Array(2)), await oddReader.read(new Uint8Array(2)), await oddReader.read(new Uint8Array(2))];
    const queued = new ReadableStream({
      type: "bytes",
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2, 3, 4, 5]));
        controller.close();
      },
    });
    const queuedReader = queued.getReader({ mode: "byob" });
    const fromQueue = [await queuedReader.read(new Uint8Array(2)), await queuedReader.read(new Uint8Array(8)), await queuedReader.read(new Uint8Array(1))];
    const [left, right] = new Response("tee me").body!.tee();
    const leftReader = left.getReader({ mode: "byob" });
    const teed = [await leftReader.read(new Uint8Array(3)), await new Response(right).text()];
    const blobReader = new Blob(["blob"]).stream().getReader({ mode: "byob" });
    return {
      reads,
      autoReads,
      halves,
      fromQueue,
      teed,
      blob: await blobReader.read(new Uint8Array(10)),
      log,
      notBytes: thrown(() => new ReadableStream().getReader({ mode: "byob" })),
      badMode: thrown(() => new ReadableStream().getReader({ mode: "nope" } as unknown as { mode: "byob" })),
      empty: await rejected(() => new ReadableStream({ type: "bytes" }).getReader({ mode: "byob" }).read(new Uint8Array(0))),
      clone: await (async () => {
        const response = new Response("cloned");
        const copy = response.clone();
        return [await response.text(), await copy.text(), response.bodyUsed, copy.bodyUsed];
      })(),
    };
  },
  streams_tee_cancel: async () => {
    let reason: unknown;
    const source = new ReadableStream({
      start(controller) {
        controller.enqueue("x");
      },
      cancel(r) {
        reason = r;
      },
    });
    const [a, b] = source.tee();
    const firstCancel = a.cancel("a");
    const settled: string[] = [];
    firstCancel.then(() => settled.push("first"));
    await Promise.resolve();
    const both = await b.cancel("b");
    await firstCancel;
    const erroring = new ReadableStream({ start: (c) => c.error(new TypeError("source")) });
    const [c, d] = erroring.tee();
    return { reason, both, settled, errors: [await rejected(() => c.getReader().read()), await rejected(() => d.getReader().closed)] };
  },
  streams_writable: async () => {
    const log: string[] = [];
    let release!: () => void;
    const stream = new WritableStream<string>(
      {
        start() {
          log.push("start");
        },
        write(chunk, controller) {
          log.push(`write ${chunk}`);
          if (chunk === "slow") return new Promise<void>((resolve) => (release = resolve));
          if (chunk === "bad") controller.error(new RangeError("bad chunk"));
        },
        close() {
          log.push("close");
        },
      },
      new CountQueuingStrategy({ highWaterMark: 2 }),
    );
    const writer = stream.getWriter();
    const sizes = [writer.desiredSize];
    const writes = [writer.write("a"), writer.write("slow"), writer.write("b")];
    sizes.push(writer.desiredSize);
    const locked = thrown(() => stream.getWriter());
    let ready = false;
    const readyPromise = writer.ready.then(() => (ready = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const readyBefore = ready;
    release();
    await Promise.all(writes);
    await readyPromise;
    sizes.push(writer.desiredSize);
    const closed = writer.close();
    await closed;
    const closedState = [await writer.closed, writer.desiredSize, stream.locked];
    writer.releaseLock();
    const released = [await rejected(() => writer.closed), thrown(() => writer.desiredSize)];

    let abortReason: unknown;
    const aborted = new WritableStream({
      abort(reason) {
        abortReason = reason;
      },
    });
    const abortWriter = aborted.getWriter();
    const abortResult = await abortWriter.abort("stop");
    const afterAbort = [await rejected(() => abortWriter.write("x")), await rejected(() => abortWriter.closed)];

    const failing = new WritableStream({
      write() {
        throw new SyntaxError("sink failed");
      },
    });
    const failingWriter = failing.getWriter();
    const failures = [await rejected(() => failingWriter.write(1)), await rejected(() => failingWriter.write(2)), await rejected(() => failingWriter.closed)];

    const erroredByController = new WritableStream<string>({ write: (chunk, c) => (chunk === "bad" ? c.error(new RangeError("bad chunk")) : undefined) });
    const controlled = erroredByController.getWriter();
    await controlled.write("bad");
    return {
      log,
      sizes,
      readyBefore,
      closedState,
      released,
      aborted: [abortReason, abortResult, afterAbort],
      failures,
      controllerError: [await rejected(() => controlled.write("more")), controlled.desiredSize],
      locked,
      invalid: [thrown(() => new WritableStream({ type: "bytes" } as unknown as UnderlyingSink)), thrown(() => new WritableStream({}, { highWaterMark: Number.NaN }))],
    };
  },
  streams_pipe: async () => {
    const chunks = (values: unknown[], fail?: Error) =>
      new ReadableStream({
        start(controller) {
          values.forEach((value) => controller.enqueue(value));
          if (fail) controller.error(fail);
          else controller.close();
        },
      });
    const sink = (log: unknown[], failOn?: unknown) =>
      new WritableStream({
        write(chunk) {
          if (chunk === failOn) throw new RangeError(`no ${String(chunk)}`);
          log.push(chunk);
        },
        close() {
          log.push("closed");
        },
        abort(reason) {
          log.push(`aborted ${(reason as Error).message}`);
        },
      });
    const plain: unknown[] = [];
    await chunks([1, 2, 3]).pipeTo(sink(plain));
    const open: unknown[] = [];
    const openSink = sink(open);
    await chunks([1]).pipeTo(openSink, { preventClose: true });
    const stillOpen = openSink.locked;
    const sourceError: unknown[] = [];
    const sourceFailed = await rejected(() => chunks([1], new TypeError("source broke")).pipeTo(sink(sourceError)));
    let cancelReason: unknown;
    const cancellable = new ReadableStream({
      pull(controller) {
        controller.enqueue("x");
      },
      cancel(reason) {
        cancelReason = (reason as Error).message;
      },
    });
    const destFailed = await rejected(() => cancellable.pipeTo(sink([], "x")));
    const controller = new AbortController();
    const endless = new ReadableStream({
      pull(c) {
        c.enqueue("tick");
        return new Promise((resolve) => setTimeout(resolve, 1));
      },
      cancel(reason) {
        cancelReason = [cancelReason, (reason as Error).name];
      },
    });
    const signalled: unknown[] = [];
    const piping = endless.pipeTo(sink(signalled), { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const abortedPipe = await rejected(() => piping);
    const preAborted = await rejected(() => chunks([1]).pipeTo(new WritableStream(), { signal: AbortSignal.abort() }));
    const lockedSource = chunks([1]);
    lockedSource.getReader();
    const transformed: string[] = [];
    const doubled = new TransformStream<string, string>(
      {
        start(c) {
          c.enqueue("start");
        },
        transform(chunk, c) {
          c.enqueue(chunk);
          c.enqueue(chunk.toUpperCase());
        },
        flush(c) {
          c.enqueue("flushed");
        },
      },
      { highWaterMark: 1 },
      { highWaterMark: 0 },
    );
    await chunks(["a", "b"]).pipeThrough(doubled).pipeTo(new WritableStream({ write: (chunk) => void transformed.push(chunk) }));
    const terminated = new TransformStream({
      transform(chunk, c) {
        c.enqueue(chunk);
        c.terminate();
      },
    });
    const terminatedWriter = terminated.writable.getWriter();
    const terminatedReader = terminated.readable.getReader();
    terminatedWriter.write("only");
    const afterTerminate = [await terminatedReader.read(), await terminatedReader.read(), await rejected(() => terminatedWriter.write("more"))];
    const failingTransform = new TransformStream({
      transform() {
        throw new EvalError("transform failed");
      },
    });
    // A write waits for a read: the readable side starts with backpressure.
    const failingRead = failingTransform.readable.getReader().read();
    const failingWrite = failingTransform.writable.getWriter().write(1);
    const transformFailure = [await rejected(() => failingWrite), await rejected(() => failingRead)];
    // Backpressure: a transform runs only as the readable side is read.
    let transforms = 0;
    const held = new TransformStream({ transform: (chunk, c) => void (transforms++, c.enqueue(chunk)) }, { highWaterMark: 3 });
    const heldWriter = held.writable.getWriter();
    [1, 2, 3].forEach((n) => heldWriter.write(n));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const transformsBeforeRead = transforms;
    const heldReader = held.readable.getReader();
    await heldReader.read();
    await heldReader.read();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const identity = new TransformStream();
    const identityWriter = identity.writable.getWriter();
    identityWriter.write("same");
    identityWriter.close();
    const identityReader = identity.readable.getReader();
    return {
      plain,
      open: [open, stillOpen],
      source: [sourceFailed, sourceError],
      dest: [destFailed, cancelReason],
      signal: [abortedPipe, signalled.length > 0, signalled.some((entry) => String(entry).startsWith("aborted "))],
      preAborted,
      locked: [await rejected(() => lockedSource.pipeTo(new WritableStream())), thrown(() => lockedSource.pipeThrough(new TransformStream()))],
      notWritable: await rejected(() => chunks([]).pipeTo({} as WritableStream)),
      transformed,
      afterTerminate,
      transformFailure,
      backpressure: [transformsBeforeRead, transforms, heldWriter.desiredSize],
      identity: [await identityReader.read(), await identityReader.read()],
      strategy: [new ByteLengthQueuingStrategy({ highWaterMark: 4 }).size === new ByteLengthQueuingStrategy({ highWaterMark: 1 }).size, thrown(() => new CountQueuingStrategy({} as QueuingStrategyInit))],
    };
  },

  microtasks: async () => {
    const order: string[] = [];
    queueMicrotask(() => order.push("micro 1"));
    Promise.resolve().then(() => order.push("promise"));
    queueMicrotask(() => order.push("micro 2"));
    order.push("sync");
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    return [order, thrown(() => queueMicrotask(1 as unknown as () => void))];
  },

  url_pattern: () => {
    const pattern = new URLPattern({ pathname: "/books/:id(\\d+)" });
    const match = pattern.exec("https://example.com/books/42?x=1");
    return [pattern.test("https://example.com/books/abc"), match?.pathname.groups, new URLPattern("https://*.example.com/*").test("https://a.example.com/b")];
  },
  reach: () => {
    const names = ["URL", "URLSearchParams", "Headers", "Request", "Response", "fetch", "AbortController", "AbortSignal", "Event", "EventTarget", "CustomEvent", "DOMException", "Blob", "File", "FormData", "TextEncoder", "TextDecoder", "TextEncoderStream", "TextDecoderStream", "ReadableStream", "WritableStream", "TransformStream", "structuredClone", "queueMicrotask", "atob", "btoa", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "crypto", "console", "performance"];
    const global = globalThis as unknown as Record<string, unknown>;
    const { URL: destructured, crypto: destructuredCrypto } = globalThis;
    return {
      typeofGlobal: names.map((name) => `${name}:${typeof global[name]}`),
      viaSelf: names.filter((name) => (self as unknown as Record<string, unknown>)[name] !== global[name]),
      descriptors: names.filter((name) => {
        const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
        return !descriptor || descriptor.enumerable || !descriptor.writable || !descriptor.configurable;
      }),
      same: [destructured === URL, destructuredCrypto === crypto, typeof URL, self === globalThis, global.self === self],
      featureDetection: typeof globalThis.crypto !== "undefined" && typeof globalThis.crypto.subtle.digest === "function",
    };
  },
};

/** Cases that need a clock (the plug-in is built with --wasi). */
export const clockCases: Record<string, () => unknown> = {
  // Deadlines 100 ms apart or more: a slow host delays callbacks, never reorders them.
  timers_in_order: async () => {
    const order: string[] = [];
    setTimeout(() => order.push("300"), 300);
    setTimeout((a: string, b: string) => order.push(`100 ${a} ${b}`), 100, "with", "args");
    setTimeout(() => order.push("0"));
    const cancelled = setTimeout(() => order.push("cancelled (must not run)"), 50);
    clearTimeout(cancelled);
    let ticks = 0;
    const interval = setInterval(() => {
      order.push(`tick ${++ticks}`);
      if (ticks === 3) clearInterval(interval);
    }, 150);
    setTimeout(() => {
      order.push("nested outer");
      setTimeout(() => order.push("nested inner"), 0);
    }, 200);
    await new Promise((resolve) => setTimeout(resolve, 600));
    return order;
  },
  abort_signal_timeout: async () => {
    const signal = AbortSignal.timeout(15);
    const before = signal.aborted;
    await new Promise((resolve) => signal.addEventListener("abort", resolve));
    return [before, signal.aborted, (signal.reason as DOMException).name, (signal.reason as DOMException).code];
  },
  performance_marks: () => {
    performance.clearMarks();
    performance.clearMeasures();
    const start = performance.mark("start", { detail: { step: 1 } });
    const end = performance.mark("end");
    const measure = performance.measure("span", "start", "end");
    const explicit = performance.measure("explicit", { start: 1, end: 3, detail: "d" });
    return {
      start: [start.name, start.entryType, start.duration, start.detail],
      ordered: end.startTime >= start.startTime && measure.duration === end.startTime - start.startTime,
      explicit: [explicit.startTime, explicit.duration, explicit.detail, explicit.entryType],
      entries: performance
        .getEntries()
        .filter((entry) => entry.entryType === "mark" || entry.entryType === "measure")
        .map((entry) => `${entry.entryType}:${entry.name}`)
        .sort(),
      byName: performance.getEntriesByName("start").length,
      byType: performance.getEntriesByType("measure").length,
      missing: thrown(() => performance.measure("x", "no-such-mark")),
      now: performance.now() >= 0 && performance.timeOrigin > 1_600_000_000_000,
    };
  },
};
