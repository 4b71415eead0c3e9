import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import createPlugin1 from "extism-js-1";
import createPlugin2 from "extism-js-2";
import { pythonBin, testDir } from "./paths.js";

export type CallResult = { ok: true; output: Uint8Array } | { ok: false; error: string };

export interface HostCall {
  function: string;
  input?: Uint8Array | string;
}

export interface HostOptions {
  config?: Record<string, string>;
  wasi?: boolean;
}

function bytesOf(input: Uint8Array | string | undefined): Uint8Array {
  return typeof input === "string" ? new TextEncoder().encode(input) : (input ?? new Uint8Array());
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
      const plugin = await create(
        { wasm: [{ data: readFileSync(wasmPath) }] },
        { useWasi: options.wasi ?? false, config: options.config ?? {} },
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

/** The Python `extism` SDK: the reference Rust runtime on wasmtime. */
export const pythonSdk: Host = {
  name: "python extism 1.1.1",
  async run(wasmPath, calls, options = {}) {
    const request = {
      wasm: wasmPath,
      wasi: options.wasi ?? false,
      config: options.config ?? {},
      calls: calls.map((call) => ({ function: call.function, input: Buffer.from(bytesOf(call.input)).toString("base64") })),
    };
    const child = spawnSync(pythonBin, [join(testDir, "support/python_host.py")], {
      input: JSON.stringify(request),
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`python host failed (${child.status}): ${child.stderr}`);
    const response = JSON.parse(child.stdout) as { results: Array<{ ok: boolean; output?: string; error?: string }> };
    return response.results.map((result) =>
      result.ok
        ? { ok: true as const, output: new Uint8Array(Buffer.from(result.output!, "base64")) }
        : { ok: false as const, error: result.error! },
    );
  },
};

export const allHosts: Host[] = [jsSdk1, jsSdk2, pythonSdk];

export function text(result: CallResult | undefined): string {
  if (!result) throw new Error("no result");
  if (!result.ok) throw new Error(`call failed: ${result.error}`);
  return new TextDecoder().decode(result.output);
}
