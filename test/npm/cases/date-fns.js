import { addBusinessDays, differenceInCalendarDays, format, formatISO, parseISO, startOfWeek, eachDayOfInterval } from "date-fns";

export default function run() {
  const start = parseISO("2024-02-27T10:30:00Z");
  return JSON.stringify({
    plus: formatISO(addBusinessDays(start, 5), { representation: "date" }),
    days: differenceInCalendarDays(parseISO("2025-01-01"), parseISO("2024-01-01")),
    formatted: format(parseISO("2024-02-29T00:00:00"), "EEEE do MMMM yyyy"),
    week: format(startOfWeek(parseISO("2024-03-07T12:00:00"), { weekStartsOn: 1 }), "yyyy-MM-dd"),
    leap: eachDayOfInterval({ start: parseISO("2024-02-27"), end: parseISO("2024-03-02") }).map((d) => format(d, "MM-dd")),
  });
}
