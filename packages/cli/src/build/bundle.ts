import { build, type Message } from "esbuild";
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { globalsPath } from "@extism-ts/engine/files";
import { CliError } from "../errors.js";
import { stackMapPrelude } from "./stack-map.js";

/** The global the bundle leaves its module namespace in, for the engine to enumerate. */
export const EXPORTS_GLOBAL = "__extism_ts_exports";

export interface Bundle {
  /** The script the engine evaluates: a one-line stack map, then the bundle. */
  code: string;
  /** Files that went into the bundle, for watch mode and reports. */
  inputs: string[];
}

/** The nearest directory above the entry with a package.json: paths in stack traces are relative to it. */
function findProjectDir(entry: string): string {
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return dirname(entry);
  }
}

/** `file:line:col: error: text`, with the file relative to where the command runs. */
function formatMessage(message: Message, projectDir: string): string {
  const location = message.location;
  const file = location ? relative(process.cwd(), resolve(projectDir, location.file)) : "";
  const where = location ? `${file}:${location.line}:${location.column + 1}: ` : "";
  return `${where}error: ${message.text}`;
}

/**
 * Bundle the entry and everything it imports into one script for QuickJS. Free
 * references to web globals the engine implements are bound to the engine's
 * versions; unused ones are shaken out with the natives they would bind.
 * Lines are kept as they are (QuickJS reports lines only) so that errors
 * can be traced back to the TypeScript source.
 */
export async function bundle(entry: string, projectDir = findProjectDir(entry)): Promise<Bundle> {
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "iife",
      globalName: EXPORTS_GLOBAL,
      platform: "neutral",
      mainFields: ["module", "main"],
      target: "es2020",
      inject: [globalsPath],
      legalComments: "none",
      sourcemap: "external",
      sourcesContent: false,
      outdir: projectDir,
      absWorkingDir: projectDir,
      charset: "utf8",
      metafile: true,
      logLevel: "silent",
    });
    const script = result.outputFiles.find((file) => file.path.endsWith(".js"))!;
    const sourceMap = result.outputFiles.find((file) => file.path.endsWith(".map"))!;
    return {
      code: `${stackMapPrelude(sourceMap.text)}\n${script.text}`,
      inputs: Object.keys(result.metafile.inputs),
    };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors) throw error;
    throw new CliError(errors.map((message) => formatMessage(message, projectDir)).join("\n"));
  }
}
