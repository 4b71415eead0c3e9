export { native, insidePlugin, type Natives, type NativeName } from "./natives.js";
