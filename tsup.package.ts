import { defineConfig, type Options } from "tsup";

/**
 * How a package of this monorepo builds: ES modules with their type
 * declarations, into a dist emptied first. Each package's tsup.config.ts
 * names its entries and target (node20 for the build tools, the engine's
 * ES level for code that is bundled into plug-ins).
 */
export function packageBuild(options: Options & Required<Pick<Options, "entry" | "target">>) {
  return defineConfig({ format: ["esm"], dts: true, clean: true, ...options });
}
