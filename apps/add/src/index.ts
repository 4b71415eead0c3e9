import { plugin, PluginError } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";

interface Add {
  a: number;
  b: number;
}

interface Sum {
  sum: number;
}

/**
 * JSON in, JSON out: `{"a": 1, "b": 2}` gives `{"sum":3}`. Input that is not
 * JSON fails in the codec; JSON without two numbers fails here, with return code 2.
 */
export const add = plugin(json<Add>(), json<Sum>(), (input) => {
  if (typeof input?.a !== "number" || typeof input?.b !== "number") {
    throw new PluginError('add: expected {"a": number, "b": number}', 2);
  }
  return { sum: input.a + input.b };
});
