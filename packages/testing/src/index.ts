export { loadPlugin, CallError, type Plugin, type LoadOptions, type HostFunctions, type Vars } from "./plugin.js";
export { mock, type Mock, type MockParam, type WasmType, type ValueOf, type ValuesOf, type ResultOf } from "./mock.js";
export { passthrough, type Routes, type RouteHandler, type MockRequest, type MockResponse } from "./http.js";
export type { LogEntry, LogLevel } from "./host.js";
export { typedCalls, type ExportCodecs, type TypedCalls } from "./typed.js";
