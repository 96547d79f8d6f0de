/**
 * Study days. A study day starts at `dayStartHour` local time (Anki: 4 am), so
 * reviews after midnight still count for the evening before. "Local" is the
 * time zone of the process (the server runs on the learner's machine); tests
 * set TZ to check other zones. Pure functions of their arguments and TZ.
 */

const DAY_MS = 86_400_000;

/** Start of the study day that contains `now`. */
export function dayStart(now: Date, dayStartHour: number): Date {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate(), dayStartHour, 0, 0, 0);
  if (d.getTime() > now.getTime()) return new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, dayStartHour, 0, 0, 0);
  return d;
}

/** Start of the study day after the one that contains `now` (a buried card comes back then). */
export function nextDayStart(now: Date, dayStartHour: number): Date {
  const s = dayStart(now, dayStartHour);
  return new Date(s.getFullYear(), s.getMonth(), s.getDate() + 1, dayStartHour, 0, 0, 0);
}

/** Start of the study day `offset` days after the one that contains `now` (negative: before). */
export function dayStartOffset(now: Date, dayStartHour: number, offset: number): Date {
  const s = dayStart(now, dayStartHour);
  return new Date(s.getFullYear(), s.getMonth(), s.getDate() + offset, dayStartHour, 0, 0, 0);
}

/** The calendar date (YYYY-MM-DD) of the study day that contains `t`. */
export function dayKey(t: Date, dayStartHour: number): string {
  const s = dayStart(t, dayStartHour);
  const mm = String(s.getMonth() + 1).padStart(2, "0");
  const dd = String(s.getDate()).padStart(2, "0");
  return `${s.getFullYear()}-${mm}-${dd}`;
}

/**
 * The study day containing `t` as a whole number: its calendar date counted in
 * days since 1970-01-01, so consecutive study days differ by exactly 1, across
 * DST changes too.
 */
export function dayIndex(t: Date, dayStartHour: number): number {
  const [y, m, d] = dayKey(t, dayStartHour).split("-").map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Whole study days from the day of `a` to the day of `b` (b later → positive). */
export function daysBetween(a: Date, b: Date, dayStartHour: number): number {
  return dayIndex(b, dayStartHour) - dayIndex(a, dayStartHour);
}

/**
 * A review interval of whole days must not bring a card back within the same
 * study day. Adding 24 hours does exactly that on the day the clocks go back
 * (a 25-hour study day): such a due date moves to the next day's start.
 */
export function dueNotToday(due: Date, now: Date, dayStartHour: number): Date {
  const next = nextDayStart(now, dayStartHour);
  return due < next ? next : due;
}
