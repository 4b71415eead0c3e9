// `pnpm fuzz [target...] [--seconds N] [--parallel N] [--merge] [--m64]`: builds
// the libFuzzer targets (installing clang from Debian's packages when
// missing) and runs each for N seconds (default 60), starting from its
// checked-in corpus (corpus/<target>). New inputs collect in
// build/work/<target>; --merge adds those that reach new code to the
// checked-in corpus. A finding stops the run it happened in, is kept in
// build/findings/<target>, and the target runs on for the rest of its time.
// Prints per target: executions, time, coverage (edges, features), findings.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { build, TARGETS } from "./build.mjs";

const nativeDir = import.meta.dirname;
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const seconds = option("--seconds", 60);
const width = option("--parallel", 1);
const valued = new Set(["--seconds", "--parallel"]);
const named = argv.filter((arg, i) => !arg.startsWith("--") && !valued.has(argv[i - 1]));
const unknown = named.filter((name) => !TARGETS.includes(name));
if (unknown.length) {
  console.error(`no fuzz target ${unknown.join(", ")}; the targets are ${TARGETS.join(", ")}`);
  process.exit(2);
}
const targets = named.length ? named : TARGETS;

const { binaries, arch } = await build({ fuzz: true, arch: argv.includes("--m64") ? 64 : 32 });

export const sanitizerEnv = {
  // Huge allocations (lengths a host may report) answer NULL, which the bridge must handle, instead of aborting.
  // No allocation stacks while fuzzing (recording them took a quarter of the time): the replay of a finding has them.
  ASAN_OPTIONS: "allocator_may_return_null=1:malloc_context_size=0:quarantine_size_mb=16:detect_leaks=0",
  UBSAN_OPTIONS: "print_stacktrace=1:halt_on_error=1",
};

function runOnce(target, budget, work, findings) {
  return new Promise((resolve) => {
    const args = [`-max_total_time=${budget}`, "-timeout=20", "-rss_limit_mb=3072", "-max_len=1024", "-print_final_stats=1", `-artifact_prefix=${findings}/`, work, join(nativeDir, "corpus", target)];
    const child = spawn(binaries[target], args, { env: { ...process.env, ...sanitizerEnv }, stdio: ["ignore", "ignore", "pipe"] });
    let tail = "";
    const stats = { runs: 0, cov: 0, ft: 0, crashed: false, report: "" };
    child.stderr.on("data", (chunk) => {
      tail = (tail + chunk).slice(-200_000);
      for (const line of String(chunk).split("\n")) {
        const progress = /^#(\d+)\s.*cov: (\d+) ft: (\d+)/.exec(line);
        if (progress) Object.assign(stats, { runs: Number(progress[1]), cov: Number(progress[2]), ft: Number(progress[3]) });
        const executed = /^stat::number_of_executed_units: (\d+)/.exec(line);
        if (executed) stats.runs = Number(executed[1]);
      }
    });
    child.on("close", (code) => {
      stats.crashed = code !== 0;
      if (stats.crashed) stats.report = tail.split("\n").filter((line) => /^(harness|kernel model|SUMMARY|==\d+==ERROR|.*runtime error)/.test(line)).slice(0, 6).join("\n");
      resolve(stats);
    });
  });
}

async function fuzz(target) {
  const work = join(nativeDir, "build/work", target);
  const findings = join(nativeDir, "build/findings", target);
  mkdirSync(work, { recursive: true });
  mkdirSync(findings, { recursive: true });
  const started = Date.now();
  const total = { runs: 0, cov: 0, ft: 0, reports: [] };
  for (;;) {
    const left = Math.round(seconds - (Date.now() - started) / 1000);
    if (left < 1) break;
    const stats = await runOnce(target, left, work, findings);
    total.runs += stats.runs;
    total.cov = Math.max(total.cov, stats.cov);
    total.ft = Math.max(total.ft, stats.ft);
    if (stats.crashed) total.reports.push(stats.report || "(no report)");
    else break;
  }
  if (argv.includes("--merge")) {
    await new Promise((resolve) => spawn(binaries[target], ["-merge=1", join(nativeDir, "corpus", target), work], { env: { ...process.env, ...sanitizerEnv }, stdio: "ignore" }).on("close", resolve));
  }
  const elapsed = (Date.now() - started) / 1000;
  const files = readdirSync(findings);
  console.log(
    `${target}: ${total.runs} executions in ${elapsed.toFixed(0)} s (${Math.round(total.runs / elapsed)}/s), coverage ${total.cov} edges, ${total.ft} features; ` +
      `${total.reports.length} finding${total.reports.length === 1 ? "" : "s"} this run, ${files.length} kept in build/findings/${target}`,
  );
  for (const report of total.reports) console.log(`  ${report.replace(/\n/g, "\n  ")}`);
  return total.reports.length;
}

console.log(`fuzzing ${targets.join(", ")} for ${seconds} s each (${arch}-bit, libFuzzer, ASan+UBSan)`);
const queue = [...targets];
let found = 0;
await Promise.all(
  Array.from({ length: width }, async () => {
    while (queue.length) found += await fuzz(queue.shift());
  }),
);
process.exit(found ? 1 : 0);
