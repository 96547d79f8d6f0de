/**
 * Study days. A study day starts at `dayStartHour` local time (Anki: 4 am), so
 * reviews after midnight still count for the evening before. "Local" is the
 * IANA time zone passed in (`timeZone`, e.g. "Asia/Shanghai"), the way `now`
 * is passed in: the server decides it once (lib/db/settings studyTimeZone) and
 * these functions never read the process's zone. Pure functions of their
 * arguments.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

// Building a formatter is far slower than using one; stats call dayIndex per review.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws a RangeError for a name that is not a time zone.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** `t` down to the whole second (the formatter's resolution). */
function wholeSecond(t: number): number {
  return t - (((t % 1000) + 1000) % 1000);
}

/** The wall-clock reading in `timeZone` at `t`, asked of the formatter, written as if it were a UTC time. */
function formattedWallClock(t: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(t)) if (type !== "literal") p[type] = Number(value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** How far `timeZone` is ahead of UTC at instant `t`, in ms. */
function offsetAt(t: number, timeZone: string): number {
  return formattedWallClock(t, timeZone) - wholeSecond(t);
}

// Per zone, per UTC hour: the offset when it is the same at both ends of the hour (clocks change
// at most once an hour), null when it changes within it. formatToParts costs microseconds, and
// the stats read the study day of every review.
const hourOffsets = new Map<string, Map<number, number | null>>();

/** The wall-clock reading in `timeZone` at `t`, written as if it were a UTC time (whole seconds). */
function wallClock(t: number, timeZone: string): number {
  let zone = hourOffsets.get(timeZone);
  if (!zone) hourOffsets.set(timeZone, (zone = new Map()));
  const hour = Math.floor(t / HOUR_MS);
  let offset = zone.get(hour);
  if (offset === undefined) {
    if (zone.size >= 100_000) zone.clear();
    const start = offsetAt(hour * HOUR_MS, timeZone);
    offset = start === offsetAt((hour + 1) * HOUR_MS, timeZone) ? start : null;
    zone.set(hour, offset);
  }
  return offset === null ? formattedWallClock(t, timeZone) : wholeSecond(t) + offset;
}

/**
 * The instant at which the clock in `timeZone` reads `wall` (a wall-clock time
 * written as UTC). Like `new Date(y, m, d, h)` in a process running in that
 * zone: a reading the clocks skip (spring forward) is taken with the offset
 * before the change, so it lands after the gap; a reading that happens twice
 * (fall back) is the first.
 */
function instantOf(wall: number, timeZone: string): number {
  // The offsets in force within a day either side cover every zone's reading of `wall`.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const fits = [before, after].map((o) => wall - o).filter((t) => offsetAt(t, timeZone) === wall - t);
  if (fits.length > 0) return Math.min(...fits);
  return wall - Math.min(before, after);
}

// Per zone, by wall-clock hour: stats ask for the same few hundred day starts over and over.
const starts = new Map<string, Map<number, number>>();

/** The instant at which study day `date` (days since 1970-01-01) starts in `timeZone`. */
function startOf(date: number, dayStartHour: number, timeZone: string): number {
  let zone = starts.get(timeZone);
  if (!zone) starts.set(timeZone, (zone = new Map()));
  const wall = date * DAY_MS + dayStartHour * HOUR_MS;
  let t = zone.get(wall);
  if (t === undefined) {
    if (zone.size >= 10_000) zone.clear();
    t = instantOf(wall, timeZone);
    zone.set(wall, t);
  }
  return t;
}

/** The study day containing `t`: its calendar date as whole days since 1970-01-01. */
function studyDate(t: Date, dayStartHour: number, timeZone: string): number {
  // Today's date on the wall clock, or the day before if today's study day has not started.
  // Instants are compared, not clock readings: where the clocks go back over the boundary
  // hour, the day that has begun stays begun.
  const date = Math.floor(wallClock(t.getTime(), timeZone) / DAY_MS);
  return startOf(date, dayStartHour, timeZone) <= t.getTime() ? date : date - 1;
}

/** Start of the study day that contains `now`. */
export function dayStart(now: Date, dayStartHour: number, timeZone: string): Date {
  return new Date(startOf(studyDate(now, dayStartHour, timeZone), dayStartHour, timeZone));
}

/** Start of the study day after the one that contains `now` (a buried card comes back then). */
export function nextDayStart(now: Date, dayStartHour: number, timeZone: string): Date {
  return dayStartOffset(now, dayStartHour, timeZone, 1);
}

/** Start of the study day `offset` days after the one that contains `now` (negative: before). */
export function dayStartOffset(now: Date, dayStartHour: number, timeZone: string, offset: number): Date {
  return new Date(startOf(studyDate(now, dayStartHour, timeZone) + offset, dayStartHour, timeZone));
}

/** The calendar date (YYYY-MM-DD) of the study day that contains `t`. */
export function dayKey(t: Date, dayStartHour: number, timeZone: string): string {
  return new Date(studyDate(t, dayStartHour, timeZone) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The study day containing `t` as a whole number: its calendar date counted in
 * days since 1970-01-01, so consecutive study days differ by exactly 1, across
 * DST changes too.
 */
export function dayIndex(t: Date, dayStartHour: number, timeZone: string): number {
  return studyDate(t, dayStartHour, timeZone);
}

/** Whole study days from the day of `a` to the day of `b` (b later → positive). */
export function daysBetween(a: Date, b: Date, dayStartHour: number, timeZone: string): number {
  return dayIndex(b, dayStartHour, timeZone) - dayIndex(a, dayStartHour, timeZone);
}

/**
 * A review interval of whole days must not bring a card back within the same
 * study day. Adding 24 hours does exactly that on the day the clocks go back
 * (a 25-hour study day): such a due date moves to the next day's start.
 */
export function dueNotToday(due: Date, now: Date, dayStartHour: number, timeZone: string): Date {
  const next = nextDayStart(now, dayStartHour, timeZone);
  return due < next ? next : due;
}
