import { defineConfig } from "tsup";

export default defineConfig({
  // One output file per source file, imports kept: a plug-in build then drops
  // whole modules (and the npm packages only they import) for the web
  // globals it never names, which statement-level tree shaking of one
  // bundled file cannot do for packages with side effects.
  entry: ["src/**/*.ts", "!src/**/*.test.ts", "!src/**/*.d.ts"],
  bundle: false,
  format: ["esm"],
  dts: true,
  clean: false,
  target: "es2020",
});
