import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqliteFile } from "./sqlite-file";

/**
 * Applies prisma/migrations/<name>/migration.sql in order and records each one
 * in _prisma_migrations exactly as `prisma migrate deploy` would (same table,
 * sha256 checksum of the file bytes), so a machine with Prisma's schema engine
 * can take the database over. Prisma's CLI cannot fetch its engine offline,
 * which is why this small runner exists.
 */

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string,
    /** The database was migrated by a newer GradPrep than this one. */
    readonly newer = false,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

/** This app's version, for messages; "" when package.json cannot be read. */
function appVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(path.resolve("package.json"), "utf8"));
    return pkg && typeof pkg === "object" && "version" in pkg && typeof pkg.version === "string" ? pkg.version : "";
  } catch {
    return "";
  }
}

/** The SQLite file of a DATABASE_URL; a URL that is not file: is a MigrationError. */
export function sqlitePath(url: string): string {
  try {
    return sqliteFile(url);
  } catch (err) {
    throw new MigrationError((err as Error).message, "-");
  }
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export function migrate(url: string, migrationsDir = path.resolve("prisma/migrations")): MigrationResult {
  const file = sqlitePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(MIGRATIONS_TABLE);
    const rows = db
      .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`)
      .all() as { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown }[];
    const done = new Map(rows.filter((r) => r.rolled_back_at == null).map((r) => [r.migration_name, r]));
    const names = existsSync(migrationsDir)
      ? readdirSync(migrationsDir, { withFileTypes: true })
          .filter((d) => d.isDirectory() && existsSync(path.join(migrationsDir, d.name, "migration.sql")))
          .map((d) => d.name)
          .sort()
      : [];
    // A migration this version does not have means a newer GradPrep wrote the
    // database: its schema may have columns this one does not know and would
    // break, so refuse before touching anything.
    const known = new Set(names);
    const unknown = [...done.keys()].filter((name) => !known.has(name)).sort();
    if (unknown.length) {
      const version = appVersion();
      throw new MigrationError(
        `database ${file} is newer than this GradPrep${version ? ` (${version})` : ""}: it has migration${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} that this version does not know (its newest is ${names[names.length - 1] ?? "none"}). Run a newer GradPrep, one whose prisma/migrations has ${unknown[unknown.length - 1]}, or restore a backup made with this version.`,
        unknown[0]!,
        true,
      );
    }
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const name of names) {
      const bytes = readFileSync(path.join(migrationsDir, name, "migration.sql"));
      const checksum = createHash("sha256").update(bytes).digest("hex");
      const prior = done.get(name);
      if (prior) {
        if (prior.finished_at == null) {
          throw new MigrationError(`migration ${name} started earlier but never finished; inspect the database before retrying`, name);
        }
        if (prior.checksum !== checksum) {
          throw new MigrationError(`migration ${name} was edited after it was applied (checksum differs); add a new migration instead`, name);
        }
        result.alreadyApplied.push(name);
        continue;
      }
      // One transaction per migration: a failing script leaves no half-applied schema.
      db.transaction(() => {
        const started = Date.now();
        db.exec(bytes.toString("utf8"));
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
        ).run(randomUUID(), checksum, Date.now(), name, started);
      })();
      result.applied.push(name);
    }
    return result;
  } finally {
    db.close();
  }
}
