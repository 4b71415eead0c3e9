import { INTRINSICS, type IntrinsicDefinition } from "@extism-ts/engine/contract";
import { methodCallsIn, namesIn } from "./names.js";

const DEFINITIONS: readonly IntrinsicDefinition[] = Object.values(INTRINSICS);
const ALL_NAMES: ReadonlySet<string> = new Set(DEFINITIONS.flatMap((intrinsic) => intrinsic.namedBy));
const ALL_METHODS: ReadonlySet<string> = new Set(DEFINITIONS.flatMap((intrinsic) => intrinsic.calledBy ?? []));

/** Every optional intrinsic, as init option bits: for a plug-in that may compile code at run time. */
export const ALL_INTRINSICS = DEFINITIONS.reduce((bits, intrinsic) => bits | intrinsic.bit, 0);

/**
 * The optional intrinsics the code names (the contract's INTRINSICS, by their
 * `namedBy` words, or `calledBy` methods it may call), as init option bits. A
 * plug-in whose code names none of an intrinsic's words starts without it,
 * and its engine code goes at link time (see pruneFunctionTable).
 */
export function intrinsicsNamedIn(code: string): number {
  const found = namesIn(code, ALL_NAMES);
  const called = methodCallsIn(code, ALL_METHODS);
  const needs = (intrinsic: IntrinsicDefinition) => intrinsic.namedBy.some((name) => found.has(name)) || (intrinsic.calledBy ?? []).some((name) => called.has(name));
  return DEFINITIONS.reduce((bits, intrinsic) => (needs(intrinsic) ? bits | intrinsic.bit : bits), 0);
}

/** The intrinsics a plug-in's context starts with: all of them when it keeps the compiler, as code compiled at run time may name anything. */
export function contextIntrinsics(code: string, keepCompiler: boolean): number {
  return keepCompiler ? ALL_INTRINSICS : intrinsicsNamedIn(code);
}
