import { defineConfig } from "tsup";

export default defineConfig({
  // One output file per module, not one bundle: with `sideEffects: false` a
  // plug-in bundler then drops whole modules it does not use, and with
  // msgpack.js goes its `msgpackr` import (msgpackr itself does not declare
  // itself free of side effects, so an import of it could not be dropped).
  entry: ["src/*.ts", "!src/*.test.ts"],
  bundle: false,
  format: ["esm"],
  dts: { entry: "src/index.ts" },
  clean: true,
  target: "es2020",
});
