// Node's url, timers, timers/promises, stream/promises, Readable.from and the legacy Stream
// class, which old stream code extends.
import url, { URL as UrlClass, URLSearchParams as Params, fileURLToPath, pathToFileURL, format, urlToHttpOptions } from "node:url";
import timers from "node:timers";
import { setTimeout as sleep, setImmediate as immediate, setInterval as every } from "node:timers/promises";
import { pipeline, finished } from "node:stream/promises";
import Stream, { Readable, Transform, Writable, PassThrough } from "node:stream";
import { inherits } from "node:util";

/** Old-style stream code: a Stream subclass that emits 'data' and 'end' itself. */
function Counter(limit) {
  Stream.call(this);
  this.readable = true;
  this.limit = limit;
}
inherits(Counter, Stream);
Counter.prototype.start = function () {
  for (let i = 1; i <= this.limit; i++) this.emit("data", `n${i};`);
  this.emit("end");
};

export default async function run() {
  const link = new UrlClass("https://user:pa%20ss@example.com:8080/a/b/../c?x=1&y=two#frag");
  const params = new Params({ q: "fish & chips", page: "2" });
  params.append("tag", "a b");
  const files = ["/tmp/a b/c#d?.txt", "/srv/100%/x", "/a/./b/../c", "/dir/"].map((path) => pathToFileURL(path).href);

  const order = [];
  await new Promise((resolve) => {
    const unused = timers.setTimeout(() => order.push("never"), 5);
    timers.clearTimeout(unused);
    const timer = timers.setTimeout(() => order.push("timeout"), 2).unref();
    order.push(typeof timer.hasRef(), timer.hasRef());
    let ticks = 0;
    const interval = timers.setInterval(() => {
      order.push(`interval ${++ticks}`);
      if (ticks === 3) {
        timers.clearInterval(interval);
        resolve();
      }
    }, 10);
    timers.setImmediate((value) => order.push(`immediate ${value}`), "v");
  });

  const ticks = [];
  for await (const value of every(1, "tick")) {
    ticks.push(value);
    if (ticks.length === 3) break;
  }

  const collected = [];
  await pipeline(
    Readable.from(["alpha", "beta", "gamma"]),
    new Transform({ objectMode: true, transform: (chunk, _encoding, done) => done(null, `${chunk.toUpperCase()}|`) }),
    new Writable({ objectMode: true, write: (chunk, _encoding, done) => (collected.push(chunk), done()) }),
  );
  const generated = [];
  await pipeline(
    Readable.from((async function* () { yield "x"; yield "y"; })()),
    async function* (source) {
      for await (const chunk of source) yield `<${chunk}>`;
    },
    async function (source) {
      for await (const chunk of source) generated.push(chunk);
    },
  );
  const single = [];
  for await (const chunk of Readable.from("one string")) single.push(chunk);
  const through = new PassThrough();
  const piped = [];
  through.on("data", (chunk) => piped.push(String(chunk)));
  const counter = new Counter(3);
  counter.pipe(through);
  counter.start();
  await finished(through);

  return JSON.stringify({
    link: [link.href, link.origin, link.pathname, link.searchParams.get("y"), link.hash, link.username, link.password],
    params: params.toString(),
    files,
    back: files.slice(0, 2).map((href) => fileURLToPath(href)),
    notFile: (() => { try { return fileURLToPath("https://x/y"); } catch (error) { return [error.code, error.message]; } })(),
    formatted: [format(link, { auth: false, fragment: false }), format({ protocol: "http", host: "example.com", pathname: "/p", query: { a: "1" } })],
    http: urlToHttpOptions(new UrlClass("http://a:b@[::1]:81/p?q")),
    legacy: [url.parse("http://example.com:80/p/a?x=1#h").pathname, url.resolve("/one/two/three", "four")],
    order,
    ticks,
    waited: await sleep(3, "slept"),
    immediate: await immediate("soon"),
    collected,
    generated,
    single,
    piped,
    instances: [through instanceof Stream, counter instanceof Stream, counter instanceof Readable],
  });
}
