// Buffer's base64url encoding, through the global Buffer and node:buffer's.
import { Buffer as ImportedBuffer } from "node:buffer";

export default function run() {
  const bytes = Uint8Array.from([0xfb, 0xff, 0xbf, 0x00, 0x3e, 0x3f, 0xfe]);
  const encoded = [0, 1, 2, 3, 4, 5, 6, 7].map((length) => Buffer.from(bytes.subarray(0, length)).toString("base64url"));
  const written = Buffer.alloc(6);
  const count = written.write("-_-_", 1, "base64url");
  return JSON.stringify({
    encoded,
    decoded: encoded.map((text) => [...Buffer.from(text, "base64url")]),
    padded: [...Buffer.from("-_8=", "base64url")],
    upper: [...ImportedBuffer.from("AQID", "BASE64URL")],
    same: ImportedBuffer === Buffer,
    isEncoding: [Buffer.isEncoding("base64url"), Buffer.isEncoding("Base64Url"), Buffer.isEncoding("base65")],
    byteLength: [Buffer.byteLength("-_-_-_", "base64url"), Buffer.byteLength("AQ", "base64url")],
    written: [count, [...written]],
    filled: [...Buffer.alloc(5, "-_8", "base64url")],
    found: Buffer.from(bytes).indexOf("_7", 0, "base64url"),
    part: Buffer.from(bytes).toString("base64url", 1, 5),
    json: Buffer.from("zoë 🌍").toString("base64url"),
  });
}
