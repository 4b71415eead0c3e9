import { hostLogLevel, logAt } from "@extism-ts/engine";

/** Extism's log levels. */
export enum LogLevel {
  Trace = 0,
  Debug = 1,
  Info = 2,
  Warn = 3,
  Error = 4,
}

/**
 * Log at a level. Arguments are formatted the way console formats them;
 * below the host's level nothing is formatted or sent.
 */
export function log(level: LogLevel, ...args: unknown[]): void {
  if (!(level in LogLevel) || !Number.isInteger(level)) throw new RangeError(`log: unknown level ${String(level)}`);
  logAt(level, args);
}

export function trace(...args: unknown[]): void {
  logAt(LogLevel.Trace, args);
}
export function debug(...args: unknown[]): void {
  logAt(LogLevel.Debug, args);
}
export function info(...args: unknown[]): void {
  logAt(LogLevel.Info, args);
}
export function warn(...args: unknown[]): void {
  logAt(LogLevel.Warn, args);
}
export function error(...args: unknown[]): void {
  logAt(LogLevel.Error, args);
}

/** The host's log level, or undefined when the host has logging off. */
export function logLevel(): LogLevel | undefined {
  return hostLogLevel();
}
