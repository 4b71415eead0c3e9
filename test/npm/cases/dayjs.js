import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import duration from "dayjs/plugin/duration.js";

dayjs.extend(utc);
dayjs.extend(duration);

export default function run() {
  const t = dayjs.utc("2024-12-31T23:59:30Z");
  return JSON.stringify([t.add(45, "second").format("YYYY-MM-DD HH:mm:ss"), t.startOf("month").toISOString(), t.diff(dayjs.utc("2024-01-01"), "day"), dayjs.duration(90061, "seconds").format("D[d] HH:mm:ss"), t.day()]);
}
