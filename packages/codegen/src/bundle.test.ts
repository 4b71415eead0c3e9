import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundle } from "./bundle.js";
import { BuildError } from "./errors.js";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "codegen-bundle-"));
  writeFileSync(join(dir, "package.json"), '{"name":"p","type":"module"}');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("bundle", () => {
  it("makes one script that leaves the entry's exports for the engine, with the stack map in front", async () => {
    const dir = project({ "index.ts": 'import { twice } from "./math.ts";\nexport function run(): number { return twice(21); }\n', "math.ts": "export const twice = (n: number) => n * 2;\n" });
    const result = await bundle(join(dir, "index.ts"));
    expect(result.code.split("\n")[0]).toMatch(/^globalThis\.__extism_ts_map_stack=function/);
    expect(result.code).toContain("__extism_ts_exports");
    const own = result.inputs.filter((path) => path.startsWith(dir)).map((path) => path.slice(dir.length + 1));
    expect(own.sort()).toEqual(["index.ts", "math.ts"]);
  });

  it("brings Web Crypto's other algorithms (with CryptoKey) when the code names one, and not for digests", async () => {
    const subtle = (dir: string) => dir.endsWith("crypto-subtle.js");
    const named = project({ "index.ts": 'export const run = () => crypto.subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]);\n' });
    expect((await bundle(join(named, "index.ts"))).inputs.some(subtle)).toBe(true);
    const digest = project({ "index.ts": 'export const run = () => crypto.subtle.digest("SHA-256", new Uint8Array(1));\n' });
    expect((await bundle(join(digest, "index.ts"))).inputs.some(subtle)).toBe(false);
  });

  it("stubs a Node module plug-ins cannot use with a warning that names the chain of imports", async () => {
    const dir = project({ "index.ts": 'import { load } from "./files.ts";\nexport const run = () => load();\n', "files.ts": 'import { readFileSync } from "node:fs";\nexport const load = () => readFileSync("x");\n' });
    const result = await bundle(join(dir, "index.ts"));
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/files\.ts:1:\d+: "fs" is a Node\.js built-in module that plug-ins cannot use: the build put in a stub/);
    expect(result.warnings[0]).toContain("imported by: index.ts -> files.ts -> fs\n");
    expect(result.code).toContain("fs.readFileSync");
  });

  it("refuses a Node module plug-ins cannot use when strict (--no-stub), naming the file that imports it", async () => {
    const dir = project({ "index.ts": 'import { readFileSync } from "node:fs";\nexport const run = () => readFileSync("x");\n' });
    const failure = bundle(join(dir, "index.ts"), undefined, { resolution: { strict: true } });
    await expect(failure).rejects.toBeInstanceOf(BuildError);
    await expect(failure).rejects.toThrow(/"fs".*index\.ts/s);
  });

  it("stubs without a warning what --stub names", async () => {
    const dir = project({ "index.ts": 'import { readFileSync } from "node:fs";\nexport const run = () => readFileSync("x");\n' });
    expect((await bundle(join(dir, "index.ts"), undefined, { resolution: { stub: ["fs"], strict: true } })).warnings).toEqual([]);
  });
});
