import { describe, expect, it } from "vitest";
import { clearInterval, clearTimeout, setImmediate, setInterval, setTimeout } from "./timers.js";
import { setInterval as every, setTimeout as sleep } from "./timers-promises.js";

describe("node:timers", () => {
  it("gives Timeout objects with Node's methods, a number as primitive, that clear and refresh", async () => {
    const fired: string[] = [];
    const timer = setTimeout(() => fired.push("timeout"), 5);
    expect([timer.hasRef(), timer.unref().hasRef(), timer.ref().hasRef()]).toEqual([true, false, true]);
    expect(typeof +timer).toBe("number");
    const cleared = setTimeout(() => fired.push("cleared"), 1);
    clearTimeout(cleared);
    setImmediate((value: unknown) => fired.push(`immediate ${String(value)}`), "v");
    await new Promise<void>((resolve) => {
      let ticks = 0;
      const interval = setInterval(() => {
        if (++ticks === 2) {
          clearInterval(interval);
          resolve();
        }
      }, 10);
    });
    // The order against Node's own timers is Node's; in a plug-in the npm case compares it with Node.
    expect(fired.sort()).toEqual(["immediate v", "timeout"]);
  });

  it("refuses a callback that is not a function, as Node does", () => {
    expect(() => setTimeout("code" as never, 1)).toThrow('The "callback" argument must be of type function. Received string');
  });
});

describe("node:timers/promises", () => {
  it("resolves with the value, iterates an interval, and rejects with AbortError when aborted", async () => {
    expect(await sleep(1, "slept")).toBe("slept");
    const values: string[] = [];
    for await (const value of every(1, "tick")) if (values.push(value) === 3) break;
    expect(values).toEqual(["tick", "tick", "tick"]);
    const controller = new AbortController();
    const pending = sleep(1000, "never", { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError", code: "ABORT_ERR" });
  });
});
