// The acceptance case: node:crypto, buffer, events and zlib in one plug-in.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { Buffer } from "buffer";
import { EventEmitter } from "events";
import zlib from "zlib";
import { format, inspect } from "node:util";
import path from "node:path";
import querystring from "node:querystring";
import { StringDecoder } from "string_decoder";
import assert from "node:assert/strict";
import { Readable, Transform } from "node:stream";

export default function run() {
  const text = "Hello, plug-in! ünïcödé ".repeat(4);
  const seen = [];
  const events = new EventEmitter();
  events.once("data", (value) => seen.push(`once:${value}`));
  events.on("data", (value) => seen.push(`on:${value}`));
  events.emit("data", 1);
  events.emit("data", 2);
  const deflated = zlib.deflateSync(text, { level: 9 });
  const gzipped = zlib.gzipSync(Buffer.from(text));
  const decoder = new StringDecoder("utf8");
  const euro = Buffer.from("€");
  let assertion;
  try {
    assert.deepEqual({ a: [1] }, { a: ["1"] });
  } catch (error) {
    assertion = error.code;
  }
  return JSON.stringify({
    hashes: ["md5", "sha1", "sha256", "sha384", "sha512"].map((algorithm) => createHash(algorithm).update(text).digest("hex")),
    hmac: createHmac("sha256", "secret").update(text).digest("base64"),
    equal: timingSafeEqual(Buffer.from("abc"), Buffer.from("abc")),
    buffer: [Buffer.from(text).toString("base64"), Buffer.from("68656c6c6f", "hex").toString(), Buffer.concat([euro, euro]).toString("hex"), Buffer.byteLength(text), Buffer.from([1, 2, 3]).readUInt16BE(1)],
    events: seen,
    deflated: deflated.toString("base64"),
    inflated: zlib.inflateSync(deflated).toString() === text,
    gunzipped: zlib.gunzipSync(gzipped).toString() === text,
    util: [format("%s=%d %j", "a", 42, { b: 1 }), inspect({ a: [1, { b: "c" }] })],
    path: [path.join("/a/b", "../c", "d.txt"), path.extname("x.tar.gz"), path.relative("/a/b/c", "/a/d")],
    querystring: [querystring.stringify({ a: [1, 2], b: "x y" }), querystring.parse("a=1&a=2&c=%20")],
    decoder: decoder.write(euro.subarray(0, 1)) + "|" + decoder.write(euro.subarray(1)),
    assertion,
    streamClass: typeof Readable.from + typeof Transform,
  });
}
