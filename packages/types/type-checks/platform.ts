// Checked by `pnpm typecheck`: what a plug-in can use type-checks, what it
// lacks does not.
import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import path from "node:path";
import { Buffer as ModuleBuffer } from "node:buffer";
import { promisify } from "util";
import { gzipSync } from "zlib";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { setImmediate } from "node:timers";
// @ts-expect-error: a plug-in has no file system
import { readFileSync } from "node:fs";
// @ts-expect-error: nor HTTP server or client outside the host's
import http from "http";

export const language = [
  [3, 1].toSorted(),
  Object.groupBy([1, 2], (x) => (x % 2 ? "odd" : "even")),
  Iterator.from([1, 2]).take(1).toArray(),
  /[\p{L}--[a-z]]/v.test("Ä"),
  new Set([1]).union(new Set([2])),
  Promise.try(() => 1),
  RegExp.escape("a.b"),
  new Uint8Array([1]).toHex(),
  Error.isError(new Error()),
  new InternalError("x"),
];

export const web = [
  new URL("https://example.com/a?b=c").searchParams.get("b"),
  new TextEncoder().encode("x"),
  new Headers({ a: "b" }).get("a"),
  fetch("https://example.com").then((response) => response.json()),
  new ReadableStream<Uint8Array>(),
  crypto.subtle.digest("SHA-256", new Uint8Array(1)),
  new DOMException("no", "AbortError").code,
  structuredClone({ a: 1 }),
  setTimeout(() => undefined, 1),
  console.log("x"),
  navigator.userAgent,
  self.TextDecoder,
  new Blob(["x"]).size,
  AbortSignal.timeout(10),
  performance.now(),
];

export const node = [
  Buffer.from("x").toString("hex"),
  ModuleBuffer.alloc(1),
  createHash("sha256").update("x").digest("hex"),
  new EventEmitter().on("x", () => undefined),
  path.join("a", "b"),
  promisify(setTimeout),
  gzipSync("x"),
  fileURLToPath(pathToFileURL("/a b")),
  pipeline(Readable.from(["x"]), async function* (source: AsyncIterable<string>) {
    for await (const chunk of source) yield chunk;
  }),
  sleep(1, "x"),
  setImmediate(() => undefined).unref(),
  Buffer.from("AQID", "base64url").toString("base64url"),
  process.env.NODE_ENV,
  global.TextEncoder,
  readFileSync,
  http,
];

export const jsPdk = [Config.get("k"), Var.getString("k"), Host.inputString, Memory.fromString, Http.request];

// @ts-expect-error: there is no DOM
document.title;
// @ts-expect-error
window.location;
// @ts-expect-error
localStorage.getItem("x");
// @ts-expect-error
new XMLHttpRequest();
// @ts-expect-error
require("x");
// @ts-expect-error
__dirname;
// @ts-expect-error: navigator has only userAgent
navigator.language;
