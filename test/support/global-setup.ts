import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { goHostBin, goHostDir, pythonBin, venvDir } from "./paths.js";

/** The Python SDK's version, pinned like every other dependency. */
const PYTHON_EXTISM = "extism==1.1.1";

/**
 * Build the Go host (test/support/go-host, on the Go SDK pinned by its go.mod
 * and go.sum) into test/.go-host/. Go's build cache makes this a second when
 * nothing changed. Without Go, or without the Go module proxy to download the
 * SDK from, this throws: the Go host is part of the conformance matrix and is
 * never skipped silently.
 */
function buildGoHost(): void {
  try {
    execFileSync("go", ["build", "-mod=readonly", "-trimpath", "-o", goHostBin, "."], {
      cwd: goHostDir,
      // Never fetch another Go toolchain: go.mod asks for less than what is installed.
      env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-buildvcs=false" },
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    const reason = failure.code === "ENOENT" ? "the `go` command is not installed" : (failure.stderr ?? failure.message).trim();
    throw new Error(`cannot build the Go host (test/support/go-host) for the Go SDK tests: ${reason}`);
  }
}

/** Install the Python `extism` SDK (the reference Rust runtime) into test/.venv once, and build the Go host. */
export default function setup(): void {
  buildGoHost();
  if (!existsSync(pythonBin)) execFileSync("python3", ["-m", "venv", venvDir], { stdio: "inherit" });
  try {
    execFileSync(pythonBin, ["-c", `import importlib.metadata as m; assert m.version("extism") == "${PYTHON_EXTISM.split("==")[1]}"`], { stdio: "ignore" });
  } catch {
    execFileSync(pythonBin, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", PYTHON_EXTISM], { stdio: "inherit" });
  }
}
