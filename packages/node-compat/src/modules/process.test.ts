import { describe, expect, it } from "vitest";
import { process } from "./process.js";
import { timingSafeEqual } from "./crypto.js";

describe("the plug-in's process", () => {
  it("runs nextTick callbacks with their arguments, after the current code", async () => {
    const seen: unknown[] = [];
    process.nextTick((...args: unknown[]) => seen.push(args), 1, "two");
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual([[1, "two"]]);
  });

  it("has no environment, arguments or working directory to change", () => {
    expect([process.env, process.argv, process.cwd(), process.platform]).toEqual([{}, [], "/", "linux"]);
    expect(() => process.exit(2)).toThrow("process.exit(2): a plug-in cannot exit; return an error from the export instead");
    expect(() => process.chdir("/tmp")).toThrow('process.chdir("/tmp"): a plug-in has no working directory to change');
    expect(process.on("exit", () => undefined)).toBe(process);
  });

  it("measures time with hrtime, relative to an earlier reading", () => {
    const start = process.hrtime();
    const elapsed = process.hrtime(start);
    expect(elapsed[0]).toBe(0);
    expect(elapsed[1]).toBeGreaterThanOrEqual(0);
    expect(typeof process.hrtime.bigint()).toBe("bigint");
  });
});

describe("timingSafeEqual", () => {
  it("compares views of equal length, and refuses different lengths as Node does", () => {
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([9, 1, 2, 3]).subarray(1))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(() => timingSafeEqual(new Uint8Array(2), new Uint8Array(3))).toThrow(RangeError);
  });
});
