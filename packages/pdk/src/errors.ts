import { PLUGIN_ERROR_BRAND } from "@extism-ts/engine/contract";

/**
 * The brand the engine recognises a PluginError by: its value is the call's
 * return code (errors.c, errors_return_code). A symbol from the global registry,
 * so that a copy of this package bundled twice still agrees, and so that no
 * other error's `code` (a Node-style "ENOENT", an HTTP status) is taken for one.
 */
const RETURN_CODE = Symbol.for(PLUGIN_ERROR_BRAND);

/**
 * An error with a return code: thrown from an export, it fails the call with
 * its message and makes `code` the call's return code (other errors give -1,
 * as in the Rust PDK).
 */
export class PluginError extends Error {
  readonly code: number;
  constructor(message: string, code = -1, options?: ErrorOptions) {
    super(message, options);
    this.name = "PluginError";
    if (!Number.isInteger(code) || code === 0 || code < -2147483648 || code > 2147483647) {
      throw new RangeError(`PluginError: the return code must be a non-zero 32-bit integer, not ${code}`);
    }
    this.code = code;
    Object.defineProperty(this, RETURN_CODE, { value: code });
  }

  /**
   * The first line of the error the host receives: the return code is in the
   * text too, for hosts that do not report it (@extism/extism); -1, the code
   * of every other error, goes without saying.
   */
  override toString(): string {
    const head = super.toString();
    return this.code === -1 ? head : `${head} (return code ${this.code})`;
  }
}
