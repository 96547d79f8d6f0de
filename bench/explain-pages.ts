/**
 * `npx tsx --conditions=react-server bench/explain-pages.ts [db]`: every SQL statement behind the pages issue 12 sets
 * targets for (/, /review, /stats, /settings, a note page), with SQLite's
 * EXPLAIN QUERY PLAN and the time it took, on the large collection of
 * bench/review-collection.ts (a copy, migrated; or the database file given
 * as the first argument, used in place). A plan step that scans the whole
 * review log is marked FULL SCAN OF THE REVIEW LOG and makes the exit status 1.
 *
 * The statements are the ones Prisma sends (caught through createDb's query
 * listener), run through lib/db as the pages run them, each page twice (the
 * second run is timed: the first pays for preparing statements); each
 * statement is then timed alone on a separate connection, since the time
 * Prisma reports for statements sent together includes waiting for the
 * others (one connection runs one statement at a time).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { recentAttemptsForNote } from "../lib/db/attempts";
import { createDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { optimizeSummary } from "../lib/db/optimize-weights";
import { cardTotal, getNote, notesPage } from "../lib/db/queries";
import { studyBatch, todayCounts } from "../lib/db/queue";
import { getSettings } from "../lib/db/settings";
import { homeProgress, statsOverview } from "../lib/db/stats";
import { reviewCollection } from "./review-collection";

process.env.TZ = "UTC";

interface Caught {
  sql: string;
  params: string;
  ms: number;
}

async function main(): Promise<void> {
  let file = process.argv[2];
  let dir: string | null = null;
  if (!file) {
    const c = await reviewCollection({ notes: 800, lines: 94, days: 1095, newPerDay: 65, seed: 1 });
    dir = mkdtempSync(path.join(tmpdir(), "gradprep-explain-"));
    file = path.join(dir, "gradprep.db");
    copyFileSync(c.dbFile, file);
  } else if (!existsSync(file)) {
    throw new Error(`no database at ${file}`);
  }
  const url = `file:${file}`;
  const t0 = performance.now();
  const migrated = migrate(url);
  if (migrated.applied.length) console.log(`migrated (${migrated.applied.join(", ")}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  let caught: Caught[] = [];
  const db = createDb(url, (sql, params, ms) => caught.push({ sql, params, ms }));
  const now = new Date();
  const settings = await getSettings(db);
  const langs = ["en"];
  const note = (await db.note.findFirst({ where: { retired: false }, orderBy: { id: "asc" }, skip: 400, select: { id: true } }))!.id;
  const pages: [string, () => Promise<unknown>][] = [
    ["/", () => Promise.all([getSettings(db), todayCounts(db, { now, settings, langs }), cardTotal(db, langs), notesPage(db, now, langs, 1), homeProgress(db, now, langs)])],
    ["/review", () => studyBatch(db, { now, settings, langs, size: 8 })],
    ["/stats", () => statsOverview(db, now, langs)],
    ["/settings", () => Promise.all([getSettings(db), optimizeSummary(db)])],
    [`note page (${note})`, () => Promise.all([getNote(db, note, now), recentAttemptsForNote(db, note)])],
  ];
  const sql = new Database(file, { readonly: true });
  let fullScans = 0;
  for (const [page, run] of pages) {
    await run();
    caught = [];
    const started = performance.now();
    await run();
    const total = performance.now() - started;
    console.log(`\n==== ${page}: ${caught.length} statements, ${total.toFixed(1)} ms in lib/db`);
    for (const q of caught) {
      if (/^(BEGIN|COMMIT|ROLLBACK)/i.test(q.sql.trim())) continue;
      const params = JSON.parse(q.params || "[]") as unknown[];
      const bound = params.map((p) => (typeof p === "boolean" ? Number(p) : p));
      let plan: string[];
      // The statement alone, best of three (Prisma's own time counts the wait behind the statements sent with it).
      let alone = Infinity;
      try {
        plan = (sql.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...bound) as { detail: string }[]).map((r) => r.detail);
        const stmt = sql.prepare(q.sql);
        for (let i = 0; i < 3; i++) {
          const t = performance.now();
          if (stmt.reader) stmt.all(...bound);
          alone = Math.min(alone, performance.now() - t);
        }
      } catch (err) {
        plan = [`(no plan: ${(err as Error).message})`];
      }
      // The review log's alias in this statement, if it reads the log.
      const aliases = new Set(["ReviewLog", ...[...q.sql.matchAll(/"ReviewLog"\s+(?:AS\s+)?"?(\w+)"?/gi)].map((m) => m[1]!)]);
      const marked = plan.map((line) => {
        const m = /^SCAN (\w+)/.exec(line);
        if (m && aliases.has(m[1]!) && q.sql.includes("ReviewLog")) {
          fullScans++;
          return `${line}   <-- FULL SCAN OF THE REVIEW LOG`;
        }
        return line;
      });
      console.log(`\n-- ${Number.isFinite(alone) ? `${alone.toFixed(1)} ms alone` : "not run"}, ${q.ms.toFixed(0)} ms in the page  ${q.sql.replace(/\s+/g, " ").slice(0, 400)}`);
      for (const line of marked) console.log(`   ${line}`);
    }
  }
  sql.close();
  await db.$disconnect();
  if (dir) rmSync(dir, { recursive: true, force: true });
  console.log(`\n${fullScans ? `${fullScans} full scan(s) of the review log` : "no full scan of the review log"} behind these pages`);
  if (fullScans) process.exitCode = 1;
}

await main();
