// node:crypto's randomness (WASI in a plug-in): random values differ, their shape does not.
import { generateKeyPairSync, getRandomValues, randomBytes, randomFillSync, randomInt, randomUUID, sign, verify, webcrypto } from "node:crypto";

export default async function run() {
  const bytes = randomBytes(100_000);
  const viaCallback = await new Promise((resolve, reject) => randomBytes(16, (error, result) => (error ? reject(error) : resolve(result))));
  const uuids = new Set(Array.from({ length: 50 }, () => randomUUID()));
  return JSON.stringify({
    length: bytes.length,
    varied: new Set(bytes).size > 200,
    callback: [viaCallback.length, viaCallback.toString("hex").length],
    uuids: [uuids.size, [...uuids].every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))],
    filled: getRandomValues(new Uint32Array(8)).some((n) => n !== 0),
    webcrypto: typeof webcrypto.getRandomValues,
    ints: (() => {
      const draws = Array.from({ length: 200 }, () => randomInt(-3, 4));
      return [draws.every((n) => Number.isInteger(n) && n >= -3 && n < 4), new Set(draws).size, randomInt(1) === 0];
    })(),
    fillSync: randomFillSync(new Uint8Array(64), 8, 16).slice(0, 8).every((byte) => byte === 0),
    keyPairs: (() => {
      const ed = generateKeyPairSync("ed25519");
      const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1", publicKeyEncoding: { format: "pem", type: "spki" } });
      const message = new TextEncoder().encode("fresh keys");
      return [ed.privateKey.asymmetricKeyType, verify(null, message, ed.publicKey, sign(null, message, ed.privateKey)), ec.publicKey.split("\n")[0], verify("sha256", message, ec.publicKey, sign("sha256", message, ec.privateKey))];
    })(),
  });
}
