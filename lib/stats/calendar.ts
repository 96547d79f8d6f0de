/** Study-day numbers (lib/srs/day dayIndex) back to their YYYY-MM-DD key and weekday, and as instants. */

import { dayIndex, dayStartOffset } from "@/lib/srs/day";

const DAY_MS = 86_400_000;

export function indexToKey(index: number): string {
  return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday, for a day number. */
export function weekdayOfIndex(index: number): number {
  return new Date(index * DAY_MS).getUTCDay();
}

/** From `fromMs` on, study day `day + ⌊(t − fromMs) / 24 h⌋` holds instant `t`, up to the next segment's `fromMs`. */
export interface CalendarSegment {
  fromMs: number;
  day: number;
}

/** Days before the first day computed are taken as 24 hours long, this many of them. */
const BEFORE = 1_000_000;

/**
 * The study days from `firstDay` to `lastDay` (dayIndex numbers) as segments
 * of 24-hour days, for a database to number days without a time-zone
 * library: one segment where every day lasts 24 hours (a zone without summer
 * time), a new one after each day that does not (clock changes). A day longer
 * than 24 hours gets a second segment for its last hours, so that no instant
 * is counted in the next day. Before `firstDay` days are taken as 24 hours
 * long; after `lastDay`, too.
 *
 * Agrees with dayIndex for every instant from the start of `firstDay` to the
 * end of `lastDay`.
 */
export function studyCalendar(dayStartHour: number, timeZone: string, firstDay = 0, lastDay = 47_482): CalendarSegment[] {
  const epoch = new Date(0);
  const anchor = dayIndex(epoch, dayStartHour, timeZone);
  const start = (d: number) => dayStartOffset(epoch, dayStartHour, timeZone, d - anchor).getTime();
  let next = start(firstDay);
  const segments: CalendarSegment[] = [{ fromMs: next - BEFORE * DAY_MS, day: firstDay - BEFORE }];
  for (let d = firstDay; d <= lastDay; d++) {
    const from = next;
    next = start(d + 1);
    const seg = segments[segments.length - 1]!;
    if (from !== seg.fromMs + (d - seg.day) * DAY_MS) segments.push({ fromMs: from, day: d });
    if (next - from > DAY_MS) segments.push({ fromMs: from + DAY_MS, day: d });
  }
  return segments;
}

/** The study day of instant `t` in `segments` (ordered by fromMs, as studyCalendar returns them). */
export function dayInCalendar(segments: readonly CalendarSegment[], t: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.fromMs <= t) lo = mid;
    else hi = mid - 1;
  }
  const s = segments[lo]!;
  return s.day + Math.floor((t - s.fromMs) / DAY_MS);
}
