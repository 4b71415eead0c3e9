import { Blob, File } from "./blob.js";

type FormDataEntryValue = string | File;

const entryLists = new WeakMap<FormData, Array<[string, FormDataEntryValue]>>();

/** The entries of a FormData, for bodies. */
export function formDataEntries(form: FormData): Array<[string, FormDataEntryValue]> {
  return entryLists.get(form)!;
}

function entryValue(method: string, value: unknown, filename: unknown, argumentCount: number): FormDataEntryValue {
  if (value instanceof Blob) {
    const name = filename !== undefined ? String(filename) : value instanceof File ? value.name : "blob";
    if (value instanceof File && filename === undefined) return value;
    return new File([value], name, { type: value.type, ...(value instanceof File ? { lastModified: value.lastModified } : {}) });
  }
  if (argumentCount > 2) throw new TypeError(`FormData.${method}: a filename is only for a Blob value`);
  return String(value);
}

/** XHR's FormData (without an HTML form to read). */
export class FormData {
  constructor(form?: undefined) {
    if (form !== undefined) throw new TypeError("FormData: there are no HTML forms in a plug-in; build it with append()");
    entryLists.set(this, []);
  }
  append(name: string, value: string | Blob, filename?: string): void {
    formDataEntries(this).push([String(name), entryValue("append", value, filename, arguments.length)]);
  }
  set(name: string, value: string | Blob, filename?: string): void {
    const entry: [string, FormDataEntryValue] = [String(name), entryValue("set", value, filename, arguments.length)];
    const list = formDataEntries(this);
    const first = list.findIndex(([key]) => key === entry[0]);
    if (first < 0) {
      list.push(entry);
      return;
    }
    list[first] = entry;
    for (let i = list.length - 1; i > first; i--) if (list[i]![0] === entry[0]) list.splice(i, 1);
  }
  delete(name: string): void {
    const list = formDataEntries(this);
    for (let i = list.length - 1; i >= 0; i--) if (list[i]![0] === String(name)) list.splice(i, 1);
  }
  get(name: string): FormDataEntryValue | null {
    return formDataEntries(this).find(([key]) => key === String(name))?.[1] ?? null;
  }
  getAll(name: string): FormDataEntryValue[] {
    return formDataEntries(this)
      .filter(([key]) => key === String(name))
      .map(([, value]) => value);
  }
  has(name: string): boolean {
    return formDataEntries(this).some(([key]) => key === String(name));
  }
  forEach(callback: (value: FormDataEntryValue, key: string, parent: FormData) => void, thisArg?: unknown): void {
    for (const [key, value] of this) callback.call(thisArg, value, key, this);
  }
  *entries(): IterableIterator<[string, FormDataEntryValue]> {
    // Live, as WebIDL's iterators are: entries added while iterating are seen.
    const list = formDataEntries(this);
    for (let i = 0; i < list.length; i++) yield [list[i]![0], list[i]![1]];
  }
  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }
  *values(): IterableIterator<FormDataEntryValue> {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator](): IterableIterator<[string, FormDataEntryValue]> {
    return this.entries();
  }
  get [Symbol.toStringTag](): string {
    return "FormData";
  }
}
