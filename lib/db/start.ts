import "server-only";
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { migrate, MigrationError, type MigrationResult } from "./migrate";
import { DEFAULT_SETTINGS, settingsSchema } from "@/lib/srs/settings";
import { studyTimeZone } from "./settings";
import { sqliteFile } from "./sqlite-file";
import { ensureStudyCalendarSync } from "./study-calendar";

/**
 * The checks the app makes on its database before it starts, so that every
 * failure names the file and says what to do, instead of a bare SQLite code
 * or "Operation has timed out" on the first grade. Messages name the file,
 * never the DATABASE_URL (which may carry a password or options).
 */

export type DatabaseProblem = "url" | "folder" | "is-folder" | "read-only" | "not-sqlite" | "locked" | "corrupt" | "newer" | "migration" | "open";

export class DatabaseStartError extends Error {
  constructor(
    message: string,
    readonly problem: DatabaseProblem,
    /** The database file, when the URL named one. */
    readonly file: string | null,
  ) {
    super(message);
    this.name = "DatabaseStartError";
  }
}

export interface DatabaseStart extends MigrationResult {
  file: string;
  /** The folder created for the database because it did not exist, if any. */
  createdFolder: string | null;
}

const SQLITE_HEADER = "SQLite format 3\0";
/** How long to wait for another process's write lock before calling the file locked. */
const LOCK_WAIT_MS = 2_000;

const code = (err: unknown): string => (err && typeof err === "object" && "code" in err ? String((err as { code: unknown }).code) : "");
const detail = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function readOnlyError(file: string, what: "file" | "folder", err: unknown): DatabaseStartError {
  const target = what === "file" ? file : path.dirname(file);
  return new DatabaseStartError(
    what === "file"
      ? `database ${file} is read-only (${code(err) || detail(err)}): GradPrep writes every grade to it. Make it writable (chmod u+w, or check it is not on a read-only disk or locked with chattr +i), or point DATABASE_URL at a writable copy.`
      : `the folder ${target} of database ${file} is read-only (${code(err) || detail(err)}): SQLite creates its -wal and -shm files next to the database. Make the folder writable, or point DATABASE_URL at a file in a writable folder.`,
    "read-only",
    file,
  );
}

/** Whether the process can write the file (root ignores modes, so this opens it rather than asking access()). */
function probeWritable(file: string): void {
  const dir = path.dirname(file);
  const probe = path.join(dir, `.${path.basename(file)}.write-check-${process.pid}`);
  try {
    closeSync(openSync(probe, "wx"));
    unlinkSync(probe);
  } catch (err) {
    if (code(err) === "EEXIST") unlinkSync(probe);
    else throw readOnlyError(file, "folder", err);
  }
  if (existsSync(file)) {
    try {
      closeSync(openSync(file, "r+"));
    } catch (err) {
      throw readOnlyError(file, "file", err);
    }
  }
}

function checkHeader(file: string): void {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(SQLITE_HEADER.length);
    const n = readSync(fd, buf, 0, buf.length, 0);
    if (n === 0) return; // an empty file is an empty database to SQLite
    if (n < buf.length || buf.toString("latin1") !== SQLITE_HEADER) {
      throw new DatabaseStartError(
        `${file} is not a SQLite database (it does not start with SQLite's header). Point DATABASE_URL at the GradPrep database, or move this file away to start with a new one.`,
        "not-sqlite",
        file,
      );
    }
  } finally {
    closeSync(fd);
  }
}

function corruptError(file: string, what: string): DatabaseStartError {
  return new DatabaseStartError(
    `database ${file} is damaged (${what}). Stop GradPrep and restore your latest backup (Export → Database backup) in its place, deleting any ${path.basename(file)}-wal and -shm next to it; to see the damage, run: sqlite3 "${file}" "PRAGMA integrity_check"`,
    "corrupt",
    file,
  );
}

/** Opens the file with SQLite: readable, undamaged, and not write-locked by another process. */
function checkWithSqlite(file: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: LOCK_WAIT_MS });
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") throw corruptError(file, `SQLite's quick_check says: ${String(check).split("\n").slice(0, 3).join("; ")}`);
    // Takes the write lock and gives it back: fails if another process holds it.
    db.exec("BEGIN IMMEDIATE");
    db.exec("ROLLBACK");
  } catch (err) {
    if (err instanceof DatabaseStartError) throw err;
    throw classify(file, err);
  } finally {
    db?.close();
  }
}

function classify(file: string, err: unknown): DatabaseStartError {
  const c = code(err);
  if (c.startsWith("SQLITE_BUSY") || c.startsWith("SQLITE_LOCKED")) {
    return new DatabaseStartError(
      `database ${file} is locked by another process (waited ${LOCK_WAIT_MS / 1000} s): is GradPrep already running, or is the file open in a sqlite3 shell or a sync tool? Close that and start again.`,
      "locked",
      file,
    );
  }
  if (c.startsWith("SQLITE_READONLY")) return readOnlyError(file, "file", err);
  if (c === "SQLITE_NOTADB") {
    return new DatabaseStartError(`${file} is not a SQLite database (${detail(err)}). Point DATABASE_URL at the GradPrep database, or move this file away to start with a new one.`, "not-sqlite", file);
  }
  if (c.startsWith("SQLITE_CORRUPT")) return corruptError(file, detail(err));
  return new DatabaseStartError(`cannot open database ${file}: ${detail(err)}${c ? ` (${c})` : ""}. Check the path in DATABASE_URL and the file's permissions.`, "open", file);
}

/**
 * Checks the database file named by `url`, creating its folder if missing,
 * and throws a DatabaseStartError that names the file and says what to do.
 */
export function checkDatabase(url: string): { file: string; createdFolder: string | null } {
  let file: string;
  try {
    file = sqliteFile(url);
  } catch (err) {
    throw new DatabaseStartError(detail(err), "url", null);
  }
  const dir = path.dirname(file);
  let createdFolder: string | null = null;
  if (!existsSync(dir)) {
    try {
      mkdirSync(dir, { recursive: true });
      createdFolder = dir;
    } catch (err) {
      throw new DatabaseStartError(`cannot create the folder ${dir} for database ${file} (${code(err) || detail(err)}): create it yourself or point DATABASE_URL elsewhere.`, "folder", file);
    }
  } else if (!statSync(dir).isDirectory()) {
    throw new DatabaseStartError(`the folder of database ${file} is not a folder: ${dir} is a file. Point DATABASE_URL elsewhere.`, "folder", file);
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new DatabaseStartError(`database ${file} is a folder, not a file: point DATABASE_URL at a file, e.g. file:${path.join(file, "gradprep.db")}`, "is-folder", file);
  }
  probeWritable(file);
  if (existsSync(file)) checkHeader(file);
  checkWithSqlite(file);
  return { file, createdFolder };
}

/**
 * Everything the app does to its database before serving: the checks above,
 * the migrations, then the study-day calendar of the review aggregates for
 * this server's time zone and the saved day start (rebuilt only when either
 * changed since the last start).
 */
export function startDatabase(url: string, migrationsDir?: string): DatabaseStart {
  const checked = checkDatabase(url);
  try {
    const migrated = migrate(url, migrationsDir);
    const sql = new Database(checked.file, { timeout: LOCK_WAIT_MS });
    try {
      const saved = sql.prepare(`SELECT "dayStartHour" FROM "Settings" WHERE "id" = 1`).get() as { dayStartHour: number } | undefined;
      const dayStartHour = settingsSchema.shape.dayStartHour.safeParse(saved?.dayStartHour).data ?? DEFAULT_SETTINGS.dayStartHour;
      ensureStudyCalendarSync(sql, dayStartHour, studyTimeZone());
    } finally {
      sql.close();
    }
    return { ...checked, ...migrated };
  } catch (err) {
    if (err instanceof MigrationError) throw new DatabaseStartError(err.message, err.newer ? "newer" : "migration", checked.file);
    throw classify(checked.file, err);
  }
}

/** One line for the start-up log. */
export function describeStart(s: DatabaseStart): string[] {
  const lines: string[] = [];
  if (s.createdFolder) lines.push(`database: created the folder ${s.createdFolder} (it did not exist)`);
  lines.push(`database ${s.file}: ${s.applied.length ? `applied ${s.applied.join(", ")}` : "up to date"}`);
  return lines;
}
