import { describe, expect, it } from "vitest";
import { countedReviews, rate, trueRetention, type RetentionRow } from "@/lib/stats/retention";
import { newYork } from "../support/time-zone";

// Study days in New York; the process runs in UTC (vitest.config.ts).
const NY = "America/New_York";
const at = (month: number, day: number, hh: number, mm = 0) => newYork(2026, month, day, hh, mm);
const row = (cardId: string, reviewedAt: Date, state: number, scheduledDays: number, rating: number): RetentionRow => ({ cardId, reviewedAt, state, scheduledDays, rating });

describe("true retention", () => {
  it("counts the first Review-state review of each card per study day, split young/mature at 21 days", () => {
    const now = at(4, 10, 15); // 10 April, 15:00
    const rows = [
      row("A", at(4, 10, 9), 2, 5, 3), // today, young, passed
      row("A", at(4, 10, 9, 30), 2, 1, 1), // same card, same day: ignored
      row("B", at(4, 10, 10), 1, 0, 1), // learning step: ignored
      row("B", at(4, 10, 11), 3, 0, 1), // relearning step: ignored
      row("B", at(4, 10, 8), 0, 0, 1), // new card: ignored
      row("C", at(4, 10, 3), 2, 30, 1), // 3 am: still yesterday (4 am boundary); mature, failed
      row("A", at(4, 9, 12), 2, 3, 3), // yesterday: A's first that day; young, passed
      row("D", at(4, 5, 12), 2, 21, 4), // 5 days ago; 21 days is mature; passed
      row("D", at(4, 5, 13), 2, 21, 1), // D again that day: ignored
      row("E", at(3, 1, 12), 2, 20, 2), // 40 days ago; young; Hard passes
      row("F", newYork(2025, 3, 1, 12), 2, 100, 1), // 1 March 2025, over a year ago; mature, failed
    ];
    const r = trueRetention(rows, now, 4, NY);
    expect(r.today).toEqual({ youngPassed: 1, youngFailed: 0, maturePassed: 0, matureFailed: 0 });
    expect(r.yesterday).toEqual({ youngPassed: 1, youngFailed: 0, maturePassed: 0, matureFailed: 1 });
    expect(r.week).toEqual({ youngPassed: 2, youngFailed: 0, maturePassed: 1, matureFailed: 1 });
    expect(r.month).toEqual(r.week);
    expect(r.year).toEqual({ youngPassed: 3, youngFailed: 0, maturePassed: 1, matureFailed: 1 });
    expect(r.all).toEqual({ youngPassed: 3, youngFailed: 0, maturePassed: 1, matureFailed: 2 });
  });

  it("the first review of the day is the earliest, whatever order the rows come in", () => {
    const rows = [row("A", at(4, 10, 11), 2, 5, 3), row("A", at(4, 10, 9), 2, 5, 1)];
    expect(countedReviews(rows, 4, NY).map((r) => r.rating)).toEqual([1]);
    expect(trueRetention(rows, at(4, 10, 12), 4, NY).today).toEqual({ youngPassed: 0, youngFailed: 1, maturePassed: 0, matureFailed: 0 });
  });

  it("the last 7 days are today and the 6 before", () => {
    const now = at(4, 10, 12);
    const rows = [row("A", at(4, 4, 12), 2, 5, 3), row("B", at(4, 3, 12), 2, 5, 3)];
    const r = trueRetention(rows, now, 4, NY);
    expect(r.week.youngPassed).toBe(1);
    expect(r.month.youngPassed).toBe(2);
  });

  it("rate is passed ÷ reviewed, and undefined without reviews", () => {
    expect(rate(9, 1)).toBeCloseTo(0.9);
    expect(rate(0, 0)).toBeNull();
  });
});
