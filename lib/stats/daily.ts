import { dayIndex } from "@/lib/srs/day";
import { indexToKey, weekdayOfIndex } from "./calendar";

/** Reviews bucketed by study day: the calendar heatmap and the per-day charts. */

export interface ReviewTime {
  reviewedAt: Date;
  durationMs: number;
}

export interface DayTotal {
  day: string;
  count: number;
  ms: number;
}

/** Reviews and answer time of one study day (dayIndex), as the review aggregates keep them. */
export interface DayCount {
  day: number;
  count: number;
  ms: number;
}

/** Reviews and answer time for each of the last `days` study days, oldest first, ending today. */
export function dailyTotals(rows: readonly ReviewTime[], now: Date, dayStartHour: number, timeZone: string, days: number): DayTotal[] {
  const counts = rows.map((r) => ({ day: dayIndex(r.reviewedAt, dayStartHour, timeZone), count: 1, ms: r.durationMs }));
  return totalsByDay(counts, dayIndex(now, dayStartHour, timeZone), days);
}

/** dailyTotals from per-day figures (a day may appear more than once); `today` is a dayIndex. */
export function totalsByDay(counts: readonly DayCount[], today: number, days: number): DayTotal[] {
  const first = today - days + 1;
  const out: DayTotal[] = Array.from({ length: days }, (_, i) => ({ day: indexToKey(first + i), count: 0, ms: 0 }));
  for (const c of counts) {
    const i = c.day - first;
    if (i < 0 || i >= days) continue;
    out[i]!.count += c.count;
    out[i]!.ms += c.ms;
  }
  return out;
}

export interface HeatCell {
  day: string;
  count: number;
  /** 0 (none) to 4 (busiest), relative to the busiest day shown. */
  level: number;
  /** 0 Sunday … 6 Saturday: the row. */
  weekday: number;
  /** The column (weeks, oldest first). */
  week: number;
}

export interface Heatmap {
  cells: HeatCell[];
  weeks: number;
  max: number;
  total: number;
  activeDays: number;
}

/**
 * A calendar heatmap of the last `days` study days ending today: one column
 * per week (Sunday on top), one cell per day. Levels split 1…max into four
 * equal parts: level = ceil(4 · count / max).
 */
export function heatmap(rows: readonly { reviewedAt: Date }[], now: Date, dayStartHour: number, timeZone: string, days = 365): Heatmap {
  const counts = rows.map((r) => ({ day: dayIndex(r.reviewedAt, dayStartHour, timeZone), count: 1, ms: 0 }));
  return heatmapByDay(counts, dayIndex(now, dayStartHour, timeZone), days);
}

/** heatmap from per-day figures; `today` is a dayIndex. */
export function heatmapByDay(counts: readonly DayCount[], today: number, days = 365): Heatmap {
  const totals = totalsByDay(counts, today, days);
  const first = today - days + 1;
  const lead = weekdayOfIndex(first);
  const max = Math.max(0, ...totals.map((t) => t.count));
  const cells = totals.map((t, i) => ({
    day: t.day,
    count: t.count,
    level: t.count === 0 ? 0 : Math.ceil((4 * t.count) / max),
    weekday: weekdayOfIndex(first + i),
    week: Math.floor((lead + i) / 7),
  }));
  return {
    cells,
    weeks: Math.floor((lead + days - 1) / 7) + 1,
    max,
    total: totals.reduce((s, t) => s + t.count, 0),
    activeDays: totals.filter((t) => t.count > 0).length,
  };
}
