import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import createPlugin1 from "extism-js-1";
import createPlugin2 from "extism-js-2";
import { goHostBin, pythonBin, testDir } from "./paths.js";

/** A call's outcome; `code` is the return code where the host shows it (the Python SDK). */
export type CallResult = { ok: true; output: Uint8Array } | { ok: false; error: string; code?: number };

export interface HostCall {
  function: string;
  input?: Uint8Array | string;
}

/** Host functions the test hosts can provide, the same in every host. */
export type HostBehaviour =
  | "append_bang"
  | "combine"
  | "echo_i64"
  | "echo_bytes"
  | "make_bytes"
  | "fails"
  // The official JS PDK's host_funcs example: each refuses any other value than the example passes (JS and Go hosts).
  | "capitalize"
  | "float_inputs"
  | "float_output"
  | "void_inputs";

export interface HostFunction {
  namespace?: string;
  name: string;
  behaviour: HostBehaviour;
}

export type LogLevelName = "trace" | "debug" | "info" | "warn" | "error" | "off";

export interface HostOptions {
  config?: Record<string, string>;
  wasi?: boolean;
  /** The host's log level; logs arrive in `logs` as "LEVEL message" lines. */
  logLevel?: LogLevelName;
  logs?: string[];
  hostFunctions?: HostFunction[];
  allowedHosts?: string[];
  /** Let the plug-in see HTTP response headers (hosts that support it). */
  httpResponseHeaders?: boolean;
  /** The host's limits (not in @extism/extism 1.x). */
  limits?: HostLimits;
}

export interface HostLimits {
  maxPages?: number;
  maxVarBytes?: number;
  maxHttpResponseBytes?: number;
  timeoutMs?: number;
}

interface CallContextLike {
  read(offset: bigint): { text(): string; bytes(): Uint8Array } | null;
  store(value: string | Uint8Array): bigint;
}

/** The example's values: f64, f32, i32 and i64 (2^63 - 1, which the plug-in passes as the number 2^63). */
const example = { f64: 9_007_199_254_740.125, f32: 314_567.5, i32: 2_147_483_647, i64: 9_223_372_036_854_775_807n };

function expectValues(name: string, received: unknown[], expected: unknown[]): void {
  if (received.some((value, i) => value !== expected[i])) throw new Error(`${name} received ${received.map(String).join(", ")}`);
}

const jsBehaviours: Record<HostBehaviour, (context: CallContextLike, ...args: Array<bigint | number>) => bigint | number | undefined> = {
  append_bang: (context, offset) => context.store(`${context.read(offset as bigint)!.text()}!`),
  combine: (context, offset, count, value) =>
    context.store(JSON.stringify({ text: context.read(offset as bigint)!.text(), count, value })),
  echo_i64: (_context, value) => value as bigint,
  // Offset 0 is how a plug-in (the Rust PDK's included) passes empty bytes.
  echo_bytes: (context, offset) => context.store(context.read(offset as bigint)?.bytes().slice() ?? new Uint8Array()),
  make_bytes: (context, count) => context.store(new Uint8Array(Number(count)).map((_, i) => i & 0xff)),
  fails: () => {
    throw new Error("the host says no");
  },
  capitalize: (context, offset) => {
    const name = context.read(offset as bigint)!.text();
    return context.store(name.charAt(0).toUpperCase() + name.slice(1));
  },
  float_inputs: (_context, ...args) => (expectValues("float_inputs", args, [example.f64, example.f32]), example.i32),
  float_output: (_context, ...args) => (expectValues("float_output", args, [example.i32]), example.f64),
  void_inputs: (_context, ...args) => (expectValues("void_inputs", args, [example.i32, example.i64, example.f32, example.f64, example.i32]), undefined),
};

function jsFunctions(declared: HostFunction[] = []): Record<string, Record<string, (...args: never[]) => unknown>> {
  const functions: Record<string, Record<string, (...args: never[]) => unknown>> = {};
  for (const entry of declared) {
    (functions[entry.namespace ?? "extism:host/user"] ??= {})[entry.name] = jsBehaviours[entry.behaviour] as (...args: never[]) => unknown;
  }
  return functions;
}

function bytesOf(input: Uint8Array | string | undefined): Uint8Array {
  if (typeof input === "string") return new TextEncoder().encode(input);
  if (!input) return new Uint8Array();
  // @extism/extism 1.0.3 sends a view's whole underlying buffer as the input
  // (a subarray of 30 bytes arrives as the 8 KiB it is part of): pass a copy.
  return input.byteOffset === 0 && input.byteLength === input.buffer.byteLength ? input : input.slice();
}

/** A host that runs a list of calls on one plug-in instance. */
export interface Host {
  name: string;
  run(wasmPath: string, calls: HostCall[], options?: HostOptions): Promise<CallResult[]>;
}

function jsHost(name: string, create: typeof createPlugin2): Host {
  return {
    name,
    async run(wasmPath, calls, options = {}) {
      const capture =
        (level: string) =>
        (...args: unknown[]): void => {
          options.logs?.push(`${level} ${args.join(" ")}`);
        };
      const logger = { trace: capture("TRACE"), debug: capture("DEBUG"), info: capture("INFO"), warn: capture("WARN"), error: capture("ERROR"), log: capture("INFO") };
      const plugin = await create(
        { wasm: [{ data: readFileSync(wasmPath) }] },
        {
          useWasi: options.wasi ?? false,
          config: options.config ?? {},
          logger: logger as unknown as Console,
          functions: jsFunctions(options.hostFunctions),
          allowedHosts: options.allowedHosts ?? [],
          // The JS SDK makes HTTP requests and enforces timeouts only from a worker.
          runInWorker: (options.allowedHosts ?? []).length > 0 || options.limits?.timeoutMs !== undefined,
          memory: {
            maxPages: options.limits?.maxPages,
            maxVarBytes: options.limits?.maxVarBytes,
            maxHttpResponseBytes: options.limits?.maxHttpResponseBytes,
          },
          ...(options.limits?.timeoutMs === undefined ? {} : { timeoutMs: options.limits.timeoutMs }),
          allowHttpResponseHeaders: options.httpResponseHeaders ?? false,
          ...(options.logLevel ? { logLevel: options.logLevel === "off" ? "silent" : options.logLevel } : {}),
        } as Parameters<typeof createPlugin2>[1],
      );
      const results: CallResult[] = [];
      try {
        for (const call of calls) {
          try {
            const output = await plugin.call(call.function, bytesOf(call.input));
            results.push({ ok: true, output: output ? output.bytes().slice() : new Uint8Array() });
          } catch (error) {
            results.push({ ok: false, error: (error as Error).message });
          }
        }
      } finally {
        await plugin.close();
      }
      return results;
    },
  };
}

/** @extism/extism 1.0.3, what `npm install @extism/extism` gives (V8). */
export const jsSdk1 = jsHost("@extism/extism 1.0.3", createPlugin1 as unknown as typeof createPlugin2);
/** @extism/extism 2.0 release candidate (V8). */
export const jsSdk2 = jsHost("@extism/extism 2.0.0-rc13", createPlugin2);

/** Run a host program without blocking this process (a test's HTTP server may live here). */
function runProcess(command: string, args: string[], input: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The request that python_host.py and the Go host read on stdin. */
function processRequest(wasmPath: string, calls: HostCall[], options: HostOptions) {
  return {
    wasm: wasmPath,
    wasi: options.wasi ?? false,
    config: options.config ?? {},
    log_level: options.logLevel ?? null,
    host_functions: options.hostFunctions ?? [],
    allowed_hosts: options.allowedHosts ?? [],
    http_response_headers: options.httpResponseHeaders ?? false,
    memory: {
      max_pages: options.limits?.maxPages,
      max_var_bytes: options.limits?.maxVarBytes,
      max_http_response_bytes: options.limits?.maxHttpResponseBytes,
    },
    timeout_ms: options.limits?.timeoutMs ?? null,
    calls: calls.map((call) => ({ function: call.function, input: Buffer.from(bytesOf(call.input)).toString("base64") })),
  };
}

interface ProcessResponse {
  results: Array<{ ok: boolean; output?: string; error?: string; code?: number | null }>;
  logs?: string;
}

function processResults(response: ProcessResponse): CallResult[] {
  return response.results.map((result) =>
    result.ok
      ? { ok: true as const, output: new Uint8Array(Buffer.from(result.output!, "base64")) }
      : { ok: false as const, error: result.error!, ...(result.code == null ? {} : { code: result.code }) },
  );
}

/** The Python `extism` SDK: the reference Rust runtime on wasmtime. */
export const pythonSdk: Host = {
  name: "python extism 1.1.1",
  async run(wasmPath, calls, options = {}) {
    const child = await runProcess(pythonBin, [join(testDir, "support/python_host.py")], JSON.stringify(processRequest(wasmPath, calls, options)));
    if (child.status !== 0) throw new Error(`python host failed (${child.status}): ${child.stderr}`);
    const response = JSON.parse(child.stdout) as ProcessResponse;
    for (const line of (response.logs ?? "").split("\n")) {
      // The runtime's log lines read "<time> <LEVEL> <target>: <message>".
      const match = /\b(TRACE|DEBUG|INFO|WARN|ERROR)\b\s+(?:[\w:]+:\s)?(.*?)(?: plugin="[^"]*")?$/.exec(line);
      if (match) options.logs?.push(`${match[1]} ${match[2]}`);
    }
    return processResults(response);
  },
};

/**
 * The Go SDK (github.com/extism/go-sdk 1.7.1 on wazero), through
 * test/support/go-host, which global-setup builds into test/.go-host/.
 * The SDK returns a non-zero return code without an error when the plug-in
 * set no message; the Go host fails such a call, as the other non-JS hosts do.
 */
export const goSdk: Host = {
  name: "go-sdk 1.7.1",
  async run(wasmPath, calls, options = {}) {
    const child = await runProcess(goHostBin, [], JSON.stringify(processRequest(wasmPath, calls, options)));
    if (child.status !== 0) throw new Error(`go host failed (${child.status}): ${child.stderr}`);
    const response = JSON.parse(child.stdout) as ProcessResponse;
    // Lines read "LEVEL message"; a message's own line breaks continue the entry before.
    const entries: string[] = [];
    for (const line of (response.logs ?? "").replace(/\n$/, "").split("\n")) {
      if (/^(TRACE|DEBUG|INFO|WARN|ERROR) /.test(line) || entries.length === 0) entries.push(line);
      else entries[entries.length - 1] += `\n${line}`;
    }
    if (response.logs) options.logs?.push(...entries);
    return processResults(response);
  },
};

export const allHosts: Host[] = [jsSdk1, jsSdk2, pythonSdk];

/**
 * Hosts with the whole current ABI. @extism/extism 1.0.3 lacks log_trace,
 * get_log_level and http_headers, so it cannot load a plug-in that logs.
 */
export const currentHosts: Host[] = [jsSdk2, pythonSdk];

/** Every host of the conformance matrix (test/conformance.test.ts): three independent runtimes. */
export const conformanceHosts: Host[] = [jsSdk1, jsSdk2, pythonSdk, goSdk];

export function text(result: CallResult | undefined): string {
  if (!result) throw new Error("no result");
  if (!result.ok) throw new Error(`call failed: ${result.error}`);
  return new TextDecoder().decode(result.output);
}
