import { describe, expect, it } from "vitest";
import { computeStreak, type DueSpan } from "@/lib/stats/streak";
import { newYork } from "../support/time-zone";

// Study days in New York (the process runs in UTC, vitest.config.ts): the
// study day starts at 4 am there, and 8 March 2026 is the day the clocks go
// forward (02:00 → 03:00).
const NY = "America/New_York";

/** A local New York time in March 2026. */
const mar = (day: number, hh: number, mm = 0) => newYork(2026, 3, day, hh, mm);
const reviewsOn = (...days: number[]) => days.map((d) => mar(d, 20));

describe("streak", () => {
  it("counts kept days back to the last gap", () => {
    const s = computeStreak({ reviewTimes: reviewsOn(1, 2, 3, 5, 6, 7), dueSpans: [], now: mar(7, 21), dayStartHour: 4, timeZone: NY });
    expect(s).toEqual({ current: 3, todayKept: true, longest: 3, since: "2026-03-05" });
  });

  it("today not studied yet does not break the streak; it ends yesterday", () => {
    const s = computeStreak({ reviewTimes: reviewsOn(4, 5, 6), dueSpans: [], now: mar(7, 10), dayStartHour: 4, timeZone: NY });
    expect(s).toMatchObject({ current: 3, todayKept: false, since: "2026-03-04" });
    // …but two days without reviews do.
    expect(computeStreak({ reviewTimes: reviewsOn(4, 5), dueSpans: [], now: mar(7, 10), dayStartHour: 4, timeZone: NY }).current).toBe(0);
  });

  it("today counts only once nothing is due now; a card due later today does not hold it back", () => {
    const reviewTimes = [...reviewsOn(5, 6), mar(7, 9)];
    const dueNow: DueSpan = { due: mar(7, 8), doneAt: null };
    const dueTonight: DueSpan = { due: mar(7, 23), doneAt: null };
    expect(computeStreak({ reviewTimes, dueSpans: [dueNow], now: mar(7, 10), dayStartHour: 4, timeZone: NY })).toMatchObject({ current: 2, todayKept: false });
    expect(computeStreak({ reviewTimes, dueSpans: [dueTonight], now: mar(7, 10), dayStartHour: 4, timeZone: NY })).toMatchObject({ current: 3, todayKept: true });
  });

  it("a day that left a card overdue at its end is not kept, even with reviews", () => {
    // Due at 10:00 on the 5th, done only on the 6th: the 5th is lost.
    const spans: DueSpan[] = [{ due: mar(5, 10), doneAt: mar(6, 9) }];
    const s = computeStreak({ reviewTimes: reviewsOn(3, 4, 5, 6, 7), dueSpans: spans, now: mar(7, 21), dayStartHour: 4, timeZone: NY });
    expect(s).toEqual({ current: 2, todayKept: true, longest: 2, since: "2026-03-06" });
    // Done the same evening: nothing lost.
    const same = computeStreak({ reviewTimes: reviewsOn(3, 4, 5, 6, 7), dueSpans: [{ due: mar(5, 10), doneAt: mar(5, 20) }], now: mar(7, 21), dayStartHour: 4, timeZone: NY });
    expect(same.current).toBe(5);
    // Overdue for several days: each of them is lost.
    const long = computeStreak({ reviewTimes: reviewsOn(1, 2, 3, 4, 5, 6, 7), dueSpans: [{ due: mar(2, 10), doneAt: mar(5, 9) }], now: mar(7, 21), dayStartHour: 4, timeZone: NY });
    expect(long).toMatchObject({ current: 3, longest: 3, since: "2026-03-05" });
  });

  it("a card graded early leaves nothing overdue", () => {
    const s = computeStreak({ reviewTimes: reviewsOn(5, 6), dueSpans: [{ due: mar(9, 10), doneAt: mar(6, 20) }], now: mar(6, 21), dayStartHour: 4, timeZone: NY });
    expect(s.current).toBe(2);
  });

  it("reviews after midnight belong to the evening before with a 4 am boundary (across the DST change)", () => {
    // 01:30 EST on Sunday the 8th (before the clocks jump at 2 am) is still study day the 7th.
    const reviewTimes = [mar(6, 21), mar(8, 1, 30)];
    const now = mar(8, 12); // study day the 8th, nothing reviewed yet
    expect(computeStreak({ reviewTimes, dueSpans: [], now, dayStartHour: 4, timeZone: NY })).toMatchObject({ current: 2, todayKept: false, since: "2026-03-06" });
    // With the day starting at midnight the same review is on the 8th: the 7th is a gap.
    expect(computeStreak({ reviewTimes, dueSpans: [], now, dayStartHour: 0, timeZone: NY })).toMatchObject({ current: 1, todayKept: true, since: "2026-03-08" });
  });

  it("a card due at 3 am is still the previous study day's work", () => {
    // Due 23:00 on the 7th, done 03:30 EDT on the 8th (study day the 7th): kept.
    const ok = computeStreak({ reviewTimes: [mar(6, 20), mar(7, 20), mar(8, 3, 30)], dueSpans: [{ due: mar(7, 23), doneAt: mar(8, 3, 30) }], now: mar(8, 3, 45), dayStartHour: 4, timeZone: NY });
    expect(ok).toMatchObject({ current: 2, todayKept: true });
    // Done at 05:00 instead (study day the 8th): the 7th ended with it overdue.
    const late = computeStreak({ reviewTimes: [mar(6, 20), mar(7, 20), mar(8, 5)], dueSpans: [{ due: mar(7, 23), doneAt: mar(8, 5) }], now: mar(8, 6), dayStartHour: 4, timeZone: NY });
    expect(late).toMatchObject({ current: 1, todayKept: true, longest: 1, since: "2026-03-08" });
  });

  it("no reviews at all: no streak", () => {
    expect(computeStreak({ reviewTimes: [], dueSpans: [{ due: mar(1, 1), doneAt: null }], now: mar(7, 10), dayStartHour: 4, timeZone: NY })).toEqual({
      current: 0,
      todayKept: false,
      longest: 0,
      since: null,
    });
  });

  it("the longest run is remembered after a break", () => {
    const s = computeStreak({ reviewTimes: reviewsOn(1, 2, 3, 4, 6, 7), dueSpans: [], now: mar(9, 10), dayStartHour: 4, timeZone: NY });
    expect(s).toMatchObject({ current: 0, longest: 4, since: null });
  });
});
