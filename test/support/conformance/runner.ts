// Runs the conformance matrix's cases (./cases.ts) on every host and judges
// each call: the expected bytes or error, and the same answer on every host
// that ran it. A host that lacks an import the plug-in needs is "not
// supported", and only when its load error names that import.
import { readFileSync } from "node:fs";
import { inspectModule, type Inspection } from "@extism-ts/cli";
import type { CallResult } from "../hosts.js";
import { appWasm } from "../paths.js";
import { apps, hosts, type AppSpec, type Bytes, type Case, type Instance, type MatrixHost } from "./cases.js";

type Outcome =
  | { kind: "result"; result: CallResult }
  | { kind: "unsupported"; reason: string }
  | { kind: "load-failed"; error: string };

export type Status = "pass" | "fail" | "unsupported";

export interface Verdict {
  status: Status;
  /** Why: a failure's explanation, or what the host lacks. */
  reason?: string;
}

const inspections = new Map<string, Inspection>();
function inspect(app: string): Inspection {
  let inspection = inspections.get(app);
  if (!inspection) {
    inspection = inspectModule(readFileSync(appWasm(app)));
    inspections.set(app, inspection);
  }
  return inspection;
}

/** The plug-in's imports from extism:host/env. */
export function envImports(app: string): string[] {
  return inspect(app)
    .imports.filter((entry) => entry.module === "extism:host/env")
    .map((entry) => entry.name);
}

export function wasmExports(app: string): string[] {
  return [...inspect(app).exports].sort();
}

/**
 * A load error counts as "not supported" only when the plug-in imports
 * something the host is known to lack and the host's error names it.
 */
function classifyLoadError(app: string, matrixHost: MatrixHost, error: string): Outcome {
  const missing = matrixHost.lacks.filter((name) => envImports(app).includes(name));
  const named = missing.find((name) => error.includes(`"${name}"`) || error.includes(`'${name}'`) || new RegExp(`\\b${name}\\b`).test(error));
  if (named) {
    return { kind: "unsupported", reason: `${matrixHost.host.name} has no ${missing.map((name) => `\`${name}\``).join(", ")} (load error: import \`${named}\`)` };
  }
  return { kind: "load-failed", error };
}

/** A host that hangs fails its cases instead of the whole suite. */
function withTimeout<T>(promise: Promise<T>, what: string, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runInstance(app: string, matrixHost: MatrixHost, instance: Instance): Promise<{ outcomes: Outcome[]; logs: string[] }> {
  const logs: string[] = [];
  const calls = instance.cases.map((entry) => ({
    function: entry.fn,
    input: typeof entry.input === "function" ? entry.input(http.base) : entry.input,
  }));
  const options = instance.options?.() ?? {};
  try {
    if (matrixHost.probeOutsideWorker && (options.allowedHosts ?? []).length > 0) {
      // In a worker (which HTTP needs), @extism/extism 1.0.3 never settles when
      // the module fails to link: load it in-process first to see the error.
      await withTimeout(matrixHost.host.run(appWasm(app), [], { ...options, allowedHosts: [] }), `${matrixHost.host.name} loading ${app}`);
    }
    const results = await withTimeout(matrixHost.host.run(appWasm(app), calls, { ...options, logs }), `${matrixHost.host.name} running ${app}`);
    return { outcomes: results.map((result) => ({ kind: "result", result })), logs };
  } catch (error) {
    const outcome = classifyLoadError(app, matrixHost, (error as Error).message);
    return { outcomes: instance.cases.map(() => outcome), logs };
  }
}

const asBytes = (value: Bytes) => (typeof value === "string" ? new TextEncoder().encode(value) : value);
const equalBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
const show = (bytes: Uint8Array) => {
  const text = Buffer.from(bytes).toString("utf8");
  return /^[\x20-\x7e]*$/.test(text) && !text.includes("\ufffd") ? JSON.stringify(text) : `hex ${Buffer.from(bytes).toString("hex")}`;
};
const firstLine = (message: string) => message.split("\n")[0]!.slice(0, 160);

function judge(entry: Case, matrixHost: MatrixHost, outcome: Outcome): Verdict {
  if (outcome.kind === "unsupported") return { status: "unsupported", reason: outcome.reason };
  if (outcome.kind === "load-failed") return { status: "fail", reason: `did not load: ${firstLine(outcome.error)}` };
  const { result } = outcome;
  const expected = entry.expect;
  if ("output" in expected) {
    if (!result.ok) return { status: "fail", reason: `failed: ${firstLine(result.error)}` };
    const want = asBytes(expected.output);
    return equalBytes(result.output, want) ? { status: "pass" } : { status: "fail", reason: `gave ${show(result.output)}, not ${show(want)}` };
  }
  if (result.ok) return { status: "fail", reason: `succeeded with ${show(result.output)}` };
  if (expected.error !== null && !result.error.includes(expected.error)) {
    return { status: "fail", reason: `error lacks "${expected.error}": ${firstLine(result.error)}` };
  }
  const code = expected.code === undefined ? (expected.error === null ? null : -1) : expected.code;
  if (code !== null && result.code !== undefined && result.code !== code) return { status: "fail", reason: `return code ${result.code}, not ${code}` };
  return { status: "pass" };
}

/** All hosts that ran the call agree: same ok-or-failed, same output bytes. */
function crossCheck(entry: Case, verdicts: Verdict[], outcomes: Outcome[]): void {
  const ran = outcomes
    .map((outcome, index) => ({ outcome, verdict: verdicts[index]! }))
    .filter(({ outcome }) => outcome.kind === "result");
  const kinds = new Set(ran.map(({ outcome }) => (outcome.kind === "result" && outcome.result.ok ? show(outcome.result.output) : "failed")));
  if (kinds.size > 1) {
    for (const { verdict } of ran) {
      if (verdict.status === "pass") Object.assign(verdict, { status: "fail", reason: `hosts disagree on ${entry.fn} (${entry.label})` });
    }
  }
}

export interface CaseReport {
  app: string;
  entry: Case;
  verdicts: Verdict[];
}

export interface InstanceLogs {
  app: string;
  hostIndex: number;
  expected: string[];
  actual: string[];
}

/** Every case's verdicts on every host, in the order the apps ran. */
export const reports: CaseReport[] = [];
/** The log lines of each instance that checks its logs, on each host that ran it. */
export const logChecks: InstanceLogs[] = [];

/**
 * Each app's matrix, run once whichever tests a run picks: an app's own tests
 * need it, and the log and docs/conformance.md tests need every app's.
 */
const appRuns = new Map<string, Promise<Map<string, CaseReport[]>>>();

/** Where the test HTTP server listens, for the cases that call it; set before any app runs. */
export const http = { base: "" };

/** An app's matrix on every host: its case reports by export. */
export function runApp(spec: AppSpec): Promise<Map<string, CaseReport[]>> {
  const running = appRuns.get(spec.app);
  if (running) return running;
  const run = (async () => {
    const perExport = new Map<string, CaseReport[]>();
    // Hosts in parallel; each host's instances in order.
    const byHost = await Promise.all(
      hosts.map(async (matrixHost, hostIndex) => {
        const runs = [];
        for (const instance of spec.instances) {
          const run = await runInstance(spec.app, matrixHost, instance);
          if (instance.logs && run.outcomes.every((outcome) => outcome.kind === "result")) {
            logChecks.push({ app: spec.app, hostIndex, expected: instance.logs.expected, actual: run.logs.filter((line) => instance.logs!.filter.test(line)) });
          }
          runs.push(run.outcomes);
        }
        return runs;
      }),
    );
    spec.instances.forEach((instance, instanceIndex) => {
      instance.cases.forEach((entry, caseIndex) => {
        const outcomes = hosts.map((_, hostIndex) => byHost[hostIndex]![instanceIndex]![caseIndex]!);
        const verdicts = outcomes.map((outcome, hostIndex) => judge(entry, hosts[hostIndex]!, outcome));
        crossCheck(entry, verdicts, outcomes);
        const report = { app: spec.app, entry, verdicts };
        reports.push(report);
        perExport.set(entry.fn, [...(perExport.get(entry.fn) ?? []), report]);
      });
    });
    return perExport;
  })();
  appRuns.set(spec.app, run);
  return run;
}

/** Every app's matrix, one app at a time. */
export async function runEveryApp(): Promise<void> {
  for (const spec of apps) await runApp(spec);
}
