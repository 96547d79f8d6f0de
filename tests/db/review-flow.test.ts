import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import type { ParsedNote } from "@/lib/content/types";
import { getCard, reviewLogCount } from "@/lib/db/queries";
import { gradeCard, undoLast } from "@/lib/db/reviews";
import { syncNotes } from "@/lib/db/sync";
import { createScheduler, Rating, reviewToken, State } from "@/lib/srs/schedule";
import { nextCard } from "../support/next-card";
import { createTempDb, type TempDb } from "../support/temp-db";

const fixtures = path.join(import.meta.dirname, "..", "content", "fixtures");
const note = (rel: string): ParsedNote => parseNote(readFileSync(path.join(fixtures, rel), "utf8"), rel).note!;
const scheduler = createScheduler();
const t0 = new Date("2026-03-01T09:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

/** What the database holds at `now`, counted here directly: studied cards due, new cards, all live cards, the next due date. */
async function reviewCounts(db: TempDb["db"], now: Date) {
  const live = { retired: false, note: { retired: false } };
  const [due, fresh, total, next] = await Promise.all([
    db.card.count({ where: { ...live, state: { not: 0 }, due: { lte: now } } }),
    db.card.count({ where: { ...live, state: 0 } }),
    db.card.count({ where: live }),
    db.card.findFirst({ where: { ...live, due: { gt: now } }, orderBy: { due: "asc" }, select: { due: true } }),
  ]);
  return { due, new: fresh, total, nextDue: next?.due ?? null };
}

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(async () => {
  await t.cleanup();
});

/** The next card of the review session, without sibling burying: these tests take a note's cards one after another. */
const next = (now: Date) => nextCard(t.db, now, { settings: { buryNewSiblings: false, buryReviewSiblings: false } });

async function showAndGrade(rating: 1 | 2 | 3 | 4, now: Date) {
  const card = (await next(now))!;
  const r = await gradeCard(t.db, { cardId: card.id, token: card.token, rating, now, durationMs: 4200, scheduler });
  return { card, r };
}

describe("sync", () => {
  it("loads notes and cards; a second sync changes nothing", async () => {
    const notes = [note("all-forms.md"), note("seed-format.md")];
    const first = await syncNotes(t.db, notes, { now: t0 });
    expect(first).toMatchObject({ notes: 2, cardsCreated: 11, cardsRetired: 0 });
    const second = await syncNotes(t.db, notes, { now: at(5) });
    expect(second).toMatchObject({ cardsCreated: 0, cardsUpdated: 11, cardsRetired: 0 });
    expect(await reviewCounts(t.db, t0)).toMatchObject({ due: 0, new: 11, total: 11 });
  });

  it("an edited answer keeps the card's schedule and history", async () => {
    const text = readFileSync(path.join(fixtures, "all-forms.md"), "utf8");
    await syncNotes(t.db, [parseNote(text, "all-forms.md").note!], { now: t0 });
    const id = "fixtures/all-forms:sigma-max";
    const card = (await getCard(t.db, id))!;
    await gradeCard(t.db, { cardId: id, token: reviewToken(id, card.schedule), rating: Rating.Easy, now: t0, durationMs: 1000, scheduler });
    const graded = (await getCard(t.db, id))!;

    const edited = parseNote(text.replace("$1/4$ at $z=0$ ^sigma-max", "$\\tfrac14$, at $z=0$ ^sigma-max"), "all-forms.md").note!;
    await syncNotes(t.db, [edited], { now: at(1) });
    const after = (await getCard(t.db, id))!;
    expect(after.back).toBe("$\\tfrac14$, at $z=0$");
    expect(after.schedule).toEqual(graded.schedule);
    expect(await reviewLogCount(t.db, id)).toBe(1);
  });

  it("a card removed from the Markdown is retired, not deleted, and comes back with its history", async () => {
    const text = readFileSync(path.join(fixtures, "history.md"), "utf8");
    await syncNotes(t.db, [parseNote(text, "history.md").note!], { now: t0 });
    const id = "fixtures/history:window";
    const c = (await getCard(t.db, id))!;
    await gradeCard(t.db, { cardId: id, token: reviewToken(id, c.schedule), rating: Rating.Good, now: t0, durationMs: 1000, scheduler });

    const without = parseNote(text.replace(/^Exploding.*$/m, ""), "history.md").note!;
    const r = await syncNotes(t.db, [without], { now: at(1) });
    expect(r.cardsRetired).toBe(1);
    expect((await getCard(t.db, id))!.retired).toBe(true);
    expect(await reviewLogCount(t.db, id)).toBe(1);
    expect(await next(at(100_000))).toBeNull();

    await syncNotes(t.db, [parseNote(text, "history.md").note!], { now: at(2) });
    expect((await getCard(t.db, id))!.retired).toBe(false);
  });

  it("a note that disappears retires its cards, but an unreadable file keeps them", async () => {
    await syncNotes(t.db, [note("all-forms.md"), note("seed-format.md")], { now: t0 });
    await syncNotes(t.db, [note("all-forms.md")], { now: at(1), unreadablePaths: ["seed-format.md"] });
    expect((await reviewCounts(t.db, t0)).total).toBe(11);
    const r = await syncNotes(t.db, [note("all-forms.md")], { now: at(2) });
    expect(r).toMatchObject({ notesRetired: 1, cardsRetired: 5 });
    expect((await reviewCounts(t.db, t0)).total).toBe(6);
  });

  it("review history in frontmatter seeds the first schedule; afterwards the database wins", async () => {
    await syncNotes(t.db, [note("history.md")], { now: t0 });
    const c = (await getCard(t.db, "fixtures/history:window"))!;
    expect(c.schedule).toMatchObject({ state: State.Review, reps: 3, stability: 10 });
    expect(c.schedule.due.toISOString()).toBe("2025-10-11T00:00:00.000Z");

    await gradeCard(t.db, { cardId: c.id, token: reviewToken(c.id, c.schedule), rating: Rating.Good, now: t0, durationMs: 1, scheduler });
    const graded = (await getCard(t.db, c.id))!;
    await syncNotes(t.db, [note("history.md")], { now: at(1) });
    expect((await getCard(t.db, c.id))!.schedule).toEqual(graded.schedule);
  });
});

describe("grading and undo on a real database", () => {
  beforeEach(async () => {
    await syncNotes(t.db, [note("all-forms.md")], { now: t0 });
  });

  it("a grade writes the new card state and one review log in one go", async () => {
    const { card, r } = await showAndGrade(Rating.Good, at(1));
    expect(r).toMatchObject({ ok: true, duplicate: false, cardId: card.id });
    const after = (await getCard(t.db, card.id))!;
    expect(after.schedule.state).toBe(State.Learning);
    expect(after.schedule.reps).toBe(1);
    expect(after.schedule.due.getTime() - at(1).getTime()).toBe(10 * 60_000);
    expect(await reviewLogCount(t.db, card.id)).toBe(1);
    const log = (await t.db.reviewLog.findFirst({ where: { cardId: card.id } }))!;
    expect(log).toMatchObject({ rating: 3, state: State.New, durationMs: 4200 });
  });

  it("the same grade submitted twice is applied once", async () => {
    const card = (await next(at(1)))!;
    const input = { cardId: card.id, token: card.token, rating: Rating.Good, now: at(1), durationMs: 100, scheduler } as const;
    const [a, b] = await Promise.all([gradeCard(t.db, input), gradeCard(t.db, input)]);
    const c = await gradeCard(t.db, { ...input, rating: Rating.Easy, now: at(2) });
    expect([a, b, c].filter((x) => x.ok && !x.duplicate)).toHaveLength(1);
    expect(c).toMatchObject({ ok: true, duplicate: true });
    expect(await reviewLogCount(t.db, card.id)).toBe(1);
    expect((await getCard(t.db, card.id))!.schedule.reps).toBe(1);
  });

  it("a token from an older showing is refused as stale and changes nothing", async () => {
    const card = (await next(at(1)))!;
    const stale = reviewToken(card.id, { reps: 7, lastReview: t0 });
    const r = await gradeCard(t.db, { cardId: card.id, token: stale, rating: Rating.Good, now: at(1), durationMs: 1, scheduler });
    expect(r).toEqual({ ok: false, error: "stale" });
    expect(await reviewLogCount(t.db)).toBe(0);
    expect((await getCard(t.db, card.id))!.schedule).toEqual(card.schedule);
  });

  it("undo restores the card's previous state exactly and removes the log entry", async () => {
    const { card: first } = await showAndGrade(Rating.Good, at(1));
    const { card: second } = await showAndGrade(Rating.Again, at(2));
    expect(second.id).not.toBe(first.id);
    const before = second.schedule;

    expect(await undoLast(t.db)).toEqual({ ok: true, cardId: second.id, undone: "grade" });
    expect((await getCard(t.db, second.id))!.schedule).toEqual(before);
    expect(await reviewLogCount(t.db, second.id)).toBe(0);
    expect(await reviewLogCount(t.db, first.id)).toBe(1);

    // The same showing can be graded again after the undo.
    const again = await gradeCard(t.db, { cardId: second.id, token: second.token, rating: Rating.Easy, now: at(3), durationMs: 1, scheduler });
    expect(again).toMatchObject({ ok: true, duplicate: false });

    expect(await undoLast(t.db)).toMatchObject({ ok: true, cardId: second.id });
    expect(await undoLast(t.db)).toMatchObject({ ok: true, cardId: first.id });
    expect(await undoLast(t.db)).toEqual({ ok: false, error: "nothing-to-undo" });
    expect(await reviewCounts(t.db, at(3))).toMatchObject({ due: 0, new: 6 });
  });

  it("answer time is capped at 60 s", async () => {
    const card = (await next(at(1)))!;
    await gradeCard(t.db, { cardId: card.id, token: card.token, rating: Rating.Good, now: at(1), durationMs: 3_600_000, scheduler });
    expect((await t.db.reviewLog.findFirst())!.durationMs).toBe(60_000);
  });

  it("learning cards come before new ones, and nothing is due once all are graded Easy", async () => {
    const { card: first } = await showAndGrade(Rating.Again, at(1));
    expect((await next(at(3)))!.id).toBe(first.id);
    for (let i = 0; i < 6; i++) await showAndGrade(Rating.Easy, at(10 + i));
    expect(await next(at(20))).toBeNull();
    const counts = await reviewCounts(t.db, at(20));
    expect(counts).toMatchObject({ due: 0, new: 0 });
    expect(counts.nextDue!.getTime()).toBeGreaterThan(at(20).getTime());
  });

  it("a failed write leaves the database as it was", async () => {
    const card = (await next(at(1)))!;
    // Occupy the token so the log insert fails after the card update inside the transaction.
    await t.db.reviewLog.create({
      data: { id: "blocker", cardId: card.id, token: "blocked-token", rating: 1, state: 0, due: t0, stability: 0, difficulty: 0, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, reviewedAt: t0, durationMs: 0, previousCard: "{}" },
    });
    await t.db.$executeRawUnsafe(`CREATE TRIGGER fail_log BEFORE INSERT ON ReviewLog WHEN NEW.id <> 'blocker' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(gradeCard(t.db, { cardId: card.id, token: card.token, rating: Rating.Good, now: at(1), durationMs: 1, scheduler })).rejects.toThrow();
    expect((await getCard(t.db, card.id))!.schedule).toEqual(card.schedule);
    expect(await reviewLogCount(t.db)).toBe(1);
  });
});
