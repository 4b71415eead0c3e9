// Finds QuickJS-NG's C sources: the `rquickjs-sys` crate carries them under
// quickjs/. cargo fetches the crate by name and exact version (quickjs-ng/
// Cargo.toml) and checks it against the checksum below, which pins the bytes.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const CRATE = "rquickjs-sys";
const VERSION = "0.14.0";
/** SHA-256 of rquickjs-sys 0.14.0 as published: QuickJS-NG 0.16.2. */
const CHECKSUM = "cee271d0eeba64f0915b846cb7ae02e16faf3dfdffdca91731101d9d30fe3423";

const manifestDir = join(dirname(fileURLToPath(import.meta.url)), "../quickjs-ng");

function cargo(args) {
  try {
    return execFileSync("cargo", args, { cwd: manifestDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const detail = error.code === "ENOENT" ? "cargo is not installed (the engine build needs Rust's cargo to fetch QuickJS-NG's sources)" : error.stderr || error.message;
    throw new Error(`cargo ${args.join(" ")} failed: ${detail}`);
  }
}

/** The lockfile cargo resolves must name the pinned checksum; cargo then verifies the download against it. */
function checkLockfile() {
  const lock = readFileSync(join(manifestDir, "Cargo.lock"), "utf8");
  const entry = lock.split("[[package]]").find((block) => block.includes(`name = "${CRATE}"`));
  const version = /version = "([^"]+)"/.exec(entry ?? "")?.[1];
  const checksum = /checksum = "([0-9a-f]+)"/.exec(entry ?? "")?.[1];
  if (version !== VERSION || checksum !== CHECKSUM) {
    throw new Error(`${CRATE} resolved to ${version} with checksum ${checksum}; the engine is pinned to ${VERSION} with ${CHECKSUM}`);
  }
}

/** The directory holding quickjs.c and its companions, fetched on first use. */
export function quickjsSourceDir() {
  cargo(["generate-lockfile", "--quiet"]);
  checkLockfile();
  cargo(["fetch", "--locked", "--quiet"]);
  const metadata = JSON.parse(cargo(["metadata", "--locked", "--offline", "--format-version", "1"]));
  const crate = metadata.packages.find((pkg) => pkg.name === CRATE && pkg.version === VERSION);
  if (!crate) throw new Error(`cargo metadata does not list ${CRATE} ${VERSION}`);
  return join(dirname(crate.manifest_path), "quickjs");
}
