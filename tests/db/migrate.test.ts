import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, MigrationError } from "@/lib/db/migrate";
import { parseNote } from "@/lib/content/parse";
import { contentParseOptions } from "@/lib/content/options";
import { createDb } from "@/lib/db/client";
import { getCard, reviewLogCount } from "@/lib/db/queries";
import { syncNotes, sqliteDateText } from "@/lib/db/sync";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), "gradprep-mig-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
/** The project's migrations, in the order they must apply. */
const ALL = readdirSync("prisma/migrations", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("migrations", () => {
  it("creates the database, applies every migration once and records it like Prisma", () => {
    const file = path.join(tempDir(), "nested", "app.db");
    const first = migrate(`file:${file}`);
    expect(ALL.slice(0, 3)).toEqual(["20261122000000_init", "20261123000000_attempts", "20261201000000_daily_review"]);
    expect(first.applied).toEqual(ALL);
    expect(migrate(`file:${file}`)).toEqual({ applied: [], alreadyApplied: ALL });

    const db = new Database(file, { readonly: true });
    const rows = db.prepare(`SELECT * FROM _prisma_migrations ORDER BY migration_name`).all() as Record<string, unknown>[];
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    db.close();
    expect(tables).toEqual(expect.arrayContaining(["Note", "Card", "ReviewLog", "Attempt", "CardAction", "Settings", "_prisma_migrations"]));
    expect(rows).toHaveLength(ALL.length);
    const sql = readFileSync("prisma/migrations/20261122000000_init/migration.sql");
    expect(rows[0]).toMatchObject({
      migration_name: "20261122000000_init",
      checksum: createHash("sha256").update(sql).digest("hex"),
      applied_steps_count: 1,
      rolled_back_at: null,
    });
    expect(rows[0]!.finished_at).not.toBeNull();
    expect(String(rows[0]!.id)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a failing migration leaves the database as it was and is not recorded", () => {
    const dir = tempDir();
    const migs = path.join(dir, "migrations");
    cpSync("prisma/migrations", migs, { recursive: true });
    mkdirSync(path.join(migs, "20991231000000_broken"));
    writeFileSync(path.join(migs, "20991231000000_broken", "migration.sql"), `CREATE TABLE "Extra" ("id" TEXT);\nTHIS IS NOT SQL;\n`);
    const file = path.join(dir, "app.db");
    expect(() => migrate(`file:${file}`, migs)).toThrow();
    const db = new Database(file, { readonly: true });
    const names = (db.prepare(`SELECT migration_name FROM _prisma_migrations`).all() as { migration_name: string }[]).map((r) => r.migration_name);
    const extra = db.prepare(`SELECT name FROM sqlite_master WHERE name='Extra'`).get();
    db.close();
    expect(names).toEqual(ALL);
    expect(extra).toBeUndefined();
  });

  it("refuses a migration edited after it was applied", () => {
    const dir = tempDir();
    const migs = path.join(dir, "migrations");
    cpSync("prisma/migrations", migs, { recursive: true });
    const file = path.join(dir, "app.db");
    migrate(`file:${file}`, migs);
    writeFileSync(path.join(migs, "20261122000000_init", "migration.sql"), "-- edited\n", { flag: "a" });
    expect(() => migrate(`file:${file}`, migs)).toThrow(MigrationError);
    expect(() => migrate(`file:${file}`, migs)).toThrow(/edited after it was applied/);
  });

  it("rejects a non-file DATABASE_URL with a clear message", () => {
    expect(() => migrate("postgres://x")).toThrow(/file: URL/);
  });
});

describe("schema and migrations agree", () => {
  it("the Prisma client reads and writes every model of a freshly migrated database", async () => {
    const { createTempDb } = await import("../support/temp-db");
    const t = createTempDb();
    try {
      // Each query names every column of its model: a column missing from the SQL fails here.
      await expect(t.db.note.findMany()).resolves.toEqual([]);
      await expect(t.db.card.findMany()).resolves.toEqual([]);
      await expect(t.db.reviewLog.findMany()).resolves.toEqual([]);
      await expect(t.db.attempt.findMany()).resolves.toEqual([]);
      await expect(t.db.cardAction.findMany()).resolves.toEqual([]);
      const s = await t.db.settings.create({ data: { id: 1 } });
      expect(s).toMatchObject({ retention: 0.9, newPerDay: 20, reviewsPerDay: 200, fuzz: true, dayStartHour: 4, theme: "system", weights: null });
    } finally {
      await t.cleanup();
    }
  });
});

describe("20261204000000_exercise_rename: quiz cards become exercise cards in place", () => {
  const RENAME = "20261204000000_exercise_rename";
  // The id the parser derived for the fixture's ```quiz block before the
  // rename (pinned in tests/content/parse.test.ts too): what a database
  // synced by an older version holds.
  const NOTE = "fixtures/old-quiz-block";
  const CARD = `${NOTE}:h16rof9ac06w`;
  const SPEC = { generator: "chain-bias-gradient", difficulty: 3, params: { activation: "tanh" }, title: null };
  const t = (iso: string) => sqliteDateText(new Date(iso));

  /** A database at the migration before the rename, with one reviewed quiz card written as that version wrote it. */
  function databaseBeforeRename(): string {
    const dir = tempDir();
    const before = path.join(dir, "migrations");
    cpSync("prisma/migrations", before, { recursive: true });
    // The rename and every migration after it (a later one may name the renamed column).
    for (const name of readdirSync(before)) if (name >= RENAME && !name.endsWith(".toml")) rmSync(path.join(before, name), { recursive: true });
    const file = path.join(dir, "app.db");
    expect(migrate(`file:${file}`, before).applied).not.toContain(RENAME);
    const db = new Database(file);
    db.prepare(
      `INSERT INTO "Note" (id, path, title, lang, tags, relatedOutlines, difficulty, prose, contentHash, syncHash, retired, syncedAt) VALUES (?, ?, 'Old', 'en', '[]', '[]', 'medium', '', 'h', 'old', 0, ?)`,
    ).run(NOTE, "old-quiz-block.md", t("2026-11-01T00:00:00Z"));
    db.prepare(
      `INSERT INTO "Card" (id, noteId, kind, front, back, line, ord, quiz, retired, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview, createdAt, updatedAt)
       VALUES (?, ?, 'quiz', 'chain-bias-gradient', '', 9, 0, ?, 0, ?, 12.5, 4.2, 6, 12, 0, 3, 1, 2, ?, ?, ?)`,
    ).run(CARD, NOTE, JSON.stringify(SPEC), t("2026-12-20T00:00:00Z"), t("2026-12-08T00:00:00Z"), t("2026-11-01T00:00:00Z"), t("2026-12-08T00:00:00Z"));
    const review = db.prepare(
      `INSERT INTO "ReviewLog" (id, cardId, token, rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays, learningSteps, reviewedAt, durationMs, previousCard) VALUES (?, ?, ?, 3, 2, ?, 1, 5, 0, 0, 0, 0, ?, 9000, '{}')`,
    );
    for (const n of [1, 2, 3]) review.run(`r${n}`, CARD, `tok${n}`, t(`2026-11-0${n}T00:00:00Z`), t(`2026-11-0${n}T00:00:00Z`));
    const attempt = db.prepare(
      `INSERT INTO "Attempt" (id, cardId, generator, seed, params, input, parsedValue, verdict, mistakeId, tryNumber, durationMs, context, createdAt) VALUES (?, ?, 'chain-bias-gradient', 7, '{"difficulty":3}', '1', '1', 'wrong', NULL, 1, 5000, ?, ?)`,
    );
    attempt.run("a1", CARD, "quiz", t("2026-11-01T00:00:00Z"));
    attempt.run("a2", CARD, "review", t("2026-11-02T00:00:00Z"));
    db.close();
    return file;
  }

  it("renames the column and the stored kind and context, and the card keeps its schedule, reviews and attempts", async () => {
    const file = databaseBeforeRename();
    expect(migrate(`file:${file}`).applied[0]).toBe(RENAME);

    const raw = new Database(file, { readonly: true });
    const card = raw.prepare(`SELECT * FROM "Card" WHERE id = ?`).get(CARD) as Record<string, unknown>;
    const contexts = raw.prepare(`SELECT id, context FROM "Attempt" ORDER BY id`).all();
    const kinds = raw.prepare(`SELECT DISTINCT kind FROM "Card"`).all();
    raw.close();
    expect(card).not.toHaveProperty("quiz");
    expect(card).toMatchObject({ kind: "exercise", exercise: JSON.stringify(SPEC), reps: 3, lapses: 1, state: 2, stability: 12.5, retired: 0 });
    expect(kinds).toEqual([{ kind: "exercise" }]);
    expect(contexts).toEqual([
      { id: "a1", context: "exercise" },
      { id: "a2", context: "review" },
    ]);

    // The note, now written with ```exercise, syncs onto the same card: nothing new, nothing retired.
    const db = createDb(`file:${file}`);
    try {
      const text = readFileSync("tests/content/fixtures/old-quiz-block.md", "utf8").replace("```quiz\n", "```exercise\n");
      const parsed = parseNote(text, "old-quiz-block.md", contentParseOptions());
      expect(parsed.issues).toEqual([]);
      expect(parsed.note!.cards[0]!.id).toBe(CARD);
      const report = await syncNotes(db, [parsed.note!], { now: new Date("2026-12-10T00:00:00Z") });
      expect(report).toMatchObject({ cardsCreated: 1, cardsRetired: 0 }); // the fixture's second block, ^named, is new
      const view = await getCard(db, CARD);
      expect(view).toMatchObject({ kind: "exercise", exercise: SPEC, retired: false });
      expect(view!.schedule).toMatchObject({ reps: 3, lapses: 1, stability: 12.5, due: new Date("2026-12-20T00:00:00Z") });
      expect(await reviewLogCount(db, CARD)).toBe(3);
      expect(await db.attempt.count({ where: { cardId: CARD } })).toBe(2);
    } finally {
      await db.$disconnect();
    }
  });
});
