import { deflate, gzip, inflate, ungzip } from "pako";

export default function run() {
  const text = "compress me ".repeat(50) + "ünïcödé";
  const deflated = deflate(text, { level: 9 });
  const gzipped = gzip(text, { header: { mtime: 0 } });
  return JSON.stringify([Array.from(deflated).join(","), gzipped.length, inflate(deflated, { to: "string" }) === text, new TextDecoder().decode(ungzip(gzipped)).length]);
}
