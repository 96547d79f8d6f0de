import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { studyBatch, type QueueSettings } from "@/lib/db/queue";
import { gradeCard, setAside, undoLast } from "@/lib/db/reviews";
import { getSettings, saveSettings } from "@/lib/db/settings";
import { syncNotes } from "@/lib/db/sync";
import { schedulerFor } from "@/lib/srs/config";
import { nextDayStart } from "@/lib/srs/day";
import { Rating, State } from "@/lib/srs/schedule";
import { DEFAULT_SETTINGS } from "@/lib/srs/settings";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * The review session's server side on a real SQLite database: batches of
 * today's queue (lib/db/queue), grades with sibling burying, showing tokens
 * across tabs and undo (lib/db/reviews), the exercise cap.
 */

const t0 = new Date("2026-03-02T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const scheduler = schedulerFor({ ...DEFAULT_SETTINGS, fuzz: false });
const UTC = { dayStartHour: 4, timeZone: "UTC" };
const until = nextDayStart(t0, UTC.dayStartHour, UTC.timeZone);

const settings = (o: Partial<QueueSettings> = {}): QueueSettings => ({
  newPerDay: 20,
  reviewsPerDay: 200,
  exercisesPerDay: 10,
  buryNewSiblings: true,
  buryReviewSiblings: true,
  ...UTC,
  ...o,
});

const front = (id: string, title: string) => `---\nid: ${id}\ntitle: ${title}\nlang: en\n---\n\n# ${title}\n\n## Cards\n\n`;
const exercise = (id: string) => "```exercise\nid: " + id + "\ngenerator: sigmoid-derivative\ndifficulty: 1\nparams:\n  mode: value\n```\n";
const NOTES = {
  // One cloze paragraph of three blanks: three sibling cards, plus a one-line card.
  speeds: front("t/a-speeds", "Speeds") + "The speeds are ==0.012==, ==0.060== and ==0.283==. ^speeds-three-layers\n\nWhy?::Because. ^why\n",
  other: front("t/b-other", "Other") + "One::1 ^one\n\nTwo::2 ^two\n",
  exercises: front("t/c-exercises", "Exercises") + exercise("ex-1") + "\n" + exercise("ex-2") + "\n" + exercise("ex-3"),
};

let t: TempDb;
beforeEach(async () => {
  t = createTempDb();
  const notes = Object.entries(NOTES).map(([k, text]) => {
    const p = parseNote(text, `${k}.md`);
    if (!p.note) throw new Error(JSON.stringify(p.issues));
    return p.note;
  });
  await syncNotes(t.db, notes, { now: t0 });
});
afterEach(async () => {
  await t.cleanup();
});

const batch = (now: Date, o: Partial<QueueSettings> = {}, extra: Partial<Parameters<typeof studyBatch>[1]> = {}) => studyBatch(t.db, { now, settings: settings(o), size: 50, ...extra });
const grade = (cardId: string, token: string, rating: 1 | 2 | 3 | 4, now: Date, bury = true) =>
  gradeCard(t.db, { cardId, token, rating, now, durationMs: 3000, scheduler, studyDay: UTC, ...(bury ? { bury: { newSiblings: true, reviewSiblings: true, until } } : {}) });
const card = (id: string) => t.db.card.findUniqueOrThrow({ where: { id } });

describe("a batch of today's queue", () => {
  it("with siblings buried, one card per note, in note order; all of them with burying off", async () => {
    const b = await batch(t0);
    expect(b.cards.map((c) => c.id)).toEqual(["t/a-speeds:speeds-three-layers-1", "t/b-other:one", "t/c-exercises:ex-1"]);
    expect(b.counts).toEqual({ learning: 0, review: 0, new: 3 });
    expect(b.more).toBe(false);
    expect(b.cards.every((c) => c.queue === "new" && /~[A-Za-z0-9_-]+$/.test(c.token))).toBe(true);
    const off = await batch(t0, { buryNewSiblings: false, buryReviewSiblings: false });
    expect(off.cards.map((c) => c.id)).toHaveLength(9);
    expect(off.counts.new).toBe(9);
  });

  it("the cards the browser holds are counted but not sent again; more says the queue goes on", async () => {
    const all = await batch(t0, { buryNewSiblings: false }, { size: 4 });
    expect(all.cards).toHaveLength(4);
    expect(all.more).toBe(true);
    const next = await batch(t0, { buryNewSiblings: false }, { size: 4, held: all.cards.map((c) => ({ id: c.id, token: c.token })) });
    expect(next.cards).toHaveLength(4);
    expect(next.cards.some((c) => all.cards.some((h) => h.id === c.id))).toBe(false);
    expect(next.counts.new).toBe(9);
    expect(next.drop).toEqual([]);
  });
});

describe("sibling burying", () => {
  it("grading the first blank buries the other blanks and the note's other new card until the next study day; undo unburies them", async () => {
    const [first] = (await batch(t0)).cards;
    const r = await grade(first!.id, first!.token, Rating.Good, at(1));
    expect(r).toMatchObject({ ok: true, state: State.Learning });
    expect(r.ok && [...r.buried].sort()).toEqual(["t/a-speeds:speeds-three-layers-2", "t/a-speeds:speeds-three-layers-3", "t/a-speeds:why"]);
    for (const id of ["t/a-speeds:speeds-three-layers-2", "t/a-speeds:speeds-three-layers-3"]) expect((await card(id)).buriedUntil).toEqual(until);
    // Later today the note's only card is the one in learning; tomorrow the next blank is new again.
    const later = await batch(at(30));
    expect(later.cards.filter((c) => c.id.startsWith("t/a-speeds")).map((c) => c.id)).toEqual(["t/a-speeds:speeds-three-layers-1"]);
    // While the first blank is in learning it holds its note's place; once it graduates, tomorrow brings the next blank.
    const learning = later.cards.find((c) => c.id === first!.id)!;
    expect(learning.queue).toBe("learning");
    expect(await grade(learning.id, learning.token, Rating.Good, at(30))).toMatchObject({ ok: true, state: State.Review });
    const tomorrow = await batch(new Date(until.getTime() + 60_000));
    expect(tomorrow.cards.filter((c) => c.id.startsWith("t/a-speeds")).map((c) => c.id)).toEqual(["t/a-speeds:speeds-three-layers-2"]);

    await undoLast(t.db, new Date(0), at(31));
    expect(await undoLast(t.db, new Date(0), at(32))).toEqual({ ok: true, cardId: first!.id, undone: "grade" });
    for (const id of ["t/a-speeds:speeds-three-layers-2", "t/a-speeds:speeds-three-layers-3", "t/a-speeds:why"]) expect((await card(id)).buriedUntil).toBeNull();
    expect(await t.db.cardAction.count({ where: { kind: "bury-sibling" } })).toBe(0);
    // The sibling records are no learner's action: the next undo has nothing left.
    expect(await undoLast(t.db, new Date(0), at(33))).toEqual({ ok: false, error: "nothing-to-undo" });
  });

  it("a review sibling due today is buried with the review setting, not when only new siblings are", async () => {
    await t.db.card.update({ where: { id: "t/b-other:two" }, data: { state: State.Review, due: at(60), stability: 5, difficulty: 5, reps: 1, lastReview: at(-5 * 1440), scheduledDays: 5 } });
    const one = (await batch(t0, { buryNewSiblings: false, buryReviewSiblings: false })).cards.find((c) => c.id === "t/b-other:one")!;
    const r = await gradeCard(t.db, { cardId: one.id, token: one.token, rating: 3, now: at(1), durationMs: 1, scheduler, bury: { newSiblings: true, reviewSiblings: false, until } });
    expect(r.ok && r.buried).toEqual([]);
    await undoLast(t.db, new Date(0), at(2));
    // With burying on, the review comes first (reviews are gathered before new cards) and its new sibling waits.
    const again = (await batch(at(3))).cards.filter((c) => c.id.startsWith("t/b-other"));
    expect(again.map((c) => [c.id, c.queue])).toEqual([["t/b-other:two", "review"]]);
    const r2 = await grade(again[0]!.id, again[0]!.token, 3, at(4));
    expect(r2.ok && r2.buried).toEqual(["t/b-other:one"]);
  });
});

describe("showing tokens", () => {
  it("two tabs: the second grade of the same card is refused as graded elsewhere; a retry of the first is one grade", async () => {
    const tabA = (await batch(t0)).cards[0]!;
    const tabB = (await batch(t0)).cards[0]!;
    expect(tabA.id).toBe(tabB.id);
    expect(tabA.token).not.toBe(tabB.token);
    expect(await grade(tabA.id, tabA.token, Rating.Good, at(1))).toMatchObject({ ok: true, duplicate: false });
    expect(await grade(tabB.id, tabB.token, Rating.Easy, at(1))).toEqual({ ok: false, error: "graded-elsewhere" });
    expect(await grade(tabA.id, tabA.token, Rating.Good, at(1))).toMatchObject({ ok: true, duplicate: true });
    expect(await t.db.reviewLog.count({ where: { cardId: tabA.id } })).toBe(1);
    // Tab B's next batch lets the card go: it changed since B was given it.
    const b = await batch(at(2), {}, { held: [{ id: tabB.id, token: tabB.token }] });
    expect(b.drop).toEqual([tabB.id]);
  });

  it("a replayed grade for an undone review is refused; the restored card's new showing can be graded", async () => {
    const shown = (await batch(t0)).cards[0]!;
    expect(await grade(shown.id, shown.token, Rating.Again, at(1))).toMatchObject({ ok: true });
    await undoLast(t.db, new Date(0), at(2));
    expect(await grade(shown.id, shown.token, Rating.Again, at(3))).toEqual({ ok: false, error: "undone" });
    expect(await t.db.reviewLog.count({ where: { cardId: shown.id } })).toBe(0);
    const restored = (await batch(at(4), {}, { preferId: shown.id })).cards[0]!;
    expect(restored.id).toBe(shown.id);
    expect(restored.token).not.toBe(shown.token);
    expect(await grade(restored.id, restored.token, Rating.Good, at(5))).toMatchObject({ ok: true, duplicate: false });
  });

  it("a bury with a showing token of a card graded elsewhere is refused as stale", async () => {
    const a = (await batch(t0)).cards[0]!;
    const b = (await batch(t0)).cards[0]!;
    await grade(a.id, a.token, Rating.Good, at(1));
    expect(await setAside(t.db, { cardId: b.id, token: b.token, kind: "bury", now: at(2), until })).toEqual({ ok: false, error: "stale" });
  });
});

describe("learning cards and learn-ahead", () => {
  it("a card graded into a step comes back as learning with its due time; a failed exercise is marked failed", async () => {
    const first = await batch(t0);
    const flash = first.cards.find((c) => c.id === "t/b-other:one")!;
    const ex = first.cards.find((c) => c.id === "t/c-exercises:ex-1")!;
    await grade(flash.id, flash.token, Rating.Good, at(1));
    await grade(ex.id, ex.token, Rating.Again, at(1));
    const b = await batch(at(2));
    const learning = b.cards.filter((c) => c.queue === "learning");
    expect(learning.map((c) => [c.id, c.schedule.due.getTime() - at(1).getTime(), c.failed])).toEqual([
      ["t/c-exercises:ex-1", 60_000, true],
      ["t/b-other:one", 600_000, false],
    ]);
    expect(b.counts.learning).toBe(2);
  });
});

describe("the daily exercise cap", () => {
  it("at most exercisesPerDay exercises from the review and new queues; then the day is limited", async () => {
    const o = { exercisesPerDay: 2, buryNewSiblings: false };
    const b = await batch(t0, o);
    expect(b.cards.filter((c) => c.exercise).map((c) => c.id)).toEqual(["t/c-exercises:ex-1", "t/c-exercises:ex-2"]);
    for (const c of b.cards) await grade(c.id, c.token, Rating.Easy, at(1), false);
    const after = await batch(at(2), o);
    expect(after.cards).toEqual([]);
    expect(after.counts).toEqual({ learning: 0, review: 0, new: 0 });
    expect(after.limited).toBe(true);
    // A learning exercise is never held back by the cap.
    const ex1 = await t.db.card.findUniqueOrThrow({ where: { id: "t/c-exercises:ex-1" } });
    await t.db.card.update({ where: { id: ex1.id }, data: { state: State.Relearning, due: at(2) } });
    expect((await batch(at(3), o)).cards.map((c) => c.id)).toEqual(["t/c-exercises:ex-1"]);
  });
});

describe("the new settings", () => {
  it("default to Anki's (both siblings buried) and 10 exercises a day; out-of-range caps are refused", async () => {
    const s = await getSettings(t.db);
    expect([s.buryNewSiblings, s.buryReviewSiblings, s.exercisesPerDay]).toEqual([true, true, 10]);
    expect(await saveSettings(t.db, { buryNewSiblings: false, exercisesPerDay: 3 })).toMatchObject({ ok: true });
    expect(await getSettings(t.db)).toMatchObject({ buryNewSiblings: false, buryReviewSiblings: true, exercisesPerDay: 3 });
    const bad = await saveSettings(t.db, { exercisesPerDay: -1 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.errors)).toEqual(["exercisesPerDay"]);
  });
});
