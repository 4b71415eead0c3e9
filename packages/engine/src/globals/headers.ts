const TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

/**
 * Whether text is an HTTP token (a header name, a method). These checks are
 * written without regular expressions, which would bring the engine's RegExp
 * (about 50 KB) into every plug-in that names Headers.
 */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!((c >= "0" && c <= "9") || (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || TOKEN_SYMBOLS.includes(c))) return false;
  }
  return true;
}

const isHttpWhitespace = (c: string | undefined): boolean => c === "\t" || c === "\n" || c === "\r" || c === " ";

export type HeadersInit = Headers | Iterable<readonly [string, string]> | Record<string, string>;
type Guard = "none" | "immutable";

function headerName(name: unknown, method: string): string {
  const text = String(name);
  if (!isToken(text)) throw new TypeError(`Headers.${method}: '${text}' is not a valid header name`);
  return text.toLowerCase();
}

/** Fetch's header value normalization: no leading or trailing HTTP white space, no NUL, CR or LF. */
function headerValue(value: unknown, name: string, method: string): string {
  const raw = String(value);
  let start = 0;
  let end = raw.length;
  while (start < end && isHttpWhitespace(raw[start])) start++;
  while (end > start && isHttpWhitespace(raw[end - 1])) end--;
  const text = raw.slice(start, end);
  if (text.includes("\0") || text.includes("\r") || text.includes("\n")) throw new TypeError(`Headers.${method}: the value of '${name}' has a NUL, CR or LF character`);
  return text;
}

interface HeadersState {
  list: Array<[string, string]>;
  guard: Guard;
}

// A private field, not a WeakMap (nor a Set below): Map and Set would bring
// the engine's Map/Set code (about 10 KB) into every plug-in naming fetch.
let stateOf: (headers: Headers) => HeadersState;

export function headersState(headers: Headers): HeadersState {
  return stateOf(headers);
}

function mutable(headers: Headers, method: string): Array<[string, string]> {
  const state = headersState(headers);
  if (state.guard === "immutable") throw new TypeError(`Headers.${method}: these headers are immutable`);
  return state.list;
}

/** Fetch's Headers: names case-insensitive, iteration sorted by name with values combined (set-cookie kept apart). */
export class Headers {
  #state: HeadersState = { list: [], guard: "none" };
  static {
    stateOf = (headers) => {
      if (typeof headers !== "object" || headers === null || !(#state in headers)) throw new TypeError("Illegal invocation: not a Headers");
      return headers.#state;
    };
  }
  constructor(init?: HeadersInit) {
    if (init === undefined || init === null) return;
    if (typeof init !== "object" && typeof init !== "function") throw new TypeError("Headers: init must be a Headers, an array of pairs or a record");
    if (init instanceof Headers) {
      for (const [name, value] of headersState(init).list) this.append(name, value);
    } else if (typeof (init as Iterable<unknown>)[Symbol.iterator] === "function") {
      for (const pair of init as Iterable<readonly [string, string]>) {
        const entry = typeof pair === "object" && pair !== null && typeof (pair as Iterable<string>)[Symbol.iterator] === "function" ? [...(pair as Iterable<string>)] : [];
        if (entry.length !== 2) throw new TypeError("Headers: each header must be a [name, value] pair");
        this.append(entry[0]!, entry[1]!);
      }
    } else {
      for (const name of Object.keys(init)) this.append(name, (init as Record<string, string>)[name]!);
    }
  }
  append(name: string, value: string): void {
    const key = headerName(name, "append");
    mutable(this, "append").push([key, headerValue(value, key, "append")]);
  }
  set(name: string, value: string): void {
    const key = headerName(name, "set");
    const normalized = headerValue(value, key, "set");
    const list = mutable(this, "set");
    const first = list.findIndex(([entry]) => entry === key);
    if (first < 0) {
      list.push([key, normalized]);
      return;
    }
    list[first] = [key, normalized];
    for (let i = list.length - 1; i > first; i--) if (list[i]![0] === key) list.splice(i, 1);
  }
  delete(name: string): void {
    const key = headerName(name, "delete");
    const list = mutable(this, "delete");
    for (let i = list.length - 1; i >= 0; i--) if (list[i]![0] === key) list.splice(i, 1);
  }
  get(name: string): string | null {
    const key = headerName(name, "get");
    const values = headersState(this)
      .list.filter(([entry]) => entry === key)
      .map(([, value]) => value);
    return values.length === 0 ? null : values.join(", ");
  }
  getSetCookie(): string[] {
    return headersState(this)
      .list.filter(([entry]) => entry === "set-cookie")
      .map(([, value]) => value);
  }
  has(name: string): boolean {
    const key = headerName(name, "has");
    return headersState(this).list.some(([entry]) => entry === key);
  }
  forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this) callback.call(thisArg, value, name, this);
  }
  /** Fetch's "sort and combine", taken when iteration starts. */
  *entries(): IterableIterator<[string, string]> {
    const list = headersState(this).list;
    const names = list.map(([name]) => name).sort();
    for (const [index, name] of names.entries()) {
      if (index > 0 && names[index - 1] === name) continue;
      if (name === "set-cookie") {
        for (const value of this.getSetCookie()) yield [name, value];
      } else {
        yield [name, this.get(name)!];
      }
    }
  }
  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }
  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
  get [Symbol.toStringTag](): string {
    return "Headers";
  }
}

export function immutableHeaders(init?: HeadersInit): Headers {
  const headers = new Headers(init);
  headersState(headers).guard = "immutable";
  return headers;
}
