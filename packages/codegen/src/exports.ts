/**
 * Which of the entry's exports become plug-in exports: named functions only.
 * A class constructor cannot be called as an export, a value is not a
 * function, and a default export has no name a host could call; the build
 * leaves them out and warns about each.
 *
 * The filter runs inside the engine, after the bundle, because only there are
 * the values known. It leaves what it left out in a global that the engine
 * moves into its init report.
 */
import type { InitSuccess } from "@extism-ts/engine/contract";

/** An export left out, as the engine's init report carries it (the reasons are the contract's). */
export type SkippedExport = InitSuccess["skippedExports"][number];
type SkipReason = SkippedExport["reason"];

/**
 * Script run after the bundle: replaces the namespace the bundle left in
 * `exportsGlobal` with one that holds only the plug-in exports, and lists
 * the others in `skippedGlobal`. A class is
 * told from a function by its `prototype`, which only class constructors (and
 * built-in ones) make read-only; it works without the functions' sources.
 */
export function exportsFilter(exportsGlobal: string, skippedGlobal: string): string {
  return (
    // A module without a single export leaves the global undefined: no exports, said as such by the build.
    `;(() => { const all = typeof ${exportsGlobal} === "undefined" ? {} : ${exportsGlobal};` +
    ` if (all === null || (typeof all !== "object" && typeof all !== "function")) return;` +
    ` const kept = {}; const skipped = [];` +
    ` for (const name of Object.keys(all)) { const value = all[name];` +
    ` if (name === "default") skipped.push({ name, reason: "default" });` +
    ` else if (typeof value !== "function") skipped.push({ name, reason: value === null ? "null" : typeof value });` +
    ` else if (Object.getOwnPropertyDescriptor(value, "prototype")?.writable === false) skipped.push({ name, reason: "class" });` +
    ` else Object.defineProperty(kept, name, { value, enumerable: true }); }` +
    ` ${exportsGlobal} = kept; ${skippedGlobal} = skipped; })();`
  );
}

function valueKind(reason: SkipReason): string {
  if (reason === "null" || reason === "undefined") return reason;
  return reason === "object" ? "an object" : `a ${reason}`;
}

/** One line per export left out, saying why and what to write instead. */
export function describeSkipped(skipped: SkippedExport): string {
  switch (skipped.reason) {
    case "default":
      // The bundler renames an anonymous default export, so the function's own name would mislead.
      return "the default export is not a plug-in export, as a host calls exports by name: export it under a name, e.g. `export function greet()` or `export { greet }`";
    case "class":
      return `'${skipped.name}' is a class, not a function: it is not a plug-in export (call it from an exported function)`;
    default:
      return `'${skipped.name}' is ${valueKind(skipped.reason)}, not a function: it is not a plug-in export`;
  }
}
