import { Blob, blobBytes, File } from "./blob.js";
import { optional } from "./optional.js";
import { TextDecoder, TextEncoder } from "./text.js";

type FormDataEntryValue = string | File;

// In a private field, not a WeakMap, which would bring the engine's Map/Set code (about 10 KB).
let entriesOf: (form: FormData) => Array<[string, FormDataEntryValue]>;

/** The entries of a FormData, for bodies. */
export function formDataEntries(form: FormData): Array<[string, FormDataEntryValue]> {
  return entriesOf(form);
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
  readonly #entries: Array<[string, FormDataEntryValue]> = [];
  static {
    entriesOf = (form) => {
      if (typeof form !== "object" || form === null || !(#entries in form)) throw new TypeError("Illegal invocation: not a FormData");
      return form.#entries;
    };
  }
  constructor(form?: undefined) {
    if (form !== undefined) throw new TypeError("FormData: there are no HTML forms in a plug-in; build it with append()");
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

// No regular expressions here: they would bring the engine's RegExp.

function replaceAll(text: string, from: string, to: string): string {
  return text.split(from).join(to);
}

/** Line breaks as CRLF, as HTML's form submission sends names and values. */
function crlf(text: string): string {
  return replaceAll(replaceAll(replaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n", "\r\n");
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

let boundaryCount = 0;

/** multipart/form-data (RFC 7578), with names escaped as HTML's form submission does. */
function multipart(form: FormData, boundary: string): Uint8Array {
  const escape = (text: string): string => replaceAll(replaceAll(replaceAll(text, "\n", "%0A"), "\r", "%0D"), '"', "%22");
  const chunks: Uint8Array[] = [];
  for (const [name, value] of formDataEntries(form)) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escape(crlf(name))}"`;
    if (typeof value === "string") {
      chunks.push(utf8(`${head}\r\n\r\n${crlf(value)}\r\n`));
    } else {
      head += `; filename="${escape(value.name)}"\r\nContent-Type: ${value.type || "application/octet-stream"}\r\n\r\n`;
      chunks.push(utf8(head), blobBytes(value), utf8("\r\n"));
    }
  }
  chunks.push(utf8(`--${boundary}--\r\n`));
  return concat(chunks);
}

/** application/x-www-form-urlencoded parsing (URL 5.1). */
function parseUrlencoded(text: string, form: FormData): void {
  const decode = (part: string): string => {
    const bytes: number[] = [];
    const raw = utf8(replaceAll(part, "+", " "));
    const hexDigit = (byte: number | undefined): boolean => byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === 0x25 && hexDigit(raw[i + 1]) && hexDigit(raw[i + 2])) {
        bytes.push(parseInt(String.fromCharCode(raw[i + 1]!, raw[i + 2]!), 16));
        i += 2;
      } else bytes.push(raw[i]!);
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  };
  for (const sequence of text.split("&")) {
    if (sequence === "") continue;
    const equals = sequence.indexOf("=");
    form.append(decode(equals < 0 ? sequence : sequence.slice(0, equals)), decode(equals < 0 ? "" : sequence.slice(equals + 1)));
  }
}

const isSpace = (c: string | undefined): boolean => c === " " || c === "\t";

/** The value of a part's header field (`name` in lowercase), trimmed; undefined when the part has none. */
function headerField(head: string, name: string): string | undefined {
  for (const line of head.split("\r\n")) {
    if (line.length > name.length && line[name.length] === ":" && line.slice(0, name.length).toLowerCase() === name) return line.slice(name.length + 1).trim();
  }
  return undefined;
}

/** A `; key="value"` parameter of a header value (key in lowercase, matched without case). */
function quotedParameter(value: string, key: string): string | undefined {
  const lower = value.toLowerCase();
  for (let semicolon = lower.indexOf(";"); semicolon >= 0; semicolon = lower.indexOf(";", semicolon + 1)) {
    let start = semicolon + 1;
    while (isSpace(lower[start])) start++;
    if (!lower.startsWith(`${key}="`, start)) continue;
    start += key.length + 2;
    const end = value.indexOf('"', start);
    if (end >= 0) return value.slice(start, end);
  }
  return undefined;
}

/** The boundary of a multipart/form-data Content-Type, undefined for another type. */
function multipartBoundary(type: string): string | undefined {
  const lower = type.toLowerCase();
  if (!lower.startsWith("multipart/form-data")) return undefined;
  let position = "multipart/form-data".length;
  while (isSpace(lower[position])) position++;
  if (lower[position] !== ";") return undefined;
  const at = lower.indexOf("boundary=", position);
  if (at < 0) return undefined;
  let start = at + "boundary=".length;
  let end: number;
  if (type[start] === '"') {
    end = type.indexOf('"', ++start);
    if (end < 0) return undefined;
  } else {
    end = start;
    while (end < type.length && type[end] !== ";" && !isSpace(type[end])) end++;
  }
  return end > start ? type.slice(start, end) : undefined;
}

function isUrlencoded(type: string): boolean {
  const name = "application/x-www-form-urlencoded";
  const next = type[name.length] ?? "";
  const wordCharacter = (next >= "0" && next <= "9") || (next >= "A" && next <= "Z") || (next >= "a" && next <= "z") || next === "_";
  return type.slice(0, name.length).toLowerCase() === name && !wordCharacter;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** multipart/form-data parsing (RFC 7578): each part's name, filename and Content-Type. */
function parseMultipart(bytes: Uint8Array, boundary: string, form: FormData): void {
  const delimiter = utf8(`--${boundary}`);
  const fail = (): never => {
    throw new TypeError("formData: the multipart/form-data body is malformed");
  };
  let position = indexOfBytes(bytes, delimiter, 0);
  if (position < 0) fail();
  for (;;) {
    position += delimiter.length;
    if (bytes[position] === 0x2d && bytes[position + 1] === 0x2d) return;
    if (bytes[position] !== 0x0d || bytes[position + 1] !== 0x0a) fail();
    position += 2;
    const headerEnd = indexOfBytes(bytes, utf8("\r\n\r\n"), position);
    if (headerEnd < 0) fail();
    const head = new TextDecoder().decode(bytes.subarray(position, headerEnd));
    const next = indexOfBytes(bytes, utf8(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) fail();
    const content = bytes.subarray(headerEnd + 4, next);
    const disposition = headerField(head, "content-disposition");
    if (disposition === undefined || !disposition.toLowerCase().startsWith("form-data")) fail();
    const name = quotedParameter(disposition!, "name") ?? fail();
    const filename = quotedParameter(disposition!, "filename");
    const unescape = (text: string): string => replaceAll(replaceAll(replaceAll(text, "%0A", "\n"), "%0D", "\r"), "%22", '"');
    if (filename === undefined) form.append(unescape(name), new TextDecoder().decode(content));
    else {
      const type = headerField(head, "content-type") ?? "";
      form.append(unescape(name), new File([content.slice()], unescape(filename), { type }));
    }
    position = next + 2;
  }
}

// FormData bodies and Body's formData() in ./fetch.ts, which does not import this module.
optional.formDataBody = (value) => {
  if (!(value instanceof FormData)) return undefined;
  const boundary = `----extism-ts-form-data-${String(++boundaryCount).padStart(10, "0")}`;
  return { bytes: multipart(value, boundary), type: `multipart/form-data; boundary=${boundary}` };
};
optional.parseFormData = (bytes, type) => {
  const form = new FormData();
  const boundary = multipartBoundary(type);
  if (boundary !== undefined) parseMultipart(bytes, boundary, form);
  else if (isUrlencoded(type)) parseUrlencoded(new TextDecoder().decode(bytes), form);
  else throw new TypeError(`formData: the Content-Type '${type}' is neither multipart/form-data nor application/x-www-form-urlencoded`);
  return form;
};
