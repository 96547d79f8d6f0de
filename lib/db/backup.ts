import "server-only";
import { createReadStream, existsSync, mkdtempSync, openSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import Database from "better-sqlite3";
import { databaseUrl } from "./client";
import { sqliteFile } from "./sqlite-file";

/**
 * Database snapshots made with SQLite's online backup API, never by copying
 * the file: a copy taken while the app writes (or with pages still in the
 * WAL) can be torn, while the backup API copies a consistent state, starting
 * over when another connection writes in between its steps.
 */

/** better-sqlite3's default step size. */
const DEFAULT_PAGES_PER_STEP = 100;

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export interface BackupFile {
  /** The snapshot: a plain SQLite file (rollback journal, no -wal to carry along). */
  file: string;
  size: number;
  /** Deletes the snapshot and its temp folder; safe to call twice. */
  cleanup: () => void;
}

export interface BackupOptions {
  /** Pages copied per step (default 100); between steps other connections may write. */
  pagesPerStep?: number;
  /** Called after each step that leaves pages to copy. */
  onStep?: (progress: { totalPages: number; remainingPages: number }) => void;
}

/** Writes a snapshot of the database at `url` to a new temp file. */
export async function createBackupFile(url: string = databaseUrl(), options: BackupOptions = {}): Promise<BackupFile> {
  const source = sqliteFile(url);
  if (!existsSync(source)) throw new BackupError(`no database to back up at ${source}`);
  const dir = mkdtempSync(path.join(tmpdir(), "gradprep-backup-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, "gradprep.db");
  try {
    const db = new Database(source, { fileMustExist: true });
    try {
      await db.backup(file, {
        progress: (p) => {
          options.onStep?.(p);
          return options.pagesPerStep ?? DEFAULT_PAGES_PER_STEP;
        },
      });
    } finally {
      db.close();
    }
    const copy = new Database(file);
    try {
      // The copy inherits WAL mode from the source; a download should be one self-contained file.
      copy.pragma("journal_mode = DELETE");
      const check = copy.pragma("integrity_check", { simple: true });
      if (check !== "ok") throw new BackupError(`the snapshot failed SQLite's integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    return { file, size: statSync(file).size, cleanup };
  } catch (err) {
    cleanup();
    if (err instanceof BackupError) throw err;
    throw new BackupError(`backup of ${source} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * A snapshot as a web stream for a download. The file is opened and then
 * deleted at once (POSIX keeps an open file's bytes until its descriptor is
 * closed), so no copy of the database is left in the temp folder whatever
 * happens to the response: read to the end, cancelled, failed, or never read
 * at all. The descriptor closes when the stream ends, is cancelled or fails.
 * Where an open file cannot be deleted (Windows), it is deleted on close.
 */
export async function backupStream(url?: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number; file: string }> {
  const backup = await createBackupFile(url);
  let fd: number;
  try {
    // A fresh temp file: nothing for the bundler to trace.
    fd = openSync(/*turbopackIgnore: true*/ backup.file, "r");
  } catch (err) {
    backup.cleanup();
    throw new BackupError(`could not open the snapshot: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    backup.cleanup();
  } catch {
    // Still open elsewhere: removed when the stream closes.
  }
  const nodeStream = createReadStream("", { fd, autoClose: true });
  nodeStream.on("close", () => {
    try {
      backup.cleanup();
    } catch {
      // Nothing more to do; a temp folder is all that can be left.
    }
  });
  return { stream: Readable.toWeb(nodeStream) as ReadableStream<Uint8Array>, size: backup.size, file: backup.file };
}
