import binaryen from "binaryen";

/**
 * The engine arrives optimized (-Oz at engine build time); what is left is
 * dropping what this plug-in cannot reach: unbound natives, the ABI imports
 * only they called, WASI stubs. Names go too.
 */
export function optimize(module: binaryen.Module): Uint8Array {
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(2);
  binaryen.setDebugInfo(false);
  module.runPasses(["remove-unused-module-elements", "vacuum", "remove-unused-module-elements"]);
  if (!module.validate()) throw new Error("the linked module does not validate");
  return module.emitBinary();
}
