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
