import binaryen from "binaryen";

/** Shrink the linked module: dead code (unbound natives, unused imports) goes, names go. */
export function optimize(module: binaryen.Module): Uint8Array {
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(2);
  binaryen.setDebugInfo(false);
  module.optimize();
  if (!module.validate()) throw new Error("the linked module does not validate");
  return module.emitBinary();
}
