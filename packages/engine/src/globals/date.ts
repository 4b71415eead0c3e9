// Injected into every plug-in bundle: a free `Date` binds to the engine's
// (which reads the clock through WASI), while globalThis.Date stays QuickJS's.
export { Date } from "./clock.js";
