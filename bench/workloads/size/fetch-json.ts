// fetch + JSON: fetch a URL given as input and summarize its JSON.
import { plugin } from "@extism-ts/pdk";
import { json, string } from "@extism-ts/convert";

export const summarize = plugin(string, json<{ status: number; type: string; keys: string[] }>(), async (url) => {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const data: unknown = await response.json();
  return { status: response.status, type: Array.isArray(data) ? "array" : typeof data, keys: data && typeof data === "object" ? Object.keys(data) : [] };
});
