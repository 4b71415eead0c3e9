import { packageBuild } from "../../tsup.package.js";

export default packageBuild({
  entry: ["src/index.ts", "src/modules/*.ts", "src/crypto/*.ts", "!src/**/*.test.ts"],
  // One file per source, imports kept: a plug-in's bundle then leaves out the
  // modules (and their npm packages, Buffer's among them) it does not use.
  bundle: false,
  // The modules are bundled into plug-ins, which run ES2024 (QuickJS-NG).
  target: "es2022",
});
