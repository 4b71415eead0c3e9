import { string } from "@extism-ts/convert";
import { vars } from "../vars.js";
import { toArrayBuffer, toBytes, type BytesLike } from "./values.js";

/** extism-js's Var: values the host keeps between calls, null when not set. */
export const Var = {
  /** Store a string (as UTF-8) or bytes. */
  set(name: string, value: BytesLike): void {
    vars.set(String(name), toBytes(value, "Var.set"));
  },
  getBytes(name: string): ArrayBuffer | null {
    const value = vars.get(String(name));
    return value === undefined ? null : toArrayBuffer(value);
  },
  getString(name: string): string | null {
    const value = vars.get(String(name));
    return value === undefined ? null : string.decode(value);
  },
};
