import { Rating } from "ts-fsrs";
import { dayIndex } from "@/lib/srs/day";

/**
 * True retention, the way Anki's statistics table counts it: the share of
 * reviews that were passed (any grade but Again), counted only on cards that
 * were in the Review state before the grade, so new cards and (re)learning
 * steps are left out, and only the first such review of each card per study
 * day (a card looked at again the same day adds nothing). Reviews are young
 * when the card's interval before the review was under 21 days, mature from
 * 21 days on.
 */

export const MATURE_DAYS = 21;
/** ReviewLog.state of a card in the Review state. */
const REVIEW_STATE = 2;

export interface RetentionRow {
  cardId: string;
  reviewedAt: Date;
  /** Card state before the grade (0 New, 1 Learning, 2 Review, 3 Relearning). */
  state: number;
  /** The card's interval in days before the grade. */
  scheduledDays: number;
  rating: number;
}

export interface RetentionCounts {
  youngPassed: number;
  youngFailed: number;
  maturePassed: number;
  matureFailed: number;
}

export const RETENTION_PERIODS = ["today", "yesterday", "week", "month", "year", "all"] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

/**
 * Which study days each period covers, relative to today (0 = today):
 * today; yesterday; the last 7 days (today and the 6 before); the last 30;
 * the last 365; everything.
 */
export const RETENTION_PERIOD_DAYS: Readonly<Record<RetentionPeriod, readonly [number, number]>> = {
  today: [0, 0],
  yesterday: [1, 1],
  week: [0, 6],
  month: [0, 29],
  year: [0, 364],
  all: [0, Infinity],
};

export function emptyCounts(): RetentionCounts {
  return { youngPassed: 0, youngFailed: 0, maturePassed: 0, matureFailed: 0 };
}

/** The reviews true retention counts: first Review-state review of each card per study day. */
export function countedReviews<T extends RetentionRow>(rows: readonly T[], dayStartHour: number, timeZone: string): (T & { day: number })[] {
  const sorted = [...rows].filter((r) => r.state === REVIEW_STATE).sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
  const seen = new Set<string>();
  const out: (T & { day: number })[] = [];
  for (const r of sorted) {
    const day = dayIndex(r.reviewedAt, dayStartHour, timeZone);
    const key = `${r.cardId}\u0000${day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...r, day });
  }
  return out;
}

export function trueRetention(rows: readonly RetentionRow[], now: Date, dayStartHour: number, timeZone: string): Record<RetentionPeriod, RetentionCounts> {
  const counted = countedReviews(rows, dayStartHour, timeZone).map((r) => ({ day: r.day, mature: r.scheduledDays >= MATURE_DAYS, passed: r.rating > Rating.Again, count: 1 }));
  return retentionByDay(counted, dayIndex(now, dayStartHour, timeZone));
}

/** Counted reviews (see countedReviews) of one study day, one kind and one outcome, as the review aggregates keep them. */
export interface RetentionDayCount {
  /** dayIndex of the study day. */
  day: number;
  mature: boolean;
  passed: boolean;
  count: number;
}

/** trueRetention from per-day counts of the reviews it counts; `today` is a dayIndex. */
export function retentionByDay(rows: readonly RetentionDayCount[], today: number): Record<RetentionPeriod, RetentionCounts> {
  const result = Object.fromEntries(RETENTION_PERIODS.map((p) => [p, emptyCounts()])) as Record<RetentionPeriod, RetentionCounts>;
  for (const r of rows) {
    const ago = today - r.day;
    if (ago < 0) continue;
    for (const p of RETENTION_PERIODS) {
      const [lo, hi] = RETENTION_PERIOD_DAYS[p];
      if (ago < lo || ago > hi) continue;
      const c = result[p];
      if (r.mature && r.passed) c.maturePassed += r.count;
      else if (r.mature) c.matureFailed += r.count;
      else if (r.passed) c.youngPassed += r.count;
      else c.youngFailed += r.count;
    }
  }
  return result;
}

/** passed ÷ reviewed, or null when nothing was reviewed. */
export function rate(passed: number, failed: number): number | null {
  const n = passed + failed;
  return n === 0 ? null : passed / n;
}
