import { readFileSync } from "node:fs";
import { packageBuild } from "../../tsup.package.js";

const version = (dir: string): string => (JSON.parse(readFileSync(new URL(`../${dir}/package.json`, import.meta.url), "utf8")) as { version: string }).version;

// The versions `init` writes into a new project: the @extism-ts packages
// released with this CLI, read when it is built, so that the CLI depends on
// none of them only to know their versions.
const release = {
  cli: version("cli"),
  pdk: version("pdk"),
  convert: version("convert"),
  hostFn: version("host-fn"),
  http: version("http"),
  testing: version("testing"),
  types: version("types"),
};

export default packageBuild({ entry: ["src/index.ts", "src/cli.ts"], target: "node20", define: { __EXTISM_TS_RELEASE__: JSON.stringify(release) } });
