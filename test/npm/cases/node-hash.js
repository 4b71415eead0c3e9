// node:crypto's hashes in a plug-in that never names Buffer (the size a plug-in
// that only hashes pays: no Buffer, no streams): digest() without an encoding
// still answers toString(encoding), equals and JSON as Node's Buffer does.
import { createHash, createHmac, getHashes, hash } from "node:crypto";

const ALGORITHMS = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"];

export default function run() {
  const text = "Hash me, plug-in ✓";
  const bytes = createHash("sha256").update(text).digest();
  const long = createHash("sha1");
  for (let i = 0; i < 1000; i++) long.update(`${i},`);
  // Many small updates, then one large one: the native digest gets the parts joined.
  const many = createHash("sha512");
  for (let i = 0; i < 20000; i++) many.update(`line ${i}\n`);
  const manyCopy = many.copy();
  many.update("x".repeat(70000));
  const partial = createHash("md5").update("abc");
  const copy = partial.copy();
  return JSON.stringify({
    hex: ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"].map((algorithm) => createHash(algorithm).update(text).digest("hex")),
    bytes: [bytes.length, bytes.toString("hex"), bytes.toString("base64"), bytes.equals(createHash("sha256").update(text).digest()), bytes.readUInt32BE(4)],
    json: JSON.stringify(createHash("md5").update("").digest()),
    long: long.digest("base64url"),
    many: [many.digest("hex"), manyCopy.update("y").digest("hex")],
    copies: [partial.update("def").digest("hex"), copy.digest("hex")],
    hmac: createHmac("sha256", "secret").update(text).digest().toString("base64"),
    oneShot: [hash("sha1", text), hash("sha512", text, "base64")],
    inputs: createHash("sha256").update("ff00", "hex").update("AAE=", "base64").update(new Uint16Array([1, 2])).update(new DataView(new ArrayBuffer(3))).digest("latin1").length,
    // Text in Node's encodings as Buffer.from reads it: base64 ends at its first "=", skipping
    // what is not base64; hex ends at the first pair that is not hex; ascii is latin1.
    lenient: [
      ["QQ==QQ==", "base64"], ["Q Q\nQ=", "base64"], ["-_+/", "base64url"], ["QQ", "base64url"], ["zz41", "hex"], ["41zz", "hex"],
      ["é\u0100ÿ", "ascii"], ["é\u0100ÿ", "latin1"], ["é€", "utf16le"],
    ].map(([input, encoding]) => createHash("sha256").update(input, encoding).digest("hex")),
    hashes: getHashes().includes("sha256"),
    // Every algorithm over lengths around its block and padding boundaries, fed in chained pieces of 1, 7 and 50 bytes.
    lengths: ALGORITHMS.map((algorithm) =>
      [0, 1, 55, 56, 57, 63, 64, 65, 111, 112, 119, 120, 127, 128, 129, 1000].map((length) => {
        const input = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(30).slice(0, length);
        const chained = createHash(algorithm);
        for (let at = 0, step = 1; at < length; at += step, step = step === 1 ? 7 : step === 7 ? 50 : 1) chained.update(input.slice(at, at + step));
        return chained.digest("base64url");
      }),
    ),
    encodings: ALGORITHMS.map((algorithm) => {
      const digest = (encoding) => createHash(algorithm).update("encodings ").update(new Uint8Array([0, 255, 128])).digest(encoding);
      const buffer = digest();
      return [digest("base64"), digest("base64url"), [...digest("latin1")].map((c) => c.charCodeAt(0)).join("."), buffer.length, buffer.toString("hex")];
    }),
    hmacs: ALGORITHMS.map((algorithm) => [
      createHmac(algorithm, "key").update("The quick brown fox ").update("jumps over the lazy dog").digest("hex"),
      // A key longer than the block is hashed first.
      createHmac(algorithm, "k".repeat(200)).update(text).digest("base64"),
    ]),
  });
}
