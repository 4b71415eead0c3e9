import { native } from "../natives.js";

const clockNow = /* @__PURE__ */ native("clock_now");
const clockMonotonic = /* @__PURE__ */ native("clock_monotonic");

/**
 * Date reading the clock through the engine: without WASI, `new Date()` and
 * `Date.now()` throw an error saying to build with --wasi; dates built from
 * values work either way. (Made in a pure call: a class with `extends` would
 * otherwise stay in every bundle.)
 */
const PluginDate = /* @__PURE__ */ (() =>
  class Date extends globalThis.Date {
    constructor(...args: ConstructorParameters<DateConstructor> | []) {
      if (args.length === 0) super(clockNow());
      else super(...(args as [string | number | globalThis.Date]));
    }
    static override now(): number {
      return clockNow();
    }
  })();

// Taken on first use in each instance, never at build time.
let origin: { monotonic: number; wall: number } | undefined;

function timeOrigin(): { monotonic: number; wall: number } {
  return (origin ??= { monotonic: clockMonotonic(), wall: clockNow() });
}

/** performance.now() and timeOrigin on the engine's monotonic clock. */
export const performance = {
  now(): number {
    const start = timeOrigin();
    return clockMonotonic() - start.monotonic;
  },
  get timeOrigin(): number {
    return timeOrigin().wall;
  },
};

export { PluginDate as Date };
