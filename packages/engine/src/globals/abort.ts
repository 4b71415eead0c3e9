import { DOMException } from "./dom-exception.js";
import { Event, EventTarget } from "./events.js";
import { setWeakTimeout } from "./timers.js";
import { optional } from "./optional.js";

interface SignalState {
  aborted: boolean;
  reason: unknown;
  /** Signals made by AbortSignal.any that follow this one. */
  dependents: AbortSignal[];
  onabort: ((this: AbortSignal, event: Event) => unknown) | null;
}

const signals = new WeakMap<AbortSignal, SignalState>();
let constructing = false;

function stateOf(signal: AbortSignal): SignalState {
  const state = signals.get(signal);
  if (!state) throw new TypeError("Illegal invocation: not an AbortSignal");
  return state;
}

function newSignal(): AbortSignal {
  constructing = true;
  try {
    return new AbortSignal();
  } finally {
    constructing = false;
  }
}

/** DOM's "signal abort": set the reason, abort the followers, then fire "abort" on each. */
function signalAbort(signal: AbortSignal, reason: unknown): void {
  const state = stateOf(signal);
  if (state.aborted) return;
  state.aborted = true;
  state.reason = reason === undefined ? new DOMException("This operation was aborted", "AbortError") : reason;
  const aborted = [signal];
  for (let i = 0; i < aborted.length; i++) {
    for (const dependent of stateOf(aborted[i]!).dependents) {
      const follower = stateOf(dependent);
      if (follower.aborted) continue;
      Object.assign(follower, { aborted: true, reason: state.reason });
      aborted.push(dependent);
    }
  }
  for (const target of aborted) target.dispatchEvent(new Event("abort"));
}

/** DOM's AbortSignal. */
export class AbortSignal extends EventTarget {
  constructor() {
    if (!constructing) throw new TypeError("AbortSignal: use AbortController or AbortSignal.abort/timeout/any, not new AbortSignal()");
    super();
    signals.set(this, { aborted: false, reason: undefined, dependents: [], onabort: null });
  }
  get aborted(): boolean {
    return stateOf(this).aborted;
  }
  get reason(): unknown {
    return stateOf(this).reason;
  }
  get onabort(): ((this: AbortSignal, event: Event) => unknown) | null {
    return stateOf(this).onabort;
  }
  set onabort(handler: ((this: AbortSignal, event: Event) => unknown) | null) {
    const state = stateOf(this);
    if (state.onabort) this.removeEventListener("abort", state.onabort as (event: Event) => unknown);
    state.onabort = typeof handler === "function" ? handler : null;
    if (state.onabort) this.addEventListener("abort", state.onabort as (event: Event) => unknown);
  }
  throwIfAborted(): void {
    const state = stateOf(this);
    if (state.aborted) throw state.reason;
  }
  static abort(reason?: unknown): AbortSignal {
    const signal = newSignal();
    signalAbort(signal, reason);
    return signal;
  }
  /**
   * Aborts with a TimeoutError once `milliseconds` have passed within the
   * call; a timeout still pending when the call ends is dropped silently.
   */
  static timeout(milliseconds: number): AbortSignal {
    const delay = Number(milliseconds);
    if (!Number.isFinite(delay) || delay < 0 || delay > Number.MAX_SAFE_INTEGER) {
      throw new TypeError(`AbortSignal.timeout: the delay must be a number of milliseconds >= 0, not ${String(milliseconds)}`);
    }
    const signal = newSignal();
    setWeakTimeout(() => signalAbort(signal, new DOMException("The operation was aborted due to timeout", "TimeoutError")), delay);
    return signal;
  }
  static any(inputs: Iterable<AbortSignal>): AbortSignal {
    const signal = newSignal();
    const sources = [...inputs];
    for (const source of sources) {
      const state = stateOf(source);
      if (state.aborted) {
        Object.assign(stateOf(signal), { aborted: true, reason: state.reason });
        return signal;
      }
    }
    for (const source of sources) stateOf(source).dependents.push(signal);
    return signal;
  }
  override get [Symbol.toStringTag](): string {
    return "AbortSignal";
  }
}

/** DOM's AbortController. */
export class AbortController {
  readonly #signal = newSignal();
  get signal(): AbortSignal {
    return this.#signal;
  }
  abort(reason?: unknown): void {
    signalAbort(this.#signal, reason);
  }
  get [Symbol.toStringTag](): string {
    return "AbortController";
  }
}

// Request's signal (./fetch.ts), made when a plug-in first reads it.
optional.anySignal = (signals) => AbortSignal.any(signals as AbortSignal[]);
