import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/modules/*.ts", "!src/**/*.test.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  // The modules are bundled into plug-ins, which run ES2024 (QuickJS-NG).
  target: "es2022",
});
