import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { backupStream, BackupError, createBackupFile } from "@/lib/db/backup";
import { getCard } from "@/lib/db/queries";
import { gradeCard } from "@/lib/db/reviews";
import { syncNotes } from "@/lib/db/sync";
import { createScheduler, reviewToken } from "@/lib/srs/schedule";
import { createTempDb, type TempDb } from "../support/temp-db";

const fixtures = path.join(import.meta.dirname, "..", "content", "fixtures");
const note = (rel: string) => parseNote(readFileSync(path.join(fixtures, rel), "utf8"), rel).note!;
const scheduler = createScheduler();
const t0 = new Date("2026-03-01T09:00:00Z");
const TABLES = ["_prisma_migrations", "Note", "Card", "ReviewLog", "Attempt", "CardAction", "Settings"];

let t: TempDb;
beforeEach(async () => {
  t = createTempDb();
  await syncNotes(t.db, [note("all-forms.md"), note("seed-format.md")], { now: t0 });
  const cards = await t.db.card.findMany({ orderBy: { id: "asc" } });
  for (const [i, c] of cards.entries()) {
    const card = (await getCard(t.db, c.id))!;
    await gradeCard(t.db, { cardId: c.id, token: reviewToken(c.id, card.schedule), rating: ((i % 4) + 1) as 1 | 2 | 3 | 4, now: new Date(t0.getTime() + i * 1000), durationMs: 1000 + i, scheduler });
  }
});
afterEach(async () => {
  await t.cleanup();
});

function open(file: string, readonly = true) {
  return new Database(file, { readonly, fileMustExist: true });
}

/** Every row of every table, in a fixed order. */
function dump(db: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()]));
}

describe("database backup", () => {
  it("is a SQLite file with the same rows, passing the integrity check, in rollback-journal mode", async () => {
    const backup = await createBackupFile(t.url);
    try {
      const src = open(t.file);
      const copy = open(backup.file);
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
      expect(dump(src).ReviewLog).toHaveLength(11);
      expect(dump(copy)).toEqual(dump(src));
      src.close();
      copy.close();
      expect(existsSync(`${backup.file}-wal`)).toBe(false);
    } finally {
      backup.cleanup();
    }
    expect(existsSync(backup.file)).toBe(false);
  });

  it("holds writes committed through Prisma just before it, which may still sit in the WAL", async () => {
    await t.db.note.update({ where: { id: "seed-format" }, data: { title: "renamed just now" } });
    const backup = await createBackupFile(t.url);
    try {
      const copy = open(backup.file);
      expect(copy.prepare(`SELECT title FROM Note WHERE id = 'seed-format'`).get()).toEqual({ title: "renamed just now" });
      copy.close();
    } finally {
      backup.cleanup();
    }
  });

  it("taken while another connection keeps writing, is a consistent state: the last one", async () => {
    const writer = new Database(t.file);
    const cardIds = (writer.prepare(`SELECT id FROM Card ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
    // Invariant each write keeps: a card's reps minus its number of review log rows.
    const gap = (db: Database.Database) =>
      db.prepare(`SELECT c.id, c.reps - (SELECT COUNT(*) FROM ReviewLog r WHERE r.cardId = c.id) AS gap FROM Card c ORDER BY c.id`).all();
    const gapBefore = gap(writer);
    const insert = writer.prepare(
      `INSERT INTO ReviewLog (id, cardId, token, rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays, learningSteps, reviewedAt, durationMs, previousCard)
       VALUES (?, ?, ?, 3, 2, ?, 1, 5, 0, 0, 1, 0, ?, 1000, '{}')`,
    );
    const bump = writer.prepare(`UPDATE Card SET reps = reps + 1 WHERE id = ?`);
    // One "grade": a log row and the card's counter, in one transaction.
    const write = writer.transaction((n: number) => {
      const id = cardIds[n % cardIds.length]!;
      const when = new Date(t0.getTime() + 86_400_000 + n * 1000).toISOString().replace("Z", "+00:00");
      insert.run(randomUUID(), id, `concurrent-${n}`, when, when);
      bump.run(id);
    });

    let writes = 0;
    let steps = 0;
    const logsBefore = (writer.prepare(`SELECT COUNT(*) AS n FROM ReviewLog`).get() as { n: number }).n;
    const backup = await createBackupFile(t.url, {
      pagesPerStep: 1,
      // Between two backup steps, the other connection commits a grade (the first 25 times).
      onStep: () => {
        steps++;
        if (writes < 25) write(writes++);
      },
    });
    try {
      expect(writes).toBe(25);
      expect(steps).toBeGreaterThan(25);
      const copy = open(backup.file);
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(gap(copy)).toEqual(gapBefore);
      const logsInCopy = (copy.prepare(`SELECT COUNT(*) AS n FROM ReviewLog`).get() as { n: number }).n;
      expect(logsInCopy).toBe(logsBefore + 25);
      expect(dump(copy)).toEqual(dump(writer));
      copy.close();
    } finally {
      backup.cleanup();
      writer.close();
    }
  });

  it("streams the snapshot; the temp file is gone as soon as the stream holds it open", async () => {
    const { stream, size, file } = await backupStream(t.url);
    expect(existsSync(file)).toBe(false);
    const bytes = Buffer.from(await new Response(stream).arrayBuffer());
    expect(bytes.length).toBe(size);
    expect(bytes.subarray(0, 16).toString("latin1")).toBe("SQLite format 3\0");
    await expect.poll(() => existsSync(file)).toBe(false);
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it("deletes the temp file when the download is cancelled", async () => {
    const { stream, file } = await backupStream(t.url);
    await stream.cancel();
    await expect.poll(() => existsSync(file)).toBe(false);
  });

  it("says clearly when there is no database", async () => {
    await expect(createBackupFile(`file:${path.join(path.dirname(t.file), "missing.db")}`)).rejects.toThrow(BackupError);
    await expect(createBackupFile(`file:${path.join(path.dirname(t.file), "missing.db")}`)).rejects.toThrow(/no database to back up at .*missing\.db/);
  });
});
