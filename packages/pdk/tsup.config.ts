import { packageBuild } from "../../tsup.package.js";

export default packageBuild({
  entry: {
    index: "src/index.ts",
    // extism-js compatibility: kept out of the main entry, so plug-ins that
    // do not use extism-js's globals never bundle host-fn or http for them.
    "js-pdk-globals": "src/compat/index.ts",
    "js-pdk-declare": "src/compat/declare.ts",
  },
  target: "es2020",
});
