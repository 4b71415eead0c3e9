import { logAt } from "../logging.js";

/** reportError: an error nothing can catch (a listener's, a timer's) goes to the host's log at error level. */
export function reportError(error: unknown): void {
  logAt(4, ["Uncaught", error]);
}
