import { relative } from "node:path";
import type { BundleModule } from "@extism-ts/codegen";

/** Where a module comes from, for people: the package for files under node_modules, else the path. */
function describe(path: string, cwd: string): string {
  const normalized = path.replace(/\\/g, "/");
  const match = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(normalized);
  if (match) return `${match[1]} ${match[2]}`;
  const shown = relative(cwd, path).replace(/\\/g, "/");
  return shown;
}

/** `build --report`: the largest modules in the bundle, by the bytes of JavaScript each adds. */
export function formatModuleReport(modules: readonly BundleModule[], count = 10, cwd = process.cwd()): string {
  const total = modules.reduce((sum, module) => sum + module.bytes, 0);
  const largest = [...modules].sort((a, b) => b.bytes - a.bytes).slice(0, count);
  const width = Math.max(...largest.map((module) => module.bytes.toLocaleString("en-US").length), 1);
  const lines = [`largest modules in the bundle (${modules.length} modules, ${total.toLocaleString("en-US")} bytes of JavaScript):`];
  for (const module of largest) {
    const share = total === 0 ? 0 : (module.bytes / total) * 100;
    lines.push(
      `  ${module.bytes.toLocaleString("en-US").padStart(width)} B  ${share.toFixed(1).padStart(5)}%  ${describe(module.path, cwd)}`,
    );
  }
  if (modules.length > largest.length) {
    const rest = modules.length - largest.length;
    const restBytes = total - largest.reduce((sum, module) => sum + module.bytes, 0);
    lines.push(`  ... and ${rest} more (${restBytes.toLocaleString("en-US")} bytes)`);
  }
  return lines.join("\n");
}
