import { native } from "../natives.js";

// Node's Buffer, written for plug-ins: a Uint8Array subclass whose text codecs
// are the engine's natives (UTF-8, hex, base64), so that it brings neither an
// npm package's JavaScript tables nor QuickJS's RegExp (no regular
// expressions here). Errors carry Node's codes, types and messages.

const utf8Encode = /* @__PURE__ */ native("utf8_encode");
const utf8Decode = /* @__PURE__ */ native("utf8_decode");
const base64Encode = /* @__PURE__ */ native("base64_encode");
const base64Decode = /* @__PURE__ */ native("base64_decode");
const hexEncode = /* @__PURE__ */ native("hex_encode");
const hexDecode = /* @__PURE__ */ native("hex_decode");

/** Node 20's limit on a Buffer's length (2 ** 32), which its range errors quote. */
export const kMaxLength = 4294967296;
export const INSPECT_MAX_BYTES = 50;

type Encoding = "utf8" | "utf16le" | "latin1" | "ascii" | "base64" | "base64url" | "hex";

/** Node's names for an encoding, in any case, or undefined. */
function encodingOf(name: unknown): Encoding | undefined {
  const lower = `${name as string}`.toLowerCase();
  switch (lower) {
    case "utf8":
    case "utf-8":
      return "utf8";
    case "ucs2":
    case "ucs-2":
    case "utf16le":
    case "utf-16le":
      return "utf16le";
    case "latin1":
    case "binary":
      return "latin1";
    case "ascii":
    case "base64":
    case "base64url":
    case "hex":
      return lower;
  }
  return undefined;
}

// --- Node's errors: a code, the type Node throws, and its toString ---

function nodeError(type: typeof TypeError | typeof RangeError, code: string, message: string): Error {
  const error = new type(message);
  (error as Error & { code: string }).code = code;
  Object.defineProperty(error, "toString", { value: () => `${error.name} [${code}]: ${error.message}`, configurable: true, writable: true });
  return error;
}

/** Node's `Received ...` of a value whose type was wrong. */
function received(value: unknown): string {
  if (value === null || value === undefined) return `${value}`;
  if (typeof value === "function") return `function ${value.name}`;
  if (typeof value === "object") return `an instance of ${(value as { constructor?: { name?: string } }).constructor?.name ?? "Object"}`;
  let shown = typeof value === "string" ? `'${value}'` : shownNumber(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof value} (${shown})`;
}

function shownNumber(value: unknown): string {
  return Object.is(value, -0) ? "-0" : typeof value === "bigint" ? `${value}n` : String(value);
}

function invalidType(name: string, expected: string, value: unknown): Error {
  const subject = name.endsWith(" argument") ? name : `"${name}" argument`;
  return nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The ${subject} must be ${expected}. Received ${received(value)}`);
}

/** Node writes integers past 2 ** 32 with _ between thousands. */
function grouped(digits: string): string {
  const sign = digits[0] === "-" ? 1 : 0;
  let end = digits.length;
  let out = "";
  for (; end - sign > 3; end -= 3) out = `_${digits.slice(end - 3, end)}${out}`;
  return digits.slice(0, end) + out;
}

function outOfRange(name: string, range: string, value: unknown): Error {
  let shown = shownNumber(value);
  const big = typeof value === "bigint" ? value > 2n ** 32n || value < -(2n ** 32n) : Number.isInteger(value) && Math.abs(value as number) > 2 ** 32;
  if (big) shown = grouped(String(value)) + (typeof value === "bigint" ? "n" : "");
  return nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`);
}

const outOfBounds = (what?: string): Error =>
  nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", what ? `"${what}" is outside of buffer bounds` : "Attempt to access memory outside buffer bounds");

const unknownEncoding = (encoding: unknown): Error => nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding as string}`);

const BYTES = "an instance of Buffer or Uint8Array";

function checkBytes(value: unknown, name: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw invalidType(name, BYTES, value);
}

function checkNumber(value: unknown, name: string): asserts value is number {
  if (typeof value !== "number") throw invalidType(name, "of type number", value);
}

/** A whole number in [min, max], as Node checks offsets and lengths it is given (its ranges say "&&"). */
function checkOffset(value: unknown, name: string, max: number): asserts value is number {
  checkNumber(value, name);
  if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
  if (value < 0 || value > max) throw outOfRange(name, `>= 0 && <= ${max}`, value);
}

/** Node's check that `size` bytes at `offset` lie inside the buffer, for its read and write methods. */
function checkAccess(buffer: Uint8Array, offset: unknown, size: number, name = "offset"): asserts offset is number {
  checkNumber(offset, name);
  if (Math.floor(offset) !== offset) throw outOfRange(name, "an integer", offset);
  if (offset < 0 || offset + size > buffer.length) {
    if (buffer.length < size) throw outOfBounds();
    throw outOfRange(name, `>= 0 and <= ${buffer.length - size}`, offset);
  }
}

// --- text codecs ---

/** A plain Uint8Array over [start, end) of `bytes`: the natives and the copies below need no Buffer methods. */
function view(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);
}

/** The text of UTF-16 units, a chunk at a time: apply takes only so many arguments. */
function charCodes(units: Uint8Array | Uint16Array): string {
  let text = "";
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode.apply(null, units.subarray(i, i + 8192) as unknown as number[]);
  return text;
}

function textOf(bytes: Uint8Array, encoding: Encoding): string {
  switch (encoding) {
    case "utf8":
      return utf8Decode(bytes, false);
    // The codecs write ASCII, which reads the same as UTF-8: the native decoder makes the string.
    case "hex":
      return utf8Decode(hexEncode(bytes), false);
    case "base64":
    case "base64url":
      return utf8Decode(base64Encode(bytes, encoding === "base64url"), false);
    case "latin1":
      return charCodes(bytes);
    case "ascii": {
      // All below 0x80 when UTF-8 reads one character per byte and replaced none.
      const text = utf8Decode(bytes, false);
      if (text.length === bytes.length && text.indexOf("\ufffd") < 0) return text;
      return charCodes(bytes.map((byte) => byte & 0x7f));
    }
    case "utf16le": {
      // A Uint16Array reads little-endian in wasm, from an even offset.
      const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
      return charCodes(new Uint16Array(aligned.buffer, aligned.byteOffset, bytes.length >>> 1));
    }
  }
}

/** Value of a base64 symbol in either alphabet (Node reads both), or -1. */
function base64Value(code: number): number {
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 71;
  if (code >= 48 && code <= 57) return code + 4;
  if (code === 43 || code === 45) return 62;
  if (code === 47 || code === 95) return 63;
  return -1;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/**
 * Base64 as Node reads it: either alphabet, what is neither skipped, ending at
 * the first "=". Canonical text goes to the native decoder; the rest is read here.
 */
function base64Bytes(text: string): Uint8Array {
  try {
    return base64Decode(utf8Encode(text), text.length % 4 !== 0);
  } catch {
    // Line breaks or spaces are often all that is in the way (PEM, MIME).
    let clean = text;
    for (const space of ["\n", "\r", " ", "\t"]) if (clean.includes(space)) clean = clean.split(space).join("");
    if (clean !== text) {
      try {
        return base64Decode(utf8Encode(clean), clean.length % 4 !== 0);
      } catch {
        // Read below.
      }
    }
    const bytes = new Uint8Array((text.length * 3) >>> 2);
    let length = 0;
    let bits = 0;
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 61) break;
      const value = base64Value(code);
      if (value < 0) continue;
      bits = ((bits << 6) | value) & 0xffffff;
      count += 6;
      if (count >= 8) {
        count -= 8;
        bytes[length++] = bits >> count;
      }
    }
    return bytes.subarray(0, length);
  }
}

/** Hex as Node reads it: pairs of digits up to the first pair that is not one. */
function hexBytes(text: string): Uint8Array {
  try {
    return hexDecode(utf8Encode(text.length % 2 === 0 ? text : text.slice(0, -1)));
  } catch {
    const bytes = new Uint8Array(text.length >>> 1);
    let length = 0;
    for (; length < bytes.length; length++) {
      const high = hexValue(text.charCodeAt(2 * length));
      const low = hexValue(text.charCodeAt(2 * length + 1));
      if (high < 0 || low < 0) break;
      bytes[length] = high * 16 + low;
    }
    return bytes.subarray(0, length);
  }
}

function bytesOf(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case "utf8":
      return utf8Encode(text);
    case "hex":
      return hexBytes(text);
    case "base64":
    case "base64url":
      return base64Bytes(text);
    case "utf16le": {
      // Little-endian in wasm, as Node writes UTF-16.
      const units = new Uint16Array(text.length);
      for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
      return new Uint8Array(units.buffer);
    }
    default: {
      // latin1 and ascii: Node writes each UTF-16 unit's low byte. ASCII text is its own UTF-8, which the native encoder writes.
      const ascii = utf8Encode(text);
      if (ascii.length === text.length) return ascii;
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      return bytes;
    }
  }
}

function byteLengthOf(text: string, encoding: Encoding): number {
  switch (encoding) {
    case "utf8":
      return utf8Encode(text).length;
    case "utf16le":
      return text.length * 2;
    case "hex":
      return text.length >>> 1;
    case "base64":
    case "base64url": {
      let length = text.length;
      if (text.charCodeAt(length - 1) === 61) length--;
      if (length > 1 && text.charCodeAt(length - 1) === 61) length--;
      return (length * 3) >>> 2;
    }
    default:
      return text.length;
  }
}

/** How many of `bytes` go into `room` bytes: whole UTF-8 characters, whole UTF-16 units, or as many as fit. */
function fitting(bytes: Uint8Array, room: number, encoding: Encoding): number {
  if (bytes.length <= room) return bytes.length;
  if (encoding === "utf16le") return room - (room % 2);
  if (encoding !== "utf8") return room;
  let end = room;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return end;
}

// --- integers and floats ---

const scratch = new Float64Array(1);
const scratchBytes = new Uint8Array(scratch.buffer);
const scratchFloat = new Float32Array(scratch.buffer);

/** The byte offsets of a `size`-byte number at `offset`, least significant first. */
function byteAt(offset: number, size: number, bigEndian: boolean, i: number): number {
  return bigEndian ? offset + size - 1 - i : offset + i;
}

function readInteger(buffer: Uint8Array, offset: unknown, size: number, bigEndian: boolean, signed: boolean): number {
  checkAccess(buffer, offset, size);
  let value = 0;
  // Most significant byte first.
  for (let i = 0; i < size; i++) value = value * 256 + buffer[bigEndian ? offset + i : offset + size - 1 - i]!;
  return signed && value >= 2 ** (8 * size - 1) ? value - 2 ** (8 * size) : value;
}

/** Node's range for a `size`-byte integer, as its messages write it. */
function rangeText(size: number, signed: boolean, n: "" | "n"): string {
  const bits = 8 * size;
  if (size <= 4 && n === "") return signed ? `>= ${-(2 ** (bits - 1))} and <= ${2 ** (bits - 1) - 1}` : `>= 0 and <= ${2 ** bits - 1}`;
  return signed ? `>= -(2${n} ** ${bits - 1}${n}) and < 2${n} ** ${bits - 1}${n}` : `>= 0${n} and < 2${n} ** ${bits}${n}`;
}

function writeInteger(buffer: Uint8Array, input: unknown, offset: unknown, size: number, bigEndian: boolean, signed: boolean): number {
  const value = +(input as number);
  const limit = 2 ** (8 * size - (signed ? 1 : 0));
  // Node checks a one-byte write's offset before its value, wider ones after.
  if (size === 1) checkNumber(offset, "offset");
  if (value >= limit || value < (signed ? -limit : 0)) throw outOfRange("value", rangeText(size, signed, ""), value);
  checkAccess(buffer, offset, size);
  // Whole bytes from the lowest: the division keeps values past 2 ** 32 exact.
  let rest = Math.trunc(value);
  if (rest < 0) rest += 2 ** (8 * size);
  for (let i = 0; i < size; i++) {
    buffer[byteAt(offset, size, bigEndian, i)] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return offset + size;
}

function readBig(buffer: Uint8Array, offset: unknown, bigEndian: boolean, signed: boolean): bigint {
  checkAccess(buffer, offset, 8);
  let value = 0n;
  for (let i = 7; i >= 0; i--) value = (value << 8n) | BigInt(buffer[byteAt(offset, 8, bigEndian, i)]!);
  return signed ? BigInt.asIntN(64, value) : value;
}

function writeBig(buffer: Uint8Array, value: bigint, offset: unknown, bigEndian: boolean, signed: boolean): number {
  const limit = signed ? 2n ** 63n : 2n ** 64n;
  if (value >= limit || value < (signed ? -limit : 0n)) throw outOfRange("value", rangeText(8, signed, "n"), value);
  checkAccess(buffer, offset, 8);
  let rest = BigInt.asUintN(64, value);
  for (let i = 0; i < 8; i++) {
    buffer[byteAt(offset, 8, bigEndian, i)] = Number(rest & 255n);
    rest >>= 8n;
  }
  return offset + 8;
}

/** Floats go through a scratch array, whose bytes are little-endian in wasm as on Node's hosts. */
function readFloat(buffer: Uint8Array, offset: unknown, size: 4 | 8, bigEndian: boolean): number {
  checkAccess(buffer, offset, size);
  for (let i = 0; i < size; i++) scratchBytes[i] = buffer[byteAt(offset, size, bigEndian, i)]!;
  return size === 4 ? scratchFloat[0]! : scratch[0]!;
}

function writeFloat(buffer: Uint8Array, value: unknown, offset: unknown, size: 4 | 8, bigEndian: boolean): number {
  if (size === 4) scratchFloat[0] = +(value as number);
  else scratch[0] = +(value as number);
  checkAccess(buffer, offset, size);
  for (let i = 0; i < size; i++) buffer[byteAt(offset, size, bigEndian, i)] = scratchBytes[i]!;
  return offset + size;
}

/** readUIntLE and the like take 1 to 6 bytes. */
function checkByteLength(byteLength: unknown): asserts byteLength is number {
  if (byteLength === 1 || byteLength === 2 || byteLength === 3 || byteLength === 4 || byteLength === 5 || byteLength === 6) return;
  checkNumber(byteLength, "byteLength");
  throw outOfRange("byteLength", Math.floor(byteLength) === byteLength ? ">= 1 and <= 6" : "an integer", byteLength);
}

// --- searching and comparing ---

/** memcmp's sign over the shorter length, then the longer one is greater. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Where Node starts a search of `needle` bytes from `offset`, or -1 for none. */
function searchStart(length: number, offset: number, needle: number, forward: boolean): number {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset;
    return forward || needle === 0 ? 0 : -1;
  }
  if (offset + needle <= length) return offset;
  if (needle === 0) return length;
  return forward ? -1 : length - 1;
}

const typedIndexOf = Uint8Array.prototype.indexOf;
const typedLastIndexOf = Uint8Array.prototype.lastIndexOf;

/** Index of `needle` in `haystack`, in steps of `unit` bytes (2 for UTF-16), first at or after `from`, or last at or before it. */
function find(haystack: Uint8Array, needle: Uint8Array, offset: number, forward: boolean, unit: number): number {
  const start = searchStart(haystack.length, offset, needle.length, forward);
  if (needle.length === 0) return start;
  if (haystack.length === 0 || start < 0 || needle.length > haystack.length || (forward && start + needle.length > haystack.length)) return -1;
  if (unit === 2 && (haystack.length < 2 || needle.length < 2)) return -1;
  const last = haystack.length - (unit === 2 ? needle.length - (needle.length % 2) + (haystack.length % 2) : needle.length);
  let at = unit === 2 ? start - (start % 2) : start;
  if (!forward && at > last) at = unit === 2 ? last - (last % 2) : last;
  const compared = unit === 2 ? needle.length - (needle.length % 2) : needle.length;
  while (forward ? at <= last : at >= 0) {
    // Uint8Array's own search (native) finds each place the first byte is; this class overrides it.
    const found = forward ? typedIndexOf.call(haystack, needle[0]!, at) : typedLastIndexOf.call(haystack, needle[0]!, at);
    if (found < 0 || (forward && found > last)) return -1;
    if (found % unit !== 0) {
      at = forward ? found + 1 : found - 1;
      continue;
    }
    let i = 1;
    while (i < compared && haystack[found + i] === needle[i]) i++;
    if (i === compared) return found;
    at = forward ? found + unit : found - unit;
  }
  return -1;
}

function indexOf(buffer: Uint8Array, value: unknown, byteOffset: unknown, encoding: unknown, forward: boolean): number {
  if (typeof byteOffset === "string") {
    encoding = byteOffset;
    byteOffset = undefined;
  }
  let offset = +(byteOffset as number);
  offset = Number.isNaN(offset) ? (forward ? 0 : buffer.length) : Math.trunc(Math.max(-0x80000000, Math.min(offset, 0x7fffffff)));
  if (typeof value === "number") return find(buffer, Uint8Array.of(value >>> 0), offset, forward, 1);
  const known = encoding === undefined ? "utf8" : encodingOf(encoding);
  if (typeof value === "string") {
    if (known === undefined) throw unknownEncoding(encoding);
    return find(buffer, bytesOf(value, known), offset, forward, known === "utf16le" ? 2 : 1);
  }
  if (value instanceof Uint8Array) return find(buffer, value, offset, forward, known === "utf16le" ? 2 : 1);
  throw invalidType("value", "one of type number or string or an instance of Buffer or Uint8Array", value);
}

// --- the class ---

type Bytes = ArrayBufferView | ArrayBuffer | ArrayLike<number>;

/**
 * A Buffer instance: what Buffer.from, alloc and the like return. Its
 * constructor property is Buffer, so subarray, map and filter make Buffers
 * through Buffer (as in Node).
 */
class NodeBuffer extends Uint8Array {
  /** Node's deprecated aliases of buffer and byteOffset. */
  get parent(): ArrayBufferLike | undefined {
    return this instanceof NodeBuffer ? this.buffer : undefined;
  }
  get offset(): number | undefined {
    return this instanceof NodeBuffer ? this.byteOffset : undefined;
  }

  override toString(encoding?: string, start?: number, end?: number): string {
    const length = this.length;
    let from = 0;
    if (arguments.length > 0) {
      if ((start as number) >= length) return "";
      from = (start as number) <= 0 ? 0 : Math.trunc(start as number) || 0;
      end = end === undefined || end > length ? length : Math.trunc(end) || 0;
    } else end = length;
    if (end <= from) return "";
    const known = encoding === undefined ? "utf8" : encodingOf(encoding);
    if (known === undefined) throw unknownEncoding(encoding);
    return textOf(view(this, from, end), known);
  }

  override toLocaleString(): string {
    return this.toString.apply(this, arguments as unknown as []);
  }

  /** write(string[, offset[, length]][, encoding]): the bytes written, whole characters only. */
  write(text: string, offset?: number | string, length?: number | string, encoding?: string): number {
    if (offset === undefined) {
      // write(string) is UTF-8 whatever else is passed.
      offset = 0;
      length = this.length;
      encoding = undefined;
    } else if (length === undefined && typeof offset === "string") {
      encoding = offset;
      offset = 0;
      length = this.length;
    } else {
      checkOffset(offset, "offset", this.length);
      const room = this.length - offset;
      if (length === undefined) length = room;
      else if (typeof length === "string") {
        encoding = length;
        length = room;
      } else {
        checkOffset(length, "length", this.length);
        length = Math.min(length, room);
      }
    }
    const known = encoding ? encodingOf(encoding) : "utf8";
    if (known === undefined) throw unknownEncoding(encoding);
    // Node's C++ check: its code, without the code in toString.
    if (typeof text !== "string") throw Object.assign(new TypeError("argument must be a string"), { code: "ERR_INVALID_ARG_TYPE" });
    const bytes = bytesOf(text, known);
    const count = fitting(bytes, length as number, known);
    this.set(view(bytes, 0, count), offset);
    return count;
  }

  toJSON(): { type: "Buffer"; data: number[] } {
    return { type: "Buffer", data: Array.from(this) };
  }

  equals(other: Uint8Array): boolean {
    checkBytes(other, "otherBuffer");
    return this === other || compareBytes(this, other) === 0;
  }

  compare(target: Uint8Array, targetStart?: number, targetEnd?: number, sourceStart?: number, sourceEnd?: number): number {
    checkBytes(target, "target");
    if (arguments.length === 1) return compareBytes(this, target);
    const range = (value: number | undefined, name: string, fallback: number, max: number): number => {
      if (value === undefined) return fallback;
      checkOffset(value, name, max);
      return value;
    };
    const tStart = range(targetStart, "targetStart", 0, kMaxLength);
    const tEnd = range(targetEnd, "targetEnd", target.length, target.length);
    const sStart = range(sourceStart, "sourceStart", 0, kMaxLength);
    const sEnd = range(sourceEnd, "sourceEnd", this.length, this.length);
    if (sStart >= sEnd) return tStart >= tEnd ? 0 : -1;
    if (tStart >= tEnd) return 1;
    if (sStart > this.length) throw nodeError(RangeError, "ERR_OUT_OF_RANGE", 'The value of "sourceStart" is out of range.');
    if (tStart > target.length) throw nodeError(RangeError, "ERR_OUT_OF_RANGE", 'The value of "targetStart" is out of range.');
    return compareBytes(view(this, sStart, sEnd), view(target, tStart, tEnd));
  }

  indexOf(value: string | number | Uint8Array, byteOffset?: number | string, encoding?: string): number {
    return indexOf(this, value, byteOffset, encoding, true);
  }
  lastIndexOf(value: string | number | Uint8Array, byteOffset?: number | string, encoding?: string): number {
    return indexOf(this, value, byteOffset, encoding, false);
  }
  includes(value: string | number | Uint8Array, byteOffset?: number | string, encoding?: string): boolean {
    return indexOf(this, value, byteOffset, encoding, true) !== -1;
  }

  /** fill(value[, offset[, end]][, encoding]): a string or bytes repeated, or a number's low byte. */
  override fill(value: unknown, offset?: number | string, end?: number | string, encoding?: string): this {
    let pattern: Uint8Array | undefined;
    if (typeof value === "string") {
      if (offset === undefined || typeof offset === "string") {
        encoding = offset;
        offset = 0;
        end = this.length;
      } else if (typeof end === "string") {
        encoding = end;
        end = this.length;
      }
      const known = encoding === undefined || encoding === null || encoding === "" ? "utf8" : encodingOf(encoding);
      if (known === undefined) {
        if (typeof encoding !== "string") throw invalidType("encoding", "of type string", encoding);
        throw unknownEncoding(encoding);
      }
      pattern = bytesOf(value, known);
      if (value.length === 0) pattern = undefined;
      else if (pattern.length === 0) throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument 'value' is invalid. Received '${value}'`);
    } else if (value instanceof Uint8Array) {
      if (value.length === 0) throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument 'value' is invalid. Received ${value instanceof NodeBuffer ? "<Buffer >" : "Uint8Array(0) []"}`);
      pattern = value;
    }
    let start = 0;
    let stop = this.length;
    if (offset !== undefined) {
      checkOffset(offset, "offset", kMaxLength);
      start = offset;
      if (end !== undefined) {
        checkOffset(end, "end", this.length);
        stop = end as number;
      }
      if (start >= stop) return this;
    }
    if (pattern === undefined) {
      const byte = typeof value === "string" ? 0 : typeof value === "number" ? value : Number(value) >>> 0;
      super.fill(byte & 255, start, stop);
      return this;
    }
    // A copy first: the pattern may be this buffer's own bytes.
    pattern = pattern.slice();
    for (let at = start; at < stop; at += pattern.length) this.set(pattern.length <= stop - at ? pattern : view(pattern, 0, stop - at), at);
    return this;
  }

  copy(target: Uint8Array, targetStart?: number, sourceStart?: number, sourceEnd?: number): number {
    checkBytes(target, "target");
    const integer = (value: unknown): number => {
      const number = +(value as number);
      return Number.isNaN(number) || Math.abs(number) > Number.MAX_SAFE_INTEGER ? 0 : Math.floor(number);
    };
    const tStart = targetStart === undefined ? 0 : integer(targetStart);
    if (tStart < 0) throw outOfRange("targetStart", ">= 0", tStart);
    const sStart = sourceStart === undefined ? 0 : integer(sourceStart);
    if (sStart < 0 || sStart > this.length) throw outOfRange("sourceStart", `>= 0 && <= ${this.length}`, sStart);
    let sEnd = sourceEnd === undefined ? this.length : integer(sourceEnd);
    if (sEnd < 0) throw outOfRange("sourceEnd", ">= 0", sEnd);
    if (tStart >= target.length || sStart >= sEnd) return 0;
    sEnd = Math.min(sEnd, this.length, sStart + target.length - tStart);
    target.set(view(this, sStart, sEnd), tStart);
    return sEnd - sStart;
  }

  /** slice shares memory, as subarray does (Node's, unlike Uint8Array's). */
  override slice(start?: number, end?: number): NodeBuffer {
    const length = this.length;
    const clamp = (value: number): number => {
      const whole = Math.trunc(value);
      if (whole < 0) return Math.max(whole + length, 0);
      return Number.isNaN(whole) ? 0 : Math.min(whole, length);
    };
    const from = clamp(start as number);
    const to = end === undefined ? length : clamp(end);
    return new NodeBuffer(this.buffer, this.byteOffset + from, Math.max(to - from, 0));
  }

  swap16(): this {
    return swap(this, 2);
  }
  swap32(): this {
    return swap(this, 4);
  }
  swap64(): this {
    return swap(this, 8);
  }

  readUIntLE(offset: number, byteLength: number): number {
    if (offset === undefined) throw invalidType("offset", "of type number", offset);
    checkByteLength(byteLength);
    return readInteger(this, offset, byteLength, false, false);
  }
  readUIntBE(offset: number, byteLength: number): number {
    if (offset === undefined) throw invalidType("offset", "of type number", offset);
    checkByteLength(byteLength);
    return readInteger(this, offset, byteLength, true, false);
  }
  readIntLE(offset: number, byteLength: number): number {
    if (offset === undefined) throw invalidType("offset", "of type number", offset);
    checkByteLength(byteLength);
    return readInteger(this, offset, byteLength, false, true);
  }
  readIntBE(offset: number, byteLength: number): number {
    if (offset === undefined) throw invalidType("offset", "of type number", offset);
    checkByteLength(byteLength);
    return readInteger(this, offset, byteLength, true, true);
  }
  writeUIntLE(value: number, offset: number, byteLength: number): number {
    checkByteLength(byteLength);
    return writeInteger(this, value, offset, byteLength, false, false);
  }
  writeUIntBE(value: number, offset: number, byteLength: number): number {
    checkByteLength(byteLength);
    return writeInteger(this, value, offset, byteLength, true, false);
  }
  writeIntLE(value: number, offset: number, byteLength: number): number {
    checkByteLength(byteLength);
    return writeInteger(this, value, offset, byteLength, false, true);
  }
  writeIntBE(value: number, offset: number, byteLength: number): number {
    checkByteLength(byteLength);
    return writeInteger(this, value, offset, byteLength, true, true);
  }

  inspect(): string {
    const shown = Math.min(INSPECT_MAX_BYTES, this.length);
    let text = "";
    for (let i = 0; i < shown; i++) text += (i > 0 ? " " : "") + (this[i]! < 16 ? "0" : "") + this[i]!.toString(16);
    const more = this.length - INSPECT_MAX_BYTES;
    if (more > 0) text += ` ... ${more} more byte${more > 1 ? "s" : ""}`;
    return `<${(this.constructor as { name: string }).name} ${text}>`;
  }
}

function swap<T extends Uint8Array>(buffer: T, size: number): T {
  if (buffer.length % size !== 0) throw nodeError(RangeError, "ERR_INVALID_BUFFER_SIZE", `Buffer size must be a multiple of ${size * 8}-bits`);
  for (let at = 0; at < buffer.length; at += size) {
    for (let i = 0, j = size - 1; i < j; i++, j--) {
      const byte = buffer[at + i]!;
      buffer[at + i] = buffer[at + j]!;
      buffer[at + j] = byte;
    }
  }
  return buffer;
}

// The fixed-width readers and writers, made from the generic ones: e.g.
// readUInt16LE(offset = 0), writeInt32BE(value, offset = 0), readBigInt64LE,
// readDoubleBE, each also under Node's lowercase aliases (readUint16LE).
interface FixedWidth {
  [name: string]: (this: Uint8Array, ...args: unknown[]) => unknown;
}
const fixed = NodeBuffer.prototype as unknown as FixedWidth;
for (const [size, bits] of [
  [1, "8"],
  [2, "16"],
  [4, "32"],
] as const) {
  for (const signed of [false, true]) {
    const type = signed ? "Int" : "UInt";
    for (const order of size === 1 ? [""] : ["LE", "BE"]) {
      const bigEndian = order === "BE";
      fixed[`read${type}${bits}${order}`] = function (offset = 0) {
        return readInteger(this, offset, size, bigEndian, signed);
      };
      fixed[`write${type}${bits}${order}`] = function (value, offset = 0) {
        return writeInteger(this, value, offset, size, bigEndian, signed);
      };
    }
  }
}
for (const order of ["LE", "BE"]) {
  const bigEndian = order === "BE";
  for (const [name, size] of [
    ["Float", 4],
    ["Double", 8],
  ] as const) {
    fixed[`read${name}${order}`] = function (offset = 0) {
      return readFloat(this, offset, size, bigEndian);
    };
    fixed[`write${name}${order}`] = function (value, offset = 0) {
      return writeFloat(this, value, offset, size, bigEndian);
    };
  }
  for (const signed of [false, true]) {
    const type = signed ? "BigInt" : "BigUInt";
    fixed[`read${type}64${order}`] = function (offset = 0) {
      return readBig(this, offset, bigEndian, signed);
    };
    fixed[`write${type}64${order}`] = function (value, offset = 0) {
      return writeBig(this, value as bigint, offset, bigEndian, signed);
    };
  }
}
for (const name of Object.getOwnPropertyNames(fixed)) {
  const alias = name.replace("UInt", "Uint");
  if (alias !== name) fixed[alias] = fixed[name]!;
}
Object.defineProperty(NodeBuffer.prototype, Symbol.for("nodejs.util.inspect.custom"), { value: NodeBuffer.prototype.inspect, writable: true, configurable: true });

// The typed view of the readers and writers made above.
interface NodeBuffer {
  readUInt8(offset?: number): number;
  readUInt16LE(offset?: number): number;
  readUInt16BE(offset?: number): number;
  readUInt32LE(offset?: number): number;
  readUInt32BE(offset?: number): number;
  readInt8(offset?: number): number;
  readInt16LE(offset?: number): number;
  readInt16BE(offset?: number): number;
  readInt32LE(offset?: number): number;
  readInt32BE(offset?: number): number;
  readFloatLE(offset?: number): number;
  readFloatBE(offset?: number): number;
  readDoubleLE(offset?: number): number;
  readDoubleBE(offset?: number): number;
  readBigUInt64LE(offset?: number): bigint;
  readBigUInt64BE(offset?: number): bigint;
  readBigInt64LE(offset?: number): bigint;
  readBigInt64BE(offset?: number): bigint;
  writeUInt8(value: number, offset?: number): number;
  writeUInt16LE(value: number, offset?: number): number;
  writeUInt16BE(value: number, offset?: number): number;
  writeUInt32LE(value: number, offset?: number): number;
  writeUInt32BE(value: number, offset?: number): number;
  writeInt8(value: number, offset?: number): number;
  writeInt16LE(value: number, offset?: number): number;
  writeInt16BE(value: number, offset?: number): number;
  writeInt32LE(value: number, offset?: number): number;
  writeInt32BE(value: number, offset?: number): number;
  writeFloatLE(value: number, offset?: number): number;
  writeFloatBE(value: number, offset?: number): number;
  writeDoubleLE(value: number, offset?: number): number;
  writeDoubleBE(value: number, offset?: number): number;
  writeBigUInt64LE(value: bigint, offset?: number): number;
  writeBigUInt64BE(value: bigint, offset?: number): number;
  writeBigInt64LE(value: bigint, offset?: number): number;
  writeBigInt64BE(value: bigint, offset?: number): number;
}

export type { NodeBuffer };

function checkSize(size: unknown): asserts size is number {
  checkNumber(size, "size");
  if (!(size >= 0 && size <= kMaxLength)) throw outOfRange("size", `>= 0 && <= ${kMaxLength}`, size);
}

/** A Buffer over the bytes a codec returned (fresh memory: no copy). */
function wrap(bytes: Uint8Array): NodeBuffer {
  return new NodeBuffer(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length);
}

function fromArrayBuffer(memory: ArrayBuffer, byteOffset: unknown, length: unknown): NodeBuffer {
  let offset = byteOffset === undefined ? 0 : +(byteOffset as number);
  if (Number.isNaN(offset)) offset = 0;
  const room = memory.byteLength - offset;
  if (room < 0) throw outOfBounds("offset");
  let size = length === undefined ? room : +(length as number);
  if (!(size > 0)) size = 0;
  else if (size > room) throw outOfBounds("length");
  return new NodeBuffer(memory, offset, size);
}

function from(value: unknown, encodingOrOffset?: unknown, length?: unknown): NodeBuffer {
  if (typeof value === "string") {
    const known = typeof encodingOrOffset !== "string" || encodingOrOffset === "" ? "utf8" : encodingOf(encodingOrOffset);
    if (known === undefined) throw unknownEncoding(encodingOrOffset);
    return wrap(bytesOf(value, known));
  }
  if (typeof value === "object" && value !== null) {
    if (value instanceof ArrayBuffer) return fromArrayBuffer(value, encodingOrOffset, length);
    const object = value as { valueOf?: () => unknown; length?: unknown; buffer?: unknown; type?: unknown; data?: unknown; [Symbol.toPrimitive]?: unknown };
    const primitive = object.valueOf && object.valueOf();
    if (primitive != null && primitive !== value && (typeof primitive === "string" || typeof primitive === "object")) return from(primitive, encodingOrOffset, length);
    if (object.length !== undefined || object.buffer instanceof ArrayBuffer) {
      return typeof object.length === "number" && object.length > 0 ? new NodeBuffer(object as ArrayLike<number>) : new NodeBuffer(0);
    }
    if (object.type === "Buffer" && Array.isArray(object.data)) return new NodeBuffer(object.data as number[]);
    const toPrimitive = object[Symbol.toPrimitive];
    if (typeof toPrimitive === "function") {
      const text: unknown = toPrimitive.call(value, "string");
      if (typeof text === "string") return from(text, encodingOrOffset);
    }
  }
  throw invalidType("first argument", "of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object", value);
}

function alloc(size: number, fill?: string | number | Uint8Array, encoding?: string): NodeBuffer {
  checkSize(size);
  const buffer = new NodeBuffer(size);
  return fill !== undefined && fill !== 0 && size > 0 ? buffer.fill(fill, 0, buffer.length, encoding) : buffer;
}

function allocUnsafe(size: number): NodeBuffer {
  checkSize(size);
  return new NodeBuffer(size);
}

export interface BufferConstructor {
  new (value: number | string | Bytes, encodingOrOffset?: string | number, length?: number): NodeBuffer;
  (value: number | string | Bytes, encodingOrOffset?: string | number, length?: number): NodeBuffer;
  readonly prototype: NodeBuffer;
  poolSize: number;
  from(value: string | Bytes | { type: "Buffer"; data: number[] }, encodingOrOffset?: string | number, length?: number): NodeBuffer;
  of(...items: number[]): NodeBuffer;
  alloc(size: number, fill?: string | number | Uint8Array, encoding?: string): NodeBuffer;
  allocUnsafe(size: number): NodeBuffer;
  allocUnsafeSlow(size: number): NodeBuffer;
  isBuffer(value: unknown): value is NodeBuffer;
  isEncoding(encoding: unknown): boolean;
  byteLength(value: string | ArrayBufferView | ArrayBuffer, encoding?: string): number;
  compare(a: Uint8Array, b: Uint8Array): number;
  concat(list: readonly Uint8Array[], length?: number): NodeBuffer;
}

/**
 * Node's Buffer: callable with or without new (deprecated in Node, still
 * used by old packages), its prototype NodeBuffer's. It is the one Buffer of
 * a plug-in: the global `Buffer` and `import "buffer"` (which
 * @extism-ts/node-compat resolves to this module) are the same object.
 */
export const Buffer = function Buffer(value: unknown, encodingOrOffset?: unknown, length?: unknown): NodeBuffer {
  if (typeof value !== "number") return from(value, encodingOrOffset, length);
  if (typeof encodingOrOffset === "string") throw invalidType("string", "of type string", value);
  return alloc(value);
} as unknown as BufferConstructor;

Object.setPrototypeOf(Buffer, Uint8Array);
// Set, not left to the function's name: a bundler renames the binding when other code names the global Buffer.
Object.defineProperty(Buffer, "name", { value: "Buffer" });
(Buffer as { prototype: NodeBuffer }).prototype = NodeBuffer.prototype;
Object.defineProperty(NodeBuffer.prototype, "constructor", { value: Buffer, writable: true, configurable: true });
Object.assign(Buffer, {
  poolSize: 8192,
  from,
  alloc,
  allocUnsafe,
  allocUnsafeSlow: allocUnsafe,
  isBuffer: (value: unknown) => value instanceof NodeBuffer,
  isEncoding: (encoding: unknown) => typeof encoding === "string" && encoding !== "" && encodingOf(encoding) !== undefined,
  byteLength(value: unknown, encoding?: unknown): number {
    if (typeof value !== "string") {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
      throw invalidType("string", "of type string or an instance of Buffer or ArrayBuffer", value);
    }
    return value === "" ? 0 : byteLengthOf(value, (encoding ? encodingOf(encoding) : undefined) ?? "utf8");
  },
  compare(a: unknown, b: unknown): number {
    checkBytes(a, "buf1");
    checkBytes(b, "buf2");
    return a === b ? 0 : compareBytes(a, b);
  },
  concat(list: unknown, length?: unknown): NodeBuffer {
    if (!Array.isArray(list)) throw invalidType("list", "an instance of Array", list);
    if (list.length === 0) return new NodeBuffer(0);
    let total = 0;
    if (length === undefined) for (const item of list as Array<{ length?: number }>) total += item.length || 0;
    else {
      checkOffset(length, "length", kMaxLength);
      total = length;
    }
    const result = new NodeBuffer(total);
    let at = 0;
    list.forEach((item: unknown, i) => {
      checkBytes(item, `list[${i}]`);
      const count = Math.min(item.length, total - at);
      result.set(view(item, 0, count), at);
      at += count;
    });
    return result;
  },
});

/** Node's SlowBuffer(size): a Buffer of that size (deprecated in Node). */
export const SlowBuffer = function SlowBuffer(size: number): NodeBuffer {
  checkSize(size);
  return new NodeBuffer(size);
};
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);
