export { plugin, type PluginFunction } from "./plugin.js";
export { input, output } from "./io.js";
