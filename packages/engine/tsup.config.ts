import { defineConfig } from "tsup";
import { packZones } from "./scripts/intl-zones.mjs";

export default defineConfig([
  {
    // One output file per source file, imports kept: a plug-in build then
    // drops whole modules (and the npm packages only they import) for the
    // web globals it never names.
    entry: ["src/**/*.ts", "!src/**/*.test.ts", "!src/**/*.d.ts", "!src/globals/intl*.ts", "!src/globals/url.ts", "!src/globals/url-unicode.ts"],
    bundle: false,
    format: ["esm"],
    dts: true,
    clean: false,
    target: "es2022",
  },
  {
    // Intl in one module, minified: a plug-in keeps each function's local
    // names and line table, which for Intl's size is worth 11 KB.
    // intl-locales (the locales --locales adds) imports intl.ts's types only: no code is shared.
    // URL is minified for the same reason (8 KB of its 70).
    entry: { "globals/intl": "src/globals/intl.ts", "globals/intl-locales": "src/globals/intl-locales.ts", "globals/url": "src/globals/url.ts" },
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
]);
