// IANA time zones for Intl.DateTimeFormat: the offset in force at an instant.
// The data is packed when the engine is built (scripts/intl-zones.mjs, from
// npm moment-timezone's copy of the tz database) and put in as a string
// literal; each zone's line is parsed the first time the zone is used.

declare const __EXTISM_TS_INTL_ZONES__: string;

interface Zone {
  /** Minutes east of UTC of each offset. */
  offsets: number[];
  daylight: boolean[];
  /** The offset index of each period. */
  periods: number[];
  /** The end of each period but the last, in minutes since 1970. */
  untils: number[];
  /** [month, weekday, day, wall minutes, offset index] twice: the yearly switches after the last until. */
  rule: number[][];
}

let lines: Record<string, string> | undefined;
/** Lower-cased name (or alias) to the name it is reported by. */
let names: Record<string, string> | undefined;
const parsed: Record<string, Zone> = Object.create(null) as Record<string, Zone>;

function load(): void {
  if (lines) return;
  lines = Object.create(null) as Record<string, string>;
  names = Object.create(null) as Record<string, string>;
  const aliases: string[] = [];
  for (const line of __EXTISM_TS_INTL_ZONES__.split("\n")) {
    const bar = line.indexOf("|");
    if (bar < 0) {
      aliases.push(line);
      continue;
    }
    const name = line.slice(0, bar);
    lines[name] = line;
    names[name.toLowerCase()] = name;
  }
  for (const alias of aliases) {
    const [from, to] = alias.split(">") as [string, string];
    names![from.toLowerCase()] = to;
  }
  // ICU (so Node) reports some renamed zones by their old names.
  for (const pair of ICU_NAMES.split(" ")) {
    const [current, old] = pair.split(">") as [string, string];
    if (!(current in lines)) continue;
    lines[old] = lines[current]!;
    names[current.toLowerCase()] = old;
    names[old.toLowerCase()] = old;
  }
}

const ICU_NAMES =
  "Asia/Kolkata>Asia/Calcutta Asia/Kathmandu>Asia/Katmandu Asia/Ho_Chi_Minh>Asia/Saigon Europe/Kyiv>Europe/Kiev Asia/Yangon>Asia/Rangoon America/Nuuk>America/Godthab Atlantic/Faroe>Atlantic/Faeroe Pacific/Kanton>Pacific/Enderbury Pacific/Chuuk>Pacific/Truk Pacific/Pohnpei>Pacific/Ponape America/Atikokan>America/Coral_Harbour America/Argentina/Buenos_Aires>America/Buenos_Aires America/Argentina/Catamarca>America/Catamarca America/Argentina/Cordoba>America/Cordoba America/Argentina/Jujuy>America/Jujuy America/Argentina/Mendoza>America/Mendoza America/Indiana/Indianapolis>America/Indianapolis America/Kentucky/Louisville>America/Louisville Africa/Asmara>Africa/Asmera";

/** Zone names that mean UTC, which ECMA-402 reports as "UTC". */
const UTC_NAMES = ["utc", "etc/utc", "etc/gmt", "gmt", "etc/uct", "uct", "etc/universal", "universal", "etc/zulu", "zulu", "etc/greenwich", "greenwich", "etc/gmt0", "gmt0", "etc/gmt+0", "etc/gmt-0", "gmt+0", "gmt-0"];

/** The name a time zone is reported by, or undefined for one that does not exist. */
export function canonicalZone(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (UTC_NAMES.includes(lower)) return "UTC";
  load();
  return names![lower];
}

/** Every zone name, sorted. */
export function zoneNames(): string[] {
  load();
  return Object.keys(lines!).filter((name) => name.includes("/") && !name.startsWith("Etc/") && !/^(?:US|SystemV|Canada|Brazil|Chile|Mexico)\//.test(name)).concat("UTC").sort();
}

const DELTA_NAMES = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The differences between untils, in base 36 (see scripts/intl-zones.mjs). */
function deltas(untils: string): string[] {
  if (!untils) return [];
  const named = untils.indexOf("=");
  if (named < 0) return untils.split(" ");
  const distinct = untils.slice(0, named).split(" ");
  return [...untils.slice(named + 1)].map((c) => distinct[DELTA_NAMES.indexOf(c)]!);
}

function zone(name: string): Zone {
  let found = parsed[name];
  if (found) return found;
  load();
  const [, offsets = "0", periods = "0", untils = "", rule = ""] = (lines![name] ?? "UTC|0").split("|");
  let total = 0;
  found = {
    offsets: offsets.split(" ").map((o) => parseInt(o, 36)),
    daylight: offsets.split(" ").map((o) => o.endsWith("*")),
    periods: [...(periods[2] === "~" ? periods.slice(0, 2).repeat(parseInt(periods.slice(3), 36)).slice(0, parseInt(periods.slice(3), 36)) : periods)].map((p) => parseInt(p, 36)),
    untils: deltas(untils).map((u) => (total += parseInt(u, 36))),
    rule: rule ? rule.split(";").map((r) => r.split(",").map((v) => parseInt(v, 36))) : [],
  };
  parsed[name] = found;
  return found;
}

export interface Offset {
  /** Minutes east of UTC. */
  offset: number;
  daylight: boolean;
}

/** The offset of a zone (a name canonicalZone returned) at a time value. */
export function offsetAt(name: string, time: number): Offset {
  if (name === "UTC") return { offset: 0, daylight: false };
  const z = zone(name);
  const minutes = Math.floor(time / 60000);
  let lo = 0;
  let hi = z.untils.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (z.untils[mid]! > minutes) hi = mid;
    else lo = mid + 1;
  }
  let index = z.periods[lo]!;
  if (lo === z.untils.length && z.rule.length === 2) {
    const last = z.untils[z.untils.length - 1] ?? -Infinity;
    const year = new Date(time).getUTCFullYear();
    let latest = -Infinity;
    for (let y = year - 1; y <= year + 1; y++) {
      z.rule.forEach(([month, weekday, day, wall, to], which) => {
        const start = Date.UTC(y, month! - 1, day!) / 60000;
        const shift = (weekday! - new Date(start * 60000).getUTCDay() + 7) % 7;
        // The wall clock is in the offset the switch leaves: the other rule's.
        const at = start + shift * 1440 + wall! - z.offsets[z.rule[1 - which]![4]!]!;
        if (at > last && at <= minutes && at > latest) {
          latest = at;
          index = to!;
        }
      });
    }
  }
  return { offset: z.offsets[index]!, daylight: z.daylight[index]! };
}
