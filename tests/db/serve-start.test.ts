import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";

/*
 * `npm run serve` (lib/cli/serve.sh) prepares the database in a process of its own (lib/cli/serve-start.ts)
 * before it starts next. When that fails, the start stops there, with one line
 * saying why, and the database is as it was. Real processes, real SQLite.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function serve(file: string): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync("sh", ["lib/cli/serve.sh"], {
    env: { ...process.env, DATABASE_URL: `file:${file}`, CONTENT_DIR: path.resolve("content"), PORT: "1", NODE_OPTIONS: "" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe("serve's start in a child process", () => {
  it("stops with a clear message when the content sync fails, and leaves the database as it was", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gradprep-serve-"));
    dirs.push(dir);
    const file = path.join(dir, "app.db");
    migrate(`file:${file}`);
    // Every note insert fails, as a disk error or a bug half way through the sync would.
    const db = new Database(file);
    db.exec(`CREATE TRIGGER "test_fail" BEFORE INSERT ON "Note" BEGIN SELECT RAISE(ABORT, 'injected failure'); END;`);
    db.close();

    const r = serve(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("GradPrep cannot start: loading content/ into the database failed, and the database was left as it was:");
    // Prisma reports SQLite's trigger abort as a constraint violation, naming the statement.
    expect(r.stderr).toMatch(/note\.upsert\(\)[\s\S]*constraint violated/);
    // next never started: it would have said so on stdout.
    expect(r.stdout).not.toMatch(/Ready|Local:/);

    const after = new Database(file, { readonly: true });
    try {
      expect(after.prepare(`SELECT count(*) AS n FROM "Note"`).get()).toEqual({ n: 0 });
      expect(after.prepare(`SELECT count(*) AS n FROM "Card"`).get()).toEqual({ n: 0 });
    } finally {
      after.close();
    }
  }, 150_000);

  it("stops with the database check's message when the file is not a database", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gradprep-serve-"));
    dirs.push(dir);
    const file = path.join(dir, "notes.txt");
    writeFileSync(file, "not a database at all, just some text that is long enough\n");
    const r = serve(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`GradPrep cannot start: ${file} is not a SQLite database`);
  }, 150_000);
});
