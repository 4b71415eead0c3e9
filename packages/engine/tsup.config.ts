import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", files: "src/files.ts", globals: "src/globals/index.ts", contract: "src/contract.ts" },
  format: ["esm"],
  dts: true,
  clean: false,
  target: "es2020",
});
