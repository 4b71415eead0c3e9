import { TraceMap, decodedMappings } from "@jridgewell/trace-mapping";

/** The name QuickJS gives the bundle in stack traces; the stack map rewrites it. */
export const BUNDLE_FILENAME = "bundle.js";

/**
 * One line of JS, put in front of the bundle, that defines
 * `__extism_ts_map_stack(stack)`: it rewrites `(bundle.js:N)` in a QuickJS
 * stack to the original file and line. QuickJS reports lines, not columns,
 * so the table keeps the first original position of each bundle line.
 */
export function stackMapPrelude(sourceMap: string): string {
  const map = new TraceMap(sourceMap);
  // Relative to the bundle's outdir, the project directory: no machine paths go into the plug-in.
  const sources = map.sources.map((source) => source ?? "?");
  const table: number[] = [];
  for (const segments of decodedMappings(map)) {
    const first = segments.find((segment) => segment.length >= 4);
    table.push(first ? first[1]! : -1, first ? first[2]! + 1 : 0);
  }
  // The prelude is line 1: bundle line N is line N + 1 of the evaluated script.
  return (
    `globalThis.__extism_ts_map_stack=function(s){var f=${JSON.stringify(sources)},t=${JSON.stringify(table)};` +
    `return s.replace(/\\(${BUNDLE_FILENAME.replace(".", "\\.")}:(\\d+)\\)/g,function(m,l){var i=2*(l-2);` +
    `return t[i]>=0?"("+f[t[i]]+":"+t[i+1]+")":m})};`
  );
}
