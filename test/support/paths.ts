import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const testDir = join(repoRoot, "test");
export const venvDir = join(testDir, ".venv");
export const pythonBin = join(venvDir, "bin", "python");
export const cliBin = join(repoRoot, "packages/cli/bin/extism-ts.js");

/** The built plug-in of an app in apps/. */
export function appWasm(app: string): string {
  return join(repoRoot, "apps", app, "dist", "plugin.wasm");
}
