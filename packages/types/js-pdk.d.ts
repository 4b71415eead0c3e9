// extism-js's globals (docs/migrating-from-extism-js.md): the build binds them
// where code names them, as it binds the web globals.

type JsPdk = typeof import("@extism-ts/pdk/js-pdk-globals");

declare global {
  var Host: JsPdk["Host"];
  var Config: JsPdk["Config"];
  var Var: JsPdk["Var"];
  var Http: JsPdk["Http"];
  var Memory: JsPdk["Memory"];
  var MemoryHandle: JsPdk["MemoryHandle"];
  type MemoryHandle = import("@extism-ts/pdk/js-pdk-globals").MemoryHandle;
}

export {};
