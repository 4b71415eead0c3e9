import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** The browser the playground test drives: Debian's Chromium, never a downloaded one. */
export const chromiumPath = "/usr/bin/chromium";

/**
 * Install Debian's Chromium for test/playground.test.ts when it is missing
 * (the tests run as root in CI). Throws when it cannot be installed: the
 * browser test is part of the suite and is never skipped silently.
 */
export default function setup(): void {
  if (existsSync(chromiumPath)) return;
  console.log(`${chromiumPath} is missing: installing Debian's chromium with apt-get (once)`);
  try {
    execFileSync("apt-get", ["update"], { stdio: ["ignore", "inherit", "inherit"] });
    execFileSync("apt-get", ["install", "-y", "chromium"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    const reason = failure.code === "ENOENT" ? "apt-get is not available (not Debian?)" : failure.message;
    throw new Error(`cannot install chromium for the playground test (apt-get update && apt-get install -y chromium): ${reason}`);
  }
  if (!existsSync(chromiumPath)) throw new Error(`apt-get installed chromium but ${chromiumPath} is still missing`);
}
