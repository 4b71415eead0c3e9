// Node's callback and stream forms, which run on process.nextTick and microtasks.
import zlib from "node:zlib";
import { promisify, types } from "node:util";
import { pipeline, Readable, Transform, Writable } from "node:stream";
import { EventEmitter, once } from "node:events";
import process from "node:process";
import os from "node:os";
import url from "node:url";

export default async function run() {
  const order = [];
  process.nextTick(() => order.push("tick"));
  Promise.resolve().then(() => order.push("promise"));
  order.push("sync");

  const gzipped = await promisify(zlib.gzip)("callback form ".repeat(20));
  const inflated = await new Promise((resolve, reject) => zlib.inflate(zlib.deflateSync("deflate"), (error, result) => (error ? reject(error) : resolve(result.toString()))));

  const chunks = [];
  await promisify(pipeline)(
    new Readable({
      read() {
        for (const word of ["alpha ", "beta ", "gamma"]) this.push(word);
        this.push(null);
      },
    }),
    new Transform({ transform: (chunk, _encoding, done) => done(null, String(chunk).toUpperCase()) }),
    new Writable({ write: (chunk, _encoding, done) => (chunks.push(String(chunk)), done()) }),
  );

  const emitter = new EventEmitter();
  queueMicrotask(() => emitter.emit("ready", 42));
  const [ready] = await once(emitter, "ready");

  return JSON.stringify({
    // Which of nextTick and a promise job runs first depends, in Node, on whether the caller is itself a microtask.
    order: order.sort(),
    gunzipped: zlib.gunzipSync(gzipped).toString().length,
    inflated,
    piped: chunks.join(""),
    ready,
    types: [types.isUint8Array(new Uint8Array()), types.isPromise(Promise.resolve()), types.isRegExp(/x/)],
    os: [os.EOL, typeof os.platform()],
    url: url.parse("https://user@example.com:8080/p/a/t/h?query=string#hash", true).query,
    resolved: url.resolve("https://example.com/a/b", "../c"),
    process: [typeof process.nextTick, typeof process.version, Array.isArray(process.argv)],
  });
}
