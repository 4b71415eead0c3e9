import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { pythonBin, venvDir } from "./paths.js";

/** The Python SDK's version, pinned like every other dependency. */
const PYTHON_EXTISM = "extism==1.1.1";

/** Install the Python `extism` SDK (the reference Rust runtime) into test/.venv once. */
export default function setup(): void {
  if (!existsSync(pythonBin)) execFileSync("python3", ["-m", "venv", venvDir], { stdio: "inherit" });
  try {
    execFileSync(pythonBin, ["-c", `import importlib.metadata as m; assert m.version("extism") == "${PYTHON_EXTISM.split("==")[1]}"`], { stdio: "ignore" });
  } catch {
    execFileSync(pythonBin, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", PYTHON_EXTISM], { stdio: "inherit" });
  }
}
