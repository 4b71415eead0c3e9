import { plugin, vars } from "@extism-ts/pdk";
import { i64 } from "@extism-ts/convert";

/** Counts its calls in a var, which the host keeps for this plug-in instance. */
export const count = plugin(null, i64, () => {
  const c = (vars.get("count", i64) ?? 0n) + 1n;
  vars.set("count", c, i64);
  return c;
});
