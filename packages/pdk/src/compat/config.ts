import { config } from "../config.js";

/** extism-js's Config: the host's config values, null when a key is not set. */
export const Config = {
  get(key: string): string | null {
    return config.get(String(key)) ?? null;
  },
};
