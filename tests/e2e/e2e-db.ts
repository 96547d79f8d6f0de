import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * The e2e server's SQLite file (playwright.config.ts points DATABASE_URL at
 * it; tests/e2e/web-server.mjs recreates it for every run).
 */
export const E2E_PORT = Number(process.env.E2E_PORT || 3917);
export const E2E_DB_FILE = path.join(os.tmpdir(), `gradprep-e2e-${E2E_PORT}.db`);

/**
 * Test setup: the learner's language choice, written straight into the
 * settings row (the server reads it on every request). null = not chosen.
 */
export function setLanguageChoice(choice: { locale: string | null; study: string | null }): void {
  const db = new Database(E2E_DB_FILE, { fileMustExist: true });
  try {
    db.prepare(
      `INSERT INTO "Settings" ("id", "locale", "study", "updatedAt") VALUES (1, ?, ?, ?)
       ON CONFLICT("id") DO UPDATE SET "locale" = excluded."locale", "study" = excluded."study"`,
    ).run(choice.locale, choice.study, Date.now());
  } finally {
    db.close();
  }
}

/** Most specs study the fixture notes in both languages, with the interface in English. */
export function studyBothLanguages(): void {
  setLanguageChoice({ locale: null, study: "en,zh" });
}

/** A date as the Prisma SQLite adapter stores it (ISO with an explicit +00:00 offset). */
const stored = (d: Date) => d.toISOString().replace("Z", "+00:00");

/**
 * Test setup for a spec that must not depend on what earlier specs left: no
 * review history, attempts or buries, every card new and due now, nothing
 * suspended. With `later`, those cards are instead reviews due in 30 days,
 * out of today's queue (e.g. the live exercise, for a spec about flashcards).
 */
export function freshSchedule(later: readonly string[] = []): void {
  const db = new Database(E2E_DB_FILE, { fileMustExist: true });
  try {
    const now = new Date();
    db.transaction(() => {
      db.prepare(`DELETE FROM "ReviewLog"`).run();
      db.prepare(`DELETE FROM "Attempt"`).run();
      db.prepare(`DELETE FROM "CardAction"`).run();
      db.prepare(
        `UPDATE "Card" SET "due" = ?, "stability" = 0, "difficulty" = 0, "elapsedDays" = 0, "scheduledDays" = 0,
           "learningSteps" = 0, "reps" = 0, "lapses" = 0, "state" = 0, "lastReview" = NULL,
           "suspended" = 0, "buriedUntil" = NULL, "leech" = 0`,
      ).run(stored(now));
      const month = stored(new Date(now.getTime() + 30 * 86_400_000));
      const review = db.prepare(
        `UPDATE "Card" SET "state" = 2, "due" = ?, "stability" = 30, "difficulty" = 5, "scheduledDays" = 30, "reps" = 1, "lastReview" = ? WHERE "id" = ?`,
      );
      for (const id of later) review.run(month, stored(now), id);
    })();
  } finally {
    db.close();
  }
}

/** Test setup: the review session's settings (sibling burying, the daily exercise cap), written into the settings row. */
export function setSessionSettings(s: { buryNewSiblings?: boolean; buryReviewSiblings?: boolean; exercisesPerDay?: number }): void {
  const db = new Database(E2E_DB_FILE, { fileMustExist: true });
  try {
    db.prepare(`INSERT INTO "Settings" ("id", "updatedAt") VALUES (1, ?) ON CONFLICT("id") DO NOTHING`).run(Date.now());
    const set = db.prepare(`UPDATE "Settings" SET "buryNewSiblings" = coalesce(?, "buryNewSiblings"), "buryReviewSiblings" = coalesce(?, "buryReviewSiblings"), "exercisesPerDay" = coalesce(?, "exercisesPerDay") WHERE "id" = 1`);
    const bool = (b: boolean | undefined) => (b === undefined ? null : b ? 1 : 0);
    set.run(bool(s.buryNewSiblings), bool(s.buryReviewSiblings), s.exercisesPerDay ?? null);
  } finally {
    db.close();
  }
}
