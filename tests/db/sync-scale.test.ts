import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import type { ParsedNote } from "@/lib/content/types";
import { syncNotes } from "@/lib/db/sync";
import { generatedNoteText, generatedNotes } from "../../bench/generated-notes";
import { createTempDb, type TempDb } from "../support/temp-db";

const t0 = new Date("2026-03-01T09:00:00Z");
const at = (min: number) => new Date(t0.getTime() + min * 60_000);

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(async () => {
  await t.cleanup();
});

/** Every row's last write time, to prove a sync wrote nothing. */
async function writeTimes() {
  const notes = await t.db.note.findMany({ select: { id: true, syncedAt: true, syncHash: true, retired: true }, orderBy: { id: "asc" } });
  const cards = await t.db.card.findMany({ select: { id: true, updatedAt: true, retired: true }, orderBy: { id: "asc" } });
  return { notes, cards };
}

describe("sync at scale", () => {
  // SQLite through Prisma binds at most 999 parameters; one per note used to fail at 997 notes (P2029).
  it("syncs 5,000 notes, retires 2,000 of them, and an unchanged second sync writes nothing", async () => {
    const notes = generatedNotes(5_000, 1);
    const first = await syncNotes(t.db, notes, { now: t0 });
    expect(first).toMatchObject({ notes: 5_000, cardsCreated: 5_000, cardsRetired: 0, notesRetired: 0, notesUnchanged: 0 });
    expect(await t.db.card.count({ where: { retired: false } })).toBe(5_000);

    const before = await writeTimes();
    const again = await syncNotes(t.db, notes, { now: at(1) });
    expect(again).toMatchObject({ cardsCreated: 0, cardsUpdated: 5_000, cardsRewritten: 0, cardsRetired: 0, notesRetired: 0, notesUnchanged: 5_000 });
    expect(await writeTimes()).toEqual(before);

    // 2,000 notes disappear, 5 of them only because their files are unreadable right now.
    const kept = notes.slice(0, 3_000);
    const unreadablePaths = notes.slice(3_000, 3_005).map((n) => n.path);
    const r = await syncNotes(t.db, kept, { now: at(2), unreadablePaths });
    expect(r).toMatchObject({ notesRetired: 1_995, cardsRetired: 1_995, cardsCreated: 0, notesUnchanged: 3_000 });
    expect(await t.db.card.count({ where: { retired: false } })).toBe(3_005);
  }, 60_000);
});

describe("sync writes only what changed", () => {
  const notes = () => generatedNotes(20, 6);

  it("one edited card rewrites that card and its note, nothing else", async () => {
    const all = notes();
    await syncNotes(t.db, all, { now: t0 });
    const before = await writeTimes();

    const text = generatedNoteText(7, 6, 1).replace("What is factor 3 of", "What, exactly, is factor 3 of");
    const edited = parseNote(text, "gen/note-7.md").note!;
    const r = await syncNotes(t.db, all.map((n, i) => (i === 7 ? edited : n)), { now: at(1) });
    expect(r).toMatchObject({ notesUnchanged: 19, cardsRewritten: 1, cardsCreated: 0, cardsRetired: 0 });

    const after = await writeTimes();
    expect(after.notes.filter((n, i) => n.syncedAt.getTime() !== before.notes[i]!.syncedAt.getTime()).map((n) => n.id)).toEqual(["gen/note-7"]);
    expect(after.cards.filter((c, i) => c.updatedAt.getTime() !== before.cards[i]!.updatedAt.getTime()).map((c) => c.id)).toEqual(["gen/note-7:c3"]);
    expect((await t.db.card.findUniqueOrThrow({ where: { id: "gen/note-7:c3" } })).front).toMatch(/^What, exactly, is factor 3/);
  });

  it("the same file parsed into different cards (a newer parser) is written again: the skip is on what sync writes, not the file hash", async () => {
    const [note] = notes();
    await syncNotes(t.db, [note!], { now: t0 });
    const reparsed: ParsedNote = { ...note!, cards: note!.cards.map((c, i) => (i === 0 ? { ...c, back: `${c.back} (rendered differently)` } : c)) };
    expect(reparsed.contentHash).toBe(note!.contentHash);
    const r = await syncNotes(t.db, [reparsed], { now: at(1) });
    expect(r).toMatchObject({ notesUnchanged: 0, cardsRewritten: 1 });
    expect((await t.db.card.findUniqueOrThrow({ where: { id: note!.cards[0]!.id } })).back).toMatch(/rendered differently\)$/);
  });

  it("a retired note that comes back unchanged is live again, with its cards", async () => {
    const all = notes();
    await syncNotes(t.db, all, { now: t0 });
    await syncNotes(t.db, all.slice(1), { now: at(1) });
    expect(await t.db.note.findUniqueOrThrow({ where: { id: "gen/note-0" } })).toMatchObject({ retired: true });
    const r = await syncNotes(t.db, all, { now: at(2) });
    expect(r).toMatchObject({ notesUnchanged: 19, cardsCreated: 0, cardsRewritten: all[0]!.cards.length });
    expect(await t.db.note.findUniqueOrThrow({ where: { id: "gen/note-0" } })).toMatchObject({ retired: false });
    expect(await t.db.card.count({ where: { noteId: "gen/note-0", retired: false } })).toBe(all[0]!.cards.length);
  });

  it("a database synced before the hash was stored is hashed on its next sync without rewriting a card", async () => {
    const all = notes();
    await syncNotes(t.db, all, { now: t0 });
    await t.db.note.updateMany({ data: { syncHash: "" } });
    const before = await writeTimes();
    const r = await syncNotes(t.db, all, { now: at(1) });
    expect(r).toMatchObject({ notesUnchanged: 0, cardsRewritten: 0, cardsCreated: 0 });
    expect((await writeTimes()).cards).toEqual(before.cards);
    expect((await syncNotes(t.db, all, { now: at(2) })).notesUnchanged).toBe(20);
  });

  it("cards inserted by sync store their dates exactly as Prisma writes them", async () => {
    const [note] = notes();
    await syncNotes(t.db, [note!], { now: t0 });
    // A card Prisma itself writes, with the same dates.
    await t.db.card.create({ data: { id: "prisma-made", noteId: note!.id, kind: "basic", front: "f", back: "b", line: 1, ord: 99, due: t0, createdAt: t0, updatedAt: t0 } });
    const rows = await t.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT id, due, typeof(due) AS dueType, createdAt, updatedAt, typeof(retired) AS retiredType, retired, exercise, lastReview, typeof(stability) AS stabilityType FROM "Card" WHERE id IN (?, ?) ORDER BY id = 'prisma-made'`,
      note!.cards[1]!.id,
      "prisma-made",
    );
    const [synced, prismaMade] = rows;
    expect({ ...synced, id: "" }).toEqual({ ...prismaMade, id: "" });
    // And Prisma's own date filters see them.
    expect(await t.db.card.count({ where: { due: { lte: t0 }, createdAt: { gte: t0 } } })).toBe(note!.cards.length + 1);
  });
});
