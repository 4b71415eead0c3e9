// `pnpm test:aot`: the suites that judge a plug-in's behaviour, run once more on
// plug-ins built with `--aot`: every app (rebuilt with --aot into its dist/, then
// rebuilt as usual at the end), the conformance matrix, the npm suite and the web
// API tests (their builds get --aot through EXTISM_TS_TEST_BUILD_ARGS). Needs the
// workspace built (`pnpm turbo run build`). Ends with the counts, as .ci/run does.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "packages/cli/bin/extism-ts.js");
const results = join(root, "test/artifacts/vitest-aot-results.json");
const SUITES = ["test/apps.test.ts", "test/conformance.test.ts", "test/npm.test.ts", "test/web-apis.test.ts"];
const env = { ...process.env, EXTISM_TS_WEVAL: process.env.EXTISM_TS_WEVAL ?? join(root, "test/.weval/bin/weval") };

function run(command, args, options = {}) {
  const child = spawnSync(command, args, { cwd: root, stdio: "inherit", env, ...options });
  if (child.error) throw child.error;
  return child.status ?? 1;
}

const pluginApps = readdirSync(join(root, "apps")).filter((app) => {
  try {
    const build = JSON.parse(readFileSync(join(root, "apps", app, "package.json"), "utf8")).scripts?.build ?? "";
    return build.startsWith("extism-ts build ");
  } catch {
    return false;
  }
});

if (run(process.execPath, [join(root, "scripts/install-weval.mjs")]) !== 0) process.exit(1);
/** Build every app with its own build command and `extra` options. */
function buildApps(extra) {
  for (const app of pluginApps) {
    const args = JSON.parse(readFileSync(join(root, "apps", app, "package.json"), "utf8")).scripts.build.split(" ").slice(1);
    console.log(`apps/${app}: extism-ts ${[...args, ...extra].join(" ")}`);
    if (run(process.execPath, [cli, ...args, ...extra], { cwd: join(root, "apps", app) }) !== 0) throw new Error(`apps/${app} does not build with ${extra.join(" ") || "its build command"}`);
  }
}

let status = 0;
try {
  buildApps(["--aot"]);
  status = run(join(root, "node_modules/.bin/vitest"), ["run", ...SUITES, "--reporter=default", "--reporter=json", `--outputFile.json=${results}`], {
    env: { ...env, EXTISM_TS_TEST_BUILD_ARGS: "--aot" },
  });
} finally {
  // The apps' dist/ back to what their build makes, for the other tests.
  buildApps([]);
}
const counted = run(process.execPath, [join(root, "scripts/count-results.mjs"), results, "(with --aot)"]);
process.exit(counted || status);
