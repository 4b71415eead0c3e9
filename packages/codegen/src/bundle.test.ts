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

  it("refuses a Node module plug-ins cannot use, naming the file that imports it", async () => {
    const dir = project({ "index.ts": 'import { readFileSync } from "node:fs";\nexport const run = () => readFileSync("x");\n' });
    const failure = bundle(join(dir, "index.ts"));
    await expect(failure).rejects.toBeInstanceOf(BuildError);
    await expect(failure).rejects.toThrow(/"fs".*index\.ts/s);
  });
});
