import { native } from "../natives.js";
import { DOMException } from "./dom-exception.js";
import { reportError } from "./report-error.js";

const detachArrayBuffer = /* @__PURE__ */ native("array_buffer_detach");

/** queueMicrotask on the engine's job queue, which runs before an export's call ends; a callback that throws is reported. */
export function queueMicrotask(callback: () => void): void {
  if (typeof callback !== "function") throw new TypeError("queueMicrotask: the callback must be a function");
  Promise.resolve().then(() => {
    try {
      callback();
    } catch (error) {
      reportError(error);
    }
  });
}

const ERROR_NAMES = ["Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError"];
const ERROR_CONSTRUCTORS: Record<string, ErrorConstructor> = {
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

function notCloneable(what: string): DOMException {
  return new DOMException(`structuredClone: ${what} could not be cloned`, "DataCloneError");
}

function describe(value: unknown): string {
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  if (typeof value === "symbol") return value.toString();
  return Object.prototype.toString.call(value);
}

/** Whether a Blob-like object (Blob, File) can be copied: it says how with a clone hook. */
type Cloneable = { [cloneHook]: () => unknown };
export const cloneHook = Symbol("structuredClone");

/**
 * HTML's structured clone: primitives, wrappers, Date, RegExp, ArrayBuffer
 * and views, Map, Set, arrays, plain objects (own enumerable properties),
 * the Error types, Blob, File and DOMException; cycles and shared references
 * kept. Functions, symbols, promises and weak collections throw a
 * DataCloneError. `transfer` moves ArrayBuffers: the originals are detached.
 */
export function structuredClone<T>(value: T, options?: { transfer?: ArrayBuffer[] }): T {
  if (arguments.length === 0) throw new TypeError("structuredClone: 1 argument required");
  const transfer = options?.transfer ?? [];
  const copies = new Map<unknown, unknown>();
  for (const buffer of transfer) {
    if (!(buffer instanceof ArrayBuffer)) throw notCloneable(`${describe(buffer)} in transfer (only ArrayBuffers can be transferred)`);
    if (copies.has(buffer)) throw notCloneable("an ArrayBuffer listed twice in transfer");
    copies.set(buffer, undefined);
  }
  for (const buffer of transfer) {
    try {
      copies.set(buffer, buffer.slice(0));
    } catch {
      throw notCloneable("a detached ArrayBuffer in transfer");
    }
  }
  const keep = <V>(item: object, copy: V): V => {
    copies.set(item, copy);
    return copy;
  };
  const clone = (item: unknown): unknown => {
    if (typeof item === "function" || typeof item === "symbol") throw notCloneable(describe(item));
    if (typeof item !== "object" || item === null) return item;
    if (copies.has(item)) return copies.get(item);
    if (item instanceof Date) return keep(item, new Date(item.getTime()));
    if (item instanceof RegExp) return keep(item, new RegExp(item.source, item.flags));
    if (item instanceof ArrayBuffer) return keep(item, item.slice(0));
    if (ArrayBuffer.isView(item)) {
      const view = item as unknown as {
        constructor: new (buffer: ArrayBuffer, offset: number, length: number) => unknown;
        buffer: ArrayBuffer;
        byteOffset: number;
        byteLength: number;
        length?: number;
      };
      const buffer = clone(view.buffer) as ArrayBuffer;
      const Constructor = item instanceof DataView ? DataView : view.constructor;
      return keep(item, new Constructor(buffer, view.byteOffset, item instanceof DataView ? view.byteLength : view.length!));
    }
    if (item instanceof Boolean || item instanceof Number || item instanceof String) return keep(item, Object(item.valueOf()));
    if (Object.prototype.toString.call(item) === "[object BigInt]") return keep(item, Object((item as { valueOf(): bigint }).valueOf()));
    if (item instanceof Map) {
      const map = keep(item, new Map());
      for (const [key, entry] of [...item]) map.set(clone(key), clone(entry));
      return map;
    }
    if (item instanceof Set) {
      const set = keep(item, new Set());
      for (const entry of [...item]) set.add(clone(entry));
      return set;
    }
    if (typeof (item as Partial<Cloneable>)[cloneHook] === "function") return keep(item, (item as Cloneable)[cloneHook]());
    if (item instanceof Error) {
      const name = ERROR_NAMES.includes(item.name) ? item.name : "Error";
      const error = keep(item, new (ERROR_CONSTRUCTORS[name] ?? Error)());
      const message = Object.getOwnPropertyDescriptor(item, "message");
      if (message && "value" in message) Object.defineProperty(error, "message", { value: String(message.value), writable: true, configurable: true });
      if (typeof item.stack === "string") Object.defineProperty(error, "stack", { value: item.stack, writable: true, configurable: true });
      if (Object.prototype.hasOwnProperty.call(item, "cause")) {
        Object.defineProperty(error, "cause", { value: clone((item as { cause?: unknown }).cause), writable: true, configurable: true });
      }
      return error;
    }
    if (item instanceof Promise || item instanceof WeakMap || item instanceof WeakSet || Object.prototype.toString.call(item) === "[object WeakRef]") {
      throw notCloneable(describe(item));
    }
    const copy = keep(item, Array.isArray(item) ? new Array(item.length) : {}) as Record<string, unknown>;
    for (const key of Object.keys(item)) copy[key] = clone((item as Record<string, unknown>)[key]);
    return copy;
  };
  const result = clone(value) as T;
  for (const buffer of transfer) detachArrayBuffer(buffer);
  return result;
}
