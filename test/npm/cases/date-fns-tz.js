import { formatInTimeZone, fromZonedTime, toZonedTime, getTimezoneOffset } from "date-fns-tz";
import { addHours } from "date-fns";

export default function run() {
  const out = [];
  // Every hour across New York's and Berlin's changes, both directions.
  for (const [start, zone] of [
    ["2024-03-10T05:00:00Z", "America/New_York"],
    ["2024-11-03T04:00:00Z", "America/New_York"],
    ["2024-03-31T00:00:00Z", "Europe/Berlin"],
    ["2024-10-27T00:00:00Z", "Europe/Berlin"],
    ["2024-04-06T14:00:00Z", "Australia/Sydney"],
  ]) {
    for (let hour = 0; hour < 4; hour++) {
      const instant = addHours(new Date(start), hour);
      out.push(formatInTimeZone(instant, zone, "yyyy-MM-dd HH:mm:ss XXX zzz"), formatInTimeZone(instant, zone, "PPpp zzzz"), getTimezoneOffset(zone, instant));
    }
  }
  const zoned = toZonedTime(new Date("2024-07-01T12:00:00Z"), "Asia/Kolkata");
  out.push(zoned.getFullYear(), zoned.getMonth(), zoned.getDate(), zoned.getHours(), zoned.getMinutes());
  out.push(fromZonedTime("2024-03-10 02:30:00", "America/New_York").toISOString());
  out.push(fromZonedTime("2024-11-03 01:30:00", "America/New_York").toISOString());
  out.push(fromZonedTime("2024-12-25 09:00:00", "Asia/Tokyo").toISOString());
  out.push(formatInTimeZone(new Date("2024-12-25T09:00:00Z"), "America/Los_Angeles", "EEEE, MMMM do yyyy, h:mm a (zzz)"));
  out.push(formatInTimeZone(new Date("2024-06-01T00:00:00Z"), "Europe/London", "zzzz O OOOO"));
  return JSON.stringify(out);
}
