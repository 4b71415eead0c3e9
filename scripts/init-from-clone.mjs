#!/usr/bin/env node
// `extism-ts init <dir>` from a clone of this repository, for as long as the
// @extism-ts packages are not published: packs every package of the built
// workspace (as publishing would: workspace:^ becomes a version), writes the
// project with the packed CLI's `init`, and points the project's @extism-ts
// dependencies, direct and transitive, at the tarballs. `npm install` in the
// project then needs nothing that is not published.
//
//   npx --yes pnpm@10.34.8 install && npx --yes pnpm@10.34.8 build
//   node scripts/init-from-clone.mjs ../my-plugin
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const target = process.argv[2];
if (!target || process.argv.length > 3) {
  console.error("usage: node scripts/init-from-clone.mjs <dir>   (the new project's directory)");
  process.exit(2);
}
const cliBin = join(root, "packages/cli/bin/extism-ts.js");
if (!existsSync(join(root, "packages/cli/dist/cli.js")) || !existsSync(join(root, "packages/engine/dist/engine.wasm"))) {
  console.error("init-from-clone: the workspace is not built: run `npx --yes pnpm@10.34.8 install && npx --yes pnpm@10.34.8 build` first");
  process.exit(1);
}

const packs = join(root, ".packs");
rmSync(packs, { recursive: true, force: true });
mkdirSync(packs);
const tarballs = new Map();
for (const name of readdirSync(join(root, "packages"))) {
  const dir = join(root, "packages", name);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (manifest.private) continue;
  const before = new Set(readdirSync(packs));
  execFileSync("npx", ["--yes", "pnpm@10.34.8", "pack", "--pack-destination", packs], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  const tarball = readdirSync(packs).find((file) => !before.has(file));
  tarballs.set(manifest.name, join(packs, tarball));
}

execFileSync(process.execPath, [cliBin, "init", target], { stdio: "inherit" });

// The project as init wrote it, with every @extism-ts package from its tarball.
const projectJson = join(resolve(target), "package.json");
const project = JSON.parse(readFileSync(projectJson, "utf8"));
const file = (name) => `file:${relative(resolve(target), tarballs.get(name))}`;
for (const field of ["dependencies", "devDependencies"]) {
  for (const name of Object.keys(project[field] ?? {})) if (tarballs.has(name)) project[field][name] = file(name);
}
project.overrides = {
  ...project.overrides,
  ...Object.fromEntries(
    [...tarballs.keys()].map((name) => [name, project.dependencies?.[name] || project.devDependencies?.[name] ? `$${name}` : file(name)]),
  ),
};
writeFileSync(projectJson, `${JSON.stringify(project, null, 2)}\n`);
console.log(`\nthe @extism-ts packages come from ${relative(process.cwd(), packs) || packs}/ (packed from this clone) until they are published`);
