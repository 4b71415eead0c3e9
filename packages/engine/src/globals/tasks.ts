/** queueMicrotask on the engine's job queue, which runs before an export's call ends. */
export function queueMicrotask(callback: () => void): void {
  if (typeof callback !== "function") throw new TypeError("queueMicrotask: the callback must be a function");
  Promise.resolve().then(callback);
}

class DataCloneError extends Error {
  override name = "DataCloneError";
}

/** structuredClone for data: primitives, plain objects, arrays, Date, RegExp, Map, Set, ArrayBuffer, typed arrays, errors; cycles kept. */
export function structuredClone<T>(value: T): T {
  const copies = new Map<unknown, unknown>();
  const clone = (item: unknown): unknown => {
    if (typeof item === "function" || typeof item === "symbol") {
      throw new DataCloneError(`structuredClone: ${String(item)} could not be cloned`);
    }
    if (typeof item !== "object" || item === null) return item;
    if (copies.has(item)) return copies.get(item);
    let copy: unknown;
    if (Array.isArray(item)) {
      const array: unknown[] = [];
      copies.set(item, array);
      item.forEach((element, index) => (array[index] = clone(element)));
      return array;
    }
    if (item instanceof Date) copy = new globalThis.Date(item.getTime());
    else if (item instanceof RegExp) copy = new RegExp(item.source, item.flags);
    else if (item instanceof ArrayBuffer) copy = item.slice(0);
    else if (ArrayBuffer.isView(item)) {
      const view = item as unknown as { constructor: new (b: ArrayBuffer, o: number, l: number) => unknown; buffer: ArrayBuffer; byteOffset: number; byteLength: number; length?: number };
      const buffer = clone(view.buffer) as ArrayBuffer;
      copy = new view.constructor(buffer, view.byteOffset, view.length ?? view.byteLength);
    } else if (item instanceof Map) {
      const map = new Map();
      copies.set(item, map);
      item.forEach((v, k) => map.set(clone(k), clone(v)));
      return map;
    } else if (item instanceof Set) {
      const set = new Set();
      copies.set(item, set);
      item.forEach((v) => set.add(clone(v)));
      return set;
    } else if (item instanceof Error) {
      const error = new Error(item.message);
      error.name = item.name;
      if (item.stack !== undefined) error.stack = item.stack;
      copy = error;
    } else {
      const object: Record<string, unknown> = {};
      copies.set(item, object);
      for (const key of Object.keys(item)) object[key] = clone((item as Record<string, unknown>)[key]);
      return object;
    }
    copies.set(item, copy);
    return copy;
  };
  return clone(value) as T;
}
