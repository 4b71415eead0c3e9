import { native } from "../natives.js";

const clockNow = /* @__PURE__ */ native("clock_now");
const clockMonotonic = /* @__PURE__ */ native("clock_monotonic");
const initializing = /* @__PURE__ */ native("host_initializing");

// Taken on first use in each instance, never at build time (where the clock is a fixed instant).
let origin: { monotonic: number; wall: number } | undefined;

function timeOrigin(): { monotonic: number; wall: number } {
  if (initializing()) return { monotonic: clockMonotonic(), wall: clockNow() };
  return (origin ??= { monotonic: clockMonotonic(), wall: clockNow() });
}

/**
 * performance.now() and timeOrigin on the engine's monotonic clock. Date is
 * the engine's own: it reads WASI's clock, and throws a message about
 * --wasi when the plug-in has none.
 */
export const performance = {
  now(): number {
    const start = timeOrigin();
    return clockMonotonic() - start.monotonic;
  },
  get timeOrigin(): number {
    return timeOrigin().wall;
  },
};
