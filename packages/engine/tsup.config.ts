import { defineConfig, type Options } from "tsup";
import { packZones } from "./scripts/intl-zones.mjs";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * core-js finds the global object with `Function("return this")` as a last
 * resort, which would keep the JavaScript compiler in every plug-in that uses
 * URL: inside the engine, globalThis is always there.
 */
const coreJsGlobalThis: Plugin = {
  name: "core-js-global-this",
  setup(build) {
    build.onLoad({ filter: /[\\/]core-js-pure[\\/]internals[\\/]global-this\.js$/ }, () => ({ contents: "module.exports = globalThis;", loader: "js" }));
  },
};

// Globals whose npm packages are CommonJS, bundled into one ES module each: a
// CommonJS module in a plug-in's bundle makes esbuild wrap every ES module
// the build injects (and all they import) in lazy initializers.
const commonjsBacked = ["src/globals/url.ts", "src/globals/buffer.ts"];

export default defineConfig([
  {
    // One output file per source file, imports kept: a plug-in build then
    // drops whole modules (and the npm packages only they import) for the
    // web globals it never names.
    entry: ["src/**/*.ts", "!src/**/*.test.ts", "!src/**/*.d.ts", "!src/globals/intl*.ts", ...commonjsBacked.map((path) => `!${path}`)],
    bundle: false,
    format: ["esm"],
    dts: true,
    clean: false,
    target: "es2022",
  },
  {
    // Intl in one module, minified: a plug-in keeps each function's local
    // names and line table, which for Intl's size is worth 11 KB.
    entry: { "globals/intl": "src/globals/intl.ts" },
    format: ["esm"],
    minify: true,
    // Minifying writes strings with line breaks as template literals, which cost the engine more than strings.
    esbuildOptions(options) {
      options.supported = { "template-literal": false };
    },
    dts: true,
    clean: false,
    target: "es2022",
    // The time-zone data Intl reads (src/globals/intl-zones.ts), packed from npm moment-timezone.
    define: { __EXTISM_TS_INTL_ZONES__: JSON.stringify(packZones().text) },
  },
  {
    entry: Object.fromEntries(commonjsBacked.map((path) => [path.replace(/^src\//, "").replace(/\.ts$/, ""), path])),
    noExternal: ["core-js-pure", "buffer"],
    external: ["urlpattern-polyfill"],
    // "buffer" is the npm package here, not Node's built-in.
    platform: "neutral",
    esbuildOptions(options) {
      options.mainFields = ["module", "main"];
    },
    esbuildPlugins: [coreJsGlobalThis],
    format: ["esm"],
    dts: true,
    clean: false,
    target: "es2022",
  },
]);
