// The CommonJS polyfills these modules build on ship no types; only what is used here is declared.
declare module "assert/" {
  const assert: { strict: (value: unknown, message?: string) => void };
  export default assert;
}
declare module "util/" {
  const util: { types: Record<string, (value: unknown) => boolean> };
  export default util;
}
