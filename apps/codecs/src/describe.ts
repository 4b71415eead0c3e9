/**
 * A canonical, type-tagged rendering of a decoded value, so that what a codec
 * decoded inside the plug-in can be compared with what it decodes in Node:
 * bigints keep their `n`, bytes show as hex, -0 stays -0.
 */
export function describe(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "boolean":
      return String(value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "string":
      return JSON.stringify(value);
    case "object":
      break;
    default:
      return `?${typeof value}`;
  }
  if (value instanceof Uint8Array) {
    return `bin(${Array.from(value, (byte) => byte.toString(16).padStart(2, "0")).join("")})`;
  }
  if (value instanceof Date) return `date(${value.getTime()})`;
  if (Array.isArray(value)) return `[${value.map(describe).join(",")}]`;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return `?${Object.prototype.toString.call(value)}`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${describe(item)}`).join(",")}}`;
}
