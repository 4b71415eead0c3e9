import { logAt } from "../logging.js";

// Methods, not closures made by a helper call: an object literal of methods
// is pure, so a bundle that never uses console drops it and its natives.
/** console, writing to the host's log at the matching Extism level. */
export const console = {
  trace(...args: unknown[]): void {
    logAt(0, args);
  },
  debug(...args: unknown[]): void {
    logAt(1, args);
  },
  log(...args: unknown[]): void {
    logAt(2, args);
  },
  info(...args: unknown[]): void {
    logAt(2, args);
  },
  warn(...args: unknown[]): void {
    logAt(3, args);
  },
  error(...args: unknown[]): void {
    logAt(4, args);
  },
  assert(condition: unknown, ...args: unknown[]): void {
    if (!condition) logAt(4, ["Assertion failed", ...args]);
  },
};
