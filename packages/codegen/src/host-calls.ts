import binaryen from "binaryen";
import { HOST_CALL_DISPATCHER, type HostFunctionDeclaration } from "@extism-ts/engine/contract";

const SLOT_BYTES = 8;

/** The engine's type letters; M is a memory block, passed as its i64 offset. */
const TYPES: Record<string, binaryen.Type> = { i: binaryen.i32, I: binaryen.i64, M: binaryen.i64, f: binaryen.f32, F: binaryen.f64 };

function load(module: binaryen.Module, letter: string, slots: binaryen.ExpressionRef, index: number): binaryen.ExpressionRef {
  const offset = index * SLOT_BYTES;
  switch (letter) {
    case "i":
      return module.i32.load(offset, 4, slots, "0");
    case "I":
    case "M":
      return module.i64.load(offset, 8, slots, "0");
    case "f":
      return module.f32.load(offset, 4, slots, "0");
    default:
      return module.f64.load(offset, 8, slots, "0");
  }
}

function store(module: binaryen.Module, letter: string, slots: binaryen.ExpressionRef, value: binaryen.ExpressionRef): binaryen.ExpressionRef {
  switch (letter) {
    case "i":
      return module.i32.store(0, 4, slots, value, "0");
    case "I":
    case "M":
      return module.i64.store(0, 8, slots, value, "0");
    case "f":
      return module.f32.store(0, 4, slots, value, "0");
    default:
      return module.f64.store(0, 8, slots, value, "0");
  }
}

/**
 * Give the engine's host-call dispatcher (`extism-ts:link host_call(index,
 * slots)`) a body: one wasm import per declared host function, with exactly
 * its signature, called with the arguments the engine left in `slots`.
 * A plug-in that declares none imports nothing for them.
 */
export function linkHostCalls(
  module: binaryen.Module,
  functions: Map<string, binaryen.FunctionInfo>,
  declarations: HostFunctionDeclaration[],
): void {
  const dispatcher = [...functions.values()].find((info) => info.module === HOST_CALL_DISPATCHER.module && info.base === HOST_CALL_DISPATCHER.name);
  if (!dispatcher) throw new Error("the engine has no host-call dispatcher import");
  const index = () => module.local.get(0, binaryen.i32);
  const slots = () => module.local.get(1, binaryen.i32);
  const cases = declarations.map((declaration, position) => {
    const internal = `__extism_ts_host_${position}`;
    const params = [...declaration.params];
    const result = declaration.result === "" ? binaryen.none : TYPES[declaration.result]!;
    module.addFunctionImport(internal, declaration.namespace, declaration.name, binaryen.createType(params.map((letter) => TYPES[letter]!)), result);
    const call = module.call(internal, params.map((letter, slot) => load(module, letter, slots(), slot)), result);
    return module.if(
      module.i32.eq(index(), module.i32.const(position)),
      module.block(null, [declaration.result === "" ? call : store(module, declaration.result, slots(), call), module.return()]),
    );
  });
  module.removeFunction(dispatcher.name);
  module.addFunction(dispatcher.name, dispatcher.params, dispatcher.results, [], module.block(null, [...cases, module.unreachable()]));
}
