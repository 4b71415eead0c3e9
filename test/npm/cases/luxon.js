import { DateTime, Duration, Info, Interval, Settings } from "luxon";

export default function run() {
  Settings.defaultZone = "utc";
  Settings.defaultLocale = "en-US";
  const t = DateTime.fromISO("2024-03-10T06:30:00Z", { zone: "utc" });
  const out = [];
  for (const zone of ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney", "America/Los_Angeles", "Asia/Tokyo"]) {
    const z = t.setZone(zone);
    out.push([zone, z.toISO(), z.offset, z.offsetNameShort, z.offsetNameLong, z.isInDST, z.toLocaleString(DateTime.DATETIME_FULL), z.toLocaleString(DateTime.DATE_HUGE), z.toLocaleString(DateTime.TIME_WITH_SHORT_OFFSET), z.toFormat("yyyy-MM-dd HH:mm ZZZZ")]);
  }
  // The hours around New York's switch to daylight time, and Berlin's back from it.
  for (let hour = 5; hour < 9; hour++) {
    const x = DateTime.fromObject({ year: 2024, month: 3, day: 10, hour }, { zone: "utc" }).setZone("America/New_York");
    out.push([x.toISO(), x.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS)]);
  }
  out.push(DateTime.fromISO("2024-10-27T00:30:00Z").setZone("Europe/Berlin").plus({ hours: 1 }).toISO());
  // Wall times that do not exist (spring) or exist twice (autumn).
  out.push(DateTime.fromObject({ year: 2024, month: 3, day: 10, hour: 2, minute: 30 }, { zone: "America/New_York" }).toISO());
  out.push(DateTime.fromObject({ year: 2024, month: 11, day: 3, hour: 1, minute: 30 }, { zone: "America/New_York" }).toISO());
  for (const preset of ["DATE_SHORT", "DATE_MED", "DATE_MED_WITH_WEEKDAY", "DATE_FULL", "DATE_HUGE", "TIME_SIMPLE", "TIME_WITH_SECONDS", "TIME_24_SIMPLE", "TIME_24_WITH_SECONDS", "DATETIME_SHORT", "DATETIME_MED", "DATETIME_FULL", "DATETIME_HUGE", "DATETIME_SHORT_WITH_SECONDS"]) {
    out.push(t.setZone("America/Chicago").toLocaleString(DateTime[preset]));
  }
  const base = DateTime.fromISO("2024-06-15T12:00:00Z");
  out.push(base.minus({ days: 3 }).toRelative({ base }), base.plus({ hours: 5 }).toRelative({ base }), base.plus({ months: 2 }).toRelative({ base, style: "short" }), base.minus({ days: 1 }).toRelativeCalendar({ base }), base.plus({ years: 1 }).toRelative({ base, unit: "years" }));
  out.push(Duration.fromObject({ hours: 2, minutes: 5 }).toHuman(), Duration.fromObject({ days: 1, hours: 3 }).toHuman({ unitDisplay: "short" }));
  const week = Interval.fromDateTimes(base, base.plus({ days: 3 }));
  const meeting = Interval.fromDateTimes(base, base.plus({ minutes: 90 }));
  out.push(week.toLocaleString(DateTime.DATE_MED), week.toLocaleString(DateTime.DATE_SHORT), meeting.toLocaleString(DateTime.DATETIME_MED), week.toLocaleString(DateTime.DATETIME_FULL));
  out.push(Info.months("long").join(","), Info.weekdays("short").join(","), Info.meridiems().join(","), Info.eras("short").join(","), Info.features());
  out.push(DateTime.fromFormat("March 10, 2024 3:30 PM", "LLLL d, yyyy h:mm a", { zone: "Asia/Tokyo" }).toISO());
  out.push(DateTime.fromObject({ year: 2024, month: 1, day: 1 }, { zone: "Pacific/Auckland" }).toFormat("ccc, LLL d yyyy 'at' t ZZZZ"));
  out.push(DateTime.fromISO("2031-07-04T12:00:00Z").setZone("America/Denver").toFormat("fff"));
  return JSON.stringify(out);
}
