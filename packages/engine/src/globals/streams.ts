import type { AbortSignal } from "./abort.js";
import { optional, type ByteStream } from "./optional.js";
import { TextDecoder, TextEncoder } from "./text.js";

// The WHATWG Streams Standard, the engine's own. The algorithms follow the
// standard's abstract operations (named in the comments where the name helps
// to find them) on internal records, which the public classes hold in one
// private field each: no WeakMap (the engine's Map/Set code), no regular
// expression (its RegExp), no async functions or generators, so that a
// plug-in naming ReadableStream pays for little more than this code.

// ---- Types (the standard's IDL dictionaries and callbacks) ----

export interface QueuingStrategy<T = any> {
  highWaterMark?: number;
  size?: (chunk: T) => number;
}
export interface QueuingStrategyInit {
  highWaterMark: number;
}
export interface ReadableStreamReadValueResult<T> {
  done: false;
  value: T;
}
export interface ReadableStreamReadDoneResult<T> {
  done: true;
  /** A BYOB reader's empty view of its buffer; undefined for a default reader. */
  value: T | undefined;
}
export type ReadableStreamReadResult<T> = ReadableStreamReadValueResult<T> | ReadableStreamReadDoneResult<T>;
export interface UnderlyingSource<R = any> {
  start?: (controller: ReadableStreamDefaultController<R>) => any;
  pull?: (controller: ReadableStreamDefaultController<R>) => void | PromiseLike<void>;
  cancel?: (reason: any) => void | PromiseLike<void>;
  type?: undefined;
}
export interface UnderlyingByteSource {
  start?: (controller: ReadableByteStreamController) => any;
  pull?: (controller: ReadableByteStreamController) => void | PromiseLike<void>;
  cancel?: (reason: any) => void | PromiseLike<void>;
  type: "bytes";
  autoAllocateChunkSize?: number;
}
export interface UnderlyingSink<W = any> {
  start?: (controller: WritableStreamDefaultController) => any;
  write?: (chunk: W, controller: WritableStreamDefaultController) => void | PromiseLike<void>;
  close?: () => void | PromiseLike<void>;
  abort?: (reason: any) => void | PromiseLike<void>;
  type?: undefined;
}
export interface Transformer<I = any, O = any> {
  start?: (controller: TransformStreamDefaultController<O>) => any;
  transform?: (chunk: I, controller: TransformStreamDefaultController<O>) => void | PromiseLike<void>;
  flush?: (controller: TransformStreamDefaultController<O>) => void | PromiseLike<void>;
  cancel?: (reason: any) => void | PromiseLike<void>;
  readableType?: undefined;
  writableType?: undefined;
}
export interface StreamPipeOptions {
  preventClose?: boolean;
  preventAbort?: boolean;
  preventCancel?: boolean;
  signal?: AbortSignal;
}
export interface ReadableWritablePair<T = any, W = any> {
  readable: ReadableStream<T>;
  writable: WritableStream<W>;
}
export interface ReadableStreamIteratorOptions {
  preventCancel?: boolean;
}
export interface ReadableStreamAsyncIterator<R> extends AsyncIterableIterator<R> {
  next(): Promise<IteratorResult<R, undefined>>;
  return(value?: any): Promise<IteratorResult<any>>;
}

// ---- Promises ----

function noop(..._: unknown[]): void {}

interface Deferred<T = void> {
  p: Promise<T>;
  res: (value: T) => void;
  rej: (reason: unknown) => void;
  /** Still pending: the standard replaces a settled closed/ready promise rather than settling it again. */
  pending: boolean;
}

function deferred<T = void>(): Deferred<T> {
  const d = { pending: true } as Deferred<T>;
  d.p = new Promise<T>((res, rej) => {
    d.res = (value) => {
      d.pending = false;
      res(value);
    };
    d.rej = (reason) => {
      d.pending = false;
      rej(reason);
    };
  });
  return d;
}

/** A promise that is already rejected and marked as handled (no unhandled-rejection report for it). */
function rejectedDeferred<T = void>(reason: unknown): Deferred<T> {
  const d = deferred<T>();
  d.rej(reason);
  d.p.catch(noop);
  return d;
}

const resolved = (value?: unknown): Promise<any> => Promise.resolve(value);
const rejected = (reason: unknown): Promise<never> => Promise.reject(reason);

/** A method of the user's source, sink or transformer, read once as WebIDL does: called as a promise (a throw rejects it). */
function method(dict: any, name: string): (...args: unknown[]) => Promise<any> {
  const fn = dict?.[name];
  if (fn === undefined) return () => resolved();
  if (typeof fn !== "function") throw new TypeError(`${name} must be a function`);
  return (...args) => {
    try {
      return resolved(fn.apply(dict, args));
    } catch (error) {
      return rejected(error);
    }
  };
}

function fail(message: string): TypeError {
  return new TypeError(message);
}

const isObject = (value: unknown): value is object => (typeof value === "object" && value !== null) || typeof value === "function";

// The constructors of readers' controllers, requests and the like are not for callers.
const INTERNAL = {};
function internal(token: unknown): void {
  if (token !== INTERNAL) throw fail("Illegal constructor");
}

// ---- Queuing strategies ----

type Size = (chunk: any) => number;

/** ExtractHighWaterMark and ExtractSizeAlgorithm. */
function strategyOf(strategy: QueuingStrategy | undefined | null, fallback: number): [number, Size | undefined] {
  const size = strategy?.size;
  const mark = strategy?.highWaterMark;
  const hwm = mark === undefined ? fallback : Number(mark);
  if (hwm !== hwm || hwm < 0) throw new RangeError("highWaterMark must be a non-negative number");
  if (size !== undefined && typeof size !== "function") throw fail("size must be a function");
  return [hwm, size];
}

interface Queue {
  queue: Array<{ v: any; s: number }>;
  total: number;
}

/** EnqueueValueWithSize. */
function enqueueSized(container: Queue, value: unknown, size: unknown): void {
  const s = Number(size);
  if (!(s >= 0) || s === Infinity) throw new RangeError("a chunk's size must be a finite, non-negative number");
  container.queue.push({ v: value, s });
  container.total += s;
}

/** DequeueValue. */
function dequeue(container: Queue): any {
  const { v, s } = container.queue.shift()!;
  container.total = Math.max(0, container.total - s);
  return v;
}

function resetQueue(container: Queue): void {
  container.queue = [];
  container.total = 0;
}

// ---- ReadableStream's records ----

type ReadRequest = {
  chunk(value: any): void;
  close(value?: any): void;
  error(reason: unknown): void;
};

class RS {
  state: "readable" | "closed" | "errored" = "readable";
  reader: Reader | undefined = undefined;
  c!: RC;
  err: unknown = undefined;
  disturbed = false;
  constructor(readonly pub: ReadableStream<any>) {}
}

/** A reader, default or BYOB: its read requests or read-into requests are `reqs`. */
class Reader {
  s: RS | undefined = undefined;
  closed!: Deferred;
  reqs: ReadRequest[] = [];
  constructor(
    stream: RS,
    readonly byob: boolean,
  ) {
    if (stream.reader) throw fail("the stream is locked to a reader");
    if (byob && !stream.c.bytes) throw fail("a BYOB reader needs a byte stream (type: 'bytes')");
    // ReadableStreamReaderGenericInitialize.
    this.s = stream;
    stream.reader = this;
    if (stream.state === "errored") this.closed = rejectedDeferred(stream.err);
    else {
      this.closed = deferred();
      if (stream.state === "closed") this.closed.res();
    }
  }
}

type ViewCtor = new (buffer: ArrayBuffer, offset: number, length: number) => ArrayBufferView;

/** A pull-into descriptor: a BYOB read (or an auto-allocated default read) the source fills. */
interface PullInto {
  buffer: ArrayBuffer;
  bufferLength: number;
  offset: number;
  length: number;
  filled: number;
  min: number;
  element: number;
  ctor: ViewCtor;
  kind: "default" | "byob" | "none";
}

/** A ReadableStreamDefaultController or ReadableByteStreamController (`bytes`). */
class RC implements Queue {
  queue: Array<{ v: any; s: number }> = [];
  total = 0;
  started = false;
  closeRequested = false;
  pulling = false;
  pullAgain = false;
  pending: PullInto[] = [];
  request: { c: RC | undefined; view: Uint8Array | null; pub?: ReadableStreamBYOBRequest } | null = null;
  pub: ReadableStreamDefaultController<any> | ReadableByteStreamController;
  constructor(
    readonly s: RS,
    readonly bytes: boolean,
    readonly hwm: number,
    public size: Size | undefined,
    public pull: ((c: unknown) => Promise<unknown>) | undefined,
    public cancel: ((reason: unknown) => Promise<unknown>) | undefined,
    readonly auto: number | undefined,
  ) {
    s.c = this;
    this.pub = bytes ? new ReadableByteStreamController(INTERNAL, this) : new ReadableStreamDefaultController(INTERNAL, this);
  }
}

// ES2024's transfer and detached, where the engine has them: a chunk's or a BYOB view's buffer moves into the stream.
type Movable = ArrayBuffer & { transfer?(): ArrayBuffer; detached?: boolean };
const transfer = (buffer: Movable): ArrayBuffer => (typeof buffer.transfer === "function" ? buffer.transfer() : buffer);
const isDetached = (buffer: Movable): boolean => (typeof buffer.detached === "boolean" ? buffer.detached : buffer.byteLength === 0);

function clearAlgorithms(c: RC): void {
  c.pull = c.cancel = c.size = undefined;
}

function canCloseOrEnqueue(c: RC): boolean {
  return !c.closeRequested && c.s.state === "readable";
}

function desiredSize(c: RC): number | null {
  const state = c.s.state;
  return state === "errored" ? null : state === "closed" ? 0 : c.hwm - c.total;
}

/** ReadableStreamDefaultControllerShouldCallPull and its byte stream twin. */
function shouldCallPull(c: RC): boolean {
  if (!canCloseOrEnqueue(c) || !c.started) return false;
  const reader = c.s.reader;
  if (reader && reader.reqs.length > 0) return true;
  return desiredSize(c)! > 0;
}

function callPullIfNeeded(c: RC): void {
  if (!shouldCallPull(c)) return;
  if (c.pulling) {
    c.pullAgain = true;
    return;
  }
  c.pulling = true;
  c.pull!(c.pub).then(
    () => {
      c.pulling = false;
      if (c.pullAgain) {
        c.pullAgain = false;
        callPullIfNeeded(c);
      }
    },
    (error) => controllerError(c, error),
  );
}

/** ReadableStreamClose. */
function closeStream(stream: RS): void {
  stream.state = "closed";
  const reader = stream.reader;
  if (!reader) return;
  reader.closed.res();
  if (!reader.byob) for (const request of reader.reqs.splice(0)) request.close();
}

/** ReadableStreamError. */
function errorStream(stream: RS, error: unknown): void {
  stream.state = "errored";
  stream.err = error;
  const reader = stream.reader;
  if (!reader) return;
  reader.closed.rej(error);
  reader.closed.p.catch(noop);
  for (const request of reader.reqs.splice(0)) request.error(error);
}

/** ReadableStreamDefaultControllerError and ReadableByteStreamControllerError. */
function controllerError(c: RC, error: unknown): void {
  if (c.s.state !== "readable") return;
  if (c.bytes) clearPending(c);
  resetQueue(c);
  clearAlgorithms(c);
  errorStream(c.s, error);
}

/** ReadableStreamDefaultControllerClose and ReadableByteStreamControllerClose. */
function controllerClose(c: RC): void {
  if (!canCloseOrEnqueue(c)) return;
  if (c.bytes) {
    if (c.total > 0) {
      c.closeRequested = true;
      return;
    }
    const first = c.pending[0];
    if (first && first.filled % first.element !== 0) {
      const error = fail("the stream closed in the middle of an element of the pending BYOB read");
      controllerError(c, error);
      throw error;
    }
  }
  c.closeRequested = true;
  if (c.queue.length === 0) {
    clearAlgorithms(c);
    closeStream(c.s);
  }
}

/** ReadableStreamDefaultControllerEnqueue. */
function defaultEnqueue(c: RC, chunk: unknown): void {
  if (!canCloseOrEnqueue(c)) return;
  const reader = c.s.reader;
  if (reader && reader.reqs.length > 0) reader.reqs.shift()!.chunk(chunk);
  else {
    try {
      enqueueSized(c, chunk, c.size ? c.size(chunk) : 1);
    } catch (error) {
      controllerError(c, error);
      throw error;
    }
  }
  callPullIfNeeded(c);
}

/** ReadableStreamCancel. */
function cancelStream(stream: RS, reason: unknown): Promise<undefined> {
  stream.disturbed = true;
  if (stream.state === "closed") return resolved();
  if (stream.state === "errored") return rejected(stream.err);
  closeStream(stream);
  const reader = stream.reader;
  if (reader?.byob) for (const request of reader.reqs.splice(0)) request.close();
  // [[CancelSteps]].
  const c = stream.c;
  if (c.bytes) clearPending(c);
  resetQueue(c);
  const result = c.cancel!(reason);
  clearAlgorithms(c);
  return result.then(() => undefined);
}

/** ReadableStreamDefaultReaderRead; a BYOB reader's reads go through pullInto. */
function readFrom(reader: Reader, request: ReadRequest): void {
  const stream = reader.s!;
  stream.disturbed = true;
  if (stream.state === "closed") request.close();
  else if (stream.state === "errored") request.error(stream.err);
  else {
    // [[PullSteps]].
    const c = stream.c;
    if (c.total > 0 || (!c.bytes && c.queue.length > 0)) {
      if (c.bytes) {
        fillReadFromQueue(c, request);
        return;
      }
      const chunk = dequeue(c);
      if (c.closeRequested && c.queue.length === 0) {
        clearAlgorithms(c);
        closeStream(stream);
      } else callPullIfNeeded(c);
      request.chunk(chunk);
      return;
    }
    if (c.bytes && c.auto !== undefined) {
      let buffer: ArrayBuffer;
      try {
        buffer = new ArrayBuffer(c.auto);
      } catch (error) {
        request.error(error);
        return;
      }
      c.pending.push({ buffer, bufferLength: c.auto, offset: 0, length: c.auto, filled: 0, min: 1, element: 1, ctor: Uint8Array, kind: "default" });
    }
    reader.reqs.push(request);
    callPullIfNeeded(c);
  }
}

/** ReadableStreamReaderGenericRelease, with the read requests' errors that follow it. */
function releaseReader(reader: Reader): void {
  const stream = reader.s!;
  const error = fail("the reader's lock was released");
  if (reader.closed.pending) reader.closed.rej(error);
  else reader.closed = rejectedDeferred(error);
  reader.closed.p.catch(noop);
  // [[ReleaseSteps]].
  const c = stream.c;
  const first = c.pending[0];
  if (first) {
    first.kind = "none";
    c.pending = [first];
  }
  stream.reader = undefined;
  reader.s = undefined;
  for (const request of reader.reqs.splice(0)) request.error(error);
}

/** A read request that settles a promise of { value, done }. */
function readRequest(): [Promise<ReadableStreamReadResult<any>>, ReadRequest] {
  const d = deferred<ReadableStreamReadResult<any>>();
  return [d.p, { chunk: (value) => d.res({ value, done: false }), close: (value) => d.res({ value, done: true }), error: d.rej }];
}

// ---- Byte streams (ReadableByteStreamController's abstract operations) ----

function invalidateRequest(c: RC): void {
  if (!c.request) return;
  c.request.c = undefined;
  c.request.view = null;
  c.request = null;
}

function clearPending(c: RC): void {
  invalidateRequest(c);
  c.pending = [];
}

function enqueueBytes(c: RC, buffer: ArrayBuffer, offset: number, length: number): void {
  c.queue.push({ v: new Uint8Array(buffer, offset, length), s: length });
  c.total += length;
}

/** ReadableByteStreamControllerEnqueueClonedChunkToQueue. */
function enqueueCopy(c: RC, buffer: ArrayBuffer, offset: number, length: number): void {
  let copy: ArrayBuffer;
  try {
    copy = buffer.slice(offset, offset + length);
  } catch (error) {
    controllerError(c, error);
    throw error;
  }
  enqueueBytes(c, copy, 0, length);
}

/** ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue. */
function enqueueDetached(c: RC, p: PullInto): void {
  if (p.filled > 0) enqueueCopy(c, p.buffer, p.offset, p.filled);
  c.pending.shift();
}

/** ReadableByteStreamControllerHandleQueueDrain. */
function queueDrained(c: RC): void {
  if (c.total === 0 && c.closeRequested) {
    clearAlgorithms(c);
    closeStream(c.s);
  } else callPullIfNeeded(c);
}

/** ReadableByteStreamControllerFillReadRequestFromQueue. */
function fillReadFromQueue(c: RC, request: ReadRequest): void {
  const { v, s } = c.queue.shift()!;
  c.total -= s;
  queueDrained(c);
  request.chunk(v);
}

/** ReadableByteStreamControllerFillPullIntoDescriptorFromQueue. */
function fillFromQueue(c: RC, p: PullInto): boolean {
  const copyable = Math.min(c.total, p.length - p.filled);
  const maxFilled = p.filled + copyable;
  const aligned = maxFilled - (maxFilled % p.element);
  let remaining = copyable;
  let ready = false;
  if (aligned >= p.min) {
    remaining = aligned - p.filled;
    ready = true;
  }
  const target = new Uint8Array(p.buffer);
  while (remaining > 0) {
    const head = c.queue[0]!;
    const bytes = Math.min(remaining, head.s);
    target.set((head.v as Uint8Array).subarray(0, bytes), p.offset + p.filled);
    if (head.s === bytes) c.queue.shift();
    else {
      head.v = (head.v as Uint8Array).subarray(bytes);
      head.s -= bytes;
    }
    c.total -= bytes;
    invalidateRequest(c);
    p.filled += bytes;
    remaining -= bytes;
  }
  return ready;
}

/** ReadableByteStreamControllerConvertPullIntoDescriptor. */
function filledView(p: PullInto): ArrayBufferView {
  return new p.ctor(transfer(p.buffer), p.offset, p.filled / p.element);
}

/** ReadableByteStreamControllerCommitPullIntoDescriptor. */
function commit(stream: RS, p: PullInto): void {
  const done = stream.state === "closed";
  const view = filledView(p);
  const request = stream.reader!.reqs.shift()!;
  if (done) request.close(view);
  else request.chunk(view);
}

/** ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue. */
function processPending(c: RC): PullInto[] {
  const filled: PullInto[] = [];
  while (c.pending.length > 0 && c.total > 0) {
    const p = c.pending[0]!;
    if (!fillFromQueue(c, p)) break;
    c.pending.shift();
    filled.push(p);
  }
  return filled;
}

function commitAll(c: RC, filled: PullInto[]): void {
  for (const p of filled) commit(c.s, p);
}

/** ReadableByteStreamControllerEnqueue. */
function byteEnqueue(c: RC, chunk: ArrayBufferView): void {
  if (!canCloseOrEnqueue(c)) return;
  const { buffer, byteOffset, byteLength } = chunk;
  if (isDetached(buffer as ArrayBuffer)) throw fail("the chunk's buffer is detached");
  const moved = transfer(buffer as ArrayBuffer);
  const first = c.pending[0];
  if (first) {
    if (isDetached(first.buffer)) throw fail("the pending BYOB read's buffer is detached");
    invalidateRequest(c);
    first.buffer = transfer(first.buffer);
    if (first.kind === "none") enqueueDetached(c, first);
  }
  const reader = c.s.reader;
  if (reader && !reader.byob) {
    // ReadableByteStreamControllerProcessReadRequestsUsingQueue.
    while (reader.reqs.length > 0 && c.total > 0) fillReadFromQueue(c, reader.reqs.shift()!);
    if (reader.reqs.length === 0) enqueueBytes(c, moved, byteOffset, byteLength);
    else {
      if (c.pending.length > 0) c.pending.shift();
      reader.reqs.shift()!.chunk(new Uint8Array(moved, byteOffset, byteLength));
    }
  } else {
    enqueueBytes(c, moved, byteOffset, byteLength);
    if (reader) commitAll(c, processPending(c));
  }
  callPullIfNeeded(c);
}

/** ReadableByteStreamControllerPullInto. */
function pullInto(c: RC, view: ArrayBufferView, min: number, request: ReadRequest): void {
  const ctor = view.constructor as ViewCtor & { BYTES_PER_ELEMENT?: number };
  const element = view instanceof DataView ? 1 : ctor.BYTES_PER_ELEMENT!;
  // Read before the transfer detaches the view.
  const { byteOffset, byteLength } = view;
  let buffer: ArrayBuffer;
  try {
    buffer = transfer(view.buffer as ArrayBuffer);
  } catch (error) {
    request.error(error);
    return;
  }
  const p: PullInto = { buffer, bufferLength: buffer.byteLength, offset: byteOffset, length: byteLength, filled: 0, min: min * element, element, ctor, kind: "byob" };
  const stream = c.s;
  if (c.pending.length > 0) {
    c.pending.push(p);
    stream.reader!.reqs.push(request);
    return;
  }
  if (stream.state === "closed") {
    request.close(new ctor(p.buffer, p.offset, 0));
    return;
  }
  if (c.total > 0) {
    if (fillFromQueue(c, p)) {
      const filled = filledView(p);
      queueDrained(c);
      request.chunk(filled);
      return;
    }
    if (c.closeRequested) {
      const error = fail("the stream closed in the middle of an element of the BYOB read");
      controllerError(c, error);
      request.error(error);
      return;
    }
  }
  c.pending.push(p);
  stream.reader!.reqs.push(request);
  callPullIfNeeded(c);
}

/** ReadableByteStreamControllerRespondInternal. */
function respondInternal(c: RC, written: number): void {
  const first = c.pending[0]!;
  invalidateRequest(c);
  if (c.s.state === "closed") {
    // ReadableByteStreamControllerRespondInClosedState.
    if (first.kind === "none") c.pending.shift();
    const reader = c.s.reader;
    if (reader?.byob) while (reader.reqs.length > 0) commit(c.s, c.pending.shift()!);
  } else {
    // ReadableByteStreamControllerRespondInReadableState.
    first.filled += written;
    if (first.kind === "none") {
      enqueueDetached(c, first);
      commitAll(c, processPending(c));
    } else if (first.filled >= first.min) {
      c.pending.shift();
      const remainder = first.filled % first.element;
      if (remainder > 0) enqueueCopy(c, first.buffer, first.offset + first.filled - remainder, remainder);
      first.filled -= remainder;
      const filled = processPending(c);
      commit(c.s, first);
      commitAll(c, filled);
    }
  }
  callPullIfNeeded(c);
}

/** ReadableByteStreamControllerRespond. */
function respond(c: RC, written: number): void {
  const first = c.pending[0]!;
  if (c.s.state === "closed") {
    if (written !== 0) throw fail("respond() on a closed stream takes 0 bytes");
  } else {
    if (written === 0) throw fail("respond(0) is only for a closed stream");
    if (first.filled + written > first.length) throw new RangeError("respond(): more bytes than the view holds");
  }
  first.buffer = transfer(first.buffer);
  respondInternal(c, written);
}

/** ReadableByteStreamControllerRespondWithNewView. */
function respondWithView(c: RC, view: ArrayBufferView): void {
  const first = c.pending[0]!;
  if (c.s.state === "closed") {
    if (view.byteLength !== 0) throw fail("respondWithNewView() on a closed stream takes an empty view");
  } else if (view.byteLength === 0) throw fail("respondWithNewView() takes a view with bytes in it");
  if (first.offset + first.filled !== view.byteOffset) throw new RangeError("respondWithNewView(): the view must start where the request's view starts");
  if (first.bufferLength !== view.buffer.byteLength) throw new RangeError("respondWithNewView(): the view's buffer must be the request's buffer");
  if (first.filled + view.byteLength > first.length) throw new RangeError("respondWithNewView(): more bytes than the request's view holds");
  const length = view.byteLength;
  first.buffer = transfer(view.buffer as ArrayBuffer);
  respondInternal(c, length);
}

/** [EnforceRange] unsigned long long. */
function enforceRange(value: unknown, what: string): number {
  const n = Math.trunc(Number(value));
  if (!Number.isFinite(n) || n < 0 || n > Number.MAX_SAFE_INTEGER) throw fail(`${what} must be a non-negative integer`);
  return n;
}

// ---- ReadableStream's public classes ----

let streamOf: (value: unknown) => RS;
let readerOf: (value: unknown, byob: boolean) => Reader;

/** Sets up a stream from an underlying source: SetUpReadableStreamDefaultControllerFromUnderlyingSource and its byte twin. */
function setUpReadable(stream: RS, source: any, strategy: QueuingStrategy | undefined): void {
  if (source === null) source = undefined;
  if (source !== undefined && !isObject(source)) throw fail("ReadableStream: the underlying source must be an object");
  const cancel = method(source, "cancel");
  const pull = method(source, "pull");
  const start = source?.start;
  if (start !== undefined && typeof start !== "function") throw fail("start must be a function");
  const type = source?.type;
  let c: RC;
  if (type !== undefined && `${type}` !== "bytes") throw fail(`ReadableStream: '${type}' is not a stream type (only 'bytes' is)`);
  if (type !== undefined) {
    const [hwm, size] = strategyOf(strategy, 0);
    if (size) throw new RangeError("a byte stream's strategy has no size function");
    let auto = source.autoAllocateChunkSize;
    if (auto !== undefined) {
      auto = enforceRange(auto, "autoAllocateChunkSize");
      if (auto === 0) throw fail("autoAllocateChunkSize must be greater than 0");
    }
    c = new RC(stream, true, hwm, undefined, pull, cancel, auto);
  } else {
    const [hwm, size] = strategyOf(strategy, 1);
    c = new RC(stream, false, hwm, size, pull, cancel, undefined);
  }
  startController(c, start === undefined ? undefined : start.call(source, c.pub));
}

function startController(c: RC, started: unknown): void {
  resolved(started).then(
    () => {
      c.started = true;
      callPullIfNeeded(c);
    },
    (error) => controllerError(c, error),
  );
}

export class ReadableStream<R = any> implements AsyncIterable<R> {
  readonly #s: RS;
  static {
    streamOf = (value) => {
      if (!isObject(value) || !(#s in value)) throw fail("not a ReadableStream");
      return (value as ReadableStream).#s;
    };
  }
  constructor(underlyingSource: UnderlyingByteSource, strategy?: { highWaterMark?: number });
  constructor(underlyingSource?: UnderlyingSource<R>, strategy?: QueuingStrategy<R>);
  constructor(underlyingSource?: UnderlyingSource<R> | UnderlyingByteSource | null, strategy?: QueuingStrategy<R>) {
    this.#s = new RS(this);
    setUpReadable(this.#s, underlyingSource, strategy);
  }

  /** ReadableStream.from: a stream of an async iterable's (or an iterable's) values. */
  static from<R>(iterable: Iterable<R> | AsyncIterable<R>): ReadableStream<R> {
    let iterator: any;
    const asyncMethod = (iterable as any)?.[Symbol.asyncIterator];
    const sync = asyncMethod == null;
    const getter = sync ? (iterable as any)?.[Symbol.iterator] : asyncMethod;
    if (typeof getter !== "function") throw fail("ReadableStream.from: the argument is not iterable");
    iterator = getter.call(iterable);
    if (typeof iterator !== "object" || iterator === null) throw fail("ReadableStream.from: the iterator is not an object");
    const next = iterator.next;
    // CreateAsyncFromSyncIterator: a sync iterator's values are awaited.
    const settle = (result: any): Promise<any> => {
      if (!isObject(result)) return rejected(fail("ReadableStream.from: the iterator's result is not an object"));
      return sync ? resolved((result as any).value).then((value) => ({ done: (result as any).done, value })) : resolved(result);
    };
    return new ReadableStream<R>(
      {
        pull(controller) {
          let result: unknown;
          try {
            result = next.call(iterator);
          } catch (error) {
            return rejected(error);
          }
          return (sync ? settle(result) : resolved(result).then(settle)).then((result: any) => {
            if (result.done) controller.close();
            else controller.enqueue(result.value);
          });
        },
        cancel(reason) {
          let result: unknown;
          try {
            const ret = iterator.return;
            if (ret == null) return resolved();
            result = ret.call(iterator, reason);
          } catch (error) {
            return rejected(error);
          }
          return (sync ? settle(result) : resolved(result)).then((result: unknown) => {
            if (!isObject(result)) throw fail("ReadableStream.from: the iterator's return() result is not an object");
          });
        },
      },
      { highWaterMark: 0 },
    );
  }

  get locked(): boolean {
    return streamOf(this).reader !== undefined;
  }

  cancel(reason?: any): Promise<void> {
    try {
      const stream = streamOf(this);
      if (stream.reader) return rejected(fail("cannot cancel a locked stream"));
      return cancelStream(stream, reason);
    } catch (error) {
      return rejected(error);
    }
  }

  getReader(options: { mode: "byob" }): ReadableStreamBYOBReader;
  getReader(options?: { mode?: undefined }): ReadableStreamDefaultReader<R>;
  getReader(options?: { mode?: "byob" }): ReadableStreamDefaultReader<R> | ReadableStreamBYOBReader {
    const stream = streamOf(this);
    const mode = options?.mode;
    if (mode === undefined) return new ReadableStreamDefaultReader<R>(this);
    if (`${mode}` !== "byob") throw fail(`getReader: '${mode}' is not a reader mode (only 'byob' is)`);
    return new ReadableStreamBYOBReader(stream.pub);
  }

  pipeThrough<T>(transform: { writable: WritableStream<R>; readable: ReadableStream<T> }, options?: StreamPipeOptions): ReadableStream<T> {
    const stream = streamOf(this);
    const readable = transform?.readable;
    const writable = transform?.writable;
    streamOf(readable);
    const dest = writableOf(writable);
    const checked = pipeOptions(options);
    if (stream.reader) throw fail("pipeThrough: the stream is locked");
    if (dest.writer) throw fail("pipeThrough: the writable stream is locked");
    pipe(stream, dest, checked).catch(noop);
    return readable;
  }

  pipeTo(destination: WritableStream<R>, options?: StreamPipeOptions): Promise<void> {
    try {
      const stream = streamOf(this);
      const dest = writableOf(destination);
      const checked = pipeOptions(options);
      if (stream.reader) throw fail("pipeTo: the stream is locked");
      if (dest.writer) throw fail("pipeTo: the writable stream is locked");
      return pipe(stream, dest, checked);
    } catch (error) {
      return rejected(error);
    }
  }

  tee(): [ReadableStream<R>, ReadableStream<R>] {
    return tee(streamOf(this)) as [ReadableStream<R>, ReadableStream<R>];
  }

  values(options?: ReadableStreamIteratorOptions): ReadableStreamAsyncIterator<R> {
    return iterate(new Reader(streamOf(this), false), Boolean(options?.preventCancel));
  }

  [Symbol.asyncIterator](options?: ReadableStreamIteratorOptions): ReadableStreamAsyncIterator<R> {
    return this.values(options);
  }
}

/** The asynchronous iterator of a stream: its next() and return() wait for the one before. */
function iterate<R>(reader: Reader, preventCancel: boolean): ReadableStreamAsyncIterator<R> {
  let ongoing: Promise<IteratorResult<R>> | undefined;
  let finished = false;
  const chain = (steps: () => Promise<IteratorResult<R>>): Promise<IteratorResult<R>> => (ongoing = ongoing ? ongoing.then(steps, steps) : steps());
  const next = (): Promise<IteratorResult<R>> => {
    if (finished) return resolved({ value: undefined, done: true });
    const d = deferred<IteratorResult<R>>();
    const end = () => {
      finished = true;
      releaseReader(reader);
    };
    readFrom(reader, {
      chunk: (value) => d.res({ value, done: false }),
      close() {
        end();
        d.res({ value: undefined, done: true });
      },
      error(reason) {
        end();
        d.rej(reason);
      },
    });
    return d.p;
  };
  const ret = (value: unknown): Promise<IteratorResult<R>> => {
    if (finished) return resolved({ value, done: true });
    finished = true;
    const cancelled = preventCancel ? undefined : cancelStream(reader.s!, value);
    releaseReader(reader);
    return resolved(cancelled).then(() => ({ value, done: true }));
  };
  return Object.setPrototypeOf(
    {
      next: () => chain(next),
      return: (value?: unknown) => chain(() => ret(value)),
    },
    ASYNC_ITERATOR,
  );
}

// What every async iterator of a stream inherits: being its own iterable.
const ASYNC_ITERATOR = {
  [Symbol.asyncIterator]() {
    return this;
  },
};

class ReaderBase {
  readonly #r: Reader;
  static {
    readerOf = (value, byob) => {
      if (!isObject(value) || !(#r in value) || (value as ReaderBase).#r.byob !== byob) throw fail(`not a ${byob ? "ReadableStreamBYOBReader" : "ReadableStreamDefaultReader"}`);
      return (value as ReaderBase).#r;
    };
  }
  constructor(stream: ReadableStream, byob: boolean) {
    this.#r = new Reader(streamOf(stream), byob);
  }
}

function readerMethods(byob: boolean) {
  return {
    get closed(): Promise<undefined> {
      try {
        return readerOf(this, byob).closed.p as Promise<undefined>;
      } catch (error) {
        return rejected(error);
      }
    },
    cancel(reason?: any): Promise<undefined> {
      try {
        const reader = readerOf(this, byob);
        if (!reader.s) throw fail("the reader has been released");
        return cancelStream(reader.s, reason);
      } catch (error) {
        return rejected(error);
      }
    },
    releaseLock(): void {
      const reader = readerOf(this, byob);
      if (reader.s) releaseReader(reader);
    },
  };
}

export interface ReadableStreamDefaultReader<R = any> {
  readonly closed: Promise<undefined>;
  cancel(reason?: any): Promise<void>;
  releaseLock(): void;
}
export class ReadableStreamDefaultReader<R = any> extends ReaderBase {
  constructor(stream: ReadableStream<R>) {
    super(stream, false);
  }
  read(): Promise<ReadableStreamReadResult<R>> {
    try {
      const reader = readerOf(this, false);
      if (!reader.s) throw fail("the reader has been released");
      const [promise, request] = readRequest();
      readFrom(reader, request);
      return promise;
    } catch (error) {
      return rejected(error);
    }
  }
}

export interface ReadableStreamBYOBReader {
  readonly closed: Promise<undefined>;
  cancel(reason?: any): Promise<void>;
  releaseLock(): void;
}
export class ReadableStreamBYOBReader extends ReaderBase {
  constructor(stream: ReadableStream<Uint8Array>) {
    super(stream, true);
  }
  read<T extends ArrayBufferView>(view: T, options?: { min?: number }): Promise<ReadableStreamReadResult<T>> {
    try {
      const reader = readerOf(this, true);
      if (!ArrayBuffer.isView(view)) throw fail("read() takes an ArrayBufferView");
      if (view.byteLength === 0) throw fail("read() takes a view with room in it");
      if (view.buffer.byteLength === 0) throw fail("read() takes a view whose buffer has room in it");
      if (isDetached(view.buffer as ArrayBuffer)) throw fail("read(): the view's buffer is detached");
      const min = enforceRange(options?.min ?? 1, "min");
      if (min === 0) throw fail("read(): min must be greater than 0");
      if (min > (view instanceof DataView ? view.byteLength : (view as unknown as Uint8Array).length)) throw new RangeError("read(): min is more than the view holds");
      if (!reader.s) throw fail("the reader has been released");
      const [promise, request] = readRequest();
      const stream = reader.s;
      stream.disturbed = true;
      if (stream.state === "errored") request.error(stream.err);
      else pullInto(stream.c, view, min, request);
      return promise as Promise<ReadableStreamReadResult<T>>;
    } catch (error) {
      return rejected(error);
    }
  }
}

Object.defineProperties(ReadableStreamDefaultReader.prototype, Object.getOwnPropertyDescriptors(readerMethods(false)));
Object.defineProperties(ReadableStreamBYOBReader.prototype, Object.getOwnPropertyDescriptors(readerMethods(true)));

let controllerOf: (value: unknown, bytes: boolean) => RC;

class ControllerBase {
  readonly #c: RC;
  static {
    controllerOf = (value, bytes) => {
      if (!isObject(value) || !(#c in value) || (value as ControllerBase).#c.bytes !== bytes) throw fail(`not a ${bytes ? "ReadableByteStreamController" : "ReadableStreamDefaultController"}`);
      return (value as ControllerBase).#c;
    };
  }
  constructor(token: unknown, c: RC) {
    internal(token);
    this.#c = c;
  }
}

function controllerMethods(bytes: boolean) {
  return {
    get desiredSize(): number | null {
      return desiredSize(controllerOf(this, bytes));
    },
    close(): void {
      const c = controllerOf(this, bytes);
      if (!canCloseOrEnqueue(c)) throw fail("the stream is closed or closing");
      controllerClose(c);
    },
    error(reason?: any): void {
      controllerError(controllerOf(this, bytes), reason);
    },
  };
}

export interface ReadableStreamDefaultController<R = any> {
  readonly desiredSize: number | null;
  close(): void;
  error(reason?: any): void;
}
export class ReadableStreamDefaultController<R = any> extends ControllerBase {
  enqueue(chunk?: R): void {
    const c = controllerOf(this, false);
    if (!canCloseOrEnqueue(c)) throw fail("enqueue(): the stream is closed or closing");
    defaultEnqueue(c, chunk);
  }
}

export interface ReadableByteStreamController {
  readonly desiredSize: number | null;
  close(): void;
  error(reason?: any): void;
}
export class ReadableByteStreamController extends ControllerBase {
  get byobRequest(): ReadableStreamBYOBRequest | null {
    const c = controllerOf(this, true);
    const first = c.pending[0];
    if (!c.request && first) {
      c.request = { c, view: new Uint8Array(first.buffer, first.offset + first.filled, first.length - first.filled) };
      c.request.pub = new ReadableStreamBYOBRequest(INTERNAL, c.request);
    }
    return c.request?.pub ?? null;
  }
  enqueue(chunk: ArrayBufferView): void {
    const c = controllerOf(this, true);
    if (!ArrayBuffer.isView(chunk)) throw fail("enqueue() takes an ArrayBufferView");
    if (chunk.byteLength === 0 || chunk.buffer.byteLength === 0) throw fail("enqueue() takes a chunk with bytes in it");
    if (!canCloseOrEnqueue(c)) throw fail("enqueue(): the stream is closed or closing");
    byteEnqueue(c, chunk);
  }
}

Object.defineProperties(ReadableStreamDefaultController.prototype, Object.getOwnPropertyDescriptors(controllerMethods(false)));
Object.defineProperties(ReadableByteStreamController.prototype, Object.getOwnPropertyDescriptors(controllerMethods(true)));

export class ReadableStreamBYOBRequest {
  readonly #r: { c: RC | undefined; view: Uint8Array | null };
  constructor(token: unknown, request: { c: RC | undefined; view: Uint8Array | null }) {
    internal(token);
    this.#r = request;
  }
  get view(): Uint8Array | null {
    return this.#r.view;
  }
  respond(bytesWritten: number): void {
    const { c, view } = this.#r;
    if (!c) throw fail("respond(): the request is no longer valid");
    const written = enforceRange(bytesWritten, "bytesWritten");
    if (isDetached(view!.buffer as ArrayBuffer)) throw fail("respond(): the view's buffer is detached");
    respond(c, written);
  }
  respondWithNewView(view: ArrayBufferView): void {
    const { c } = this.#r;
    if (!ArrayBuffer.isView(view)) throw fail("respondWithNewView() takes an ArrayBufferView");
    if (!c) throw fail("respondWithNewView(): the request is no longer valid");
    if (isDetached(view.buffer as ArrayBuffer)) throw fail("respondWithNewView(): the view's buffer is detached");
    respondWithView(c, view);
  }
}

// ---- tee ----

/**
 * ReadableStreamDefaultTee. A byte stream's branches are byte streams fed
 * the same way (the second one a copy of each chunk), as ReadableByteStreamTee
 * does when neither branch reads with a BYOB reader.
 */
function tee(stream: RS): [ReadableStream, ReadableStream] {
  const reader = new Reader(stream, false);
  const bytes = stream.c.bytes;
  let reading = false;
  let readAgain = false;
  const canceled = [false, false];
  const reasons: unknown[] = [undefined, undefined];
  const cancelled = deferred<unknown>();
  const branches: RS[] = [];
  const eachBranch = (action: (c: RC) => void) => branches.forEach((branch, i) => canceled[i] || action(branch.c));
  const pull = (): Promise<void> => {
    if (reading) {
      readAgain = true;
      return resolved();
    }
    reading = true;
    readFrom(reader, {
      chunk(chunk) {
        // A microtask later, as the standard has it (a promise job: the global queueMicrotask is not this module's to use).
        resolved().then(() => {
          readAgain = false;
          const copy = bytes && !canceled[0] && !canceled[1] ? (chunk as Uint8Array).slice() : chunk;
          eachBranch((c) => (bytes ? byteEnqueue : defaultEnqueue)(c, c === branches[1]!.c ? copy : chunk));
          reading = false;
          if (readAgain) pull();
        });
      },
      close() {
        reading = false;
        eachBranch((c) => {
          controllerClose(c);
          if (c.pending.length > 0 && c.s.state === "closed") respond(c, 0);
        });
        if (!canceled[0] || !canceled[1]) cancelled.res(undefined);
      },
      error() {
        reading = false;
      },
    });
    return resolved();
  };
  const branch = (i: number) =>
    streamOf(
      new ReadableStream(
        {
          type: bytes ? "bytes" : undefined,
          pull,
          cancel(reason: unknown) {
            canceled[i] = true;
            reasons[i] = reason;
            if (canceled[1 - i]) cancelled.res(cancelStream(stream, reasons));
            return cancelled.p;
          },
        } as UnderlyingSource,
        { highWaterMark: bytes ? 0 : 1 },
      ),
    );
  branches.push(branch(0), branch(1));
  reader.closed.p.catch((error) => {
    for (const branch of branches) controllerError(branch.c, error);
    if (!canceled[0] || !canceled[1]) cancelled.res(undefined);
  });
  return [branches[0]!.pub, branches[1]!.pub];
}

// ---- WritableStream ----

const CLOSE = {};

class WS {
  state: "writable" | "closed" | "erroring" | "errored" = "writable";
  err: unknown = undefined;
  writer: Writer | undefined = undefined;
  c!: WC;
  writes: Deferred[] = [];
  inFlightWrite: Deferred | undefined = undefined;
  closeRequest: Deferred | undefined = undefined;
  inFlightClose: Deferred | undefined = undefined;
  abortRequest: { d: Deferred; reason: unknown; wasErroring: boolean } | undefined = undefined;
  backpressure = false;
  constructor(readonly pub: WritableStream<any>) {}
}

class WC implements Queue {
  queue: Array<{ v: any; s: number }> = [];
  total = 0;
  started = false;
  abort: AbortController | undefined;
  pub: WritableStreamDefaultController;
  constructor(
    readonly s: WS,
    readonly hwm: number,
    public size: Size | undefined,
    public write: ((chunk: unknown, c: unknown) => Promise<unknown>) | undefined,
    public close: (() => Promise<unknown>) | undefined,
    public abortSink: ((reason: unknown) => Promise<unknown>) | undefined,
  ) {
    s.c = this;
    this.pub = new WritableStreamDefaultController(INTERNAL, this);
    // The signal is there when the plug-in has AbortController (its code names it); the standard always has one.
    const Controller = (globalThis as unknown as { AbortController?: new () => AbortController }).AbortController;
    this.abort = Controller ? new Controller() : undefined;
  }
}

interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}

class Writer {
  s: WS | undefined;
  ready: Deferred;
  closed: Deferred;
  constructor(stream: WS) {
    if (stream.writer) throw fail("the stream is locked to a writer");
    this.s = stream;
    stream.writer = this;
    const state = stream.state;
    const erroring = state === "erroring" || state === "errored";
    this.ready = erroring ? rejectedDeferred(stream.err) : deferred();
    // Ready now, unless the stream is writable with backpressure.
    if (!erroring && !(state === "writable" && !closeQueuedOrInFlight(stream) && stream.backpressure)) this.ready.res();
    this.closed = state === "errored" ? rejectedDeferred(stream.err) : deferred();
    if (state === "closed") this.closed.res();
  }
}

function closeQueuedOrInFlight(stream: WS): boolean {
  return stream.closeRequest !== undefined || stream.inFlightClose !== undefined;
}

function clearSinkAlgorithms(c: WC): void {
  c.write = c.close = c.abortSink = c.size = undefined;
}

function writableDesiredSize(c: WC): number {
  return c.hwm - c.total;
}

/** WritableStreamAbort. */
function abortWritable(stream: WS, reason: unknown): Promise<void> {
  if (stream.state === "closed" || stream.state === "errored") return resolved();
  stream.c.abort?.abort(reason);
  const state = stream.state as WS["state"];
  if (state === "closed" || state === "errored") return resolved();
  if (stream.abortRequest) return stream.abortRequest.d.p;
  const wasErroring = state === "erroring";
  const d = deferred();
  stream.abortRequest = { d, reason: wasErroring ? undefined : reason, wasErroring };
  if (!wasErroring) startErroring(stream, reason);
  return d.p;
}

/** WritableStreamClose. */
function closeWritable(stream: WS): Promise<void> {
  if (stream.state === "closed" || stream.state === "errored") return rejected(fail("the stream is closed or errored"));
  const d = deferred();
  stream.closeRequest = d;
  const writer = stream.writer;
  if (writer && stream.backpressure && stream.state === "writable") writer.ready.res();
  // WritableStreamDefaultControllerClose.
  enqueueSized(stream.c, CLOSE, 0);
  advanceQueue(stream.c);
  return d.p;
}

function dealWithRejection(stream: WS, error: unknown): void {
  if (stream.state === "writable") startErroring(stream, error);
  else finishErroring(stream);
}

function startErroring(stream: WS, reason: unknown): void {
  stream.state = "erroring";
  stream.err = reason;
  if (stream.writer) rejectReady(stream.writer, reason);
  if (!stream.inFlightWrite && !stream.inFlightClose && stream.c.started) finishErroring(stream);
}

function finishErroring(stream: WS): void {
  stream.state = "errored";
  resetQueue(stream.c);
  const error = stream.err;
  for (const write of stream.writes.splice(0)) write.rej(error);
  const request = stream.abortRequest;
  stream.abortRequest = undefined;
  if (!request) return rejectCloseAndClosed(stream);
  if (request.wasErroring) {
    request.d.rej(error);
    return rejectCloseAndClosed(stream);
  }
  const c = stream.c;
  const aborted = c.abortSink!(request.reason);
  clearSinkAlgorithms(c);
  aborted.then(
    () => {
      request.d.res();
      rejectCloseAndClosed(stream);
    },
    (reason) => {
      request.d.rej(reason);
      rejectCloseAndClosed(stream);
    },
  );
}

function rejectCloseAndClosed(stream: WS): void {
  if (stream.closeRequest) {
    stream.closeRequest.rej(stream.err);
    stream.closeRequest = undefined;
  }
  const writer = stream.writer;
  if (writer) {
    writer.closed.rej(stream.err);
    writer.closed.p.catch(noop);
  }
}

function updateBackpressure(stream: WS, backpressure: boolean): void {
  const writer = stream.writer;
  if (writer && backpressure !== stream.backpressure) {
    if (backpressure) writer.ready = deferred();
    else writer.ready.res();
  }
  stream.backpressure = backpressure;
}

/** WritableStreamDefaultWriterEnsureReadyPromiseRejected. */
function rejectReady(writer: Writer, error: unknown): void {
  if (writer.ready.pending) {
    writer.ready.rej(error);
    writer.ready.p.catch(noop);
  } else writer.ready = rejectedDeferred(error);
}

function releaseWriter(writer: Writer): void {
  const stream = writer.s!;
  const error = fail("the writer's lock was released");
  rejectReady(writer, error);
  if (writer.closed.pending) {
    writer.closed.rej(error);
    writer.closed.p.catch(noop);
  } else writer.closed = rejectedDeferred(error);
  stream.writer = undefined;
  writer.s = undefined;
}

/** WritableStreamDefaultWriterWrite. */
function writerWrite(writer: Writer, chunk: unknown): Promise<void> {
  const stream = writer.s!;
  const c = stream.c;
  let size = 1;
  if (c.size) {
    try {
      size = c.size(chunk);
    } catch (error) {
      if (stream.state === "writable") writableError(c, error);
    }
  }
  if (stream !== writer.s) return rejected(fail("the writer's lock was released"));
  const state = stream.state;
  if (state === "errored") return rejected(stream.err);
  if (closeQueuedOrInFlight(stream) || state === "closed") return rejected(fail("the stream is closing or closed"));
  if (state === "erroring") return rejected(stream.err);
  const d = deferred();
  stream.writes.push(d);
  // WritableStreamDefaultControllerWrite.
  try {
    enqueueSized(c, chunk, size);
  } catch (error) {
    if (stream.state === "writable") writableError(c, error);
    return d.p;
  }
  if (!closeQueuedOrInFlight(stream) && stream.state === "writable") updateBackpressure(stream, writableDesiredSize(c) <= 0);
  advanceQueue(c);
  return d.p;
}

/** WritableStreamDefaultWriterCloseWithErrorPropagation. */
function closeWithErrorPropagation(writer: Writer): Promise<void> {
  const stream = writer.s!;
  if (closeQueuedOrInFlight(stream) || stream.state === "closed") return resolved();
  if (stream.state === "errored") return rejected(stream.err);
  return closeWritable(stream);
}

function writableError(c: WC, error: unknown): void {
  clearSinkAlgorithms(c);
  startErroring(c.s, error);
}

/** WritableStreamDefaultControllerAdvanceQueueIfNeeded. */
function advanceQueue(c: WC): void {
  const stream = c.s;
  if (!c.started || stream.inFlightWrite) return;
  if (stream.state === "erroring") return finishErroring(stream);
  if (c.queue.length === 0) return;
  const value = c.queue[0]!.v;
  if (value === CLOSE) {
    stream.inFlightClose = stream.closeRequest;
    stream.closeRequest = undefined;
    dequeue(c);
    const closed = c.close!();
    clearSinkAlgorithms(c);
    closed.then(
      () => {
        stream.inFlightClose!.res();
        stream.inFlightClose = undefined;
        if (stream.state === "erroring") {
          stream.err = undefined;
          stream.abortRequest?.d.res();
          stream.abortRequest = undefined;
        }
        stream.state = "closed";
        stream.writer?.closed.res();
      },
      (error) => {
        stream.inFlightClose!.rej(error);
        stream.inFlightClose = undefined;
        stream.abortRequest?.d.rej(error);
        stream.abortRequest = undefined;
        dealWithRejection(stream, error);
      },
    );
    return;
  }
  stream.inFlightWrite = stream.writes.shift();
  c.write!(value, c.pub).then(
    () => {
      stream.inFlightWrite!.res();
      stream.inFlightWrite = undefined;
      dequeue(c);
      if (!closeQueuedOrInFlight(stream) && stream.state === "writable") updateBackpressure(stream, writableDesiredSize(c) <= 0);
      advanceQueue(c);
    },
    (error) => {
      if (stream.state === "writable") clearSinkAlgorithms(c);
      stream.inFlightWrite!.rej(error);
      stream.inFlightWrite = undefined;
      dealWithRejection(stream, error);
    },
  );
}

let writableOf: (value: unknown) => WS;

function setUpWritable(stream: WS, sink: any, strategy: QueuingStrategy | undefined): void {
  if (sink === null) sink = undefined;
  if (sink !== undefined && !isObject(sink)) throw fail("WritableStream: the underlying sink must be an object");
  const abort = method(sink, "abort");
  const close = method(sink, "close");
  const start = sink?.start;
  if (start !== undefined && typeof start !== "function") throw fail("start must be a function");
  if (sink?.type !== undefined) throw new RangeError("WritableStream: there are no sink types");
  const write = method(sink, "write");
  const [hwm, size] = strategyOf(strategy, 1);
  const c = new WC(stream, hwm, size, write, close, abort);
  updateBackpressure(stream, writableDesiredSize(c) <= 0);
  resolved(start === undefined ? undefined : start.call(sink, c.pub)).then(
    () => {
      c.started = true;
      advanceQueue(c);
    },
    (error) => {
      c.started = true;
      dealWithRejection(stream, error);
    },
  );
}

export class WritableStream<W = any> {
  readonly #s: WS;
  static {
    writableOf = (value) => {
      if (!isObject(value) || !(#s in value)) throw fail("not a WritableStream");
      return (value as WritableStream).#s;
    };
  }
  constructor(underlyingSink?: UnderlyingSink<W>, strategy?: QueuingStrategy<W>) {
    this.#s = new WS(this);
    setUpWritable(this.#s, underlyingSink, strategy);
  }
  get locked(): boolean {
    return writableOf(this).writer !== undefined;
  }
  abort(reason?: any): Promise<void> {
    try {
      const stream = writableOf(this);
      if (stream.writer) throw fail("cannot abort a locked stream");
      return abortWritable(stream, reason);
    } catch (error) {
      return rejected(error);
    }
  }
  close(): Promise<void> {
    try {
      const stream = writableOf(this);
      if (stream.writer) throw fail("cannot close a locked stream");
      if (closeQueuedOrInFlight(stream)) throw fail("the stream is already closing");
      return closeWritable(stream);
    } catch (error) {
      return rejected(error);
    }
  }
  getWriter(): WritableStreamDefaultWriter<W> {
    return new WritableStreamDefaultWriter<W>(this);
  }
}

export class WritableStreamDefaultWriter<W = any> {
  readonly #w: Writer;
  constructor(stream: WritableStream<W>) {
    this.#w = new Writer(writableOf(stream));
  }
  get closed(): Promise<undefined> {
    return this.#w.closed.p as Promise<any>;
  }
  get ready(): Promise<undefined> {
    return this.#w.ready.p as Promise<any>;
  }
  get desiredSize(): number | null {
    const stream = this.#w.s;
    if (!stream) throw fail("the writer's lock was released");
    const state = stream.state;
    return state === "errored" || state === "erroring" ? null : state === "closed" ? 0 : writableDesiredSize(stream.c);
  }
  abort(reason?: any): Promise<void> {
    const stream = this.#w.s;
    return stream ? abortWritable(stream, reason) : rejected(fail("the writer's lock was released"));
  }
  close(): Promise<void> {
    const stream = this.#w.s;
    if (!stream) return rejected(fail("the writer's lock was released"));
    if (closeQueuedOrInFlight(stream)) return rejected(fail("the stream is already closing"));
    return closeWritable(stream);
  }
  releaseLock(): void {
    if (this.#w.s) releaseWriter(this.#w);
  }
  write(chunk?: W): Promise<void> {
    return this.#w.s ? writerWrite(this.#w, chunk) : rejected(fail("the writer's lock was released"));
  }
}

export class WritableStreamDefaultController {
  readonly #c: WC;
  constructor(token: unknown, c: WC) {
    internal(token);
    this.#c = c;
  }
  get signal(): AbortSignal {
    return this.#c.abort?.signal as AbortSignal;
  }
  error(reason?: any): void {
    if (this.#c.s.state === "writable") writableError(this.#c, reason);
  }
}

// ---- pipeTo ----

interface PipeOptions {
  preventClose: boolean;
  preventAbort: boolean;
  preventCancel: boolean;
  signal: AbortSignal | undefined;
}

function pipeOptions(options: StreamPipeOptions | undefined): PipeOptions {
  if (options !== undefined && options !== null && !isObject(options)) throw fail("the pipe options must be an object");
  const signal = options?.signal;
  if (signal !== undefined && (!isObject(signal) || typeof (signal as { aborted?: unknown }).aborted !== "boolean")) throw fail("signal must be an AbortSignal");
  return { preventAbort: Boolean(options?.preventAbort), preventCancel: Boolean(options?.preventCancel), preventClose: Boolean(options?.preventClose), signal };
}

/** ReadableStreamPipeTo. */
function pipe(source: RS, dest: WS, { preventClose, preventAbort, preventCancel, signal }: PipeOptions): Promise<void> {
  const reader = new Reader(source, false);
  const writer = new Writer(dest);
  source.disturbed = true;
  let shuttingDown = false;
  let currentWrite = resolved();
  const done = deferred();
  const onAbort = () => {
    const error = signal!.reason;
    shutdownWithAction(
      () =>
        Promise.all([
          !preventAbort && dest.state === "writable" ? abortWritable(dest, error) : undefined,
          !preventCancel && source.state === "readable" ? cancelStream(source, error) : undefined,
        ]),
      true,
      error,
    );
  };
  const finalize = (isError: boolean, error?: unknown) => {
    releaseWriter(writer);
    releaseReader(reader);
    signal?.removeEventListener("abort", onAbort);
    if (isError) done.rej(error);
    else done.res();
  };
  const waitForWrites = (): Promise<void> => {
    const old = currentWrite;
    return currentWrite.then(() => (old !== currentWrite ? waitForWrites() : undefined));
  };
  const afterWrites = (then: () => void) => {
    if (dest.state === "writable" && !closeQueuedOrInFlight(dest)) waitForWrites().then(then);
    else then();
  };
  function shutdownWithAction(action: () => Promise<unknown>, isError?: boolean, error?: unknown) {
    if (shuttingDown) return;
    shuttingDown = true;
    afterWrites(() =>
      action().then(
        () => finalize(Boolean(isError), error),
        (newError) => finalize(true, newError),
      ),
    );
  }
  function shutdown(isError?: boolean, error?: unknown) {
    if (shuttingDown) return;
    shuttingDown = true;
    afterWrites(() => finalize(Boolean(isError), error));
  }

  // Shut down on the signal's abort, or at once when it has.
  if (signal) {
    if (signal.aborted) {
      onAbort();
      return done.p;
    }
    signal.addEventListener("abort", onAbort);
  }

  // Errors and closing, forward and backward.
  const onSourceError = (error: unknown) => (preventAbort ? shutdown(true, error) : shutdownWithAction(() => abortWritable(dest, error), true, error));
  const onDestError = (error: unknown) => (preventCancel ? shutdown(true, error) : shutdownWithAction(() => cancelStream(source, error), true, error));
  const onSourceClosed = () => (preventClose ? shutdown() : shutdownWithAction(() => closeWithErrorPropagation(writer)));
  if (source.state === "errored") onSourceError(source.err);
  else reader.closed.p.catch(onSourceError);
  if (dest.state === "errored") onDestError(dest.err);
  else writer.closed.p.catch(onDestError);
  if (source.state === "closed") onSourceClosed();
  else reader.closed.p.then(onSourceClosed, noop);
  if (closeQueuedOrInFlight(dest) || dest.state === "closed") {
    const error = fail("the destination is closing or closed");
    if (preventCancel) shutdown(true, error);
    else shutdownWithAction(() => cancelStream(source, error), true, error);
  }

  // One chunk at a time, each once the destination is ready for it.
  const step = (): void => {
    if (shuttingDown) return;
    writer.ready.p.then(() => {
      if (shuttingDown) return;
      readFrom(reader, {
        chunk(chunk) {
          currentWrite = writerWrite(writer, chunk).then(undefined, noop);
          step();
        },
        close: noop,
        error: noop,
      });
    }, noop);
  };
  step();
  return done.p;
}

// ---- TransformStream ----

class TS {
  readable!: RS;
  writable!: WS;
  backpressure = false;
  backpressureChange: Deferred | undefined = undefined;
  finish: Deferred | undefined = undefined;
  transform: ((chunk: unknown) => Promise<unknown>) | undefined = undefined;
  flush: (() => Promise<unknown>) | undefined = undefined;
  cancel: ((reason: unknown) => Promise<unknown>) | undefined = undefined;
}

function setBackpressure(t: TS, backpressure: boolean): void {
  t.backpressureChange?.res();
  t.backpressureChange = deferred();
  t.backpressure = backpressure;
}

function clearTransformAlgorithms(t: TS): void {
  t.transform = t.flush = t.cancel = undefined;
}

/** TransformStreamErrorWritableAndUnblockWrite. */
function errorWritableAndUnblock(t: TS, error: unknown): void {
  clearTransformAlgorithms(t);
  if (t.writable.state === "writable") writableError(t.writable.c, error);
  if (t.backpressure) setBackpressure(t, false);
}

function transformError(t: TS, error: unknown): void {
  controllerError(t.readable.c, error);
  errorWritableAndUnblock(t, error);
}

/** TransformStreamDefaultControllerEnqueue. */
function transformEnqueue(t: TS, chunk: unknown): void {
  const c = t.readable.c;
  if (!canCloseOrEnqueue(c)) throw fail("enqueue(): the readable side is closed or closing");
  try {
    defaultEnqueue(c, chunk);
  } catch (error) {
    errorWritableAndUnblock(t, error);
    throw t.readable.err;
  }
  if (!shouldCallPull(c) !== t.backpressure) setBackpressure(t, true);
}

/** The finish of a flush, abort or cancel: settles once, with the other side's state. */
function finish(t: TS, run: Promise<unknown>, onOk: () => void, onError: (reason: unknown) => void, erroredSide: { state: string; err: unknown }): Promise<void> {
  const d = (t.finish = deferred());
  clearTransformAlgorithms(t);
  run.then(
    () => {
      if (erroredSide.state === "errored") d.rej(erroredSide.err);
      else {
        onOk();
        d.res();
      }
    },
    (reason) => {
      onError(reason);
      d.rej(reason);
    },
  );
  return d.p;
}

let transformOf: (value: unknown) => TS;

export class TransformStream<I = any, O = any> {
  readonly #t: TS;
  readonly #readable: ReadableStream<O>;
  readonly #writable: WritableStream<I>;
  constructor(transformer?: Transformer<I, O>, writableStrategy?: QueuingStrategy<I>, readableStrategy?: QueuingStrategy<O>) {
    if (transformer === null) transformer = undefined;
    const cancel = method(transformer, "cancel");
    const flush = method(transformer, "flush");
    if (transformer?.readableType !== undefined || transformer?.writableType !== undefined) throw new RangeError("TransformStream: there are no stream types");
    const start = transformer?.start;
    if (start !== undefined && typeof start !== "function") throw fail("start must be a function");
    const transform = transformer?.transform === undefined ? undefined : method(transformer, "transform");
    const [readableHwm, readableSize] = strategyOf(readableStrategy, 0);
    const [writableHwm, writableSize] = strategyOf(writableStrategy, 1);
    const t = (this.#t = new TS());
    const started = deferred<unknown>();
    const controller = new TransformStreamDefaultController<O>(INTERNAL, t);
    // TransformStreamDefaultSinkWriteAlgorithm, ...AbortAlgorithm, ...CloseAlgorithm.
    const performTransform = (chunk: unknown) =>
      t.transform!(chunk).then(undefined, (reason) => {
        transformError(t, reason);
        throw reason;
      });
    this.#writable = new WritableStream<I>(
      {
        start: () => started.p,
        write: (chunk): Promise<any> =>
          t.backpressure
            ? t.backpressureChange!.p.then(() => {
                if (t.writable.state === "erroring") throw t.writable.err;
                return performTransform(chunk);
              })
            : performTransform(chunk),
        abort: (reason) =>
          t.finish?.p ??
          finish(
            t,
            t.cancel!(reason),
            () => controllerError(t.readable.c, reason),
            (error) => controllerError(t.readable.c, error),
            t.readable,
          ),
        close: () =>
          t.finish?.p ??
          finish(
            t,
            t.flush!(),
            () => controllerClose(t.readable.c),
            (error) => controllerError(t.readable.c, error),
            t.readable,
          ),
      },
      { highWaterMark: writableHwm, size: writableSize },
    );
    // TransformStreamDefaultSourcePullAlgorithm and ...CancelAlgorithm.
    this.#readable = new ReadableStream<O>(
      {
        start: () => started.p,
        pull: () => {
          setBackpressure(t, false);
          return t.backpressureChange!.p;
        },
        cancel: (reason) =>
          t.finish?.p ??
          finish(
            t,
            t.cancel!(reason),
            () => {
              if (t.writable.state === "writable") writableError(t.writable.c, reason);
              if (t.backpressure) setBackpressure(t, false);
            },
            (error) => {
              if (t.writable.state === "writable") writableError(t.writable.c, error);
              if (t.backpressure) setBackpressure(t, false);
            },
            t.writable,
          ),
      },
      { highWaterMark: readableHwm, size: readableSize },
    );
    t.readable = streamOf(this.#readable);
    t.writable = writableOf(this.#writable);
    setBackpressure(t, true);
    t.transform =
      transform === undefined
        ? (chunk) => {
            try {
              transformEnqueue(t, chunk);
              return resolved();
            } catch (error) {
              return rejected(error);
            }
          }
        : (chunk) => transform(chunk, controller);
    t.flush = () => flush(controller);
    t.cancel = cancel;
    started.res(start === undefined ? undefined : start.call(transformer, controller));
  }
  static {
    transformOf = (value) => {
      if (!isObject(value) || !(#t in value)) throw fail("not a TransformStream");
      return (value as TransformStream).#t;
    };
  }
  get readable(): ReadableStream<O> {
    transformOf(this);
    return this.#readable;
  }
  get writable(): WritableStream<I> {
    transformOf(this);
    return this.#writable;
  }
}

export class TransformStreamDefaultController<O = any> {
  readonly #t: TS;
  constructor(token: unknown, t: TS) {
    internal(token);
    this.#t = t;
  }
  get desiredSize(): number | null {
    return desiredSize(this.#t.readable.c);
  }
  enqueue(chunk?: O): void {
    transformEnqueue(this.#t, chunk);
  }
  error(reason?: any): void {
    transformError(this.#t, reason);
  }
  terminate(): void {
    const t = this.#t;
    controllerClose(t.readable.c);
    errorWritableAndUnblock(t, fail("the TransformStream was terminated"));
  }
}

// ---- Queuing strategies ----

/** QueuingStrategyInit's highWaterMark, which is required. */
function initialMark(init: QueuingStrategyInit, name: string): number {
  const mark = isObject(init) ? init.highWaterMark : undefined;
  if (mark === undefined) throw fail(`${name}: highWaterMark is required`);
  return Number(mark);
}

// One size function per strategy class, as the standard has it.
const byteLengthSize = {
  size(chunk: ArrayBufferView): number {
    return chunk.byteLength;
  },
}.size;
const countSize = {
  size(): number {
    return 1;
  },
}.size;

export class ByteLengthQueuingStrategy {
  readonly #hwm: number;
  constructor(init: QueuingStrategyInit) {
    this.#hwm = initialMark(init, "ByteLengthQueuingStrategy");
  }
  get highWaterMark(): number {
    return this.#hwm;
  }
  get size(): (chunk: ArrayBufferView) => number {
    noop(this.#hwm);
    return byteLengthSize;
  }
}

export class CountQueuingStrategy {
  readonly #hwm: number;
  constructor(init: QueuingStrategyInit) {
    this.#hwm = initialMark(init, "CountQueuingStrategy");
  }
  get highWaterMark(): number {
    return this.#hwm;
  }
  get size(): (chunk?: unknown) => number {
    noop(this.#hwm);
    return countSize;
  }
}

for (const [target, tag] of [
  [ReadableStream, "ReadableStream"],
  [ReadableStreamDefaultReader, "ReadableStreamDefaultReader"],
  [ReadableStreamBYOBReader, "ReadableStreamBYOBReader"],
  [ReadableStreamDefaultController, "ReadableStreamDefaultController"],
  [ReadableByteStreamController, "ReadableByteStreamController"],
  [ReadableStreamBYOBRequest, "ReadableStreamBYOBRequest"],
  [WritableStream, "WritableStream"],
  [WritableStreamDefaultWriter, "WritableStreamDefaultWriter"],
  [WritableStreamDefaultController, "WritableStreamDefaultController"],
  [TransformStream, "TransformStream"],
  [TransformStreamDefaultController, "TransformStreamDefaultController"],
  [ByteLengthQueuingStrategy, "ByteLengthQueuingStrategy"],
  [CountQueuingStrategy, "CountQueuingStrategy"],
] as const) {
  Object.defineProperty(target.prototype, Symbol.toStringTag, { value: tag, configurable: true });
}

// The body of a Request or Response and Blob's stream(): their bytes in one chunk.
optional.byteStream = (bytes) =>
  new ReadableStream<Uint8Array>({
    type: "bytes",
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes.slice());
      controller.close();
    },
  }) as unknown as ByteStream;
/** Encoding's TextEncoderStream: strings in, UTF-8 chunks out; a surrogate pair split between chunks is kept whole. */
export class TextEncoderStream {
  readonly #transform: TransformStream<string, Uint8Array>;
  constructor() {
    const encoder = new TextEncoder();
    let pendingHighSurrogate = "";
    this.#transform = new TransformStream<string, Uint8Array>({
      transform(chunk, controller) {
        let text = pendingHighSurrogate + String(chunk);
        pendingHighSurrogate = "";
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pendingHighSurrogate = text.slice(-1);
          text = text.slice(0, -1);
        }
        if (text.length > 0) controller.enqueue(encoder.encode(text));
      },
      flush(controller) {
        if (pendingHighSurrogate) controller.enqueue(encoder.encode(pendingHighSurrogate));
      },
    });
  }
  get encoding(): string {
    return "utf-8";
  }
  get readable(): ReadableStream<Uint8Array> {
    return this.#transform.readable as unknown as ReadableStream<Uint8Array>;
  }
  get writable(): WritableStream<string> {
    return this.#transform.writable as unknown as WritableStream<string>;
  }
}

/** Encoding's TextDecoderStream: UTF-8 chunks in, strings out (a sequence split between chunks decodes whole). */
export class TextDecoderStream {
  readonly #transform: TransformStream<ArrayBuffer | ArrayBufferView, string>;
  readonly #decoder: TextDecoder;
  constructor(label = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    const decoder = (this.#decoder = new TextDecoder(label, options));
    this.#transform = new TransformStream<ArrayBuffer | ArrayBufferView, string>({
      transform(chunk, controller) {
        const text = decoder.decode(chunk, { stream: true });
        if (text) controller.enqueue(text);
      },
      flush(controller) {
        const text = decoder.decode();
        if (text) controller.enqueue(text);
      },
    });
  }
  get encoding(): string {
    return this.#decoder.encoding;
  }
  get fatal(): boolean {
    return this.#decoder.fatal;
  }
  get ignoreBOM(): boolean {
    return this.#decoder.ignoreBOM;
  }
  get readable(): ReadableStream<string> {
    return this.#transform.readable as unknown as ReadableStream<string>;
  }
  get writable(): WritableStream<ArrayBuffer | ArrayBufferView> {
    return this.#transform.writable as unknown as WritableStream<ArrayBuffer | ArrayBufferView>;
  }
}
