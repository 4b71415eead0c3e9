import { packageBuild } from "../../tsup.package.js";

export default packageBuild({
  entry: ["src/index.ts", "src/modules/*.ts", "!src/**/*.test.ts"],
  // The modules are bundled into plug-ins, which run ES2024 (QuickJS-NG).
  target: "es2022",
});
