import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// The native harness (packages/engine/native): the bridge, QuickJS-NG and a
// model of the Extism kernel compiled with gcc under AddressSanitizer and
// UndefinedBehaviorSanitizer, 32-bit as in wasm32, and 64-bit, where
// LeakSanitizer runs too. Every fuzz target's corpus is replayed here, so a
// regression in the C shows without a fuzzing engine.
const nativeDir = join(import.meta.dirname, "../native");
const corpusDir = join(nativeDir, "corpus");
const targets = readdirSync(join(nativeDir, "targets"))
  .filter((name) => name.endsWith(".c"))
  .map((name) => name.slice(0, -2));

const env = {
  ...process.env,
  // Lengths a host may report can exceed what the harness's allocator gives: the bridge must get NULL, not an abort.
  ASAN_OPTIONS: "allocator_may_return_null=1:detect_leaks=1",
  UBSAN_OPTIONS: "print_stacktrace=1:halt_on_error=1",
  EXTISM_TS_HARNESS_DEEP: "1",
};

interface Build {
  arch: number;
  binaries: Record<string, string>;
}
const builds: Build[] = [];
let binaries: Record<string, string>;

function build(args: string[]): Build {
  const built = spawnSync("node", [join(nativeDir, "build.mjs"), "--json", ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (built.status !== 0) throw new Error(`the native harness did not build:\n${built.stderr}`);
  return JSON.parse(built.stdout.trim().split("\n").pop()!) as Build;
}

beforeAll(() => {
  const narrow = build([]);
  builds.push(narrow);
  // Where no 32-bit C library could be installed, the first build is 64-bit already.
  if (narrow.arch === 32) builds.push(build(["--m64"]));
  binaries = narrow.binaries;
}, 1_800_000);

/** The last lines of a failed run, where the sanitizer or the harness says what went wrong. */
const tail = (text: string) => text.split("\n").filter((line) => !line.startsWith("replay: ")).slice(-40).join("\n");

describe("the native harness", () => {
  for (const target of targets) {
    it(`replays the ${target} corpus with no sanitizer finding or mismatch`, () => {
      const files = readdirSync(join(corpusDir, target)).filter((name) => !name.startsWith("."));
      for (const { arch, binaries } of builds) {
        const run = spawnSync(binaries[target]!, [join(corpusDir, target)], { env, encoding: "utf8", maxBuffer: 1 << 26 });
        const last = run.stderr.split("\n").filter((line) => line.startsWith("replay: ")).pop();
        expect(run.status, `${target} (${arch}-bit) stopped at ${last}:\n${tail(run.stderr)}`).toBe(0);
        expect(run.stdout).toContain(`replayed ${files.length} inputs`);
      }
    }, 600_000);
  }

  describe("test driver", () => {
    const bundle = (source: string) => {
      const path = join(mkdtempSync(join(tmpdir(), "extism-ts-native-")), "bundle.js");
      writeFileSync(path, source);
      return path;
    };
    const drive = (args: string[], source: string) => {
      const run = spawnSync(binaries.driver!, [...args, bundle(source)], { env, encoding: "utf8" });
      expect(run.status, tail(run.stderr)).toBe(0);
      return JSON.parse(run.stdout) as { code: number; output: string | null; error: string | null; logs: [string, string][]; liveBlocks: number };
    };
    const echo = `const input = __extism_ts_native("input"), output = __extism_ts_native("output");
      globalThis.__extism_ts_exports = { run() { output(input()); return 0; } };`;

    it("runs an export against the kernel model", () => {
      expect(drive(["--input-hex", "616263"], echo)).toMatchObject({ code: 0, output: "616263", error: null });
    });

    it("refuses an input longer than a 32-bit plug-in can hold with an error that names it", () => {
      const result = drive(["--input-hex", "616263", "--input-length", String(2 ** 32 + 3)], echo);
      expect(result.code).toBe(-1);
      expect(result.error).toMatch(/^RangeError: .*4294967299 bytes of input/);
    });

    it("turns a refused allocation into a catchable error", () => {
      const source = `const input = __extism_ts_native("input"), output = __extism_ts_native("output");
        globalThis.__extism_ts_exports = { run() { try { output(input()); } catch (error) { return error instanceof RangeError ? 7 : 8; } return 0; } };`;
      expect(drive(["--input-hex", "616263", "--fail-alloc-after", "0"], source)).toMatchObject({ code: 7, output: null });
    });

    it("ends in a whole init report or one that says out of memory, whichever allocation of the report fails", async () => {
      const source = bundle(echo.replace("return 0; } };", "return 0; }, second() { return 0; } };"));
      const count = (args: string[]) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          // A failed init keeps the bundle's text (the build discards the instance): no leak check here.
          const child = spawn(binaries.driver!, ["--init-allocations", ...args, source], { env: { ...env, ASAN_OPTIONS: "allocator_may_return_null=1:detect_leaks=0" } });
          let stdout = "", stderr = "";
          child.stdout.on("data", (chunk) => (stdout += chunk));
          child.stderr.on("data", (chunk) => (stderr += chunk));
          child.on("close", (status) => resolve({ status, stdout, stderr }));
        });
      // Table indices are addresses natively: what must survive is which fields and items the report has.
      const shape = (report: Record<string, unknown>) =>
        JSON.stringify(report, (key, value: unknown) => (typeof value === "number" && key !== "cancelledTimers" ? 0 : value));
      const clean = await count([]);
      expect(clean.status, tail(clean.stderr)).toBe(0);
      const { allocations, beforeExports, report } = JSON.parse(clean.stdout) as { allocations: number; beforeExports: number; report: Record<string, unknown> };
      expect(report.exports).toEqual(["run", "second"]);
      const failures: string[] = [];
      let next = beforeExports;
      const worker = async () => {
        for (let at = next++; at < allocations; at = next++) {
          const run = await count(["--fail-init-alloc-at", String(at)]);
          if (run.status === 0) {
            const partial = (JSON.parse(run.stdout) as { report: Record<string, unknown> }).report;
            if (shape(partial) !== shape(report)) failures.push(`allocation ${at} refused: a partial report ${run.stdout.slice(0, 160)}`);
          } else if (run.status !== 2 || !/the harness bundle failed: \{"stage":"(exports|report)","error":"[^"]*out of memory/.test(run.stderr)) {
            failures.push(`allocation ${at} refused: exit ${run.status}\n${tail(run.stderr)}`);
          }
        }
      };
      await Promise.all([worker(), worker()]);
      expect(failures.slice(0, 5).join("\n")).toBe("");
    }, 600_000);

    it("reads an empty config value as absent and an empty key as a key, as the kernel answers them", () => {
      const source = `const config = __extism_ts_native("config_get"), output = __extism_ts_native("output");
        globalThis.__extism_ts_exports = { run() { output(String(config("empty")) + "," + String(config("")?.length)); return 0; } };`;
      const result = drive(["--config", "empty=", "--config", "=xy"], source);
      expect(Buffer.from(result.output!, "hex").toString()).toBe("undefined,2");
    });
  });
});
