import binaryen from "binaryen";
import { readFileSync } from "fs";
const m = binaryen.readBinary(readFileSync("/work/main/packages/engine/dist/engine.wasm"));
binaryen.setDebugInfo(false);
const base = m.emitBinary().length;
const names = [];
for (let i = 0; i < m.getNumFunctions(); i++) names.push(binaryen.getFunctionInfo(m.getFunctionByIndex(i)).name);
console.log(names.filter(n => /Eval|parse|js_create_function|lre_compile|resolve_var/i.test(n)).slice(0, 40).join(" "));
for (const n of process.argv.slice(2)) {
  const f = binaryen.getFunctionInfo(m.getFunction(n));
  m.removeFunction(n); m.addFunction(n, f.params, f.results, [], m.unreachable());
}
m.runPasses(["remove-unused-module-elements"]);
console.log(base, m.emitBinary().length);
