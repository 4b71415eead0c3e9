import { formatArguments } from "./format.js";
import { native } from "./natives.js";

/** Extism's log levels, as get_log_level numbers them. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error"] as const;

const senders = /* @__PURE__ */ (() => [
  native("log_trace"),
  native("log_debug"),
  native("log_info"),
  native("log_warn"),
  native("log_error"),
])();
const hostLevel = /* @__PURE__ */ native("log_level");

/** The host's level (0 trace .. 4 error), or undefined when the host has logging off. */
export function hostLogLevel(): number | undefined {
  const level = hostLevel();
  return level >= 0 && level <= 4 ? level : undefined;
}

/** Log at `level` (0..4); below the host's level nothing is formatted or sent. */
export function logAt(level: number, args: readonly unknown[]): void {
  if (level < hostLevel()) return;
  senders[level]!(formatArguments(args));
}
