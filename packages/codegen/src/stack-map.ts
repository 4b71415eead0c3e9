import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { TraceMap, decodedMappings } from "@jridgewell/trace-mapping";
import { INTERNAL_GLOBALS } from "@extism-ts/engine/contract";

/**
 * How a source file is named in stacks: relative to the project for its own
 * files, `<package>/<path>` for dependencies. No machine path gets into the
 * plug-in, so the same project builds to the same bytes anywhere.
 */
function sourceName(file: string, projectDir: string): string {
  const inProject = relative(projectDir, file);
  if (!inProject.startsWith("..") && !inProject.split(sep).includes("node_modules")) return inProject.split(sep).join("/");
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name;
    if (name) return `${name}/${relative(dir, file).split(sep).join("/")}`;
  }
  return file.split(sep).pop()!;
}

/** The name QuickJS gives the bundle in stack traces; the stack map rewrites it. */
export const BUNDLE_FILENAME = "bundle.js";

/** The prefix of frames in extism-ts's own packages, as sourceName writes them. */
const OWN_FRAMES = "(@extism-ts/";

/**
 * One line of JS, put in front of the bundle, that defines
 * `__extism_ts_map_stack(stack)` (INTERNAL_GLOBALS.mapStack): it rewrites `(bundle.js:N:C)` in a QuickJS
 * stack to the original file and line. The table keeps the first original
 * position of each bundle line, which is small and, with esbuild keeping
 * lines as written, the line the user wrote. Frames in extism-ts's own
 * packages (the PDK, the engine's globals) say nothing about the user's code
 * and are dropped, unless `fullStacks` keeps them (`extism-ts build --debug`).
 */
/**
 * The original position of each bundle line as text, one item a line, joined
 * by commas: "" for the line after the previous item's in the same file (most
 * lines), a signed step for another line of that file, "file:line" for
 * another file, "x" for a line with no original (the bundler's glue).
 */
export function encodeLines(lines: ReadonlyArray<{ file: number; line: number } | undefined>): string {
  let file = -1;
  let line = 0;
  return lines
    .map((position) => {
      if (position === undefined) return "x";
      const step = position.line - line;
      const item = position.file !== file ? `${position.file}:${position.line}` : step === 1 ? "" : String(step);
      file = position.file;
      line = position.line;
      return item;
    })
    .join(",");
}

export function stackMapPrelude(sourceMap: string, projectDir: string, fullStacks = false): string {
  const map = new TraceMap(sourceMap);
  // esbuild writes sources relative to the outdir, which is the project directory.
  const sources = map.sources.map((source) => (source ? sourceName(resolve(projectDir, source), projectDir) : "?"));
  const lines = decodedMappings(map).map((segments) => {
    const first = segments.find((segment) => segment.length >= 4);
    return first ? { file: first[1]!, line: first[2]! + 1 } : undefined;
  });
  // The prelude is line 1: bundle line N is line N + 1 of the evaluated script.
  // No regular expression: a plug-in without one starts without RegExp.
  // The table is rebuilt from its text on each call (only an error that
  // reaches the host makes one): as an array literal it was compiled into
  // bytecode of several bytes an entry, which every plug-in carried.
  return (
    `globalThis.${INTERNAL_GLOBALS.mapStack}=function(s){var f=${JSON.stringify(sources)},m=${JSON.stringify(encodeLines(lines))}.split(","),t=[],c=-1,l=0,x,y,` +
    `k=${JSON.stringify(`(${BUNDLE_FILENAME}:`)},p=s.split(k),o=p[0],j,q,e,n,i;` +
    `for(j=0;j<m.length;j++){x=m[j];if(x==="x"){t.push(-1,0);continue}if(x==="")l++;else if((y=x.indexOf(":"))<0)l+=+x;else{c=+x.slice(0,y);l=+x.slice(y+1)}t.push(c,l)}` +
    `for(j=1;j<p.length;j++){q=p[j];e=q.indexOf(")");n=q.slice(0,e).split(":");i=2*(n[0]-2);` +
    `o+=e>0&&n.length<3&&n.every(function(d){return String(+d)===d})&&t[i]>=0?"("+f[t[i]]+":"+t[i+1]+q.slice(e):k+q}` +
    // What is left at bundle.js:N has no original line: the bundler's own glue, as much ours as the PDK's frames.
    (fullStacks
      ? `return o};`
      : `return o.split("\\n").filter(function(l){return l.indexOf(${JSON.stringify(OWN_FRAMES)})<0&&l.indexOf(k)<0}).join("\\n")};`)
  );
}
