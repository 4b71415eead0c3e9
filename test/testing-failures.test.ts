// @extism-ts/testing when things go wrong: what a test sees, and what the kit
// leaves behind (nothing), on @extism/extism and on the Python SDK.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { string } from "@extism-ts/convert";
import { CallError, loadPlugin, type Plugin } from "@extism-ts/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "./support/cli.js";
import { startHttpServer } from "./support/http.js";
import { pythonBin, repoRoot, testDir } from "./support/paths.js";

const source = `import { plugin, PluginError } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";

export const now = plugin(null, string, () => (Date.now() > 1e12 ? "a real clock" : "no clock"));
export const spin = plugin(null, null, () => { for (;;) {} });
export const refuse = plugin(null, null, () => { throw new PluginError("no such user", 404); });
export const plain = plugin(null, null, () => { throw new Error("plain failure"); });
`;

const httpSource = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import { request } from "@extism-ts/http";
export const get = plugin(string, string, (url) => String(request(url).status));
`;

const hosts = [{ host: "js" as const }, { host: "python" as const, python: pythonBin }];
let wasi = "";
let plain = "";
let http = "";
let open: Plugin[] = [];

beforeAll(() => {
  const built = buildFixture("kit-failures-wasi", source, ["--wasi"]);
  expect(built.status, built.stderr).toBe(0);
  wasi = built.wasm;
  const unwasi = buildFixture("kit-failures", source);
  expect(unwasi.status, unwasi.stderr).toBe(0);
  plain = unwasi.wasm;
  const withHttp = buildFixture("kit-failures-http", httpSource);
  expect(withHttp.status, withHttp.stderr).toBe(0);
  http = withHttp.wasm;
});
afterEach(async () => {
  await Promise.all(open.map((plugin) => plugin.close()));
  open = [];
});

async function load(path: string, options: Parameters<typeof loadPlugin>[1]): Promise<Plugin> {
  const plugin = await loadPlugin(path, options);
  open.push(plugin);
  return plugin;
}

describe.each(hosts)("on the $host host", (host) => {
  it("runs a plug-in built with --wasi with WASI without being told, and refuses wasi: false for it", async () => {
    const plugin = await load(wasi, host);
    expect(await plugin.call("now", undefined, { output: string })).toBe("a real clock");
    await expect(loadPlugin(wasi, { ...host, wasi: false })).rejects.toThrow(
      `${wasi} imports WASI (it was built with --wasi), so it cannot load with wasi: false; pass wasi: true, or leave wasi out`,
    );
  });

  it("ends a call that runs when the test closes the plug-in, and refuses calls after", async () => {
    const plugin = await load(plain, host);
    const call = plugin.call("spin").catch((reason: unknown) => reason);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await plugin.close();
    const error = (await call) as CallError;
    expect([error.name, error.message]).toEqual(["CallError", "the plug-in was closed while spin ran"]);
    await expect(plugin.call("now")).rejects.toThrow("cannot call now: the plug-in is closed");
  });

  it("gives a PluginError's return code, and -1 for other errors", async () => {
    const plugin = await load(plain, host);
    const refused = (await plugin.call("refuse").catch((reason: unknown) => reason)) as CallError;
    expect([refused.code, refused.message.split("\n")[0]]).toEqual([404, "PluginError: no such user"]);
    const failed = (await plugin.call("plain").catch((reason: unknown) => reason)) as CallError;
    expect([failed.code, failed.message.split("\n")[0]]).toEqual([-1, "Error: plain failure"]);
  });
});

it("refuses a real request to a host not in allowedHosts with the same message on both hosts, and sends allowed ones", async () => {
  const server = await startHttpServer();
  try {
    for (const host of hosts) {
      const refused = await load(http, host);
      const error = (await refused.call("get", `${server.base}/echo`).catch((reason: unknown) => reason)) as CallError;
      expect(error.message).toBe(`HTTP GET ${server.base}/echo is not allowed: 127.0.0.1 is not in allowedHosts; add it there`);
      const allowed = await load(http, { ...host, allowedHosts: ["127.0.0.1"] });
      expect(await allowed.call("get", `${server.base}/echo`, { output: string })).toBe("200");
      expect(allowed.requests.map((request) => request.url)).toEqual([`${server.base}/echo`]);
    }
  } finally {
    await server.stop();
  }
});

it("rejects cleanly when the Python interpreter lacks the extism package, and the process lives on", () => {
  const dir = join(testDir, ".fixtures", "kit-no-extism");
  mkdirSync(dir, { recursive: true });
  // python3 without site-packages: an interpreter where `import extism` fails.
  const python = join(dir, "python-without-extism");
  writeFileSync(python, `#!/bin/sh\nexec python3 -S "$@"\n`);
  chmodSync(python, 0o755);
  writeFileSync(
    join(dir, "script.mjs"),
    `import { loadPlugin } from "@extism-ts/testing";
for (let i = 0; i < 3; i++) {
  await loadPlugin(${JSON.stringify(plain)}, { host: "python", python: ${JSON.stringify(python)} }).then(
    () => console.log("loaded"),
    (error) => console.log("rejected:", error.message),
  );
}
await new Promise((resolve) => setTimeout(resolve, 300));
console.log("still running");
`,
  );
  const run = spawnSync(process.execPath, ["script.mjs"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  expect(run.stderr).toBe("");
  const lines = run.stdout.trim().split("\n");
  expect(lines).toHaveLength(4);
  for (const line of lines.slice(0, 3)) expect(line).toMatch(/^rejected: the Python host needs the extism package in .* \(pip install extism\)/);
  expect(lines[3]).toBe("still running");
  expect(run.status).toBe(0);
});

it("prints no warning of its own when a script loads a plug-in, and lets it exit at once", () => {
  const dir = join(testDir, ".fixtures", "kit-quiet");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "script.mjs"),
    `import { loadPlugin } from "@extism-ts/testing";
const plugin = await loadPlugin(${JSON.stringify(wasi)});
console.log(new TextDecoder().decode(await plugin.call("now")));
await plugin.close();
`,
  );
  // Well within the default timeoutMs: the SDK's timers of that length must not keep Node running.
  const run = spawnSync(process.execPath, ["script.mjs"], { cwd: dir, encoding: "utf8", timeout: 15_000 });
  expect([run.stdout, run.stderr, run.status]).toEqual(["a real clock\n", "", 0]);
});

it("leaves no Python host behind when the test process dies in the middle of an endless call", async () => {
  const dir = join(testDir, ".fixtures", "kit-orphan");
  mkdirSync(dir, { recursive: true });
  const marker = `kit-orphan-${process.pid}`;
  const python = join(dir, "python-marked");
  writeFileSync(python, `#!/bin/sh\nexec ${JSON.stringify(pythonBin)} "$@" ${marker}\n`);
  chmodSync(python, 0o755);
  writeFileSync(
    join(dir, "script.mjs"),
    `import { loadPlugin } from "@extism-ts/testing";
const plugin = await loadPlugin(${JSON.stringify(plain)}, { host: "python", python: ${JSON.stringify(python)}, timeoutMs: 600000 });
plugin.call("spin").catch(() => undefined);
setTimeout(() => process.exit(0), 500);
`,
  );
  const run = spawnSync(process.execPath, ["script.mjs"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  expect([run.status, run.stderr]).toEqual([0, ""]);
  const running = () => execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" }).split("\n").filter((line) => line.includes(marker));
  for (let waited = 0; waited < 5000 && running().length > 0; waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
  expect(running()).toEqual([]);
});

it("leaves no process behind when a suite's tests time out in endless loops", () => {
  const dir = join(testDir, ".fixtures", "kit-leak");
  mkdirSync(dir, { recursive: true });
  // A name of its own in the process list, to look for after the run.
  const marker = `kit-leak-${process.pid}`;
  const python = join(dir, "python-marked");
  writeFileSync(python, `#!/bin/sh\nexec ${JSON.stringify(pythonBin)} "$@" ${marker}\n`);
  chmodSync(python, 0o755);
  writeFileSync(join(dir, "vitest.config.mjs"), `export default { test: { include: ["*.test.mjs"], testTimeout: 2000, hookTimeout: 10000 } };\n`);
  writeFileSync(
    join(dir, "leak.test.mjs"),
    `import { loadPlugin } from "@extism-ts/testing";
import { afterEach, expect, it } from "vitest";
let open = [];
afterEach(async () => { await Promise.all(open.map((plugin) => plugin.close())); open = []; });
for (const host of ["js", "python"]) {
  it("spins on " + host, async () => {
    const plugin = await loadPlugin(${JSON.stringify(plain)}, { host, python: ${JSON.stringify(python)} });
    open.push(plugin);
    await plugin.call("spin");
  });
}
it("fails", () => expect(1).toBe(2));
`,
  );
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(repoRoot, "node_modules/vitest/vitest.mjs"), "run", "--root", dir], {
    cwd: dir,
    encoding: "utf8",
    timeout: 90_000,
    env: { ...process.env, CI: "1", NO_COLOR: "1" },
  });
  const output = run.stdout + run.stderr;
  expect(run.status, output).toBe(1);
  expect(output).toContain("Test timed out in 2000ms");
  expect(output).not.toContain("Hook timed out");
  expect(output).toMatch(/3 failed/);
  expect(Date.now() - started).toBeLessThan(60_000);
  const left = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes(marker));
  expect(left).toEqual([]);
});
