import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Message, Plugin } from "esbuild";
import type { JsPdkHostFunction } from "@extism-ts/pdk/js-pdk-declare";

/**
 * The module with extism-js's globals (Host, Config, Var, Http, Memory,
 * MemoryHandle). Injected into every bundle next to the engine's web
 * globals: only the names a bundle uses as free identifiers get bundled.
 */
export const jsPdkGlobalsPath = fileURLToPath(import.meta.resolve("@extism-ts/pdk/js-pdk-globals"));

const DECLARE_MODULE = "@extism-ts/pdk/js-pdk-declare";
const HOST_FUNCTIONS_PATH = "extism-ts:js-pdk-host-functions";
const HOST_FUNCTIONS_NAMESPACE = "extism-ts-js-pdk";

/**
 * A module, injected before the plug-in's own code, that declares the host
 * functions of an extism-js interface file, so that Host.getFunctions() has
 * them and the build imports them.
 */
export function hostFunctionsPlugin(functions: readonly JsPdkHostFunction[]): { inject: string; plugin: Plugin } {
  return {
    inject: HOST_FUNCTIONS_PATH,
    plugin: {
      name: "extism-ts-js-pdk-host-functions",
      setup(build) {
        build.onResolve({ filter: /^extism-ts:js-pdk-host-functions$/ }, (args) => ({ path: args.path, namespace: HOST_FUNCTIONS_NAMESPACE }));
        build.onLoad({ filter: /.*/, namespace: HOST_FUNCTIONS_NAMESPACE }, () => ({
          contents: `import { declareHostFunctions } from ${JSON.stringify(DECLARE_MODULE)};\ndeclareHostFunctions(${JSON.stringify(functions)});\n`,
          loader: "js",
          // Resolve the pdk from the CLI's own dependencies: an extism-js project need not install it.
          resolveDir: dirname(fileURLToPath(import.meta.url)),
        }));
      },
    },
  };
}

/**
 * extism-js runs a plug-in as a script with a global `module`. esbuild gives
 * a CommonJS file its own `module`, but a file it reads as an ES module (a .js
 * file in a "type": "module" package) that still says `module.exports = ...`
 * refers to a global one: the bundle then gets this banner and footer.
 */
export function readsCommonjsGlobals(warnings: readonly Message[]): boolean {
  return warnings.some(
    (warning) => warning.id === "commonjs-variable-in-esm" && warning.location !== null && !/(^|[\\/])node_modules[\\/]/.test(warning.location.file),
  );
}

export const COMMONJS_BANNER = "var module = (globalThis.__extism_ts_commonjs = { exports: {} }), exports = module.exports;";

/** After the bundle: an entry without exports of its own exports what it put in `module.exports`. */
export function commonjsFooter(exportsGlobal: string): string {
  return (
    ";(() => { const m = globalThis.__extism_ts_commonjs; delete globalThis.__extism_ts_commonjs;" +
    ` const own = ${exportsGlobal}; if (own == null || Object.keys(own).length === 0) ${exportsGlobal} = m.exports; })();`
  );
}
