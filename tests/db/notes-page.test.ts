import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listNotes, NOTES_PER_PAGE, notesPage } from "@/lib/db/queries";
import { syncNotes } from "@/lib/db/sync";
import { generatedNotes } from "../../bench/generated-notes";
import { createTempDb, type TempDb } from "../support/temp-db";

const t0 = new Date("2026-03-01T09:00:00Z");

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe("the home page's notes, a page at a time", () => {
  it("pages through every note in path order with the same counts as the whole list", async () => {
    await syncNotes(t.db, generatedNotes(2 * NOTES_PER_PAGE + 7, 3), { now: t0 });
    const all = await listNotes(t.db, t0);
    const pages = [1, 2, 3].map((p) => notesPage(t.db, t0, ["en"], p));
    const got = await Promise.all(pages);
    expect(got.map((p) => [p.page, p.pages, p.total, p.notes.length])).toEqual([
      [1, 3, all.length, NOTES_PER_PAGE],
      [2, 3, all.length, NOTES_PER_PAGE],
      [3, 3, all.length, 7],
    ]);
    expect(got.flatMap((p) => p.notes)).toEqual(all);
    // Past the end: the last page; before the start or not a number: the first.
    expect((await notesPage(t.db, t0, ["en"], 99)).page).toBe(3);
    expect((await notesPage(t.db, t0, ["en"], Number.NaN)).page).toBe(1);
    // Another language: nothing, one empty page.
    expect(await notesPage(t.db, t0, ["zh"], 1)).toEqual({ notes: [], total: 0, page: 1, pages: 1 });
  });
});
