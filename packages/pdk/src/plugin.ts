import { expectCodec, type Codec } from "@extism-ts/convert";
import { input, output } from "./io.js";

/** A plug-in export: takes no arguments, returns the call's return code. */
export interface PluginFunction {
  (): number | void | PromiseLike<number | void>;
  /** How the input is decoded; null when the export takes none. */
  readonly inputCodec: Codec<unknown> | null;
  /** How the result is encoded; null when the export returns nothing. */
  readonly outputCodec: Codec<unknown> | null;
}

type Returned<O> = O | PromiseLike<O>;

/**
 * A typed export, like the Rust PDK's `#[plugin_fn]`: the input is decoded
 * with `inputCodec` (null: the export takes none), `fn`'s result is encoded
 * with `outputCodec` (null: it returns nothing). A thrown error or rejected
 * promise fails the call with its message. The codecs are checked here, when
 * the module loads, so a wrong one fails the build rather than the first call.
 */
export function plugin<I, O>(
  inputCodec: Codec<I> | null,
  outputCodec: Codec<O> | null,
  fn: (input: I) => Returned<O>,
): PluginFunction {
  if (inputCodec !== null) expectCodec(inputCodec, "plugin(): the input codec (first argument)");
  if (outputCodec !== null) expectCodec(outputCodec, "plugin(): the output codec (second argument)");
  if (typeof fn !== "function") throw new TypeError(`plugin(): the third argument must be the function to export, not ${fn === null ? "null" : typeof fn}`);
  const run = (): void | PromiseLike<void> => {
    const value = inputCodec ? input(inputCodec) : (undefined as I);
    const result = fn(value);
    if (isThenable(result)) return emitSettled(outputCodec, result);
    emit(outputCodec, result);
  };
  return Object.assign(run, { inputCodec, outputCodec }) as PluginFunction;
}

function emit<O>(outputCodec: Codec<O> | null, value: O): void {
  if (outputCodec) output(value, outputCodec);
}

/**
 * Awaited as Node awaits a thenable: its first resolution counts (a thenable
 * that calls its handlers again emits nothing more), and the engine waits for
 * one that settles from a later job. A thenable of its own rather than an
 * async function or a Promise: a plug-in that never names Promise starts
 * without it.
 */
function emitSettled<O>(outputCodec: Codec<O> | null, pending: PromiseLike<O>): PromiseLike<void> {
  const settled: PromiseLike<void> = {
    then(onEmitted, onFailed) {
      let done = false;
      pending.then(
        (value) => {
          if (done) return;
          done = true;
          if (isThenable(value)) {
            emitSettled(outputCodec, value).then(onEmitted, onFailed);
            return;
          }
          try {
            emit(outputCodec, value);
          } catch (error) {
            onFailed?.(error);
            return;
          }
          onEmitted?.();
        },
        (reason: unknown) => {
          if (done) return;
          done = true;
          onFailed?.(reason);
        },
      );
      // Awaiting reads nothing back from then(), and nothing chains on an export's result.
      return undefined as unknown as PromiseLike<never>;
    },
  };
  return settled;
}

function isThenable<O>(value: Returned<O>): value is PromiseLike<O> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}
