// Shared helpers for bench/run.mjs and the suites in bench/suites/.
import { pathToFileURL } from "node:url";

/** Render a suite result ({ title, rows }) as a markdown section with a table. */
export function markdownTable({ title, rows }) {
  const lines = [`### ${title}`, ""];
  if (!rows.length) return [...lines, "(no rows)", ""].join("\n");
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((c) => escape(row[c] ?? "")));
  const widths = columns.map((c, i) => Math.max(c.length, 3, ...cells.map((r) => r[i].length)));
  const numeric = columns.map((_, i) => rows.every((row) => typeof row[columns[i]] === "number" || /^[\d.,]+( \S+)?$/.test(String(row[columns[i]] ?? ""))));
  const line = (values) => `| ${values.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(" | ")} |`;
  lines.push(line(columns));
  lines.push(`|${widths.map((w, i) => (numeric[i] ? ` ${"-".repeat(w - 1)}: ` : ` ${"-".repeat(w)} `)).join("|")}|`);
  for (const r of cells) lines.push(line(r));
  return [...lines, ""].join("\n");
}

function escape(value) {
  return String(value).replaceAll("|", "\\|").replaceAll("\n", " ");
}

/**
 * @extism/extism loads node:wasi, whose ExperimentalWarning would be printed once per process;
 * drop that one and keep every other warning. Call before importing an SDK.
 */
export function quietWasiWarning() {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => {
    if (warning.name === "ExperimentalWarning" && warning.message.includes("WASI")) return;
    console.warn(`${warning.name}: ${warning.message}`);
  });
}

/** True when the module at `metaUrl` is the script Node was started with. */
export function isMain(metaUrl) {
  return process.argv[1] !== undefined && metaUrl === pathToFileURL(process.argv[1]).href;
}

/** Run a suite from its own file (`node bench/suites/x.mjs`): print its table, exit 1 on error. */
export async function runStandalone(run) {
  quietWasiWarning();
  try {
    console.log(markdownTable(await run()));
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
}
