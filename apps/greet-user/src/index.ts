import { config, plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";

/** Greets the user named in the host's config ("user"). */
export const greet_user = plugin(null, string, () => `Hello, ${config.get("user")}!`);
