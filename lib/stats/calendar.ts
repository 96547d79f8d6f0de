import { dayKey } from "@/lib/srs/day";

/**
 * Study days as whole numbers, so that ranges of days can be compared and
 * counted without thinking about time zones again: the study day of an instant
 * (lib/srs/day dayKey: local time, boundary at `dayStartHour`) read as a
 * calendar date and counted in days since 1970-01-01. Consecutive study days
 * differ by exactly 1, across DST changes too.
 */

const DAY_MS = 86_400_000;

export function keyToIndex(key: string): number {
  const [y, m, d] = key.split("-").map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function indexToKey(index: number): string {
  return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

/** The study day containing `t`, as a day number. */
export function dayIndex(t: Date, dayStartHour: number): number {
  return keyToIndex(dayKey(t, dayStartHour));
}

/** 0 Sunday … 6 Saturday, for a day number. */
export function weekdayOfIndex(index: number): number {
  return new Date(index * DAY_MS).getUTCDay();
}
