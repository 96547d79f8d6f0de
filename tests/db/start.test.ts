import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { DatabaseStartError, describeStart, startDatabase, type DatabaseProblem } from "@/lib/db/start";

/**
 * Issue 13 items 13 and 14: every database state that stops the app at start
 * is refused with a message that names the file and says what to do, built
 * with real files in a temp folder.
 */
const dirs: string[] = [];
const immutable: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), "gradprep-start-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const p of immutable.splice(0)) spawnSync("chattr", ["-i", p]);
  for (const d of dirs.splice(0)) {
    chmodTree(d);
    rmSync(d, { recursive: true, force: true });
  }
});
function chmodTree(d: string) {
  try {
    chmodSync(d, 0o755);
  } catch {
    // already gone
  }
}

/** The DatabaseStartError that `f` throws. */
function startError(f: () => unknown): DatabaseStartError {
  try {
    f();
  } catch (err) {
    if (err instanceof DatabaseStartError) return err;
    throw err;
  }
  throw new Error("expected a DatabaseStartError, nothing was thrown");
}

function expectProblem(err: DatabaseStartError, problem: DatabaseProblem, file: string | null, advice: RegExp) {
  expect(err.problem).toBe(problem);
  expect(err.file).toBe(file);
  if (file) expect(err.message).toContain(file);
  expect(err.message).toMatch(advice);
  expect(err.message).not.toMatch(/Operation has timed out|SqliteError/);
}

/** A migrated database file in a fresh folder. */
function migrated(): { dir: string; file: string; url: string } {
  const dir = tempDir();
  const file = path.join(dir, "app.db");
  migrate(`file:${file}`);
  return { dir, file, url: `file:${file}` };
}

/**
 * Makes a path unwritable in a way that holds for root too: `chattr +i`
 * (the tests run as root here, and root ignores permission bits), or
 * chmod for other users. Null when neither is possible.
 */
function makeReadOnly(p: string, mode: number): string | null {
  if (process.getuid?.() !== 0) {
    chmodSync(p, mode);
    return "chmod";
  }
  const r = spawnSync("chattr", ["+i", p]);
  if (r.status !== 0) return null;
  immutable.push(p);
  return "chattr +i";
}

describe("database start: states that refuse to start, each naming the file and what to do", () => {
  it("a fresh path works, creates the missing folders and says so in the start-up log", () => {
    const dir = tempDir();
    const file = path.join(dir, "nested", "deeper", "app.db");
    const s = startDatabase(`file:${file}`);
    expect(s.file).toBe(file);
    expect(s.createdFolder).toBe(path.dirname(file));
    expect(s.applied.length).toBeGreaterThan(0);
    const log = describeStart(s);
    expect(log[0]).toBe(`database: created the folder ${path.dirname(file)} (it did not exist)`);
    expect(log[1]).toContain(`database ${file}: applied `);
    const again = startDatabase(`file:${file}`);
    expect(again.createdFolder).toBeNull();
    expect(describeStart(again)).toEqual([`database ${file}: up to date`]);
    expect(readdir(path.dirname(file)).filter((n) => n.includes("write-check"))).toEqual([]);
  });

  it("a read-only database file", (ctx) => {
    const { file, url } = migrated();
    const how = makeReadOnly(file, 0o444);
    if (!how) return ctx.skip("cannot make a file read-only for root here (no chattr)");
    // Without the check SQLite quietly opens it read-only and fails on the first grade.
    const err = startError(() => startDatabase(url));
    expectProblem(err, "read-only", file, /is read-only .*Make it writable/);
  });

  it("a read-only folder (SQLite cannot create -wal and -shm next to the file)", (ctx) => {
    const { dir, file, url } = migrated();
    const how = makeReadOnly(dir, 0o555);
    if (!how) return ctx.skip("cannot make a folder read-only for root here (no chattr)");
    const err = startError(() => startDatabase(url));
    expectProblem(err, "read-only", file, /folder .* is read-only.*-wal and -shm.*Make the folder writable/);
    expect(err.message).toContain(dir);
  });

  it("a file that is not a SQLite database", () => {
    const dir = tempDir();
    const file = path.join(dir, "notes.db");
    writeFileSync(file, "# My notes\n\nThese are not a database.\n".repeat(100));
    const err = startError(() => startDatabase(`file:${file}`));
    expectProblem(err, "not-sqlite", file, /is not a SQLite database.*Point DATABASE_URL at the GradPrep database, or move this file away/);
    // Untouched.
    expect(readFileSync(file, "utf8").startsWith("# My notes")).toBe(true);
  });

  it("a folder where the file should be", () => {
    const dir = tempDir();
    const file = path.join(dir, "gradprep.db");
    mkdirSync(file);
    const err = startError(() => startDatabase(`file:${file}`));
    expectProblem(err, "is-folder", file, /is a folder, not a file: point DATABASE_URL at a file, e\.g\. file:.*gradprep\.db/);
  });

  it("a file where the folder should be", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "data"), "x");
    const file = path.join(dir, "data", "app.db");
    const err = startError(() => startDatabase(`file:${file}`));
    expectProblem(err, "folder", file, /is a file\. Point DATABASE_URL elsewhere/);
  });

  it("locked by another process: says locked, not 'Operation has timed out'", async () => {
    const { file, url } = migrated();
    // Another process holds the write lock, as a second GradPrep mid-write or a sqlite3 shell would.
    const child = spawn(process.execPath, ["-e", LOCK_HOLDER, file], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
        child.on("exit", (code) => reject(new Error(`lock holder exited (${code})`)));
      });
      const t0 = Date.now();
      const err = startError(() => startDatabase(url));
      expectProblem(err, "locked", file, /is locked by another process .*is GradPrep already running/);
      expect(Date.now() - t0).toBeLessThan(10_000);
    } finally {
      child.kill();
    }
  }, 20_000);

  it("a damaged database points at the backup and PRAGMA integrity_check", () => {
    const { file, url } = migrated();
    const db = new Database(file);
    db.exec(`CREATE TABLE filler (x TEXT); CREATE INDEX filler_x ON filler (x);`);
    const ins = db.prepare(`INSERT INTO filler VALUES (?)`);
    for (let i = 0; i < 3000; i++) ins.run(`row ${i} ${"x".repeat(60)}`);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.pragma("journal_mode = DELETE");
    db.close();
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Overwrite pages in the middle of the file (b-tree pages of the filler table and its index).
    bytes.fill(0x55, pageSize * 20, pageSize * 30);
    writeFileSync(file, bytes);
    const err = startError(() => startDatabase(url));
    expectProblem(err, "corrupt", file, /is damaged .*restore your latest backup .*PRAGMA integrity_check/);
  });

  it("a DATABASE_URL with a password or options is never echoed", () => {
    for (const url of ["postgres://gradprep:s3cret-pw@db.example:5432/gradprep?sslmode=require", "mysql://root:s3cret-pw@localhost/x", "file://admin:s3cret-pw@localhost/tmp/app.db"]) {
      const err = startError(() => startDatabase(url));
      expect(err.problem).toBe("url");
      expect(err.message).not.toContain("s3cret-pw");
      expect(err.message).not.toContain("db.example");
      expect(err.message).toMatch(/file:\.\/data\/gradprep\.db/);
    }
    expect(startError(() => startDatabase("postgres://u:s3cret-pw@h/db")).message).toContain("a postgres: URL");
  });

  it("a query in a file: URL is dropped from the file and from the log", () => {
    const dir = tempDir();
    const file = path.join(dir, "app.db");
    const s = startDatabase(`file:${file}?password=s3cret-pw&mode=rwc`);
    expect(s.file).toBe(file);
    expect(describeStart(s).join("\n")).not.toContain("s3cret-pw");
    expect(existsSync(file)).toBe(true);
  });
});

describe("a database written by a newer GradPrep", () => {
  it("refuses to start, naming the unknown migration and what to run, and changes nothing", () => {
    const dir = tempDir();
    const newer = path.join(dir, "newer-migrations");
    cpSync("prisma/migrations", newer, { recursive: true });
    mkdirSync(path.join(newer, "20991231000000_from_the_future"));
    writeFileSync(path.join(newer, "20991231000000_from_the_future", "migration.sql"), `ALTER TABLE "Card" ADD COLUMN "future" TEXT;\n`);
    const file = path.join(dir, "app.db");
    // The newer version migrated it ...
    startDatabase(`file:${file}`, newer);
    const before = readFileSync(file);
    // ... and this version, which lacks that migration, must not start on it.
    const err = startError(() => startDatabase(`file:${file}`));
    expectProblem(err, "newer", file, /is newer than this GradPrep \(\d+\.\d+\.\d+\): it has migration 20991231000000_from_the_future that this version does not know/);
    expect(err.message).toMatch(/Run a newer GradPrep, one whose prisma\/migrations has 20991231000000_from_the_future, or restore a backup/);
    expect(err.message).toMatch(/its newest is \d{14}_\w+\)/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("a rolled-back unknown migration does not count", () => {
    const { file, url } = migrated();
    const db = new Database(file);
    db.prepare(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES ('x', 'y', 1, '20991231000000_undone', NULL, 2, 1, 0)`,
    ).run();
    db.close();
    expect(startDatabase(url).applied).toEqual([]);
  });
});

// ---------------------------------------------------------------------------

function readdir(d: string): string[] {
  return existsSync(d) ? readdirSync(d) : [];
}

/** A child process that takes SQLite's write lock on the file and holds it until killed. */
const LOCK_HOLDER = `
const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve("better-sqlite3"))});
const db = new Database(process.argv[1]);
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\\n");
setInterval(() => {}, 1000);
`;
