// Node's `timers`: the engine's timers, with Node's Timeout and Immediate objects (ref, unref,
// refresh, a number as primitive), which Node code calls (`setTimeout(f, 100).unref()`), and
// setImmediate, which runs its callback after the current job, as a timer of 0 ms does.

import promises from "./timers-promises.js";

type Callback = (...args: unknown[]) => void;

/** Node's Timeout: the engine's timer id with the methods Node code calls on it. */
export class Timeout {
  #id: number;
  #referenced = true;
  readonly #start: () => number;
  constructor(start: () => number) {
    this.#start = start;
    this.#id = start();
  }
  /** A plug-in's timers all run before its call returns: a reference keeps nothing alive. */
  ref(): this {
    this.#referenced = true;
    return this;
  }
  unref(): this {
    this.#referenced = false;
    return this;
  }
  hasRef(): boolean {
    return this.#referenced;
  }
  /** Start the timer again with its delay, from now. */
  refresh(): this {
    globalThis.clearTimeout(this.#id);
    this.#id = this.#start();
    return this;
  }
  close(): this {
    globalThis.clearTimeout(this.#id);
    return this;
  }
  [Symbol.toPrimitive](): number {
    // Number(): under Node itself (the unit tests) the id is Node's own Timeout.
    return Number(this.#id);
  }
}

/** Node's Immediate. */
export class Immediate extends Timeout {}

const idOf = (timer: unknown): number | undefined => (timer instanceof Timeout ? Number(timer) : typeof timer === "number" ? timer : undefined);

function timeout(callback: Callback, delay: number | undefined, args: unknown[], repeat: boolean): Timeout {
  if (typeof callback !== "function") throw new TypeError(`The "callback" argument must be of type function. Received ${callback === null ? "null" : typeof callback}`);
  // Node runs a delay below 1 ms (or not a number) after 1 ms.
  const milliseconds = typeof delay === "number" && delay >= 1 && delay <= 2147483647 ? delay : 1;
  return new Timeout(() => (repeat ? globalThis.setInterval : globalThis.setTimeout)(callback, milliseconds, ...args));
}

export function setTimeout(callback: Callback, delay?: number, ...args: unknown[]): Timeout {
  return timeout(callback, delay, args, false);
}

export function setInterval(callback: Callback, delay?: number, ...args: unknown[]): Timeout {
  return timeout(callback, delay, args, true);
}

export function setImmediate(callback: Callback, ...args: unknown[]): Immediate {
  if (typeof callback !== "function") throw new TypeError(`The "callback" argument must be of type function. Received ${callback === null ? "null" : typeof callback}`);
  return new Immediate(() => globalThis.setTimeout(callback, 0, ...args));
}

export function clearTimeout(timer: unknown): void {
  const id = idOf(timer);
  if (id !== undefined) globalThis.clearTimeout(id);
}

export const clearInterval = clearTimeout;
export const clearImmediate = clearTimeout;

export { promises };

export default { setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate, promises, Timeout, Immediate };
