import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packageName, scaffold } from "./init.js";

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function emptyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "extism-ts-init-"));
  made.push(dir);
  return dir;
}

const versions = { cli: "^1.0.0", pdk: "^2.0.0", convert: "^3.0.0", hostFn: "^4.0.0", http: "^5.0.0", testing: "^6.0.0", types: "^7.0.0", typescript: "5.9.3", vitest: "4.1.12", typesNode: "20.19.43" };

describe("packageName", () => {
  it("makes a valid npm name from a directory name", () => {
    expect(packageName("/work/My Plugin!")).toBe("my-plugin");
    expect(packageName("./_hidden.")).toBe("hidden.");
    expect(packageName("/tmp/---")).toBe("plugin");
  });
});

describe("scaffold", () => {
  it("writes the project with the versions it is given", () => {
    const dir = join(emptyDir(), "Greeter");
    const files = scaffold(dir, versions);
    expect(files.sort()).toEqual([".gitignore", "README.md", "package.json", "src/index.ts", "test/plugin.test.ts", "test/tsconfig.json", "tsconfig.json"]);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; dependencies: Record<string, string> };
    expect(pkg.name).toBe("greeter");
    expect(pkg.dependencies).toMatchObject({ "@extism-ts/pdk": "^2.0.0", "@extism-ts/convert": "^3.0.0" });
  });

  it("refuses a directory that is not empty and writes nothing into it", () => {
    const dir = emptyDir();
    writeFileSync(join(dir, "mine.txt"), "keep");
    expect(() => scaffold(dir, versions)).toThrow(/is not empty \(mine\.txt\): init only writes into a new or empty directory/);
    expect(readdirSync(dir)).toEqual(["mine.txt"]);
  });
});
