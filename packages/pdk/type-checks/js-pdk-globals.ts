// Checked by `pnpm typecheck` (tsconfig.js-pdk.json): each of our extism-js
// globals fits where @extism/js-pdk's typings declare the global of that name,
// so code written against those typings runs on ours.
/// <reference types="@extism/js-pdk" />
import { Config, Host, Http, Memory, MemoryHandle, Var } from "../src/compat/index.js";

export const checks: {
  Host: typeof globalThis.Host;
  Config: typeof globalThis.Config;
  Var: typeof globalThis.Var;
  Http: typeof globalThis.Http;
  Memory: typeof globalThis.Memory;
  MemoryHandle: typeof globalThis.MemoryHandle;
} = { Host, Config, Var, Http, Memory, MemoryHandle };
