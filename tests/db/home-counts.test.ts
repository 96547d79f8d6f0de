import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { studyBatch, todayCounts, type QueueSettings } from "@/lib/db/queue";
import { gradeCard } from "@/lib/db/reviews";
import { syncNotes } from "@/lib/db/sync";
import { schedulerFor } from "@/lib/srs/config";
import { nextDayStart } from "@/lib/srs/day";
import { Rating, State } from "@/lib/srs/schedule";
import { DEFAULT_SETTINGS } from "@/lib/srs/settings";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * The home page's counts (todayCounts) are the counts of the review session's
 * first batch (studyBatch), with sibling burying and the daily exercise cap
 * on: one gathering counts both (issue 12, "rules defined once"). Before, the
 * home page counted every new card up to the limit and said 20 where the
 * review header said 15.
 */

const t0 = new Date("2026-03-02T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const scheduler = schedulerFor({ ...DEFAULT_SETTINGS, fuzz: false });
const UTC = { dayStartHour: 4, timeZone: "UTC" };
const until = nextDayStart(t0, UTC.dayStartHour, UTC.timeZone);
const settings = (o: Partial<QueueSettings> = {}): QueueSettings => ({
  newPerDay: 20,
  reviewsPerDay: 200,
  exercisesPerDay: 2,
  buryNewSiblings: true,
  buryReviewSiblings: true,
  ...UTC,
  ...o,
});

const front = (id: string) => `---\nid: ${id}\ntitle: ${id}\nlang: en\n---\n\n# ${id}\n\n## Cards\n\n`;
const exercise = (id: string) => "```exercise\nid: " + id + "\ngenerator: sigmoid-derivative\ndifficulty: 1\nparams:\n  mode: value\n```\n";
// Three notes of four sibling cards (a three-blank cloze and a one-line card), four notes of one live exercise each.
const TEXTS = [
  ...["a", "b", "c"].map((k) => front(`t/${k}`) + `The numbers are ==1==, ==2== and ==3==. ^${k}-cloze\n\nWhy?::Because. ^${k}-why\n`),
  ...["d", "e", "f", "g"].map((k) => front(`t/${k}`) + exercise(`${k}-ex`)),
];

let t: TempDb;
beforeEach(async () => {
  t = createTempDb();
  const notes = TEXTS.map((text, i) => {
    const p = parseNote(text, `n${i}.md`);
    if (!p.note) throw new Error(JSON.stringify(p.issues));
    return p.note;
  });
  await syncNotes(t.db, notes, { now: t0 });
  // Two cards of note a and one of note b are reviews due today: review siblings of one another.
  const reviews = await t.db.card.findMany({ where: { noteId: { in: ["t/a", "t/b"] } }, orderBy: [{ noteId: "asc" }, { ord: "asc" }], select: { id: true, noteId: true } });
  const due = [...reviews.filter((c) => c.noteId === "t/a").slice(0, 2), ...reviews.filter((c) => c.noteId === "t/b").slice(0, 1)];
  for (const [i, c] of due.entries()) {
    await t.db.card.update({ where: { id: c.id }, data: { state: State.Review, due: at(-24 * 60 + i), stability: 3, difficulty: 5, reps: 2, lastReview: at(-4 * 24 * 60), scheduledDays: 3 } });
  }
});
afterEach(async () => {
  await t.cleanup();
});

/** What the home page shows and what the review session's first batch says, at `now`. */
async function both(now: Date, s: QueueSettings) {
  const [home, first] = await Promise.all([todayCounts(t.db, { now, settings: s }), studyBatch(t.db, { now, settings: s, size: 50 })]);
  return { home, first };
}

describe("home counts and the review session's first batch", () => {
  it("agree with sibling burying and the exercise cap on, through a session", async () => {
    const s = settings();
    const { home, first } = await both(t0, s);
    // One review of note a (its sibling buried), one of b; new: note c's first card and two of the four exercises.
    expect(first.counts).toEqual({ learning: 0, review: 2, new: 3 });
    expect(home.counts).toEqual(first.counts);
    // The cap holds exercises back: "limited", as the session says when it runs out.
    expect(home.limited).toBe(true);
    expect(home.limited).toBe(first.limited);
    expect(home.done).toEqual({ newCards: 0, reviews: 0, total: 0 });
    // Without burying and the cap the same cards count more: the rule the two share is the one that matters.
    const loose = await todayCounts(t.db, { now: t0, settings: settings({ buryNewSiblings: false, buryReviewSiblings: false, exercisesPerDay: 10 }) });
    expect(loose.counts.review).toBe(3);
    expect(loose.counts.new).toBeGreaterThan(home.counts.new);

    // Through the session, grading the first card of each batch (Again on the first, so that a learning card is held).
    let now = t0;
    for (let i = 0; i < 8; i++) {
      const { home: h, first: b } = await both(now, s);
      expect(h.counts).toEqual(b.counts);
      expect(h.done).toEqual(b.done);
      const card = b.cards[0];
      if (!card) {
        expect({ limited: h.limited, nextDue: h.nextDue }).toEqual({ limited: b.limited, nextDue: b.nextDue });
        break;
      }
      const r = await gradeCard(t.db, {
        cardId: card.id,
        token: card.token,
        rating: i === 0 ? Rating.Again : Rating.Easy,
        now,
        durationMs: 1000,
        scheduler,
        studyDay: UTC,
        bury: { newSiblings: true, reviewSiblings: true, until },
      });
      expect(r.ok).toBe(true);
      now = at(i + 1);
    }
  });

  it("agree when the daily limits are what hold cards back, and say when the next card is due", async () => {
    const s = settings({ newPerDay: 1, reviewsPerDay: 1 });
    const { home, first } = await both(t0, s);
    expect(home.counts).toEqual({ learning: 0, review: 1, new: 1 });
    expect(home.counts).toEqual(first.counts);
    expect(home.limited).toBe(true);
    expect(home.limited).toBe(first.limited);
    // A day with nothing left: the next card is tomorrow's, as the session says.
    const empty = settings({ newPerDay: 0, reviewsPerDay: 0 });
    const e = await both(t0, empty);
    expect(e.home.counts).toEqual({ learning: 0, review: 0, new: 0 });
    expect({ limited: e.home.limited, nextDue: e.home.nextDue }).toEqual({ limited: e.first.limited, nextDue: e.first.nextDue });
    expect(e.home.limited).toBe(true);
  });
});
