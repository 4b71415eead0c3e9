// Packs the IANA time-zone database, as npm `moment-timezone` ships it
// (data/packed/latest.json), into the compact string Intl.DateTimeFormat
// reads in a plug-in: transitions from 1970 on only, and where a zone's
// transitions settle into a yearly rule ("second Sunday of March at 2:00"),
// the rule instead of the explicit list (moment-timezone lists every year
// to 2400+). Output, one zone a line:
//   name|offsets|periods|untils|rule
// offsets: minutes east of UTC in base 36, a trailing "*" for daylight time;
// periods: the offset index of each period, one base-36 digit each, or
// "ab~n" for n periods alternating between a and b;
// untils: the end of each period but the last, minutes since 1970 in base
// 36, each after the first as the difference to the one before; or, where
// differences recur, the distinct ones, "=", and one character (0-9a-zA-Z)
// naming each;
// rule (optional): "month,weekday,day,minutes,offset;month,weekday,day,minutes,offset":
// after the last until, in each year the zone switches to offset index
// `offset` on the first `weekday` (0 Sunday) on or after `day` of `month`
// (1-12) at `minutes` of wall-clock time in the offset it leaves.
// Links follow the zones, as "alias>target" lines.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function base60(text) {
  const digit = (c) => {
    const code = c.charCodeAt(0);
    return code > 96 ? code - 87 : code > 64 ? code - 29 : code - 48;
  };
  let [whole, fraction = ""] = text.split(".");
  let sign = 1;
  if (whole.startsWith("-")) {
    sign = -1;
    whole = whole.slice(1);
  }
  let value = 0;
  for (const c of whole) value = value * 60 + digit(c);
  let scale = 1;
  for (const c of fraction) {
    scale /= 60;
    value += digit(c) * scale;
  }
  return value * sign;
}

const MINUTES_1970 = 0;
const DELTA_NAMES = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

function unpack(line) {
  const [name, abbrs, offsets, indices, untils = ""] = line.split("|");
  const abbr = abbrs.split(" ");
  // moment-timezone's offsets are minutes west; ICU (and Node) round LMT to whole seconds, we to minutes.
  const offset = offsets.split(" ").map((o) => -Math.round(base60(o)));
  const periods = [...indices].map((c) => base60(c));
  const ends = [];
  let total = 0;
  for (const u of untils.split(" ").filter(Boolean)) ends.push(Math.round((total += base60(u))));
  return { name, abbr, offset, periods, ends };
}

const DAY = 1440;
function civil(minutes) {
  const date = new Date(minutes * 60000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay(), time: minutes - Math.floor(minutes / DAY) * DAY };
}

/** The rule a list of transitions follows from some year on, and the index of its first transition. */
function inferRule(zone) {
  const { offset, periods, ends } = zone;
  const n = ends.length;
  if (n < 4) return undefined;
  const last = civil(ends[n - 1]).year;
  if (last < 2037) return undefined;
  // Two transitions a year, alternating.
  const describe = (k) => {
    const before = offset[periods[k]];
    const wall = civil(ends[k] + before);
    return { ...wall, to: periods[k + 1] };
  };
  const a = describe(n - 2);
  const b = describe(n - 1);
  const keys = [a, b];
  const fits = (t, key) => t.month === key.month && t.weekday === key.weekday && t.time === key.time && t.to === key.to;
  let first = n;
  const days = [[], []];
  for (let k = n - 1; k >= 0; k--) {
    const t = describe(k);
    const which = (n - 1 - k) % 2 === 0 ? 1 : 0;
    if (!fits(t, keys[which])) break;
    days[which].push(t.day);
    const lo = Math.min(...days[which]);
    const hi = Math.max(...days[which]);
    if (hi - lo > 6) break;
    first = k;
  }
  if (n - first < 16) return undefined;
  const rule = keys.map((key, which) => {
    const lo = Math.min(...days[which]);
    const hi = Math.max(...days[which]);
    // Any start day in [hi - 6, lo] reproduces what was seen; prefer the ones the tz rules use.
    const monthLength = new Date(Date.UTC(2001, key.month, 0)).getUTCDate();
    const candidates = [1, 8, 15, 22, monthLength - 6];
    const day = candidates.find((d) => d >= hi - 6 && d <= lo) ?? lo;
    return [key.month, key.weekday, day, key.time, key.to];
  });
  return { first, rule };
}

function dstFlags(zone) {
  // A period is daylight time when its offset sits above the offsets on both sides
  // of it (the pattern of summer time), or when the abbreviation says so.
  const flags = zone.offset.map(() => false);
  zone.abbr.forEach((abbr, i) => {
    if (/^(?:[A-Z]{1,3}DT|[A-Z]{1,2}ST)$/.test(abbr) && /S$/.test(abbr) === false) flags[i] = /DT$/.test(abbr);
    if (/^(?:BST|IST|CEST|EEST|WEST|MSD|NZDT|AEDT|ACDT|AKDT)$/.test(abbr)) flags[i] = true;
  });
  const { periods, offset } = zone;
  for (let k = 1; k < periods.length - 1; k++) {
    const here = offset[periods[k]];
    if (here > offset[periods[k - 1]] && here > offset[periods[k + 1]] && !/^[A-Z]/.test(zone.abbr[periods[k]])) flags[periods[k]] = true;
  }
  return flags;
}

export function packZones() {
  const data = JSON.parse(readFileSync(require.resolve("moment-timezone/data/packed/latest.json"), "utf8"));
  const lines = [];
  for (const line of data.zones) {
    const zone = unpack(line);
    const flags = dstFlags(zone);
    // Drop what ended before 1970.
    let start = 0;
    while (start < zone.ends.length && zone.ends[start] <= MINUTES_1970) start++;
    let periods = zone.periods.slice(start);
    let ends = zone.ends.slice(start);
    const inferred = inferRule({ ...zone, periods, ends });
    let rule = "";
    if (inferred) {
      periods = periods.slice(0, inferred.first + 1);
      ends = ends.slice(0, inferred.first);
      rule = inferred.rule.map((r) => r.map((v) => v.toString(36)).join(",")).join(";");
    }
    // Renumber the offsets still used.
    const used = [...new Set([...periods, ...(inferred ? inferred.rule.map((r) => r[4]) : [])])];
    const remap = new Map(used.map((o, i) => [o, i]));
    const offsets = used.map((o) => zone.offset[o].toString(36) + (flags[o] ? "*" : "")).join(" ");
    if (rule) rule = rule.replace(/[^;,]+(?=;|$)/g, (to) => remap.get(parseInt(to, 36)).toString(36));
    const deltas = ends.map((e, i) => (i === 0 ? e : e - ends[i - 1]).toString(36));
    // Most differences recur (a zone's summers are alike): name each distinct one by a character.
    const distinct = [...new Set(deltas)];
    const untils =
      distinct.length <= DELTA_NAMES.length && deltas.length > distinct.length
        ? `${distinct.join(" ")}=${deltas.map((d) => DELTA_NAMES[distinct.indexOf(d)]).join("")}`
        : deltas.join(" ");
    let periodText = periods.map((p) => remap.get(p).toString(36)).join("");
    // Summer and winter time, one after the other: the two and the count.
    if (periodText.length > 4 && /^(.)(.)(?:\1\2)*\1?$/.test(periodText)) periodText = `${periodText.slice(0, 2)}~${periodText.length.toString(36)}`;
    lines.push([zone.name, offsets, periodText, untils, rule].join("|").replace(/\|+$/, ""));
  }
  for (const link of data.links) {
    const [target, alias] = link.split("|");
    lines.push(`${alias}>${target}`);
  }
  return { version: data.version, text: lines.join("\n") };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { version, text } = packZones();
  process.stdout.write(`${version}: ${text.length} characters\n`);
  if (process.argv[2]) process.stdout.write(text.split("\n").filter((l) => l.startsWith(process.argv[2])).join("\n") + "\n");
}
