import { error, info, log, LogLevel, plugin, warn } from "@extism-ts/pdk";

/** Logs at three levels; the host decides which of them it shows. */
export const log_stuff = plugin(null, null, () => {
  log(LogLevel.Info, "Some info!");
  warn("A warning!");
  error("An error!");
});
