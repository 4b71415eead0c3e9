import type { HttpMock } from "./http.js";
import type { Mock } from "./mock.js";

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error";

/** A line the plug-in logged. */
export interface LogEntry {
  level: LogLevel;
  message: string;
}

/** A mock with the import it stands for. */
export interface ProvidedFunction {
  namespace: string;
  name: string;
  mock: Mock;
}

/** What a host needs from the test: what to provide, where to report. */
export interface Session {
  functions: ProvidedFunction[];
  /** Present when the test mocks HTTP. */
  http: HttpMock | undefined;
  logs: LogEntry[];
  /**
   * Record a failure on the host's side of the call (a mock that threw, a
   * request no route answers): the call then fails with it, whatever the
   * plug-in made of the zero value the host handed it instead.
   */
  fail(error: unknown, context?: string): void;
}

export type CallOutcome = { ok: true; output: Uint8Array } | { ok: false; message: string; code?: number };

/** One plug-in instance on one host. */
export interface HostInstance {
  call(name: string, input: Uint8Array): Promise<CallOutcome>;
  readVar(key: string): Uint8Array | undefined;
  varKeys(): string[];
  close(): Promise<void>;
}

/** The options a host reads, already checked. */
export interface HostOptions {
  config: Record<string, string>;
  wasi: boolean;
  allowedHosts: string[];
  timeoutMs: number | undefined;
  memoryMaxPages: number | undefined;
  httpResponseHeaders: boolean;
  logLevel: LogLevel | "off";
  python: string;
}

export function hostFunctionName(fn: { namespace: string; name: string }): string {
  return `${fn.namespace}::${fn.name}`;
}

/**
 * The return code in an extism-ts plug-in's error text, and the text without
 * it: the first line of a PluginError's ends in "(return code N)", a raw
 * export's failure without a message reads "<name> returned N". Used where the
 * host does not report return codes (@extism/extism): anything else failed
 * with -1, as every other error of an extism-ts plug-in does.
 */
export function readReturnCode(text: string): { message: string; code: number } {
  const end = text.indexOf("\n");
  const head = end < 0 ? text : text.slice(0, end);
  const coded = / \(return code (-?\d+)\)$/.exec(head);
  if (coded) return { message: head.slice(0, coded.index) + text.slice(head.length), code: Number(coded[1]) };
  const returned = /^\S+ returned (-?\d+)$/.exec(text);
  return { message: text, code: returned ? Number(returned[1]) : -1 };
}
