import { hostFn, type WasmType } from "@extism-ts/host-fn";
import { fromI64, toI64 } from "./values.js";

/** A host function from an extism-js interface file (`declare module "extism:host"`). */
export interface JsPdkHostFunction {
  namespace: string;
  name: string;
  params: WasmType[];
  /** null: the function returns nothing. */
  result: WasmType | null;
}

type Callable = (...args: unknown[]) => unknown;

const declared: Array<{ name: string; call: Callable }> = [];

function toWasm(type: WasmType, value: unknown, where: string): number | bigint {
  // A number goes to the engine as it is: it converts as hostFn() does (Rust's `as i64`:
  // toward zero, saturating), so 2 ** 63 arrives as i64::MAX where toI64 would wrap it.
  if (type === "i64") return typeof value === "number" ? value : toI64(value, where);
  if (typeof value === "bigint") return type === "i32" ? Number(BigInt.asIntN(32, value)) : Number(value);
  if (typeof value !== "number" && typeof value !== "boolean") {
    throw new TypeError(`${where}: expected a number, not ${value === null ? "null" : typeof value}`);
  }
  return type === "i32" ? Number(value) | 0 : Number(value);
}

/**
 * Declare the host functions of an extism-js interface file. The CLI calls
 * this at module level, before the plug-in's own code, when it is given the
 * file with `extism-ts build -i`: the build adds exactly these imports.
 */
export function declareHostFunctions(functions: readonly JsPdkHostFunction[]): void {
  for (const fn of functions) {
    const call = hostFn(fn.name, { namespace: fn.namespace, params: fn.params, result: fn.result });
    declared.push({
      name: fn.name,
      call: (...args: unknown[]) => {
        const values = args.map((arg, position) =>
          position < fn.params.length ? toWasm(fn.params[position]!, arg, `host function ${fn.name}, argument ${position + 1}`) : arg,
        );
        // Arguments past the declared ones go as they are: the engine refuses the count, in its words.
        const result = call(...(values as Array<number | bigint>));
        return fn.result === "i64" ? fromI64(result as bigint) : result;
      },
    });
  }
}

/** Host.getFunctions(): the declared functions by name, taking and returning numbers. */
export function hostFunctionTable(): Record<string, Callable> {
  const table: Record<string, Callable> = {};
  for (const { name, call } of declared) table[name] = call;
  return table;
}

/** Host.invokeFunc(id, ...args): a declared function by its position in the interface file. */
export function invokeHostFunction(id: number, args: unknown[]): unknown {
  const entry = declared[id];
  if (!entry) throw new RangeError(`Host.invokeFunc: there is no host function ${id} (${declared.length} declared)`);
  return entry.call(...args);
}
