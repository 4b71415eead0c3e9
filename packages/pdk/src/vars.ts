import { native } from "@extism-ts/engine";
import { expectCodec, type Codec } from "@extism-ts/convert";

const varGet = /* @__PURE__ */ native("var_get");
const varSet = /* @__PURE__ */ native("var_set");

function getVar(key: string): Uint8Array | undefined;
function getVar<T>(key: string, codec: Codec<T>): T | undefined;
function getVar<T>(key: string, codec?: Codec<T>): Uint8Array | T | undefined {
  // A codec factory given uncalled (`json` for `json()`) gets the message that says what to write.
  if (typeof codec === "function") expectCodec(codec, "vars.get(): the codec (second argument)");
  const value = varGet(key);
  if (value === undefined) return undefined;
  return codec ? codec.decode(value) : value;
}

function setVar(key: string, value: Uint8Array): void;
function setVar<T>(key: string, value: T, codec: Codec<T>): void;
function setVar<T>(key: string, value: T | Uint8Array, codec?: Codec<T>): void {
  if (typeof codec === "function") expectCodec(codec, "vars.set(): the codec (third argument)");
  varSet(key, codec ? codec.encode(value as T) : (value as Uint8Array));
}

/**
 * Vars: bytes the host keeps for this plug-in instance between calls (the
 * host caps their total size; a full store fails the call with the host's error).
 */
export const vars = {
  get: getVar,
  set: setVar,
  remove(key: string): void {
    varSet(key, undefined);
  },
};
