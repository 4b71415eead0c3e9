import type { Codec } from "@extism-ts/convert";
import type { Plugin } from "./plugin.js";

/** Each export's codecs, as `extism-ts bindgen` writes them (`exportCodecs`): absent ones carry nothing. */
export type ExportCodecs = Record<string, { input?: Codec<any>; output?: Codec<any> }>;

/** One method per export: its input's type in, its output's type out (bytes for a raw export). */
export type TypedCalls<C extends ExportCodecs> = {
  [K in keyof C]: (...input: C[K] extends { input: Codec<infer I> } ? [input: I] : [input?: string | Uint8Array]) => Promise<C[K] extends { output: Codec<infer O> } ? O : Uint8Array>;
};

/**
 * The plug-in's calls typed by export name: `typedCalls(plugin, exportCodecs).add({ a: 1, b: 2 })`
 * is `plugin.call("add", { a: 1, b: 2 }, { input, output })` with the export's own codecs, and a
 * wrong export name or input type does not compile.
 */
export function typedCalls<C extends ExportCodecs>(plugin: Plugin, codecs: C): TypedCalls<C> {
  const calls: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const [name, { input, output }] of Object.entries(codecs)) {
    calls[name] = (value?: unknown) => {
      if (input && output) return plugin.call(name, value, { input, output });
      if (input) return plugin.call(name, value, { input });
      if (output) return plugin.call(name, value as string | Uint8Array | undefined, { output });
      return plugin.call(name, value as string | Uint8Array | undefined);
    };
  }
  return calls as TypedCalls<C>;
}
