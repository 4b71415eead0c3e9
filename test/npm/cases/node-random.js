// node:crypto's randomness (WASI in a plug-in): random values differ, their shape does not.
import { getRandomValues, randomBytes, randomUUID, webcrypto } from "node:crypto";

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
  });
}
