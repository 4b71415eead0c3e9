// The real `extism-ts` binary when a call, an inspection or a scaffold goes
// wrong: one line that names the problem and the fix, and exit status 1
// whenever the call did not produce its output. And the flags of `extism call`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, runCli } from "./support/cli.js";
import { startHttpServer, type TestServer } from "./support/http.js";
import { cliBin } from "./support/paths.js";

const source = `import { plugin, config } from "@extism-ts/pdk";
import { bytes, string } from "@extism-ts/convert";
import { request } from "@extism-ts/http";
import { hostFn } from "@extism-ts/host-fn";

const double = hostFn<(n: number) => number>("double", { namespace: "math", params: ["i32"], result: "i32" });

export const size = plugin(bytes, string, (input) => String(input.length));
export const get = plugin(string, string, (url) => request(url).text());
export const get_or_say = plugin(string, string, (url) => {
  try { return request(url).text(); } catch (error) { return "could not: " + (error as Error).message; }
});
export const settings = plugin(null, string, () => JSON.stringify({ user: config.get("user"), flag: config.get("flag"), team: config.get("team") }));
export const twice = plugin(string, string, (text) => String(double(Number(text))));
`;

/** (module (func (export "double") (param i32) (result i32) local.get 0 i32.const 2 i32.mul)), assembled by hand. */
const mathModule = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, // type 0: (i32) -> i32
  0x03, 0x02, 0x01, 0x00, // function 0 has type 0
  0x07, 0x0a, 0x01, 0x06, 0x64, 0x6f, 0x75, 0x62, 0x6c, 0x65, 0x00, 0x00, // export "double"
  0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x41, 0x02, 0x6c, 0x0b, // local.get 0, i32.const 2, i32.mul
]);

let wasm = "";
let wasiWasm = "";
let dir = "";
let server: TestServer;

beforeAll(async () => {
  const built = buildFixture("cli-failures", source);
  expect(built.status, built.stderr).toBe(0);
  wasm = built.wasm;
  dir = built.dir;
  const wasi = buildFixture("cli-failures-wasi", `import { plugin } from "@extism-ts/pdk";\nimport { string } from "@extism-ts/convert";\nexport const now = plugin(null, string, () => String(Date.now() > 1e12));\n`, ["--wasi"]);
  expect(wasi.status, wasi.stderr).toBe(0);
  wasiWasm = wasi.wasm;
  server = await startHttpServer();
});
afterAll(() => server.stop());

function call(...args: string[]) {
  return runCli(["call", ...args], { cwd: dir });
}

describe("extism-ts call", () => {
  it("fails once, with exit status 1, when the input is over --memory-max", () => {
    writeFileSync(join(dir, "big.bin"), new Uint8Array(10 * 1024 * 1024));
    const run = call(wasm, "size", "--input-file", "big.bin", "--memory-max-pages", "20");
    expect([run.status, run.stdout]).toEqual([1, ""]);
    expect(run.stderr).toBe("extism-ts call: size failed: the plug-in needs 161 pages (64 KiB each) of memory and --memory-max allows 20: raise --memory-max (e.g. --memory-max 12MiB)\n");
    const enough = call(wasm, "size", "--input-file", "big.bin", "--memory-max", "20MiB");
    expect([enough.status, enough.stdout]).toEqual([0, String(10 * 1024 * 1024)]);
  });

  it("fails a request to a host that is not allowed in the plug-in, and says which flag allows it", () => {
    const url = `${server.base}/echo`;
    const refused = call(wasm, "get", "--input", url);
    expect([refused.status, refused.stdout]).toEqual([1, ""]);
    expect(refused.stderr).toBe(`extism-ts call: get failed: HTTP GET ${url} is not allowed: add --allow-host 127.0.0.1\n`);
    // The plug-in sees an error it can report.
    const reported = call(wasm, "get_or_say", "--input", url);
    expect(reported.status).toBe(0);
    expect(reported.stdout).toBe(`could not: HTTP GET ${url} failed: the host sent no response (is 127.0.0.1 among the hosts it allows?)`);
    expect(reported.stderr).toBe(`extism-ts call: note: HTTP GET ${url} is not allowed: add --allow-host 127.0.0.1\n`);
    const allowed = call(wasm, "get", "--input", url, "--allow-host", "127.0.0.1");
    expect([allowed.status, allowed.stdout]).toEqual([0, ""]);
  });

  it("names the URL of a host it cannot reach", () => {
    const run = call(wasm, "get", "--input", "http://no-such-host.invalid/x", "--allow-host", "*");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^extism-ts call: get failed: HTTP GET http:\/\/no-such-host\.invalid\/x failed: getaddrinfo (ENOTFOUND|EAI_AGAIN) no-such-host\.invalid\n$/);
  });

  it("says to pass --wasi for a plug-in built with it, and takes --wasi in Go's forms", () => {
    const run = call(wasiWasm, "now");
    expect([run.status, run.stderr]).toEqual([1, `extism-ts call: ${wasiWasm} imports WASI (it was built with --wasi): call it with --wasi\n`]);
    expect(call(wasiWasm, "now", "--wasi=true").stdout).toBe("true");
    expect(call(wasiWasm, "now", "--wasi=false").status).toBe(1);
    // WASI on for a plug-in that does not import it is no matter, as in other hosts.
    expect(call(wasm, "settings", "--wasi").status).toBe(0);
  });

  it("merges --set-config and --config, key alone as the empty string", () => {
    const run = call(wasm, "settings", "--set-config", '{"user":"Ada","team":"core"}', "--config", "user=Benjamin", "--config", "flag");
    expect([run.status, JSON.parse(run.stdout)]).toEqual([0, { user: "Benjamin", flag: "", team: "core" }]);
  });

  it("links modules with --link, and reads a manifest with --manifest", () => {
    const math = join(dir, "math.wasm");
    writeFileSync(math, mathModule);
    expect(call(wasm, "twice", "--input", "21", "--link", `math=${math}`).stdout).toBe("42");
    const unlinked = call(wasm, "twice", "--input", "21");
    expect(unlinked.status).toBe(1);
    expect(unlinked.stderr).toContain("the host function math::double is not provided by extism-ts call");
    writeFileSync(
      join(dir, "manifest.json"),
      JSON.stringify({ wasm: [{ path: "math.wasm", name: "math" }, { path: "plugin.wasm" }], config: { user: "from the manifest" }, memory: { max_pages: 2000 } }),
    );
    expect(call("manifest.json", "twice", "-m", "--input", "5").stdout).toBe("10");
    expect(JSON.parse(call("manifest.json", "settings", "--manifest", "--config", "team=cli").stdout)).toEqual({ user: "from the manifest", team: "cli" });
  });

  it("ends when the call does, whatever --timeout allows", () => {
    // The SDK's timer of --timeout ms must not keep the command running after the call.
    const run = spawnSync(process.execPath, [cliBin, "call", wasm, "settings", "--timeout", "120000"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect([run.status, run.signal]).toEqual([0, null]);
  });

  it("says what is wrong with a file that is not a plug-in", () => {
    writeFileSync(join(dir, "notes.txt"), "hello");
    const text = call("notes.txt", "f");
    expect([text.status, text.stderr]).toEqual([1, "extism-ts call: notes.txt is not a WebAssembly module (expected magic word 00 61 73 6d, found 68 65 6c 6c @+0); give the .wasm that extism-ts build wrote\n"]);
    const missing = call("nowhere.wasm", "f");
    expect([missing.status, missing.stderr]).toEqual([1, "extism-ts call: nowhere.wasm: no such file (build the plug-in first: extism-ts build)\n"]);
  });
});

describe("extism-ts inspect", () => {
  it("says a file is not wasm, or cut short, instead of crashing", () => {
    const whole = readFileSync(wasm);
    writeFileSync(join(dir, "cut.wasm"), whole.subarray(0, 1000));
    writeFileSync(join(dir, "source.ts"), "export {};\n");
    const cut = runCli(["inspect", "cut.wasm"], { cwd: dir });
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/^extism-ts inspect: cut\.wasm is a damaged or truncated WebAssembly module \(.+\); build it again\n$/);
    const source = runCli(["inspect", "source.ts"], { cwd: dir });
    expect(source.status).toBe(1);
    expect(source.stderr).toMatch(/^extism-ts inspect: source\.ts is not a WebAssembly module \(.+\); give the \.wasm that extism-ts build wrote\n$/);
  });
});

describe("extism-ts init and build", () => {
  it("quotes a directory with spaces and punctuation in its hints", () => {
    const parent = mkdtempSync(join(tmpdir(), "extism-ts-init-"));
    try {
      const run = runCli(["init", "My Plugin!"], { cwd: parent });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("\n  cd 'My Plugin!'\n");
      const quote = runCli(["init", "it's"], { cwd: parent });
      expect(quote.stdout).toContain("\n  cd 'it'\\''s'\n");
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("prints nothing but warnings with --quiet", () => {
    const quiet = buildFixture("cli-failures-quiet", `export function hello(): number { return 0; }\n`, ["--quiet"]);
    expect([quiet.status, quiet.stdout, quiet.stderr]).toEqual([0, "", ""]);
    const loud = buildFixture("cli-failures-quiet", `export function hello(): number { return 0; }\n`);
    expect(loud.stdout.split("\n").length).toBeGreaterThan(5);
  });
});
