// Node's Buffer API, as the engine's own Buffer implements it: every encoding
// both ways (Node's lenient hex and base64 reading included), write, fill,
// the integer and float readers and writers, compare, indexOf, concat, copy,
// slice, swap, toJSON, inspect and byteLength, and the codes, types and
// messages of Node's errors for bad offsets, values and encodings.
import { Buffer as Imported, SlowBuffer, INSPECT_MAX_BYTES } from "node:buffer";

/** A value as JSON shows it, bytes with their class, a throw as Node prints it. */
function shown(value) {
  if (typeof value === "function") {
    try {
      return ["returned", shown(value())];
    } catch (error) {
      return ["threw", `${error.name} [${error.code}]: ${error.message}`, String(error), error instanceof RangeError];
    }
  }
  if (value instanceof Uint8Array) return [value.constructor.name, [...value]];
  if (Array.isArray(value)) return value.map(shown);
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shown(inner)]));
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return Object.is(value, -0) ? "-0" : value;
}

const ENCODINGS = ["utf8", "utf-8", "UTF8", "hex", "base64", "base64url", "latin1", "binary", "ascii", "ucs2", "ucs-2", "utf16le", "utf-16le", "BASE64URL"];
const BYTES = [0xfb, 0xff, 0xbf, 0x00, 0x3e, 0x3f, 0xfe, 0x41, 0x80, 0x7f];
const TEXT = "héllo wörld €😀\ud800x";

function encodings() {
  return ENCODINGS.map((encoding) => [
    Buffer.from(BYTES).toString(encoding),
    Buffer.from(BYTES).toString(encoding, 1, 7),
    Buffer.from(TEXT, encoding),
    Buffer.byteLength(`${TEXT}=`, encoding),
    Buffer.isEncoding(encoding),
  ]);
}

function lenient() {
  const base64 = ["aGVsbG8gd29ybGQ", "aGVs bG8=\n", "aGV*sbG8=xx", "a", "aQ", "aR==", "-_-_", "+/+/", "-_8=", "AQID====", "QUJD=EFG", "", "=", "Q UJ\tD"];
  const hex = ["68656c6c6f", "abc", "zzab", "abzz12", "ABCDEF", "a", "éé", "0g"];
  return {
    base64: base64.map((text) => [Buffer.from(text, "base64"), Buffer.from(text, "base64url"), Buffer.byteLength(text, "base64")]),
    hex: hex.map((text) => [Buffer.from(text, "hex"), Buffer.byteLength(text, "hex")]),
    toString: ((b) => [b.toString("utf8", -1, 3), b.toString("utf8", 20), b.toString("utf8", 2, 100), b.toString("utf8", 5, 2), b.toString(undefined, 1.7, 4.2), b.toString("hex", "1", "3"), b.toString("utf8", NaN, NaN)])(Buffer.from("hello world")),
    malformed: [Buffer.from([0xe2, 0x82, 0x41, 0xf0, 0x9f]).toString(), Buffer.from([0xef, 0xbb, 0xbf, 0x41]).toString()],
  };
}

function writing() {
  const writes = [["abc"], ["héllo", 1], ["héllo", 4], ["héllo", 2, 2], ["€€", 0, 4], ["abcd", "hex"], ["abcdef", 1, "hex"], ["-_-_", 1, "base64url"], ["zz", "hex"], ["ab\u0100", "latin1"], ["abc", 0, 3, "ucs2"], ["AQID", "base64"], ["😀", 3], ["abcd", undefined, undefined, "hex"]];
  const fills = [[1], ["ab"], ["ab", 1], ["ab", 1, 3], ["abc", 1, "latin1"], ["€", 0], [0x101], [true], [Buffer.from([1, 2, 3]), 1], ["", 1], ["a", 0, 2, "hex"], [-1, 1, 2], ["ab", 2, 2]];
  return {
    write: writes.map((args) => () => ((b) => [b.write(...args), b])(Buffer.alloc(6))),
    fill: fills.map((args) => () => Buffer.alloc(5).fill(...args)),
    alloc: [Buffer.alloc(5, "ab"), Buffer.alloc(5, "-_8", "base64url"), Buffer.alloc(4, 257), Buffer.alloc(4, "aabb", "hex"), Buffer.alloc(2.5), Buffer.allocUnsafe(3).fill(7), Buffer.allocUnsafeSlow(2).fill(1), SlowBuffer(2).fill(3), new Buffer("ab"), Buffer("6869", "hex"), Buffer(2)],
    from: [[1, 2, 256, -1, 1.5, "7"], new Uint16Array([1, 258]), { length: 2, 0: 5 }, { type: "Buffer", data: [9, 8] }, new String("abc"), { [Symbol.toPrimitive]: () => "xy" }, { length: "3" }].map((value) => Buffer.from(value)),
    views: [Buffer.from(new Uint8Array([1, 2, 3]).buffer, 1), Buffer.from(new ArrayBuffer(4), 1, 2), Buffer.from("abc", null)],
    errors: [
      () => Buffer.alloc(3).write("a", 4),
      () => Buffer.alloc(3).write("a", 1.5),
      () => Buffer.alloc(3).write("a", 0, 5),
      () => Buffer.alloc(2).write(1),
      () => Buffer.alloc(3).fill("a", null),
      () => Buffer.alloc(3).fill("zz", "hex"),
      () => Buffer.alloc(3).fill(1, 0, 4),
      () => Buffer.alloc(3).fill(Buffer.alloc(0)),
      () => Buffer.alloc(-1),
      () => Buffer.alloc("1"),
      () => Buffer.alloc(2 ** 33),
      () => Buffer(3, "utf8"),
      () => Buffer.from(5),
      () => Buffer.from(null),
      () => Buffer.from(Symbol("x")),
      () => Buffer.from(new ArrayBuffer(2), 3),
      () => Buffer.from(new ArrayBuffer(2), 1, 5),
      () => Buffer.from("a", "utf9"),
      () => Buffer.from("a").toString("nope"),
      () => Buffer.from("a").toString(null),
      () => Buffer.alloc(2).write("a", "nope"),
      () => Buffer.alloc(2).fill("a", 0, 1, 5),
    ],
  };
}

function numbers() {
  const b = Buffer.from([0x01, 0x82, 0xf3, 0xa4, 0xff, 0x00, 0x7f, 0x80, 0x11, 0x22]);
  const types = ["UInt8", "Int8", "UInt16LE", "UInt16BE", "Int16LE", "Int16BE", "UInt32LE", "UInt32BE", "Int32LE", "Int32BE", "FloatLE", "FloatBE", "DoubleLE", "DoubleBE", "BigUInt64LE", "BigUInt64BE", "BigInt64LE", "BigInt64BE", "Uint16LE", "BigUint64BE"];
  const written = (write) => ((out) => [write(out), out])(Buffer.alloc(10));
  const small = Buffer.alloc(4);
  return {
    read: types.map((type) => [0, 1, 2].map((offset) => shown(b[`read${type}`](offset)))),
    readVariable: [1, 2, 3, 4, 5, 6].map((size) => ["UIntLE", "UIntBE", "IntLE", "IntBE", "UintBE"].map((type) => b[`read${type}`](1, size))),
    write: [
      ...[[255, 1], [-128, 1, "Int8"]].map(([value, offset, type = "UInt8"]) => written((out) => out[`write${type}`](value, offset))),
      written((out) => out.writeUInt16LE(0xbeef, 1)),
      written((out) => out.writeInt16BE(-32768, 2)),
      written((out) => out.writeUInt32BE(0xdeadbeef)),
      written((out) => out.writeInt32LE(-5, 3)),
      written((out) => out.writeFloatBE(-0.1)),
      written((out) => out.writeDoubleLE(Math.PI, 2)),
      written((out) => out.writeBigUInt64LE(2n ** 64n - 1n, 1)),
      written((out) => out.writeBigInt64BE(-(2n ** 63n))),
      written((out) => out.writeUInt16LE("513")),
      written((out) => out.writeInt16LE(-1.5)),
      ...[1, 2, 3, 4, 5, 6].flatMap((size) => [written((out) => out.writeUIntLE(2 ** (8 * size) - 3, 1, size)), written((out) => out.writeIntBE(-3, 1, size)), written((out) => out.writeIntLE(1 - 2 ** (8 * size - 1), 1, size))]),
    ],
    errors: [
      () => small.readUInt8(4),
      () => small.readUInt8(1.5),
      () => small.readUInt8("1"),
      () => small.readUInt32LE(1),
      () => Buffer.alloc(2).readUInt32LE(0),
      () => small.readUInt8(-1),
      () => small.readUInt8(2 ** 33),
      () => small.readUInt8({}),
      () => small.readUIntLE(0, 7),
      () => small.readUIntLE(),
      () => small.readIntBE(0, 1.5),
      () => small.readBigInt64LE(),
      () => small.readUInt16BE(Infinity),
      () => small.writeUInt8(256),
      () => small.writeUInt8(256, "x"),
      () => small.writeInt8(-129),
      () => small.writeUInt16LE(1, 3),
      () => small.writeUInt32LE(2 ** 32),
      () => small.writeInt32BE(2 ** 31),
      () => Buffer.alloc(8).writeIntLE(2 ** 47, 0, 6),
      () => Buffer.alloc(8).writeUIntBE(2 ** 40, 0, 5),
      () => Buffer.alloc(8).writeBigInt64LE(2n ** 63n),
      () => Buffer.alloc(8).writeBigUInt64LE(-1n),
      () => small.writeUIntLE(1, 0, 7),
      () => small.writeDoubleLE(1),
      () => small.writeUInt16LE(1, "0"),
    ],
  };
}

function searching() {
  const b = Buffer.from("abcabc héllo ab");
  const wide = Buffer.from("abcab", "ucs2");
  const a = Buffer.from("abcde");
  const c = Buffer.from("abd");
  return {
    indexOf: [b.indexOf("b"), b.indexOf("b", 2), b.indexOf("b", -3), b.indexOf("b", -100), b.indexOf("b", 100), b.lastIndexOf("b"), b.lastIndexOf("b", 5), b.lastIndexOf("b", -100), b.indexOf(""), b.indexOf("", 100), b.lastIndexOf("", 3), b.indexOf("é"), b.indexOf(98 + 256), b.lastIndexOf(99), b.indexOf(Buffer.from("ca")), b.indexOf("6263", "hex"), b.indexOf("YmM=", 3, "base64"), b.includes("héllo"), b.includes("x"), b.indexOf("b", null), b.lastIndexOf("b", NaN), b.indexOf("b", 1.9), b.lastIndexOf("ab", 100)],
    ucs2: [wide.indexOf("b", 0, "ucs2"), wide.lastIndexOf("ab", undefined, "ucs2"), Buffer.concat([Buffer.from([0]), wide]).indexOf("b", "ucs2"), wide.indexOf(Buffer.from("c", "ucs2"), 0, "ucs2"), Buffer.from("a").indexOf("a", "ucs2"), wide.lastIndexOf("b", 4, "ucs2")],
    compare: [a.compare(c), c.compare(a), a.compare(c, 0, 2, 0, 2), a.compare(c, 1), a.compare(c, 0, 3, 2), a.compare(c, 0, 3, 3, 3), Buffer.compare(a, c), a.equals(Buffer.from("abcde")), a.equals(c), a.equals(new Uint8Array([97, 98, 99, 100, 101])), [Buffer.from("b"), Buffer.from("a"), Buffer.from("ab")].sort(Buffer.compare).map(String)],
    errors: [() => b.indexOf({}), () => b.indexOf("a", 0, "x"), () => a.compare("a"), () => Buffer.compare(a, 1), () => a.equals("a"), () => a.compare(c, -1), () => a.compare(c, 0, 5)],
  };
}

function copying() {
  const copies = [[], [1], [0, 1], [0, 1, 3], [3, 0, 10], [5], [1.5, "1", 2.2], [NaN, NaN, NaN]];
  const b = Buffer.from("abcdef");
  const part = b.slice(1, 3);
  part[0] = 120;
  return {
    copy: copies.map((args) => ((target) => [Buffer.from("abcdef").copy(target, ...args), target])(Buffer.alloc(5))),
    concat: [Buffer.concat([Buffer.from("a"), new Uint8Array([98]), Buffer.from("cd")]), Buffer.concat([Buffer.from("abc"), Buffer.from("def")], 4), Buffer.concat([Buffer.from("ab")], 4), Buffer.concat([])],
    slice: [b, part, b.slice(-2), b.slice(-10, 2), b.slice(4, 2), b.slice(1.5, 3.9), b.subarray(2), b.map((x) => x + 1), b.filter((x) => x > 100)],
    swap: [Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap16(), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap32(), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap64()],
    errors: [() => b.copy("x"), () => b.copy(Buffer.alloc(2), -1), () => b.copy(Buffer.alloc(2), 0, 9), () => Buffer.concat("x"), () => Buffer.concat([Buffer.from("a"), "b"]), () => Buffer.concat([], -1), () => Buffer.alloc(3).swap16(), () => Buffer.alloc(6).swap32(), () => Buffer.alloc(4).swap64()],
  };
}

export default function run() {
  const b = Buffer.from("abc");
  return JSON.stringify(
    shown([
      encodings(),
      lenient(),
      writing(),
      numbers(),
      searching(),
      copying(),
      [JSON.stringify(Buffer.from("hi")), JSON.stringify({ b: Buffer.from([1, 2]) }), Buffer.from("").toJSON()],
      [b.inspect(), Buffer.alloc(0).inspect(), Buffer.alloc(51).inspect(), Buffer.alloc(60).inspect(), Buffer.from([0, 15, 16, 255]).inspect(), INSPECT_MAX_BYTES],
      [Buffer.byteLength("€"), Buffer.byteLength("abc", "nope"), Buffer.byteLength(new Uint16Array(3)), Buffer.byteLength(new ArrayBuffer(5)), Buffer.byteLength("😀", "ucs2"), Buffer.byteLength("ab=", "base64")],
      [() => Buffer.byteLength(5), () => Buffer.byteLength(null)],
      [Buffer.name, Buffer.length, Buffer.poolSize, Object.getPrototypeOf(Buffer) === Uint8Array, Buffer.isBuffer(new Uint8Array(1)), Buffer.isBuffer(b.subarray(1)), b.subarray(1).constructor === Buffer, Buffer.of(1, 2, 300), b.parent === b.buffer, b.offset === b.byteOffset, Imported === Buffer],
      ["", "utf8", "hex ", "BINARY", null, 1].map((encoding) => Buffer.isEncoding(encoding)),
    ]),
  );
}
