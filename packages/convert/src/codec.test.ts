import { describe, expect, it } from "vitest";
import { codec, DecodeError, expectCodec, isCodec } from "./codec.js";
import { json } from "./json.js";
import { msgpack } from "./msgpack.js";
import { optional } from "./optional.js";
import { i32 } from "./numbers.js";
import { string } from "./text.js";
import { ascii } from "./testing/hex.js";

describe("isCodec and expectCodec", () => {
  it("take every codec, built in or made with codec()", () => {
    const own = codec<number>("own", () => new Uint8Array(), () => 0);
    for (const value of [string, i32, json(), msgpack(), optional(i32), own]) {
      expect(isCodec(value)).toBe(true);
      expect(() => expectCodec(value, "the codec")).not.toThrow();
    }
  });

  it("say to call a codec factory given without calling it", () => {
    expect(isCodec(json)).toBe(false);
    expect(() => expectCodec(json, "plugin(): the input codec")).toThrow(
      new TypeError("plugin(): the input codec is the function json, not a codec: write json()"),
    );
    expect(() => expectCodec(optional, "the result")).toThrow("the result is the function optional, not a codec: write optional(...)");
  });

  it("name what was given instead of a codec", () => {
    expect(() => expectCodec(undefined, "the output codec")).toThrow(
      new TypeError("the output codec must be a codec (string, bytes, json(), ...), not undefined"),
    );
    expect(() => expectCodec("string", "params[0]")).toThrow("params[0] must be a codec (string, bytes, json(), ...), not string");
    expect(() => expectCodec({ name: "half", encode() {} }, "x")).toThrow("x must be a codec (string, bytes, json(), ...), not object");
  });
});

describe("errors a codec rethrows", () => {
  it("keep what went wrong underneath as their cause", () => {
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    const failures = [
      () => json().encode(cycle),
      () => json().decode(ascii("{")),
      () => string.decode(new Uint8Array([0xc3])),
      () => msgpack().encode(2n ** 70n),
    ];
    for (const fail of failures) {
      const error = (() => {
        try {
          fail();
        } catch (caught) {
          return caught as Error;
        }
        throw new Error("did not throw");
      })();
      expect(error.cause).toBeInstanceOf(Error);
      expect(error.cause).not.toBe(error);
    }
    expect(new DecodeError("x", "y", 1, { cause: "why" }).cause).toBe("why");
  });
});
