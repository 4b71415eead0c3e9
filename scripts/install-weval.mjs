// Installs weval, which `extism-ts build --aot` runs, into test/.weval/bin for
// the test suite (and the bench): built by cargo from the Rust crate registry
// at the pinned version with the crate's own lockfile, and the downloaded crate
// checked against the pinned checksum. Once installed, a second run only
// checks the version. A first build takes about 25 minutes on two cores.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const VERSION = "0.5.1";
/** SHA-256 of the weval 0.5.1 crate as published. */
const CHECKSUM = "8555549abc368b54439afe838a69571dc8999e99702886f6e7c254a95c7e9dc6";

const root = join(dirname(fileURLToPath(import.meta.url)), "../test/.weval");
const binary = join(root, "bin/weval");

function installedVersion() {
  if (!existsSync(binary)) return undefined;
  try {
    return execFileSync(binary, ["--version"], { encoding: "utf8" }).trim().split(" ")[1];
  } catch {
    return undefined;
  }
}

/** The crate cargo downloaded, from its registry cache. */
function downloadedCrate() {
  const cache = join(process.env.CARGO_HOME || join(homedir(), ".cargo"), "registry/cache");
  for (const registry of existsSync(cache) ? readdirSync(cache) : []) {
    const crate = join(cache, registry, `weval-${VERSION}.crate`);
    if (existsSync(crate)) return crate;
  }
  throw new Error(`cargo installed weval ${VERSION} but its crate is not in ${cache}: cannot check its checksum`);
}

if (installedVersion() !== VERSION) {
  console.log(`installing weval ${VERSION} into ${root} with cargo (about 25 minutes the first time) ...`);
  const target = join(root, "target");
  try {
    execFileSync("cargo", ["install", "weval", "--version", VERSION, "--locked", "--root", root, "--target-dir", target, "--quiet"], { stdio: "inherit" });
  } catch (error) {
    const reason = error.code === "ENOENT" ? "cargo is not installed" : `cargo install exited with ${error.status}`;
    console.error(`cannot install weval ${VERSION} for the --aot tests: ${reason}`);
    process.exit(1);
  }
  const checksum = createHash("sha256").update(readFileSync(downloadedCrate())).digest("hex");
  if (checksum !== CHECKSUM) {
    rmSync(join(root, "bin"), { recursive: true, force: true });
    console.error(`weval ${VERSION}'s crate has checksum ${checksum}; it is pinned to ${CHECKSUM}`);
    process.exit(1);
  }
  rmSync(target, { recursive: true, force: true });
}
