import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";

export const greet = plugin(string, string, (name) => `Hello, ${name}!`);
