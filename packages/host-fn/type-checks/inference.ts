// Compiled by src/types.test.ts: it must compile, and each line marked as an
// expected error must be one.
import { expectTypeOf } from "vitest";
import { f32, i64, json, optional, string, type Codec } from "@extism-ts/convert";
import { hostFn, type WasmType } from "../src/index.js";

type Point = { x: number; y: number };

// The function type follows from params and result.
expectTypeOf(hostFn("a", { params: [string], result: string })).toEqualTypeOf<(args_0: string) => string>();
expectTypeOf(hostFn("b", { params: [string, "i32", "f64"], result: json<Point>() })).toEqualTypeOf<
  (args_0: string, args_1: number, args_2: number) => Point
>();
expectTypeOf(hostFn("c", { params: ["i64"], result: "i64" })).toEqualTypeOf<(args_0: bigint | number) => bigint>();
expectTypeOf(hostFn("d", { params: ["f32"], result: "f32" })).toEqualTypeOf<(args_0: number) => number>();
expectTypeOf(hostFn("e", { params: [i64, optional(f32)] })).toEqualTypeOf<(args_0: bigint, args_1: number | undefined) => void>();
expectTypeOf(hostFn("f", { result: null })).toEqualTypeOf<() => void>();
expectTypeOf(hostFn("g")).toEqualTypeOf<() => void>();
expectTypeOf(hostFn("h", { namespace: "example:ns" })).toEqualTypeOf<() => void>();

// Params given as a value keep their kinds.
const kinds = [string, "i32"] as const;
expectTypeOf(hostFn("i", { params: kinds })).toEqualTypeOf<(args_0: string, args_1: number) => void>();

// Kinds known only at run time give the union of what they carry.
declare const dynamicParams: WasmType[];
declare const dynamicResult: WasmType | null;
expectTypeOf(hostFn("j", { params: dynamicParams, result: dynamicResult })).toEqualTypeOf<
  (...args: (number | bigint)[]) => number | bigint | void
>();

const greet = hostFn("k", { params: [string], result: string });
// @ts-expect-error: a number for a string codec
greet(1);
// @ts-expect-error: one argument too many
greet("a", "b");
// @ts-expect-error: the result is a string
const notANumber: number = greet("a");
void notANumber;

// @ts-expect-error: a codec factory, not a codec
hostFn("l", { params: [json] });
// @ts-expect-error: not a wasm type
hostFn("m", { params: ["i8"] });

// The explicit form names the function type; params and result must agree with it.
expectTypeOf(hostFn<(s: string) => string>("n", { params: [string], result: string })).toEqualTypeOf<(s: string) => string>();
expectTypeOf(hostFn<(n: number, big: bigint) => bigint>("o", { params: ["i32", "i64"], result: "i64" })).toEqualTypeOf<
  (n: number, big: bigint) => bigint
>();
expectTypeOf(hostFn<(p: Point) => void>("p", { params: [json<Point>()] })).toEqualTypeOf<(p: Point) => void>();
expectTypeOf(hostFn<() => void>("q")).toEqualTypeOf<() => void>();
// @ts-expect-error: the codec is for a number, F takes a string
hostFn<(s: string) => string>("r", { params: [f32 as Codec<number>], result: string });
// @ts-expect-error: i64 returns a bigint, F returns a number
hostFn<() => number>("s", { result: "i64" });
// @ts-expect-error: F returns a string, but no result is declared
hostFn<(s: string) => string>("t", { params: [string] });
// @ts-expect-error: F takes one argument, two are declared
hostFn<(s: string) => void>("u", { params: [string, string] });
// @ts-expect-error: a bigint does not fit in an i32
hostFn<(n: bigint) => void>("v", { params: ["i32"] });
