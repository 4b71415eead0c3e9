/**
 * @extism/extism without Node's "WASI is an experimental feature" warning.
 * The SDK imports node:wasi when it loads, whether or not a plug-in uses
 * WASI; the warning says nothing about the test, and every test file would
 * print it. Only that warning is dropped, and only while the SDK loads.
 */
export async function importExtism(): Promise<typeof import("@extism/extism")> {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === "string" ? warning : warning.message;
    if (text.startsWith("WASI is an experimental feature")) return;
    return (emitWarning as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return await import("@extism/extism");
  } finally {
    process.emitWarning = emitWarning;
  }
}
