/** navigator, with the userAgent WinterTC asks for. */
export const navigator = {
  userAgent: "extism-ts",
  get [Symbol.toStringTag](): string {
    return "Navigator";
  },
};

/** self: the global object, as in workers. */
export const self = globalThis;
