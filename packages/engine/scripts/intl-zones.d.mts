/** The IANA time-zone database packed for Intl.DateTimeFormat (see intl-zones.mjs). */
export function packZones(): { version: string; text: string };
