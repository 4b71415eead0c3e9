// The AssemblyScript PDK counterpart of apps/greet, compiled by bench/suites/greet.mjs.
import { Host } from "@extism/as-pdk";

// Replaces AssemblyScript's default `env.abort` import (asc `--use abort=index/myAbort`),
// so the module imports nothing but `extism:host/env`.
function myAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {
  unreachable();
}

export function greet(): i32 {
  const name = Host.inputString();
  // Host.outputString sizes the output by UTF-16 code units, which is wrong for non-ASCII
  // names; write the UTF-8 bytes ourselves (same cost for ASCII input).
  Host.output(Uint8Array.wrap(String.UTF8.encode("Hello, " + name + "!")));
  return 0;
}
