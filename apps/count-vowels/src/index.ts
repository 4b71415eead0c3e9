import { config, plugin, vars } from "@extism-ts/pdk";
import { i64, json, string } from "@extism-ts/convert";

interface VowelReport {
  count: number;
  total: number;
  vowels: string;
}

/**
 * Extism's well-known count_vowels plug-in: counts the vowels of its input
 * (the characters of config "vowels", by default "aeiouAEIOU"), keeps the
 * running total of all calls on this instance in the var "total" (an i64),
 * and answers `{"count": n, "total": t, "vowels": "..."}`.
 */
export const count_vowels = plugin(string, json<VowelReport>(), (text) => {
  const vowels = config.get("vowels") ?? "aeiouAEIOU";
  let count = 0;
  for (const character of text) if (vowels.includes(character)) count++;
  const total = (vars.get("total", i64) ?? 0n) + BigInt(count);
  vars.set("total", total, i64);
  return { count, total: Number(total), vowels };
});
