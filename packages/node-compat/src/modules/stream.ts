// Node's `stream` module over readable-stream 3, with what its browser build leaves out:
// the module itself is Node's legacy Stream class (whose pipe() moves 'data' events), which
// old stream code extends (`Stream.call(this)`, as pngjs does) and every stream is an
// instance of; Readable.from; and stream.promises.
import { EventEmitter } from "events";
import streams from "readable-stream";

const { Readable, Writable, Duplex, Transform, PassThrough, finished, pipeline } = streams;

type Source = EventEmitter & { readable?: boolean; pause?(): void; resume?(): void };
type Destination = EventEmitter & { writable?: boolean; write(chunk: unknown): boolean; end(): void; destroy?(): void; _isStdio?: boolean };

interface LegacyStream extends EventEmitter {
  pipe<T extends Destination>(destination: T, options?: { end?: boolean }): T;
}

/** Node's legacy Stream: an EventEmitter whose pipe() forwards 'data' events and honours 'drain'. */
const Stream = function Stream(this: EventEmitter, options?: unknown) {
  EventEmitter.call(this, options);
} as unknown as { new (options?: unknown): LegacyStream; prototype: LegacyStream } & Record<string, unknown>;
Object.setPrototypeOf(Stream.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Stream, EventEmitter);

Stream.prototype.pipe = function pipe<T extends Destination>(this: Source, destination: T, options?: { end?: boolean }): T {
  const source = this;
  const onData = (chunk: unknown): void => {
    if (destination.writable !== false && destination.write(chunk) === false) source.pause?.();
  };
  const onDrain = (): void => {
    if (source.readable !== false) source.resume?.();
  };
  let ended = false;
  const onEnd = (): void => {
    if (ended) return;
    ended = true;
    destination.end();
  };
  const onClose = (): void => {
    if (ended) return;
    ended = true;
    destination.destroy?.();
  };
  const onError = (error: unknown): void => {
    cleanup();
    // As in Node: an error nobody listens for is thrown.
    if (EventEmitter.prototype.listenerCount.call(source, "error") === 0 && EventEmitter.prototype.listenerCount.call(destination, "error") === 0) throw error;
  };
  const endsDestination = !destination._isStdio && options?.end !== false;
  const cleanup = (): void => {
    source.removeListener("data", onData);
    destination.removeListener("drain", onDrain);
    source.removeListener("end", onEnd);
    source.removeListener("close", onClose);
    source.removeListener("error", onError);
    destination.removeListener("error", onError);
    source.removeListener("end", cleanup);
    source.removeListener("close", cleanup);
    destination.removeListener("close", cleanup);
  };
  source.on("data", onData);
  destination.on("drain", onDrain);
  if (endsDestination) {
    source.on("end", onEnd);
    source.on("close", onClose);
  }
  source.on("error", onError);
  destination.on("error", onError);
  source.on("end", cleanup);
  source.on("close", cleanup);
  destination.on("close", cleanup);
  destination.emit("pipe", source);
  return destination;
};

// readable-stream's classes descend from EventEmitter, not from this Stream: instanceof asks both.
Object.defineProperty(Stream, Symbol.hasInstance, {
  value(value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(Stream, value) || value instanceof Readable || value instanceof Writable;
  },
});

/**
 * Readable.from(iterable): a stream of an iterable's or async iterable's
 * values, in object mode unless the options say otherwise; a string or a
 * Buffer is one chunk, as in Node.
 */
function from(iterable: unknown, options?: Record<string, unknown>): InstanceType<typeof Readable> {
  if (typeof iterable === "string" || iterable instanceof Uint8Array) {
    return new Readable({
      objectMode: true,
      ...options,
      read() {
        this.push(iterable);
        this.push(null);
      },
    });
  }
  const asyncIterator = (iterable as { [Symbol.asyncIterator]?: () => AsyncIterator<unknown> } | null)?.[Symbol.asyncIterator];
  const syncIterator = (iterable as { [Symbol.iterator]?: () => Iterator<unknown> } | null)?.[Symbol.iterator];
  if (typeof asyncIterator !== "function" && typeof syncIterator !== "function") {
    throw new TypeError(`The "iterable" argument must be an instance of Iterable. Received ${iterable === null ? "null" : typeof iterable}`);
  }
  const iterator = typeof asyncIterator === "function" ? asyncIterator.call(iterable) : syncIterator!.call(iterable);
  let reading = false;
  const readable: InstanceType<typeof Readable> = new Readable({
    objectMode: true,
    highWaterMark: 1,
    ...options,
    read() {
      if (reading) return;
      reading = true;
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await iterator.next();
            if (done) {
              readable.push(null);
              return;
            }
            const chunk = await value;
            if (chunk === null) throw new TypeError("May not write null values to stream");
            if (!readable.push(chunk)) return;
          }
        } catch (error) {
          readable.destroy(error as Error);
        } finally {
          reading = false;
        }
      })();
    },
    destroy(error, callback) {
      // Stop the iterator (a generator runs its finally blocks), then report.
      Promise.resolve(typeof iterator.return === "function" ? iterator.return() : undefined).then(
        () => callback(error),
        (returnError: Error) => callback(error ?? returnError),
      );
    },
  });
  return readable;
}
Readable.from = from;

type Stage = unknown;

/** stream.promises.pipeline: streams, or functions of the stage before (an async iterable) that return one. */
function pipelinePromise(...stages: Stage[]): Promise<unknown> {
  const last = stages[stages.length - 1];
  // Node's options object ({ signal, end }) ends the list; its signal is not followed here (docs/node-compat.md).
  if (last !== null && typeof last === "object" && !(last instanceof EventEmitter) && !(Symbol.asyncIterator in last) && !(Symbol.iterator in last)) stages.pop();
  if (!stages.some((stage) => typeof stage === "function")) {
    return new Promise((resolve, reject) => pipeline(...stages, (error?: Error | null) => (error ? reject(error) : resolve(undefined))));
  }
  // Functions: each takes what the stage before gives, as an async iterable.
  return (async () => {
    let current: unknown = stages[0];
    if (typeof current === "function") current = (current as () => unknown)();
    for (let i = 1; i < stages.length; i++) {
      const stage = stages[i];
      if (typeof stage === "function") {
        current = await Promise.resolve(current).then((input) => (stage as (source: unknown) => unknown)(input));
      } else {
        const input = current instanceof EventEmitter ? current : from(current);
        await new Promise((resolve, reject) => pipeline(input, stage, (error?: Error | null) => (error ? reject(error) : resolve(undefined))));
        current = stage;
      }
    }
    return current instanceof EventEmitter ? undefined : await current;
  })();
}

function finishedPromise(stream: unknown, options?: unknown): Promise<void> {
  return new Promise((resolve, reject) => finished(stream, options ?? {}, (error?: Error | null) => (error ? reject(error) : resolve())));
}

export const promises = { pipeline: pipelinePromise, finished: finishedPromise };

Object.assign(Stream, { Stream, Readable, Writable, Duplex, Transform, PassThrough, finished, pipeline, promises });

export { Stream, Readable, Writable, Duplex, Transform, PassThrough, finished, pipeline };
export default Stream;
