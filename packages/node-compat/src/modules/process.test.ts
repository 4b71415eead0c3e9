import { describe, expect, it } from "vitest";
import { process } from "./process.js";

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

  it("measures time with hrtime: never backwards, the time waited, in seconds and nanoseconds as Node splits them", async () => {
    const readings = Array.from({ length: 1_000 }, () => process.hrtime.bigint());
    expect(readings.filter((reading, index) => index > 0 && reading < readings[index - 1]!)).toEqual([]);
    const start = process.hrtime();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [seconds, nanoseconds] = process.hrtime(start);
    expect([Number.isInteger(seconds), Number.isInteger(nanoseconds), nanoseconds >= 0 && nanoseconds < 1e9]).toEqual([true, true, true]);
    // A timer may fire a millisecond early, never much more.
    expect(seconds * 1e9 + nanoseconds).toBeGreaterThanOrEqual(45e6);
    // Relative to a reading 3 s earlier: 3 whole seconds, whatever the nanoseconds of each.
    const now = process.hrtime();
    const earlier: [number, number] = now[1] >= 5e8 ? [now[0] - 3, now[1] - 5e8] : [now[0] - 4, now[1] + 5e8];
    const [wholeSeconds, rest] = process.hrtime(earlier);
    expect([wholeSeconds, rest >= 5e8 && rest < 1e9]).toEqual([3, true]);
  });

  it("gives hrtime.bigint() in the same nanoseconds as hrtime()", () => {
    const before = process.hrtime.bigint();
    const [seconds, nanoseconds] = process.hrtime();
    const after = process.hrtime.bigint();
    const reading = BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds);
    expect(reading).toBeGreaterThanOrEqual(before);
    expect(reading).toBeLessThanOrEqual(after);
  });
});
