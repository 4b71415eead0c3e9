import type { Message, Plugin } from "esbuild";
import type { JsPdkHostFunction } from "@extism-ts/pdk/js-pdk-declare";
import type { ProjectPdk } from "./project-pdk.js";

const HOST_FUNCTIONS_PATH = "extism-ts:js-pdk-host-functions";
const HOST_FUNCTIONS_NAMESPACE = "extism-ts-js-pdk";

/**
 * A module, injected before the plug-in's own code, that declares the host
 * functions of an extism-js interface file, so that Host.getFunctions() has
 * them and the build imports them; the bundle's pdk (projectPdk) declares them.
 */
export function hostFunctionsPlugin(functions: readonly JsPdkHostFunction[], pdk: ProjectPdk): { inject: string; plugin: Plugin } {
  return {
    inject: HOST_FUNCTIONS_PATH,
    plugin: {
      name: "extism-ts-js-pdk-host-functions",
      setup(build) {
        build.onResolve({ filter: /^extism-ts:js-pdk-host-functions$/ }, (args) => ({ path: args.path, namespace: HOST_FUNCTIONS_NAMESPACE }));
        build.onLoad({ filter: /.*/, namespace: HOST_FUNCTIONS_NAMESPACE }, () => ({
          contents: `import { declareHostFunctions } from ${JSON.stringify(pdk.declarePath)};\ndeclareHostFunctions(${JSON.stringify(functions)});\n`,
          loader: "js",
          resolveDir: pdk.dir,
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
