// `pnpm bench` (after `turbo run build`): run every bench/suites/*.mjs in this process,
// print each result as a markdown table and write them, with machine info, to
// bench/results/latest.md. A suite returns { title, rows }, or { sections: [{ title, rows }, ..],
// files: { name: text } } to add more tables and files (written to bench/results/ too), and may
// add `targets` ([{ metric, target, measured, met, bar? }]) and `bars` (chart bars without a
// target): every suite's targets make one targets table, and with the bars results/chart.svg.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism, release, totalmem, type } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ratioChart } from "./lib/chart.mjs";
import { markdownTable, quietWasiWarning } from "./lib/markdown.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const suitesDir = join(benchDir, "suites");
const resultsDir = join(benchDir, "results");
const resultsFile = join(resultsDir, "latest.md");

// Packages whose versions the figures depend on (resolved from bench/node_modules).
const PACKAGES = [
  "@extism-ts/cli",
  "@extism-ts/pdk",
  "@extism-ts/convert",
  "@extism-ts/engine",
  "@extism-ts/host-fn",
  "@extism/as-pdk",
  "assemblyscript",
  "assemblyscript-json",
  "extism-js-1",
  "extism-js-2",
];

function cpuModel() {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => /^model name\s*:/.test(l));
    if (line) return line.split(":").slice(1).join(":").trim();
  } catch {}
  return "unknown";
}

function packageVersion(name) {
  const candidates = [join(benchDir, "node_modules", name, "package.json")];
  // The engine is a dependency of the CLI, not of bench.
  if (name === "@extism-ts/engine") candidates.unshift(join(benchDir, "node_modules/@extism-ts/cli/node_modules", name, "package.json"));
  for (const file of candidates) {
    try {
      const pkg = JSON.parse(readFileSync(file, "utf8"));
      return pkg.name === name ? pkg.version : `${pkg.name}@${pkg.version}`;
    } catch {}
  }
  return "not installed";
}

function machineInfo() {
  return [
    `- CPU: ${cpuModel()}, ${availableParallelism()} cores`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${type()} ${release()} (${process.arch})`,
    `- Node: ${process.version}`,
    ...PACKAGES.map((name) => `- ${name}: ${packageVersion(name)}`),
  ].join("\n");
}

/** The Python and extism SDK versions of test/.venv, which bench/python_bench.py runs on. */
function pythonInfo() {
  const python = join(benchDir, "../test/.venv/bin/python");
  const child = spawnSync(python, ["-c", "import sys, importlib.metadata as m; print(sys.version.split()[0], m.version('extism'))"], { encoding: "utf8" });
  if (child.status !== 0) return "- Python: not available";
  const [py, sdk] = child.stdout.trim().split(" ");
  return `- Python: ${py}\n- extism (Python SDK): ${sdk}`;
}

quietWasiWarning();
const suites = readdirSync(suitesDir).filter((f) => f.endsWith(".mjs")).sort();
if (!suites.length) throw new Error(`no suites in ${suitesDir}`);

const started = performance.now();
const sections = [];
const files = {};
const targets = [];
const bars = [];
let failed = 0;
for (const file of suites) {
  const suiteStart = performance.now();
  try {
    const { default: run } = await import(pathToFileURL(join(suitesDir, file)).href);
    if (typeof run !== "function") throw new Error(`${file} has no default export function`);
    const result = await run();
    for (const section of result.sections ?? [result]) {
      const table = markdownTable(section);
      console.log(table);
      sections.push(table);
    }
    Object.assign(files, result.files ?? {});
    targets.push(...(result.targets ?? []));
    bars.push(...(result.bars ?? []));
    console.log(`(${file}: ${((performance.now() - suiteStart) / 1000).toFixed(1)} s)\n`);
  } catch (error) {
    failed++;
    console.error(`suite ${file} failed:`, error);
  }
}
if (failed) {
  // Fail loudly and keep the last good results file.
  console.error(`${failed} suite(s) failed; ${relative(process.cwd(), resultsFile)} not updated`);
  process.exit(1);
}

if (targets.length) {
  const table = markdownTable({
    title: "targets (chart: results/chart.svg)",
    rows: targets.map(({ metric, target, measured, met }) => ({ metric, target, measured, "met?": met ? "yes" : "no" })),
  });
  console.log(table);
  sections.push(table);
  files["chart.svg"] = ratioChart({ title: "extism-ts: targets and workloads", bars: [...targets.flatMap((t) => (t.bar ? [t.bar] : [])), ...bars] });
}

const report = [
  "# extism-ts benchmarks",
  "",
  `Run with \`pnpm bench\` on ${new Date().toISOString()} (${((performance.now() - started) / 1000).toFixed(1)} s). See bench/README.md for what each figure means.`,
  "",
  ...sections,
  "## Machine",
  "",
  machineInfo(),
  pythonInfo(),
  "",
].join("\n");

// Write atomically: a failed or interrupted run never leaves a half-written latest.md.
for (const [name, content] of [...Object.entries(files), ["latest.md", report]]) {
  const path = join(resultsDir, name);
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
  console.log(`wrote ${relative(process.cwd(), path)}`);
}
