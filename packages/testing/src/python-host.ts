import { spawn, type ChildProcess } from "node:child_process";
import type { Socket } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { hostFunctionName, readReturnCode, type CallOutcome, type HostInstance, type HostOptions, type LogEntry, type Session } from "./host.js";
import { invokeMock, wasmTypeOf, type RawValue } from "./mock.js";

/** The script that runs the plug-in in the Python SDK (shipped next to dist/). */
const script = fileURLToPath(new URL("../python/host.py", import.meta.url));

/** A wasm value in JSON: i64 as a decimal string (beyond 2^53), floats that JSON lacks as "NaN"/"Infinity". */
type WireValue = number | string | { bytes: string };

type Message =
  | { type: "ready" }
  | { type: "fatal"; error: string }
  | { type: "host"; index: number; args: WireValue[] }
  | { type: "http"; request: { url: string; method?: string; headers?: Record<string, string> }; body: string | null }
  | {
      type: "result";
      ok: boolean;
      output?: string;
      error?: string;
      code?: number | null;
      logs: LogEntry[];
      vars: Record<string, string>;
    };

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");
const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64"));

function fromWire(value: WireValue): RawValue {
  if (typeof value === "object") return fromBase64(value.bytes);
  return typeof value === "string" && /^-?\d+$/.test(value) ? BigInt(value) : Number(value);
}

function toWire(value: RawValue | undefined): WireValue | null {
  if (value === undefined) return null;
  if (value instanceof Uint8Array) return { bytes: base64(value) };
  return typeof value === "bigint" || !Number.isFinite(value) ? String(value) : value;
}

/** The Python process's messages, one JSON object a line on its fd 4. */
class Inbox {
  readonly #waiting: Array<{ resolve(message: Message): void; reject(error: Error): void }> = [];
  readonly #queued: Message[] = [];
  #closed: Error | undefined;

  constructor(child: ChildProcess, stderr: () => string) {
    createInterface({ input: child.stdio[4] as Socket }).on("line", (line) => {
      const message = JSON.parse(line) as Message;
      const waiter = this.#waiting.shift();
      if (waiter) waiter.resolve(message);
      else this.#queued.push(message);
    });
    child.on("close", (status, signal) => {
      this.#closed = new Error(`the Python host exited (${signal ?? status})${stderr() ? `: ${stderr().trim()}` : ""}`);
      for (const waiter of this.#waiting.splice(0)) waiter.reject(this.#closed);
    });
  }

  next(): Promise<Message> {
    const queued = this.#queued.shift();
    if (queued) return Promise.resolve(queued);
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }
}

/** The handles that keep Node running: held only while a call runs, so an idle plug-in never blocks exit. */
function hold(child: ChildProcess, held: boolean): void {
  for (const handle of [child, child.stdio[2], child.stdio[3], child.stdio[4]] as Array<{ ref?(): void; unref?(): void } | null>) {
    if (held) handle?.ref?.();
    else handle?.unref?.();
  }
}

/**
 * The plug-in in the Python `extism` SDK (the reference Rust runtime), in a
 * Python process of its own that calls back here for mocks and mocked HTTP.
 */
export async function startPythonInstance(wasmPath: string, options: HostOptions, session: Session): Promise<HostInstance> {
  const child = spawn(options.python, [script], { stdio: ["ignore", "inherit", "pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const started = new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "ENOENT"
            ? `cannot start the Python host: ${options.python} is not installed (pass the interpreter that has the extism package as \`python\`)`
            : `cannot start the Python host (${options.python}): ${error.message}`,
        ),
      ),
    );
  });
  await started;
  // A write to a host that has exited (the extism package missing, a crash) fails on the socket;
  // the Inbox reports the exit itself, with the host's stderr.
  for (const stream of [child.stdio[3], child.stdio[4]] as Array<Socket | null>) stream?.on("error", () => undefined);
  const inbox = new Inbox(child, () => stderr);
  const send = (message: unknown): void => {
    (child.stdio[3] as Socket).write(`${JSON.stringify(message)}\n`);
  };
  let vars: Record<string, string> = {};

  send({
    op: "load",
    wasm: wasmPath,
    wasi: options.wasi,
    config: options.config,
    allowed_hosts: options.allowedHosts,
    memory_max_pages: options.memoryMaxPages ?? null,
    timeout_ms: options.timeoutMs ?? null,
    log_level: options.logLevel,
    http_mock: session.http !== undefined,
    http_response_headers: options.httpResponseHeaders,
    host_functions: session.functions.map(({ namespace, name, mock }) => ({
      namespace,
      name,
      params: mock.params.map((param) => (typeof param === "string" ? param : "bytes")),
      result: mock.result === null ? null : typeof mock.result === "string" ? wasmTypeOf(mock.result) : "bytes",
    })),
  });
  const loaded = await inbox.next().catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });
  if (loaded.type !== "ready") {
    child.kill();
    throw new Error(loaded.type === "fatal" ? loaded.error : `the Python host answered ${JSON.stringify(loaded)} to load`);
  }
  hold(child, false);

  async function answerHost(message: Extract<Message, { type: "host" }>): Promise<unknown> {
    const provided = session.functions[message.index]!;
    try {
      return { result: toWire(await invokeMock(provided.mock, message.args.map(fromWire))) };
    } catch (error) {
      session.fail(error, `host function ${hostFunctionName(provided)} failed`);
      return { error: true };
    }
  }

  async function answerHttp(message: Extract<Message, { type: "http" }>): Promise<unknown> {
    try {
      const answer = await session.http!.answer({
        method: message.request.method ?? "GET",
        url: message.request.url,
        headers: message.request.headers ?? {},
        body: message.body === null ? null : fromBase64(message.body),
      });
      return { status: answer.status, headers: answer.headers, body: base64(answer.body) };
    } catch (error) {
      session.fail(error);
      return { error: true };
    }
  }

  let running: string | undefined;
  let closedWhile: string | undefined;
  return {
    async call(name, input): Promise<CallOutcome> {
      hold(child, true);
      running = name;
      try {
        send({ op: "call", function: name, input: base64(input) });
        for (;;) {
          const message = await inbox.next();
          if (message.type === "host") send(await answerHost(message));
          else if (message.type === "http") send(await answerHttp(message));
          else if (message.type === "result") {
            session.logs.push(...message.logs);
            vars = message.vars;
            if (message.ok) return { ok: true, output: fromBase64(message.output ?? "") };
            // The code is reported; the text loses it, to read the same as on the JS host.
            const { message: text } = readReturnCode(message.error ?? "");
            return { ok: false, message: text, ...(message.code == null ? {} : { code: message.code }) };
          } else throw new Error(`the Python host sent ${JSON.stringify(message)} during a call`);
        }
      } catch (error) {
        if (closedWhile !== undefined) return { ok: false, message: `the plug-in was closed while ${closedWhile} ran` };
        // A host in an unknown state runs nothing more.
        child.kill("SIGKILL");
        throw error;
      } finally {
        running = undefined;
        hold(child, false);
      }
    },
    readVar: (key) => (key in vars ? fromBase64(vars[key]!) : undefined),
    varKeys: () => Object.keys(vars).sort(),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      hold(child, true);
      const exited = new Promise((resolve) => child.once("close", resolve));
      if (running === undefined) {
        (child.stdio[3] as Socket).end();
      } else {
        // A call that runs ends with the process: the runtime cannot be interrupted from here.
        closedWhile = running;
        child.kill("SIGKILL");
      }
      await exited;
    },
  };
}
