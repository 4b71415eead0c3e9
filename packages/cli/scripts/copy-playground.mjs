// Copy the built playground page (@extism-ts-apps/playground, a devDependency,
// so turbo builds it first) into dist/playground, where `extism-ts playground`
// serves it from, also in the published package. Runs after tsup, which cleans dist/.
// Built outside turbo (`pnpm --filter @extism-ts/cli build` on a fresh clone),
// the page may not be built yet: then this builds it with the app's own Vite.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const app = dirname(createRequire(import.meta.url).resolve("@extism-ts-apps/playground/package.json"));
const source = join(app, "dist");
const target = fileURLToPath(new URL("../dist/playground", import.meta.url));

if (!existsSync(join(source, "index.html"))) {
  console.log(`copy-playground: ${source} is not built yet; building it`);
  const vite = join(dirname(createRequire(join(app, "package.json")).resolve("vite/package.json")), "bin", "vite.js");
  execFileSync(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: app, stdio: "inherit" });
  if (!existsSync(join(source, "index.html"))) {
    console.error(`copy-playground: building the playground left no ${join(source, "index.html")}`);
    process.exit(1);
  }
}
rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true });
console.log(`copy-playground: ${source} -> dist/playground`);
