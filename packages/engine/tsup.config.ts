import { defineConfig } from "tsup";

export default defineConfig({
  // natives: what @extism-ts/convert needs, importable in Node too (index binds natives at load).
  entry: { index: "src/index.ts", natives: "src/natives.ts", files: "src/files.ts", globals: "src/globals/index.ts", contract: "src/contract.ts" },
  format: ["esm"],
  dts: true,
  clean: false,
  target: "es2020",
});
