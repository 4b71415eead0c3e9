import binaryen from "binaryen";
import { nameSection } from "./name-section.js";

/**
 * The engine arrives optimized at engine build time (-Oz, or -O2 for
 * --optimize speed); what is left is dropping what this plug-in cannot
 * reach: unbound natives, the ABI imports only they called, WASI stubs. Names
 * go too, but for those of the functions a trap can name usefully
 * (name-section.ts).
 */
export function optimize(module: binaryen.Module, nativeTableIndices: readonly number[] = []): Uint8Array {
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(2);
  binaryen.setDebugInfo(false);
  module.runPasses(["remove-unused-module-elements", "vacuum", "remove-unused-module-elements"]);
  if (!module.validate()) throw new Error("the linked module does not validate");
  const binary = module.emitBinary();
  const names = nameSection(module, nativeTableIndices);
  const wasm = new Uint8Array(binary.length + names.length);
  wasm.set(binary);
  wasm.set(names, binary.length);
  return wasm;
}
