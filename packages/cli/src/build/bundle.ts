import { build, type Message } from "esbuild";
import { globalsPath } from "@extism-ts/engine/files";
import { CliError } from "../errors.js";

/** The global the bundle leaves its module namespace in, for the engine to enumerate. */
export const EXPORTS_GLOBAL = "__extism_ts_exports";

export interface Bundle {
  code: string;
  /** Files that went into the bundle, for watch mode and reports. */
  inputs: string[];
}

function formatMessage(message: Message): string {
  const where = message.location
    ? `${message.location.file}:${message.location.line}:${message.location.column + 1}: `
    : "";
  return `${where}error: ${message.text}`;
}

/**
 * Bundle the entry and everything it imports into one script for QuickJS. Free
 * references to web globals the engine implements are bound to the engine's
 * versions; unused ones are shaken out with the natives they would bind.
 */
export async function bundle(entry: string): Promise<Bundle> {
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
      minifySyntax: true,
      minifyWhitespace: true,
      legalComments: "none",
      charset: "utf8",
      metafile: true,
      logLevel: "silent",
    });
    return {
      code: result.outputFiles[0]!.text,
      inputs: Object.keys(result.metafile.inputs),
    };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors) throw error;
    throw new CliError(errors.map(formatMessage).join("\n"));
  }
}
