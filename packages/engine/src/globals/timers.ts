import { native } from "../natives.js";
import { logAt } from "../logging.js";
import { INTERNAL_GLOBALS } from "../contract.js";

const clockMonotonic = /* @__PURE__ */ native("clock_monotonic");
const clockSleep = /* @__PURE__ */ native("clock_sleep");
const initializing = /* @__PURE__ */ native("host_initializing");

interface Timer {
  id: number;
  deadline: number;
  callback: (...args: unknown[]) => unknown;
  args: unknown[];
  /** The period of setInterval; undefined for setTimeout. */
  interval: number | undefined;
  /** A timer nothing waits for (AbortSignal.timeout's): cancelled without a warning. */
  weak: boolean;
}

const timers = new Map<number, Timer>();
let nextId = 1;
// Per call: whether there is a real clock (WASI), and the time without one.
let realClock: boolean | undefined;
let virtualNow = 0;
// Running due timers stops at the time it started: an interval (or a timer
// that sets a timer) cannot keep it going on a clock that moves meanwhile.
let dueBy: number | undefined;

function now(): number {
  if (realClock === undefined) {
    try {
      clockMonotonic();
      realClock = true;
    } catch {
      realClock = false;
    }
  }
  return realClock ? clockMonotonic() : virtualNow;
}

/** HTML's timer delay: a number of milliseconds, 0 when it is not one or negative. */
function delayOf(delay: unknown): number {
  const milliseconds = Number(delay);
  return milliseconds > 0 && milliseconds <= 2147483647 ? milliseconds : 0;
}

function schedule(name: string, callback: unknown, delay: unknown, args: unknown[], repeat: boolean, weak = false): number {
  if (typeof callback !== "function") {
    throw new TypeError(`${name}: the callback must be a function (code in a string is not run)`);
  }
  const milliseconds = delayOf(delay);
  const id = nextId++;
  // An interval of 0 would be due again as soon as it ran.
  const interval = repeat ? Math.max(milliseconds, 1) : undefined;
  timers.set(id, { id, deadline: now() + milliseconds, callback: callback as Timer["callback"], args, interval, weak });
  return id;
}

/** The timer that runs next: the earliest deadline, the earliest set among equals. */
function nextTimer(): Timer | undefined {
  let next: Timer | undefined;
  for (const timer of timers.values()) if (!next || timer.deadline < next.deadline) next = timer;
  return next;
}

function run(timer: Timer): void {
  if (timer.interval === undefined) timers.delete(timer.id);
  else {
    // Re-added at the end: it goes after timers of the same deadline set before.
    timers.delete(timer.id);
    timer.deadline = Math.max(timer.deadline, now()) + timer.interval;
    timers.set(timer.id, timer);
  }
  timer.callback(...timer.args);
}

/** Cancel what is left; a warning names the count, as pending work that will never run is a bug. */
function cancelAll(): number {
  const pending = [...timers.values()].filter((timer) => !timer.weak).length;
  timers.clear();
  realClock = undefined;
  virtualNow = 0;
  if (pending > 0 && !initializing()) {
    logAt(3, [
      `${pending} timer${pending === 1 ? " was" : "s were"} still pending when the call ended (setTimeout/setInterval): ` +
        "cancelled, they never run in a later call",
    ]);
  }
  return pending;
}

// The engine's call loop drives the queue through this global (src/contract.ts, src/c/timers.c):
// 0 runs a due timer, 1 runs the next timer once its deadline comes (waiting on
// the real clock, or moving the time without one), 2 cancels every timer.
// Each returns how many timers it ran or cancelled.
(globalThis as Record<string, unknown>)[INTERNAL_GLOBALS.timers] = (mode: number): number => {
  if (mode === 0) {
    dueBy ??= now();
    const timer = nextTimer();
    if (!timer || timer.deadline > dueBy) return 0;
    run(timer);
    return 1;
  }
  dueBy = undefined;
  if (mode === 2) return cancelAll();
  const timer = nextTimer();
  if (!timer) return 0;
  const wait = timer.deadline - now();
  if (wait > 0) {
    if (realClock) clockSleep(wait);
    else virtualNow = timer.deadline;
  }
  run(timer);
  return 1;
};

export function setTimeout<A extends unknown[]>(callback: (...args: A) => unknown, delay?: number, ...args: A): number {
  return schedule("setTimeout", callback, delay, args, false);
}

export function setInterval<A extends unknown[]>(callback: (...args: A) => unknown, delay?: number, ...args: A): number {
  return schedule("setInterval", callback, delay, args, true);
}

export function clearTimeout(id: number | undefined): void {
  timers.delete(Number(id));
}

export { clearTimeout as clearInterval };

/** A timer that is cancelled without a warning when the call ends (AbortSignal.timeout). */
export function setWeakTimeout(callback: () => void, delay: number): number {
  return schedule("setTimeout", callback, delay, [], false, true);
}
