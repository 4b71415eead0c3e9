import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { TraceMap, decodedMappings } from "@jridgewell/trace-mapping";
import { describe, expect, it } from "vitest";
import { INTERNAL_GLOBALS } from "@extism-ts/engine/contract";
import { BUNDLE_FILENAME, stackMapPrelude } from "./stack-map.js";

describe("stackMapPrelude", () => {
  it("maps every bundle line of a stack to the file and line it came from", async () => {
    const dir = mkdtempSync(join(tmpdir(), "codegen-stack-map-"));
    writeFileSync(join(dir, "package.json"), '{"name":"p","type":"module"}');
    // Two files, lines that jump back and forth (a loop body after a long function), blank lines and glue.
    const helper = Array.from({ length: 40 }, (_, i) => `export function f${i}(x: number): number {\n  ${i % 3 === 0 ? "\n" : ""}return x + ${i};\n}`).join("\n");
    writeFileSync(join(dir, "helper.ts"), helper);
    writeFileSync(join(dir, "index.ts"), 'import * as h from "./helper.ts";\nexport const run = () =>\n  Object.values(h).map((f) => f(1));\n\n\nexport class C { m() { return run(); } }\n');
    const result = await build({ entryPoints: [join(dir, "index.ts")], bundle: true, write: false, format: "iife", sourcemap: "external", outdir: dir, absWorkingDir: dir, sourcesContent: false });
    const map = result.outputFiles.find((file) => file.path.endsWith(".map"))!.text;
    const lines = decodedMappings(new TraceMap(map)).map((segments) => segments.find((segment) => segment.length >= 4));
    const sources = new TraceMap(map).sources;
    expect(lines.filter((line) => line === undefined).length).toBeGreaterThan(0);

    const context: Record<string, unknown> = {};
    context.globalThis = context;
    runInNewContext(stackMapPrelude(map, dir, true), context);
    const mapStack = context[INTERNAL_GLOBALS.mapStack] as (stack: string) => string;
    // Bundle line N is line N + 1 of the script the engine evaluates, behind the prelude; the bundle's column says nothing of the source's.
    const frames = lines.map((_, index) => `    at f (${BUNDLE_FILENAME}:${index + 2}:5)`);
    const expected = lines.map((segment, index) =>
      segment === undefined ? frames[index] : `    at f (${sources[segment[1]!]!.replace(/^.*\//, "")}:${segment[2]! + 1})`,
    );
    expect(mapStack(frames.join("\n")).split("\n")).toEqual(expected);
  });
});
