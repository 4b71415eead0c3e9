import { plugin } from "@extism-ts/pdk";
import { msgpack } from "@extism-ts/convert";

interface Readings {
  sensor: string;
  values: number[];
}

interface Summary {
  sensor: string;
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
}

/**
 * MessagePack in, MessagePack out, compatible with rmp-serde: a map
 * `{sensor, values}` in, a map `{sensor, count, min, max, mean}` out
 * (min, max and mean are nil when there are no values).
 */
export const summarize = plugin(msgpack<Readings>(), msgpack<Summary>(), ({ sensor, values }) => {
  if (typeof sensor !== "string" || !Array.isArray(values) || values.some((value) => typeof value !== "number")) {
    throw new TypeError("summarize: expected {sensor: string, values: number[]}");
  }
  if (values.length === 0) return { sensor, count: 0, min: null, max: null, mean: null };
  const total = values.reduce((sum, value) => sum + value, 0);
  return { sensor, count: values.length, min: Math.min(...values), max: Math.max(...values), mean: total / values.length };
});
