export {
  INTERFACE_VERSION,
  SCHEMA_REF_PREFIX,
  type ExportSignature,
  type ImportSignature,
  type PluginInterface,
  type Schema,
  type Value,
  type WasmType,
} from "./model.js";
export { extractInterface, type InitializedPlugin } from "./extract.js";
export { INTERFACE_SECTION, InterfaceError, readInterfaceSection, withInterfaceSection } from "./section.js";
export { fromXtp, toXtp, xtpYaml, type XtpSchema } from "./xtp.js";
export { formatInterface } from "./format.js";
export { bindgenTs } from "./bindgen-ts.js";
export { scaffoldPlugin, notImplemented, type ScaffoldedPlugin } from "./scaffold.js";
export { bindgenPython } from "./bindgen-python.js";
