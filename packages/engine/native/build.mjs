// Builds the native harness: QuickJS-NG (the same sources and patches as
// scripts/build-engine.mjs), the bridge in src/c and the kernel model, for
// the machine, under AddressSanitizer and UndefinedBehaviorSanitizer.
//
//   node build.mjs [--fuzz] [--m64] [--ref <git ref> | --bridge-dir <dir>] [--json]
//
// Without --fuzz: gcc, each target linked with the corpus replay driver
// (replay.c), plus the test driver (driver.c). With --fuzz: clang with
// libFuzzer. 32-bit (-m32) by default, as wasm32's size_t is 32 bits; --m64
// for a 64-bit build (LeakSanitizer exists only there). --ref builds the
// bridge as it was at a commit (one whose registry is made from the
// contract, as the harness finds natives through natives_find), --bridge-dir
// from a copy elsewhere (to see a deliberately broken native fail the
// replay). Objects are cached by their inputs' hash.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { quickjsSourceDir } from "../scripts/quickjs-sources.mjs";
import { applyPatches } from "../scripts/quickjs-patches.mjs";
import { contractHeader } from "../dist/contract.js";

const nativeDir = dirname(fileURLToPath(import.meta.url));
const packageDir = join(nativeDir, "..");
const repoDir = join(packageDir, "../..");

export const TARGETS = readdirSync(join(nativeDir, "targets"))
  .filter((name) => name.endsWith(".c"))
  .map((name) => name.slice(0, -2))
  .sort();

const quiet = (command, args) => {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

function aptInstall(packages, why) {
  console.error(`native harness: installing ${packages.join(", ")} (${why})`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("apt-get", ["install", "-y", "-qq", ...packages], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

/** Whether `compiler` links a sanitized program for `arch` here. */
function canBuild(compiler, arch, sanitizers) {
  const dir = join(nativeDir, "build/probe");
  mkdirSync(dir, { recursive: true });
  const source = join(dir, "probe.c");
  writeFileSync(source, "int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return d && n; }\nint main(void) { return 0; }\n");
  const args = [`-m${arch}`, `-fsanitize=${sanitizers}`, source, "-o", join(dir, `probe-${compiler}-${arch}`)];
  if (sanitizers.includes("fuzzer")) args.splice(2, 0, "-Dmain=unused_main");
  return quiet(compiler, args);
}

/** The compiler for this build, installed from Debian's packages when missing. */
export function toolchain({ fuzz, arch }) {
  if (fuzz) {
    const clang = "clang-14";
    if (!canBuild(clang, arch, "fuzzer,address,undefined")) {
      aptInstall(["clang-14", "libclang-rt-14-dev", ...(arch === 32 ? ["g++-multilib"] : [])], "libFuzzer for `pnpm fuzz`");
    }
    if (!canBuild(clang, arch, "fuzzer,address,undefined")) throw new Error(`clang-14 cannot build a ${arch}-bit libFuzzer target here`);
    return clang;
  }
  if (!canBuild("gcc", arch, "address,undefined") && arch === 32) {
    try {
      aptInstall(["gcc-multilib"], "32-bit builds, as wasm32");
    } catch (error) {
      console.error(`native harness: could not install gcc-multilib (${error.message.split("\n")[0]})`);
    }
  }
  if (!canBuild("gcc", arch, "address,undefined")) throw new Error(`gcc cannot build a ${arch}-bit program with AddressSanitizer here`);
  return "gcc";
}

function bridgeSources(ref, bridgeDir) {
  const dir = "packages/engine/src/c";
  if (!ref) {
    const from = bridgeDir ?? join(packageDir, "src/c");
    const names = readdirSync(from).filter((name) => /\.[ch]$/.test(name)).sort();
    return Object.fromEntries(names.map((name) => [name, readFileSync(join(from, name))]));
  }
  const listing = execFileSync("git", ["ls-tree", "--name-only", `${ref}:${dir}`], { cwd: repoDir, encoding: "utf8" });
  const names = listing.split("\n").filter((name) => /\.[ch]$/.test(name)).sort();
  return Object.fromEntries(names.map((name) => [name, execFileSync("git", ["show", `${ref}:${dir}/${name}`], { cwd: repoDir })]));
}

function writeTree(dir, files) {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    if (!existsSync(path) || !readFileSync(path).equals(content)) writeFileSync(path, content);
  }
}

const hash = (...parts) => {
  const h = createHash("sha256");
  for (const part of parts) h.update(part).update("\0");
  return h.digest("hex").slice(0, 16);
};

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stderr) : reject(new Error(`${command} ${args.join(" ")}\n${stderr}`))));
  });
}

/** Run `jobs` with at most `width` at a time. */
async function parallel(jobs, width) {
  const queue = [...jobs];
  const workers = Array.from({ length: width }, async () => {
    while (queue.length) await queue.shift()();
  });
  await Promise.all(workers);
}

export async function build({ fuzz = false, arch = 32, ref = undefined, bridgeDir: bridgeCopy = undefined } = {}) {
  let compiler;
  try {
    compiler = toolchain({ fuzz, arch });
  } catch (error) {
    // The replay still runs where no 32-bit C library can be had: 64-bit, and said so.
    if (fuzz || arch !== 32) throw error;
    console.error(`native harness: ${error.message}; building 64-bit instead`);
    arch = 64;
    compiler = toolchain({ fuzz, arch });
  }
  const variant = ref ? ref.replace(/[^\w.-]/g, "_") : bridgeCopy ? "custom" : undefined;
  const name = `${fuzz ? "fuzz" : "replay"}-${arch}${variant ? `-${variant}` : ""}`;
  const outDir = join(nativeDir, "build", name);
  const srcDir = join(nativeDir, "build", "src", variant ?? "tree");

  const quickjsDir = quickjsSourceDir();
  const compiledDirectly = ["libregexp.c", "libunicode.c", "dtoa.c"];
  const quickjs = {};
  for (const file of readdirSync(quickjsDir)) {
    if (file.endsWith(".h") || file === "quickjs.c" || compiledDirectly.includes(file)) quickjs[file] = readFileSync(join(quickjsDir, file));
  }
  applyPatches(quickjs);
  const bridge = bridgeSources(ref, bridgeCopy);
  // The harness checks the bridge as the default engine compiles it (--optimize size).
  bridge["contract.h"] = Buffer.from(contractHeader("size"));
  // Our own C that the QuickJS-NG patches call into (src/math: V8's Math algorithms).
  const mathSource = join(packageDir, "src/math");
  const math = existsSync(mathSource) ? Object.fromEntries(readdirSync(mathSource).filter((name) => /\.[ch]$/.test(name)).map((name) => [name, readFileSync(join(mathSource, name))])) : {};
  writeTree(join(srcDir, "math"), math);
  writeTree(join(srcDir, "quickjs"), quickjs);
  writeTree(join(srcDir, "bridge"), bridge);

  const sanitizers = fuzz ? "fuzzer-no-link,address,undefined" : "address,undefined";
  const common = [`-m${arch}`, "-g", "-O1", "-fno-omit-frame-pointer", `-fsanitize=${sanitizers}`, "-fno-sanitize-recover=undefined", "-std=gnu11", "-funsigned-char", "-D_GNU_SOURCE"];
  // Our C with warnings as errors; the wasm-only attributes (import_module, export_name) mean nothing here.
  // (A bridge from an older commit, --ref, may predate them: warnings stay warnings there.)
  const strict = ["-Wall", "-Wextra", "-Wsign-compare", "-Wimplicit-fallthrough", ...(variant ? [] : ["-Werror"]), fuzz ? "-Wno-unknown-attributes" : "-Wno-attributes"];
  const qjs = join(srcDir, "quickjs");
  const bridgeDir = join(srcDir, "bridge");
  // QuickJS-NG's headers as system headers: their warnings are not ours (quickjs_unit.c includes quickjs.c).
  const includes = ["-isystem", qjs, `-I${bridgeDir}`, `-I${join(srcDir, "math")}`, `-I${join(nativeDir, "kernel")}`, `-I${join(nativeDir, "harness")}`];
  const headers = Buffer.concat([quickjs, bridge, math].flatMap((files) => Object.keys(files).filter((f) => f.endsWith(".h")).sort().map((f) => files[f])));

  const units = [
    ...compiledDirectly.map((file) => ({ source: join(qjs, file), flags: ["-w", `-I${qjs}`], inputs: [quickjs[file], headers] })),
    ...Object.keys(bridge)
      .filter((file) => file.endsWith(".c"))
      .map((file) => ({ source: join(bridgeDir, file), flags: [...strict, ...includes], inputs: [bridge[file], headers, file === "quickjs_unit.c" ? quickjs["quickjs.c"] : ""] })),
    ...Object.keys(math)
      .filter((file) => file.endsWith(".c"))
      .map((file) => ({ source: join(srcDir, "math", file), flags: [...strict, ...includes], inputs: [math[file], headers] })),
    ...["kernel/model.c", "harness/harness.c", "harness/reference.c", "harness/values.c"].map((file) => ({ source: join(nativeDir, file), flags: [...strict, ...includes], inputs: [readFileSync(join(nativeDir, file)), headers, readFileSync(join(nativeDir, "kernel/model.h")), readFileSync(join(nativeDir, "harness/harness.h"))] })),
  ];
  const mains = [...TARGETS.map((target) => `targets/${target}.c`), ...(fuzz ? [] : ["harness/replay.c", "harness/driver.c"])];
  for (const file of mains) units.push({ source: join(nativeDir, file), flags: [...strict, ...includes], inputs: [readFileSync(join(nativeDir, file)), headers, readFileSync(join(nativeDir, "kernel/model.h")), readFileSync(join(nativeDir, "harness/harness.h"))] });

  const objDir = join(outDir, "obj");
  mkdirSync(objDir, { recursive: true });
  mkdirSync(join(outDir, "bin"), { recursive: true });
  const started = Date.now();
  let compiled = 0;
  const objectOf = new Map();
  await parallel(
    units.map((unit) => async () => {
      const args = [...common, ...unit.flags, "-c", unit.source];
      const object = join(objDir, `${unit.source.split("/").pop().slice(0, -2)}-${hash(compiler, ...args, ...unit.inputs)}.o`);
      objectOf.set(unit.source, object);
      if (existsSync(object)) return;
      await run(compiler, [...args, "-o", object]);
      compiled++;
    }),
    2,
  );
  const shared = units.filter((unit) => !mains.some((file) => unit.source === join(nativeDir, file))).map((unit) => objectOf.get(unit.source));
  const link = [`-m${arch}`, "-g", `-fsanitize=${fuzz ? "fuzzer,address,undefined" : "address,undefined"}`, "-Wl,--wrap=JS_NewContextRaw", "-lm", "-lpthread"];
  const binaries = {};
  const links = [];
  for (const target of TARGETS) {
    const output = join(outDir, "bin", target);
    const objects = [...shared, objectOf.get(join(nativeDir, `targets/${target}.c`)), ...(fuzz ? [] : [objectOf.get(join(nativeDir, "harness/replay.c"))])];
    binaries[target] = output;
    links.push(() => run(compiler, [...objects, ...link, "-o", output]));
  }
  if (!fuzz) {
    binaries.driver = join(outDir, "bin", "driver");
    const initWraps = ["malloc", "calloc", "realloc", "extism_ts_init", "JS_GetOwnPropertyNames"].map((name) => `-Wl,--wrap=${name}`);
    links.push(() => run(compiler, [...shared, objectOf.get(join(nativeDir, "harness/driver.c")), ...link, ...initWraps, "-o", binaries.driver]));
  }
  await parallel(links, 2);
  return { compiler, arch, outDir, binaries, compiled, seconds: (Date.now() - started) / 1000 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const refAt = argv.indexOf("--ref");
  const dirAt = argv.indexOf("--bridge-dir");
  const result = await build({ fuzz: argv.includes("--fuzz"), arch: argv.includes("--m64") ? 64 : 32, ref: refAt >= 0 ? argv[refAt + 1] : undefined, bridgeDir: dirAt >= 0 ? argv[dirAt + 1] : undefined });
  // --json: one line for the replay test to read.
  if (argv.includes("--json")) console.log(JSON.stringify(result));
  else console.log(`native harness (${result.compiler}, ${result.arch}-bit): ${result.compiled} objects compiled in ${result.seconds.toFixed(1)} s; binaries in ${result.outDir}/bin`);
}
