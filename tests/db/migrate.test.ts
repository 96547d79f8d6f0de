import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, MigrationError } from "@/lib/db/migrate";

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
