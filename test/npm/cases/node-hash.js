// node:crypto's hashes in a plug-in that never names Buffer (the size a plug-in
// that only hashes pays: no Buffer, no streams): digest() without an encoding
// still answers toString(encoding), equals and JSON as Node's Buffer does.
import { createHash, createHmac, getHashes, hash } from "node:crypto";

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
    hashes: getHashes().includes("sha256"),
  });
}
