/**
 * An error with a return code: thrown from an export, it fails the call with
 * its message and makes `code` the call's return code (other errors give -1,
 * as in the Rust PDK).
 */
export class PluginError extends Error {
  readonly code: number;
  constructor(message: string, code = -1) {
    super(message);
    this.name = "PluginError";
    if (!Number.isInteger(code) || code === 0 || code < -2147483648 || code > 2147483647) {
      throw new RangeError(`PluginError: the return code must be a non-zero 32-bit integer, not ${code}`);
    }
    this.code = code;
  }
}
