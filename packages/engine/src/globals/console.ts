import { formatArguments, inspect } from "../format.js";
import { logAt } from "../logging.js";
import { native } from "../natives.js";

const clockMonotonic = /* @__PURE__ */ native("clock_monotonic");

const counts = new Map<string, number>();
const timers = new Map<string, number>();
let indent = "";

/** Inside console.group, every line of the message is indented. */
function log(level: number, args: unknown[]): void {
  // split/join, not a regular expression, which would bring the engine's RegExp into every plug-in that names console.
  logAt(level, indent === "" ? args : [indent + formatArguments(args).split("\n").join(`\n${indent}`)]);
}

function elapsed(label: string): string | undefined {
  const start = timers.get(label);
  if (start === undefined) return undefined;
  try {
    return `${label}: ${(clockMonotonic() - start).toFixed(3)}ms`;
  } catch {
    return `${label}: the time is unknown without a clock (build the plug-in with --wasi)`;
  }
}

function cell(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return `'${value}'`;
  return inspect(value, 1);
}

/** console.table's box drawing, as Node draws it. */
function renderTable(data: object, columns?: readonly string[]): string {
  const isMap = data instanceof Map;
  const isSet = data instanceof Set;
  const rows: Array<[string, unknown]> = isMap
    ? [...data.entries()].map(([key, value], index) => [String(index), { Key: key, Values: value }])
    : isSet
      ? [...data.values()].map((value, index) => [String(index), value])
      : Object.keys(data).map((key) => [key, (data as Record<string, unknown>)[key]]);
  const keys: string[] = [];
  let hasValues = false;
  const cells = rows.map(([, row]) => {
    const line: Record<string, string> = {};
    if (row !== null && typeof row === "object" && !isMap) {
      for (const key of Object.keys(row)) {
        if (!keys.includes(key)) keys.push(key);
        line[key] = cell((row as Record<string, unknown>)[key]);
      }
    } else if (isMap) {
      line.Key = cell((row as { Key: unknown }).Key);
      line.Values = cell((row as { Values: unknown }).Values);
    } else {
      hasValues = true;
      line.Values = cell(row);
    }
    return line;
  });
  const header = [isMap || isSet ? "(iteration index)" : "(index)", ...(isMap ? ["Key", "Values"] : [...(columns ?? keys), ...(hasValues ? ["Values"] : [])])];
  const body = rows.map(([index], i) => [index, ...header.slice(1).map((key) => cells[i]![key] ?? "")]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((line) => line[column]!.length)) + 2);
  const rule = (left: string, middle: string, right: string): string => left + widths.map((width) => "─".repeat(width)).join(middle) + right;
  const line = (values: string[]): string => `│${values.map((value, column) => ` ${value.padEnd(widths[column]! - 1)}`).join("│")}│`;
  return [rule("┌", "┬", "┐"), line(header), rule("├", "┼", "┤"), ...body.map(line), rule("└", "┴", "┘")].join("\n");
}

// Methods, not closures made by a helper call: an object literal of methods
// is pure, so a bundle that never uses console drops it and its natives.
/** console, writing to the host's log at the matching Extism level. */
export const console = {
  trace(...args: unknown[]): void {
    log(0, args);
  },
  debug(...args: unknown[]): void {
    log(1, args);
  },
  log(...args: unknown[]): void {
    log(2, args);
  },
  info(...args: unknown[]): void {
    log(2, args);
  },
  warn(...args: unknown[]): void {
    log(3, args);
  },
  error(...args: unknown[]): void {
    log(4, args);
  },
  dir(value: unknown): void {
    log(2, [inspect(value, 1)]);
  },
  dirxml(...args: unknown[]): void {
    log(2, args);
  },
  assert(condition?: unknown, ...args: unknown[]): void {
    if (condition) return;
    if (typeof args[0] === "string") log(4, [`Assertion failed: ${args[0]}`, ...args.slice(1)]);
    else log(4, ["Assertion failed", ...args]);
  },
  count(label: unknown = "default"): void {
    const name = String(label);
    const count = (counts.get(name) ?? 0) + 1;
    counts.set(name, count);
    log(2, [`${name}: ${count}`]);
  },
  countReset(label: unknown = "default"): void {
    const name = String(label);
    if (counts.has(name)) counts.set(name, 0);
    else log(3, [`Count for '${name}' does not exist`]);
  },
  time(label: unknown = "default"): void {
    const name = String(label);
    if (timers.has(name)) {
      log(3, [`Timer '${name}' already exists`]);
      return;
    }
    let start: number;
    try {
      start = clockMonotonic();
    } catch {
      start = Number.NaN;
    }
    timers.set(name, start);
  },
  timeLog(label: unknown = "default", ...args: unknown[]): void {
    const line = elapsed(String(label));
    log(line === undefined ? 3 : 2, line === undefined ? [`Timer '${String(label)}' does not exist`] : [line, ...args]);
  },
  timeEnd(label: unknown = "default"): void {
    const line = elapsed(String(label));
    timers.delete(String(label));
    log(line === undefined ? 3 : 2, [line ?? `Timer '${String(label)}' does not exist`]);
  },
  table(data?: unknown, columns?: readonly string[]): void {
    if (data === null || typeof data !== "object") log(2, [data]);
    else log(2, [renderTable(data, columns)]);
  },
  group(...args: unknown[]): void {
    if (args.length > 0) log(2, args);
    indent += "  ";
  },
  groupCollapsed(...args: unknown[]): void {
    this.group(...args);
  },
  groupEnd(): void {
    indent = indent.slice(2);
  },
  clear(): void {},
};
