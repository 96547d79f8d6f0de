import { describe, expect, it } from "vitest";
import { createScheduler, formatInterval, grade, newCardState, previewDue, Rating, reviewToken, State, toFsrs } from "@/lib/srs/schedule";
import { seedStateFromHistory } from "@/lib/srs/seed";

const now = new Date("2026-03-01T09:00:00Z");
const MIN = 60_000;
const DAY = 86_400_000;

describe("FSRS scheduling with a fixed clock", () => {
  const f = createScheduler();

  it("a new card is due now and in the New state", () => {
    const s = newCardState(now);
    expect(s.due).toEqual(now);
    expect(s.state).toBe(State.New);
    expect(s.reps).toBe(0);
  });

  it("previews are ordered Again ≤ Hard ≤ Good ≤ Easy and match what grading gives", () => {
    const s = newCardState(now);
    const p = previewDue(f, s, now);
    expect(p[Rating.Again].getTime()).toBeLessThanOrEqual(p[Rating.Hard].getTime());
    expect(p[Rating.Hard].getTime()).toBeLessThanOrEqual(p[Rating.Good].getTime());
    expect(p[Rating.Good].getTime()).toBeLessThan(p[Rating.Easy].getTime());
    for (const r of [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const) {
      expect(grade(f, s, r, now).next.due).toEqual(p[r]);
    }
  });

  it("default learning steps: Again on a new card is 1 minute, Good is 10 minutes, Easy leaves learning", () => {
    const s = newCardState(now);
    expect(grade(f, s, Rating.Again, now).next.due.getTime() - now.getTime()).toBe(1 * MIN);
    expect(grade(f, s, Rating.Good, now).next.due.getTime() - now.getTime()).toBe(10 * MIN);
    const easy = grade(f, s, Rating.Easy, now).next;
    expect(easy.state).toBe(State.Review);
    expect(easy.due.getTime() - now.getTime()).toBeGreaterThanOrEqual(DAY);
  });

  it("the log records the state before the grade", () => {
    const s = newCardState(now);
    const { next, record } = grade(f, s, Rating.Good, now);
    expect(record).toMatchObject({ rating: Rating.Good, state: State.New, due: now, reviewedAt: now });
    expect(next.reps).toBe(1);
  });

  it("a lapse in review increments lapses and goes to relearning", () => {
    let s = grade(f, newCardState(now), Rating.Easy, now).next;
    const later = new Date(s.due.getTime());
    s = grade(f, s, Rating.Again, later).next;
    expect(s.state).toBe(State.Relearning);
    expect(s.lapses).toBe(1);
  });

  it("higher desired retention gives shorter review intervals", () => {
    const s = grade(f, newCardState(now), Rating.Easy, now).next;
    const at = s.due;
    const loose = previewDue(createScheduler({ retention: 0.8 }), s, at)[Rating.Good].getTime();
    const strict = previewDue(createScheduler({ retention: 0.95 }), s, at)[Rating.Good].getTime();
    expect(strict).toBeLessThan(loose);
  });

  it("review tokens change with every grade and come back after restoring the state", () => {
    const s = newCardState(now);
    const t0 = reviewToken("c", s);
    const { next } = grade(f, s, Rating.Good, now);
    expect(reviewToken("c", next)).not.toBe(t0);
    expect(reviewToken("c", { ...s })).toBe(t0);
  });
});

describe("interval labels", () => {
  it.each([
    [30_000, "1m"],
    [10 * MIN, "10m"],
    [3 * 60 * MIN, "3h"],
    [DAY, "1d"],
    [4 * DAY, "4d"],
    [61 * DAY, "2mo"],
    [45 * DAY, "1.5mo"],
    [400 * DAY, "1.1y"],
    [730.5 * DAY, "2y"],
  ])("%d ms → %s", (ms, label) => {
    expect(formatInterval(ms)).toBe(label);
  });
});

describe("seeding the first state from frontmatter history", () => {
  const meta = {
    created: "2025-09-01",
    lastReviewed: "2025-10-01",
    nextReview: "2025-10-11",
    reviewCount: 3,
    difficulty: "hard" as const,
    masteryLevel: 0.6,
    tags: [],
    relatedOutlines: [],
  };

  it("is due on next_review with stability equal to the interval", () => {
    const s = seedStateFromHistory(meta)!;
    expect(s.due.toISOString()).toBe("2025-10-11T00:00:00.000Z");
    expect(s.lastReview!.toISOString()).toBe("2025-10-01T00:00:00.000Z");
    expect(s).toMatchObject({ state: State.Review, stability: 10, scheduledDays: 10, reps: 3 });
    expect(s.difficulty).toBeGreaterThan(5);
  });

  it("a seeded card at its due date has retrievability near the desired 0.9", () => {
    const f = createScheduler();
    const s = seedStateFromHistory(meta)!;
    const r = f.get_retrievability(toFsrs(s), s.due, false);
    expect(r).toBeGreaterThan(0.88);
    expect(r).toBeLessThan(0.92);
  });

  it("gives nothing without history", () => {
    expect(seedStateFromHistory({ ...meta, reviewCount: 0 })).toBeNull();
    expect(seedStateFromHistory({ ...meta, nextReview: null })).toBeNull();
    expect(seedStateFromHistory({ ...meta, nextReview: "2025-09-01" })).toBeNull();
  });
});
