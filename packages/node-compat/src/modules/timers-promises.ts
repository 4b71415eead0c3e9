// Node's `timers/promises`: the engine's timers as promises and async iterators.

export interface TimerOptions {
  signal?: AbortSignal;
  ref?: boolean;
}

/** Node's AbortError: what a timer whose signal aborts rejects with. */
class AbortError extends Error {
  readonly code = "ABORT_ERR";
  constructor(cause: unknown) {
    super("The operation was aborted", { cause });
    this.name = "AbortError";
  }
}

function delayOf(delay: unknown): number {
  return typeof delay === "number" && delay >= 1 && delay <= 2147483647 ? delay : 1;
}

function wait<T>(milliseconds: number, value: T, options: TimerOptions = {}): Promise<T> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new AbortError(signal.reason));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      globalThis.clearTimeout(id);
      reject(new AbortError(signal!.reason));
    };
    const id = globalThis.setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(value);
    }, milliseconds);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function setTimeout<T = void>(delay?: number, value?: T, options?: TimerOptions): Promise<T> {
  return wait(delayOf(delay), value as T, options);
}

export function setImmediate<T = void>(value?: T, options?: TimerOptions): Promise<T> {
  return wait(0, value as T, options);
}

/** An async iterator that gives `value` every `delay` ms, as long as it is iterated. */
export async function* setInterval<T = void>(delay?: number, value?: T, options: TimerOptions = {}): AsyncGenerator<T, void, unknown> {
  const milliseconds = delayOf(delay);
  for (;;) yield await wait(milliseconds, value as T, options);
}

export const scheduler = {
  wait: (delay: number, options?: TimerOptions): Promise<void> => wait(delayOf(delay), undefined, options),
  yield: (): Promise<void> => wait(0, undefined),
};

const promises = { setTimeout, setImmediate, setInterval, scheduler };
export default promises;
