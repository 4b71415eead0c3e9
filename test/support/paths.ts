import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const testDir = join(repoRoot, "test");
export const venvDir = join(testDir, ".venv");
export const pythonBin = join(venvDir, "bin", "python");
export const cliBin = join(repoRoot, "packages/cli/bin/extism-ts.js");
/** The Go host's sources (its own Go module) and the binary global-setup builds from them. */
export const goHostDir = join(testDir, "support", "go-host");
export const goHostBin = join(testDir, ".go-host", "go-host");

/** The built plug-in of an app in apps/. */
export function appWasm(app: string): string {
  return join(repoRoot, "apps", app, "dist", "plugin.wasm");
}
