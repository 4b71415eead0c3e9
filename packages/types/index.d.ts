/// <reference no-default-lib="true"/>
// What an extism-ts plug-in has, and nothing it lacks: no default lib (it
// would bring the DOM: document, window, localStorage), the ES library up to
// ES2024 and the later pieces QuickJS-NG ships, the engine's web globals,
// Buffer and process, extism-js's globals and the Node modules that work.
// docs/decisions/platform-types.md says why it is built this way.
/// <reference lib="es2024" />
/// <reference lib="esnext.array" />
/// <reference lib="esnext.collection" />
/// <reference lib="esnext.disposable" />
/// <reference lib="esnext.error" />
/// <reference lib="esnext.float16" />
/// <reference lib="esnext.iterator" />
/// <reference lib="esnext.promise" />
/// <reference path="./language.d.ts" />
/// <reference path="./web.d.ts" />
/// <reference path="./node.d.ts" />
/// <reference path="./js-pdk.d.ts" />
