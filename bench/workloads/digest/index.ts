// crypto.subtle.digest inside a plug-in, for bench/suites/digest.mjs. Input:
// rounds (u32, little-endian), the algorithm's index in ALGORITHMS (u8), then
// the payload; output: the hex digest of the payload, computed `rounds` times.
import { plugin } from "@extism-ts/pdk";
import { bytes, string } from "@extism-ts/convert";

const ALGORITHMS = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];

export const digest_rounds = plugin(bytes, string, async (input) => {
  const rounds = new DataView(input.buffer, input.byteOffset, 4).getUint32(0, true);
  const algorithm = ALGORITHMS[input[4]!]!;
  const payload = input.subarray(5);
  let digest = new ArrayBuffer(0);
  for (let i = 0; i < rounds; i++) digest = await crypto.subtle.digest(algorithm, payload);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
});
