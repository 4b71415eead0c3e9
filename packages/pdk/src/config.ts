import { native } from "@extism-ts/engine";
import { expectCodec, string, type Codec } from "@extism-ts/convert";

const configGet = /* @__PURE__ */ native("config_get");

/** The host's config: string values set by the host (e.g. `extism call --config user=Benjamin`). */
export const config = {
  get: getConfig,
};

function getConfig(key: string): string | undefined;
function getConfig<T>(key: string, codec: Codec<T>): T | undefined;
function getConfig<T>(key: string, codec?: Codec<T>): string | T | undefined {
  // A codec factory given uncalled (`json` for `json()`) gets the message that says what to write.
  if (typeof codec === "function") expectCodec(codec, "config.get(): the codec (second argument)");
  const value = configGet(key);
  if (value === undefined) return undefined;
  return codec ? codec.decode(value) : string.decode(value);
}
