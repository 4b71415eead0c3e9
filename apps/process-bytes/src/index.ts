import { config, plugin } from "@extism-ts/pdk";
import { bytes } from "@extism-ts/convert";

/** The input's bytes in reverse order: binary in, binary out, no decoding. */
export const reverse = plugin(bytes, bytes, (data) => data.slice().reverse());

/**
 * Every byte XORed with the key from the host's config ("key", a number from
 * 0 to 255; 42 when it is not set). Applying it twice gives the input back.
 */
export const xor = plugin(bytes, bytes, (data) => {
  const setting = config.get("key") ?? "42";
  const key = Number(setting);
  if (!/^\d{1,3}$/.test(setting) || key > 255) throw new RangeError(`xor: config "key" must be a number from 0 to 255, not '${setting}'`);
  return data.map((byte) => byte ^ key);
});
