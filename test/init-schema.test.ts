// `extism-ts init --schema`: a plug-in project made from an XTP schema type-checks,
// builds, passes the test it comes with, and its build gives the schema back
// (same exports, imports and types): schema -> plug-in -> .wasm -> schema.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { repoRoot, testDir } from "./support/paths.js";

/** A shop's schema with what XTP schemas hold: buffers (raw and JSON), enums, references, a void function, nested objects, maps, dates, nullable fields, host functions. */
const SHOP = `version: v1-draft
exports:
  voidFunc:
    description: Takes nothing, returns nothing.
  rawBytes:
    description: Bytes in, bytes out.
    input:
      contentType: application/x-binary
      type: buffer
    output:
      contentType: application/x-binary
      type: buffer
  anyJson:
    input:
      contentType: application/json
      type: buffer
    output:
      contentType: application/json
      type: buffer
  flags:
    description: A string in, a list of booleans out.
    input:
      contentType: text/plain; charset=utf-8
      type: string
    output:
      contentType: application/json
      type: array
      items:
        type: boolean
  order:
    description: Orders a fruit.
    input:
      contentType: application/json
      $ref: "#/components/schemas/Fruit"
    output:
      contentType: application/json
      $ref: "#/components/schemas/Receipt"
imports:
  eatFruit:
    description: The host eats a fruit and says whether it liked it.
    input:
      contentType: text/plain; charset=utf-8
      $ref: "#/components/schemas/Fruit"
    output:
      contentType: application/json
      type: boolean
  storeRead:
    input:
      contentType: text/plain; charset=utf-8
      type: string
    output:
      contentType: application/x-binary
      type: buffer
  storeWrite:
    input:
      contentType: application/json
      $ref: "#/components/schemas/Entry"
components:
  schemas:
    Fruit:
      description: What the shop sells.
      type: string
      enum: [apple, orange, banana]
    Entry:
      description: One entry of the store.
      type: object
      properties:
        key:
          type: string
        value:
          type: buffer
      required: [key, value]
    Receipt:
      type: object
      properties:
        fruit:
          $ref: "#/components/schemas/Fruit"
        at:
          type: string
          format: date-time
          description: When it was sold.
        paid:
          type: number
        note:
          type: string
          nullable: true
        entry:
          $ref: "#/components/schemas/Entry"
        prices:
          type: object
          additionalProperties:
            type: number
        tags:
          type: array
          items:
            type: string
      required: [fruit, at, paid, note, prices, tags]
`;

it("scaffolds a plug-in from an XTP schema that type-checks, builds, passes its own test and gives the schema back", () => {
  const dir = join(testDir, ".fixtures", "init-schema");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(testDir, ".fixtures"), { recursive: true });
  const schemaPath = join(testDir, ".fixtures", "init-schema.yaml");
  writeFileSync(schemaPath, SHOP);

  const init = runCli(["init", dir, "--schema", schemaPath]);
  expect(init.stderr).toBe("");
  expect(init.status).toBe(0);

  const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
  for (const project of [dir, join(dir, "test")]) {
    const check = spawnSync(process.execPath, [tsc, "-p", project], { encoding: "utf8" });
    expect(check.stdout + check.stderr, project).toBe("");
  }

  const back = join(dir, "back.yaml");
  const build = runCli(["build", "src/index.ts", "-o", "dist/plugin.wasm", "-q", "--schema", back], { cwd: dir });
  expect(build.stderr).toBe("");
  expect(build.status).toBe(0);
  expect(parse(readFileSync(back, "utf8"))).toEqual(parse(SHOP));

  // The test it comes with builds the plug-in (npm run build) and calls every export with a mock of every host function.
  // A config of its own, or vitest would take the workspace's, found above it.
  writeFileSync(join(dir, "vitest.config.mjs"), "export default {};\n");
  const test = spawnSync(process.execPath, [join(repoRoot, "node_modules/vitest/vitest.mjs"), "run", "--root", dir, "--config", join(dir, "vitest.config.mjs")], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NODE_NO_WARNINGS: "1", CI: "true" },
  });
  expect(test.status, test.stdout + test.stderr).toBe(0);
  // Without the colours vitest gives its summary.
  expect(test.stdout.replace(/\x1b\[[0-9;]*m/g, "")).toMatch(/Tests\s+5 passed \(5\)/);
}, 300_000);
