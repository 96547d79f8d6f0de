import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { parseNote } from "@/lib/content/parse";
import { studyBatch, todayCounts, type QueueSettings } from "@/lib/db/queue";
import { syncNotes } from "@/lib/db/sync";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * lib/db/queue reads today's queue a page at a time (at most 200 rows, going
 * on from the last row read). With more cards than a page, every card must
 * come exactly once and in order: 260 notes of two new cards each (the new
 * queue by note, with and without new siblings buried), and 250 review cards
 * due today, 90 of them sharing one due time across the end of the first page (the review queue by due time,
 * then id). The expected queues come from the fixture and a plain sort,
 * not from the code under test.
 */

const NOTES = 260;
const t0 = new Date("2026-03-02T10:00:00Z");
const UTC = { dayStartHour: 4, timeZone: "UTC" };
const settings = (o: Partial<QueueSettings>): QueueSettings => ({
  newPerDay: 9999,
  reviewsPerDay: 9999,
  exercisesPerDay: 10,
  buryNewSiblings: true,
  buryReviewSiblings: true,
  ...UTC,
  ...o,
});
const pad = (i: number) => String(i).padStart(3, "0");
const noteId = (i: number) => `p/n${pad(i)}`;

let t: TempDb;
beforeAll(async () => {
  t = createTempDb();
  const notes = Array.from({ length: NOTES }, (_, i) => {
    const text = `---\nid: ${noteId(i)}\ntitle: N${i}\nlang: en\n---\n\n# N${i}\n\n## Cards\n\nFirst ${i}?::a ^first\n\nSecond ${i}?::b ^second\n`;
    const p = parseNote(text, `n${pad(i)}.md`);
    if (!p.note) throw new Error(JSON.stringify(p.issues));
    return p.note;
  });
  await syncNotes(t.db, notes, { now: t0 });
}, 60_000);
afterAll(async () => {
  await t.cleanup();
});

/**
 * Makes the second card of each of the first 250 notes a review card due
 * today: note i a minute after note i-1, except notes 150-239, which all share
 * one due time, so that the ties straddle the end of the first page (200 rows).
 * Returns each card's due time.
 */
function makeReviews(): Map<string, number> {
  const sql = new Database(t.file);
  const set = sql.prepare(`UPDATE "Card" SET "state" = 2, "reps" = 3, "stability" = 10, "difficulty" = 5, "scheduledDays" = 10, "lastReview" = ?, "due" = ? WHERE "id" = ?`);
  const dues = new Map<string, number>();
  for (let i = 0; i < 250; i++) {
    const minutesAgo = i >= 150 && i < 240 ? 100 : 300 - i;
    const due = t0.getTime() - minutesAgo * 60_000;
    set.run("2026-02-01T10:00:00.000+00:00", new Date(due).toISOString().replace("Z", "+00:00"), `${noteId(i)}:second`);
    dues.set(`${noteId(i)}:second`, due);
  }
  sql.close();
  return dues;
}

describe("the queue read page by page", () => {
  it("new cards, siblings buried: each note's first card, every note once, in note order", async () => {
    const b = await studyBatch(t.db, { now: t0, settings: settings({}), size: 1000 });
    expect(b.counts).toEqual({ learning: 0, review: 0, new: NOTES });
    expect(b.cards.map((c) => c.id)).toEqual(Array.from({ length: NOTES }, (_, i) => `${noteId(i)}:first`));
  });

  it("new cards, siblings not buried: every card once, note by note in card order", async () => {
    const b = await studyBatch(t.db, { now: t0, settings: settings({ buryNewSiblings: false }), size: 1000 });
    expect(b.cards.map((c) => c.id)).toEqual(Array.from({ length: NOTES }, (_, i) => [`${noteId(i)}:first`, `${noteId(i)}:second`]).flat());
    expect((await todayCounts(t.db, { now: t0, settings: settings({ buryNewSiblings: false }) })).counts.new).toBe(2 * NOTES);
  });

  it("reviews due today, ties on the due time included: every card once, by due time then id", async () => {
    const dues = makeReviews();
    const b = await studyBatch(t.db, { now: t0, settings: settings({ buryReviewSiblings: false, newPerDay: 0 }), size: 1000 });
    const expected = [...dues].sort(([a, da], [b, db]) => da - db || (a < b ? -1 : 1)).map(([id]) => id);
    expect(new Set(expected.slice(150, 240))).toEqual(new Set(Array.from({ length: 90 }, (_, k) => `${noteId(150 + k)}:second`)));
    expect(b.counts.review).toBe(250);
    expect(b.cards.map((c) => c.id)).toEqual(expected);
  });
});
