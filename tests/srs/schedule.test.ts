import { describe, expect, it } from "vitest";
import { schedulerFor } from "@/lib/srs/config";
import { createScheduler, grade, newCardState, previewDue, Rating, reviewToken, State, toFsrs, type CardState } from "@/lib/srs/schedule";
import { DEFAULT_SETTINGS } from "@/lib/srs/settings";
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

  it("with fuzz on, as the default settings have it, previews match grading in every state, with and without a card id", () => {
    expect(DEFAULT_SETTINGS.fuzz).toBe(true);
    const fuzzy = schedulerFor(DEFAULT_SETTINGS);
    // A card's life: new, learning, review at growing intervals, a lapse, relearning, review again.
    const states: [CardState, Date][] = [];
    let s = newCardState(now);
    let at = now;
    for (const r of [Rating.Good, Rating.Good, Rating.Good, Rating.Easy, Rating.Good, Rating.Again, Rating.Good, Rating.Hard, Rating.Good] as const) {
      states.push([s, at]);
      s = grade(fuzzy, s, r, at, "card-a").next;
      at = new Date(s.due.getTime() + 3_600_000);
    }
    states.push([s, at]);
    const goodDays = new Set<number>();
    for (const [state, when] of states) {
      for (const cardId of [undefined, "card-a", "card-b"]) {
        const p = previewDue(fuzzy, state, when, cardId);
        expect(p[Rating.Again].getTime()).toBeLessThanOrEqual(p[Rating.Hard].getTime());
        expect(p[Rating.Hard].getTime()).toBeLessThanOrEqual(p[Rating.Good].getTime());
        expect(p[Rating.Good].getTime()).toBeLessThan(p[Rating.Easy].getTime());
        for (const r of [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const) {
          expect({ state: state.state, reps: state.reps, cardId, r, due: grade(fuzzy, state, r, when, cardId).next.due }).toEqual({
            state: state.state,
            reps: state.reps,
            cardId,
            r,
            due: p[r],
          });
          // Answered 40 s after the buttons were drawn: the same interval (the fuzz seed is the card's state, not the clock).
          const answeredAt = new Date(when.getTime() + 40_000);
          const later = grade(fuzzy, state, r, answeredAt, cardId).next.due;
          expect({ r, cardId, minutes: Math.round((later.getTime() - answeredAt.getTime()) / MIN) }).toEqual({
            r,
            cardId,
            minutes: Math.round((p[r].getTime() - when.getTime()) / MIN),
          });
        }
      }
    }
    // Fuzz is really on: one review card shows different Good days for different cards.
    const review = states.find(([st]) => st.state === State.Review && st.stability > 10)!;
    for (let i = 0; i < 20; i++) goodDays.add(Math.round((previewDue(fuzzy, review[0], review[1], `card-${i}`)[Rating.Good].getTime() - review[1].getTime()) / DAY));
    expect(goodDays.size).toBeGreaterThan(1);
  });

  it("desired retention defaults to 0.90, where FSRS's interval equals the stability", () => {
    // Pinned by value: changing the default retention in settings or in createScheduler fails here.
    expect(DEFAULT_SETTINGS.retention).toBe(0.9);
    for (const sched of [createScheduler(), schedulerFor({ ...DEFAULT_SETTINGS, fuzz: false })]) {
      expect(sched.parameters.request_retention).toBe(0.9);
      expect(sched.next_interval(100, 0)).toBe(100);
      expect(sched.next_interval(7, 0)).toBe(7);
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
