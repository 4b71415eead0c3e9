import { describe, expect, it } from "vitest";
import { formatInspection, type Inspection } from "./inspect.js";

describe("formatInspection", () => {
  it("shows size, WASI, exports and the imports by module", () => {
    const inspection: Inspection = {
      size: 2048,
      gzipSize: 1000,
      exports: ["greet", "count"],
      wasi: true,
      imports: [
        { module: "extism:host/env", name: "input_length", params: [], results: ["i64"] },
        { module: "wasi_snapshot_preview1", name: "clock_time_get", params: ["i32", "i64", "i32"], results: ["i32"] },
        { module: "extism:host/env", name: "output_set", params: ["i64", "i64"], results: [] },
      ],
    };
    expect(formatInspection(inspection)).toBe(
      [
        "size:    2.0 KiB (1.0 KiB gzip)",
        "wasi:    required (run with WASI on)",
        "exports: greet, count",
        "imports:",
        "  extism:host/env",
        "    input_length() -> i64",
        "    output_set(i64, i64) -> ()",
        "  wasi_snapshot_preview1",
        "    clock_time_get(i32, i64, i32) -> i32",
      ].join("\n"),
    );
  });

  it("says when nothing is imported", () => {
    expect(formatInspection({ size: 10, gzipSize: 10, exports: ["f"], wasi: false, imports: [] })).toContain("wasi:    not needed\nexports: f\nimports:\n  (none)");
  });
});
