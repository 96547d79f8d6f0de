/**
 * A large collection for `npm run bench:review`: generated notes written as
 * Markdown files, loaded through the app's own migrations and content sync,
 * then three years of a seeded learner's reviews graded with the app's own
 * scheduler (lib/srs), so every card's FSRS state, due date and review log
 * agree with each other the way the app would have left them.
 *
 * The learner studies most evenings (18:00–21:00 UTC, often past midnight,
 * before the 4 am day boundary), skips about one day in sixteen (what was due
 * waits, overdue, for the next session), introduces NEW_PER_DAY new cards a
 * day, recalls a review card with FSRS's own probability (its retrievability
 * at that moment) and works through (re)learning steps the same evening.
 *
 * Built once per set of parameters and kept under os.tmpdir() (the key names
 * them and GENERATOR_VERSION), since simulating and writing a million reviews
 * takes minutes. The review log rows are written with one prepared
 * better-sqlite3 statement inside transactions: that is bench code, which
 * needs speed and no more checks than the app's own grade path has made.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { parseNote } from "../lib/content/parse";
import { reviewLogPreviousCard } from "../lib/db/columns";
import { createDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { sqliteDateText, syncNotes } from "../lib/db/sync";
import { createRng, type Rng } from "../lib/engine/rng";
import { schedulerFor } from "../lib/srs/config";
import { dayIndex, dayStartOffset, dueNotToday } from "../lib/srs/day";
import { retrievability } from "../lib/srs/retrievability";
import { grade, newCardState, Rating, reviewToken, State, type CardState } from "../lib/srs/schedule";
import { DEFAULT_SETTINGS, LEECH_LAPSES } from "../lib/srs/settings";
import { generatedNoteText } from "./generated-notes";

/** Bump when the simulation changes, so that a cached collection is rebuilt. */
const GENERATOR_VERSION = 1;
const DAY_START_HOUR = DEFAULT_SETTINGS.dayStartHour;
const ZONE = "UTC";

export interface CollectionParams {
  notes: number;
  /** Card lines per note (94 gives 125 cards: cloze lines hold two blanks). */
  lines: number;
  days: number;
  newPerDay: number;
  seed: number;
}

export interface Collection {
  dir: string;
  /** The migrated, synced database with its history (copy it before serving it). */
  dbFile: string;
  contentDir: string;
  cards: number;
  logs: number;
  /** When the simulated history ends (the learner's last session was the study day before). */
  builtAt: string;
}

const HOUR = 3_600_000;

function collectionKey(p: CollectionParams): string {
  return createHash("sha256").update(JSON.stringify({ v: GENERATOR_VERSION, ...p })).digest("hex").slice(0, 12);
}

/** Rating a simulated learner gives: recall with probability `r`; passes are mostly Good. */
function pickRating(rng: Rng, recall: number): Rating.Again | Rating.Hard | Rating.Good | Rating.Easy {
  if (rng.next() >= recall) return Rating.Again;
  const x = rng.next();
  return x < 0.1 ? Rating.Hard : x < 0.9 ? Rating.Good : Rating.Easy;
}

/** A min-heap of (due time, card index) for the learning steps of one evening. */
class StepQueue {
  private items: [number, number][] = [];
  get size(): number {
    return this.items.length;
  }
  /** The earliest due time; only when size > 0. */
  peek(): number {
    return this.items[0]![0];
  }
  push(due: number, card: number): void {
    const a = this.items;
    a.push([due, card]);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p]![0] <= a[i]![0]) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): [number, number] {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]![0] < a[m]![0]) m = l;
        if (r < a.length && a[r]![0] < a[m]![0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/** The collection for `params`, built now unless a finished one is cached. */
export async function reviewCollection(params: CollectionParams, log: (line: string) => void = console.log): Promise<Collection> {
  const dir = path.join(tmpdir(), "gradprep-bench-review", `${params.notes}n-${params.lines}l-${params.days}d-${collectionKey(params)}`);
  const done = path.join(dir, "collection.json");
  if (existsSync(done)) {
    const c = JSON.parse(readFileSync(done, "utf8")) as Collection;
    log(`collection: reusing ${dir} (${c.cards} cards, ${c.logs} review logs, built ${c.builtAt})`);
    return c;
  }
  rmSync(dir, { recursive: true, force: true });
  const contentDir = path.join(dir, "content");
  const building = path.join(dir, "building.db");
  mkdirSync(path.join(contentDir, "gen"), { recursive: true });
  const started = performance.now();
  const since = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

  // 1. Notes as Markdown files, parsed the way the server will parse them.
  const notes = [];
  for (let n = 0; n < params.notes; n++) {
    const text = generatedNoteText(n, params.lines, params.seed);
    writeFileSync(path.join(contentDir, "gen", `note-${n}.md`), text);
    const r = parseNote(text, `gen/note-${n}.md`);
    if (!r.note || r.issues.length) throw new Error(`generated note ${n} does not parse`);
    notes.push(r.note);
  }

  // 2. The app's migrations and sync, as at a first start, three years ago.
  const builtAt = new Date();
  const today = dayIndex(builtAt, DAY_START_HOUR, ZONE);
  const firstDayStart = dayStartOffset(builtAt, DAY_START_HOUR, ZONE, -params.days);
  const url = `file:${building}`;
  const syncedAt = new Date(firstDayStart.getTime() - HOUR);
  // A new card's state as sync created it.
  const newState = newCardState(syncedAt);
  migrate(url);
  const db = createDb(url);
  try {
    await syncNotes(db, notes, { now: syncedAt });
  } finally {
    await db.$disconnect();
  }
  log(`collection: ${params.notes} notes synced (${since()})`);

  // 3. The learner's history, graded with the app's scheduler and settings.
  const settings = { ...DEFAULT_SETTINGS, newPerDay: params.newPerDay, reviewsPerDay: 9_999 };
  const scheduler = schedulerFor(settings);
  const sql = new Database(building);
  sql.pragma("journal_mode = WAL");
  sql.pragma("synchronous = OFF");
  const cardIds = (sql.prepare(`SELECT id FROM "Card" WHERE retired = 0 ORDER BY noteId, ord`).all() as { id: string }[]).map((r) => r.id);
  const states: (CardState | null)[] = cardIds.map(() => null);
  const leech = new Uint8Array(cardIds.length);
  const buckets = new Map<number, number[]>();
  const file = (card: number, due: Date) => {
    const d = dayIndex(due, DAY_START_HOUR, ZONE);
    const list = buckets.get(d);
    if (list) list.push(card);
    else buckets.set(d, [card]);
  };
  const insertLog = sql.prepare(
    `INSERT INTO "ReviewLog" (id, cardId, token, rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays, learningSteps, reviewedAt, durationMs, leechTagged, previousCard)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rng = createRng(params.seed * 7919 + 17);
  let logs = 0;
  let nextNew = 0;

  const gradeOne = (card: number, at: number): CardState => {
    const id = cardIds[card]!;
    const before = states[card] ?? newState;
    const now = new Date(at);
    const recall = before.state === State.Review ? retrievability(scheduler, before, now) : before.state === State.New ? 0.8 : 0.85;
    const rating = pickRating(rng, recall);
    const { next, record } = grade(scheduler, before, rating, now, id);
    if (next.state === State.Review && next.scheduledDays >= 1) next.due = dueNotToday(next.due, now, DAY_START_HOUR, ZONE);
    const tagged = !leech[card] && next.lapses > before.lapses && next.lapses >= LEECH_LAPSES;
    if (tagged) leech[card] = 1;
    const durationMs = 2_000 + Math.floor(rng.next() * (rating === Rating.Again ? 25_000 : 12_000));
    insertLog.run(
      `bench-${(logs++).toString(36).padStart(8, "0")}-${rng.nextUint32().toString(16)}`,
      id,
      reviewToken(id, before),
      record.rating,
      record.state,
      sqliteDateText(record.due),
      record.stability,
      record.difficulty,
      record.elapsedDays,
      record.lastElapsedDays,
      record.scheduledDays,
      record.learningSteps,
      sqliteDateText(record.reviewedAt),
      durationMs,
      tagged ? 1 : 0,
      reviewLogPreviousCard.encode(before),
    );
    states[card] = next;
    return next;
  };

  const simulateDay = (d: number) => {
    const start = dayStartOffset(builtAt, DAY_START_HOUR, ZONE, d - today).getTime();
    const end = start + 24 * HOUR;
    const due = buckets.get(d) ?? [];
    buckets.delete(d);
    // About one day in sixteen is skipped: everything due waits for the next session, overdue.
    if (rng.next() < 1 / 16) {
      for (const c of due) file(c, new Date(end));
      return;
    }
    due.sort((a, b) => states[a]!.due.getTime() - states[b]!.due.getTime());
    const fresh: number[] = [];
    for (let k = 0; k < params.newPerDay && nextNew < cardIds.length; k++) fresh.push(nextNew++);
    let t = start + 14 * HOUR + Math.floor(rng.next() * 3 * HOUR);
    const steps = new StepQueue();
    const after = (card: number, next: CardState) => {
      if (next.due.getTime() < end && next.state !== State.Review) steps.push(next.due.getTime(), card);
      else file(card, next.due);
    };
    // Reviews and new cards mixed, as the app's queue mixes them; learning steps as they come due.
    const queue = [...due];
    fresh.forEach((c, i) => queue.splice(Math.floor(((i + 1) * queue.length) / (fresh.length + 1)) + i, 0, c));
    for (const card of queue) {
      while (steps.size && steps.peek() <= t) {
        const step = steps.pop()[1];
        after(step, gradeOne(step, t));
        t += 4_000 + Math.floor(rng.next() * 14_000);
      }
      after(card, gradeOne(card, t));
      t += 4_000 + Math.floor(rng.next() * 14_000);
    }
    while (steps.size) {
      const [at, card] = steps.pop();
      t = Math.max(t, at);
      if (t >= end) {
        file(card, new Date(at));
        continue;
      }
      after(card, gradeOne(card, t));
      t += 4_000 + Math.floor(rng.next() * 14_000);
    }
  };

  sql.exec("BEGIN");
  for (let d = today - params.days; d < today; d++) {
    simulateDay(d);
    if ((d - today) % 100 === 0) {
      sql.exec("COMMIT");
      sql.exec("BEGIN");
    }
  }
  sql.exec("COMMIT");
  log(`collection: ${logs} reviews simulated over ${params.days} days, ${nextNew} of ${cardIds.length} cards introduced (${since()})`);

  // 4. Every studied card's final state; a few leeches suspended, as learners do.
  const updateCard = sql.prepare(
    `UPDATE "Card" SET due = ?, stability = ?, difficulty = ?, elapsedDays = ?, scheduledDays = ?, learningSteps = ?, reps = ?, lapses = ?, state = ?, lastReview = ?, leech = ?, suspended = ?, updatedAt = ? WHERE id = ?`,
  );
  const stamp = sqliteDateText(new Date(dayStartOffset(builtAt, DAY_START_HOUR, ZONE, 0).getTime() - 2 * HOUR));
  sql.transaction(() => {
    states.forEach((s, i) => {
      if (!s) return;
      const suspended = leech[i] ? rng.next() < 0.5 : rng.next() < 0.005;
      updateCard.run(
        sqliteDateText(s.due),
        s.stability,
        s.difficulty,
        s.elapsedDays,
        s.scheduledDays,
        s.learningSteps,
        s.reps,
        s.lapses,
        s.state,
        s.lastReview ? sqliteDateText(s.lastReview) : null,
        leech[i],
        suspended ? 1 : 0,
        stamp,
        cardIds[i]!,
      );
    });
  })();
  // The learner's limits, which this history kept to.
  sql
    .prepare(`INSERT INTO "Settings" (id, newPerDay, reviewsPerDay, updatedAt) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET newPerDay = excluded.newPerDay, reviewsPerDay = excluded.reviewsPerDay`)
    .run(settings.newPerDay, settings.reviewsPerDay, stamp);
  sql.pragma("wal_checkpoint(TRUNCATE)");
  const cards = (sql.prepare(`SELECT COUNT(*) AS n FROM "Card" WHERE retired = 0`).get() as { n: number }).n;
  sql.close();

  const dbFile = path.join(dir, "collection.db");
  renameSync(building, dbFile);
  const collection: Collection = { dir, dbFile, contentDir, cards, logs, builtAt: builtAt.toISOString() };
  writeFileSync(done, JSON.stringify(collection, null, 2));
  log(`collection: built in ${since()} at ${dir}`);
  return collection;
}
