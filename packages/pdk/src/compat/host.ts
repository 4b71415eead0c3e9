import { native } from "@extism-ts/engine";
import { base64, string } from "@extism-ts/convert";
import { hostFunctionTable, invokeHostFunction } from "./host-functions.js";
import { toArrayBuffer, toBytes, type BytesLike } from "./values.js";

const readInput = /* @__PURE__ */ native("input");
const writeOutput = /* @__PURE__ */ native("output");

/** extism-js's Host: the call's input and output, host functions, base64. */
export const Host = {
  /** The call's input as an ArrayBuffer. */
  inputBytes(): ArrayBuffer {
    return toArrayBuffer(readInput());
  },
  /** The call's input as UTF-8 text; invalid UTF-8 fails the call, as in extism-js. */
  inputString(): string {
    return string.decode(readInput());
  },
  outputBytes(output: BytesLike): boolean {
    writeOutput(toBytes(output, "Host.outputBytes"));
    return true;
  },
  outputString(output: string): boolean {
    writeOutput(String(output));
    return true;
  },
  /**
   * The host functions of the interface file given to `extism-ts build -i`,
   * by name. i64 values come back as numbers (bigints past 2^53).
   */
  getFunctions(): Record<string, (...args: any[]) => any> {
    return hostFunctionTable();
  },
  invokeFunc(id: number, ...args: unknown[]): unknown {
    return invokeHostFunction(id, args);
  },
  invokeFunc0(id: number, ...args: unknown[]): void {
    invokeHostFunction(id, args);
  },
  arrayBufferToBase64(input: BytesLike): string {
    return string.decode(base64().encode(toBytes(input, "Host.arrayBufferToBase64")));
  },
  base64ToArrayBuffer(input: string): ArrayBuffer {
    return toArrayBuffer(base64().decode(string.encode(String(input))));
  },
};
