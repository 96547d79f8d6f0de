import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Grade } from "ts-fsrs";
import { generatedNoteText } from "@/bench/generated-notes";
import { parseNote } from "@/lib/content/parse";
import type { ParsedNote } from "@/lib/content/types";
import { stateOf } from "@/lib/db/cards";
import { createDb, type Db } from "@/lib/db/client";
import { reviewLogPreviousCard } from "@/lib/db/columns";
import { migrate } from "@/lib/db/migrate";
import { optimizeSummary } from "@/lib/db/optimize-weights";
import { startDatabase } from "@/lib/db/start";
import { readReviewHistory } from "@/lib/db/review-history";
import { gradeCard, undoLast } from "@/lib/db/reviews";
import { getSettings, saveSettings } from "@/lib/db/settings";
import { homeProgress, statsOverview } from "@/lib/db/stats";
import { ensureStudyCalendar } from "@/lib/db/study-calendar";
import { sqliteDateText, syncNotes } from "@/lib/db/sync";
import { createRng } from "@/lib/engine/rng";
import { schedulerFor } from "@/lib/srs/config";
import { dayIndex } from "@/lib/srs/day";
import { buildTrainingItems } from "@/lib/srs/optimize";
import { effectiveDue } from "@/lib/srs/queue";
import { retrievability } from "@/lib/srs/retrievability";
import { reviewToken, State } from "@/lib/srs/schedule";
import { buttonCounts, buttonGroup } from "@/lib/stats/answers";
import { dailyTotals, heatmap } from "@/lib/stats/daily";
import { DIFFICULTY_EDGES, histogram, RETRIEVABILITY_EDGES, STABILITY_EDGES } from "@/lib/stats/histogram";
import { noteMastery } from "@/lib/stats/mastery";
import { countedReviews, trueRetention } from "@/lib/stats/retention";
import { computeStreak, type DueSpan } from "@/lib/stats/streak";

/**
 * The review aggregates (ReviewDay, OverdueDay, CardHistory), which SQLite
 * triggers keep as grades are written and undone, against a recomputation
 * from the review log in TypeScript: after a month of grades and undos
 * through the app's own code, after rows written out of time order and
 * deleted from the middle, after the day start, the time zone or a note's
 * language changed, and after the migration's backfill of a log written
 * before the aggregates existed. And the pages' figures built on them
 * against lib/stats on the whole log.
 */

const AGGREGATES = "20261212000000_review_aggregates";
const ANKI_HTML = "20261212010000_card_anki_html";
const DAY = 86_400_000;
const MIN = 60_000;
const day0 = Date.UTC(2026, 5, 1, 4);

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A migrated database (as it was before the aggregates migration, with `before`). */
function database(before = false): { db: Db; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "gradprep-agg-"));
  dirs.push(dir);
  const file = path.join(dir, "app.db");
  let migrations = "prisma/migrations";
  if (before) {
    migrations = path.join(dir, "migrations");
    cpSync("prisma/migrations", migrations, { recursive: true });
    // The aggregates and what comes after them, except the table today's sync writes to.
    for (const name of readdirSync(migrations)) if (name >= AGGREGATES && name !== ANKI_HTML) rmSync(path.join(migrations, name), { recursive: true, force: true });
  }
  migrate(`file:${file}`, migrations);
  return { db: createDb(`file:${file}`), file };
}

/** Two English notes and a Chinese one, 12 card lines each. */
function notes(): ParsedNote[] {
  return [0, 1, 2].map((n) => {
    const text = generatedNoteText(n, 12, 7).replace("lang: en", n === 2 ? "lang: zh" : "lang: en");
    return parseNote(text, `gen/note-${n}.md`).note!;
  });
}

/**
 * Thirty evenings of a learner through gradeCard and undoLast: some days
 * skipped (cards left overdue), sessions running past midnight, an undo now
 * and then.
 */
async function study(db: Db, days = 30, seed = 5): Promise<Date> {
  const scheduler = schedulerFor(await getSettings(db));
  const rng = createRng(seed);
  let now = new Date(day0);
  for (let d = 0; d < days; d++) {
    if (rng.next() < 0.15) continue;
    now = new Date(day0 + d * DAY + (17 + rng.next() * 6) * 3_600_000);
    let fresh = 0;
    for (let n = 0; n < 40; n++) {
      const row =
        (await db.card.findFirst({ where: { state: { not: State.New }, due: { lte: now } }, orderBy: { due: "asc" } })) ??
        (fresh < 6 ? await db.card.findFirst({ where: { state: State.New }, orderBy: [{ noteId: "asc" }, { ord: "asc" }] }) : null);
      if (!row) break;
      if (row.state === State.New) fresh++;
      const x = rng.next();
      const rating = (x < 0.15 ? 1 : x < 0.25 ? 2 : x < 0.9 ? 3 : 4) as Grade;
      const r = await gradeCard(db, { cardId: row.id, token: reviewToken(row.id, stateOf(row)), rating, now, durationMs: 1000 + rng.int(0, 20_000), scheduler });
      expect(r.ok).toBe(true);
      if (rng.next() < 0.06) expect((await undoLast(db, new Date(0), now)).ok).toBe(true);
      now = new Date(now.getTime() + rng.int(1, 9) * MIN);
    }
  }
  return now;
}

/** The card's state before a grade, or null where previousCard cannot be read (no overdue span then, as in lib/db/stats). */
function previousState(l: { id: string; previousCard: string }) {
  try {
    return reviewLogPreviousCard.decode(l.previousCard, l.id);
  } catch {
    return null;
  }
}

type Row = Record<string, unknown>;
const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])))).sort();

/** The three aggregate tables as SQLite holds them. */
function stored(file: string): { reviewDay: string[]; overdueDay: string[]; cardHistory: string[] } {
  const sql = new Database(file, { readonly: true });
  try {
    return {
      reviewDay: sorted(sql.prepare(`SELECT lang, day, kind, rating, reviews, counted, ms FROM "ReviewDay"`).all() as Row[]),
      overdueDay: sorted(sql.prepare(`SELECT lang, day, opened, closed FROM "OverdueDay"`).all() as Row[]),
      cardHistory: sorted(sql.prepare(`SELECT cardId, firstAt, firstId, firstState, days FROM "CardHistory"`).all() as Row[]),
    };
  } finally {
    sql.close();
  }
}

/** The same three tables, recomputed from the whole review log in TypeScript. */
async function recomputed(db: Db, h: number, z: string): Promise<ReturnType<typeof stored>> {
  const logs = await db.reviewLog.findMany({ include: { card: { select: { note: { select: { lang: true } } } } }, orderBy: [{ reviewedAt: "asc" }, { id: "asc" }] });
  const day = (d: Date) => dayIndex(d, h, z);
  const counted = new Set(countedReviews(logs, h, z).map((l) => l.id));
  const reviewDay = new Map<string, Row>();
  const overdueDay = new Map<string, Row>();
  const bump = (map: Map<string, Row>, key: Row, add: Row) => {
    const k = JSON.stringify(key);
    const row = map.get(k) ?? { ...key, ...Object.fromEntries(Object.keys(add).map((f) => [f, 0])) };
    for (const [f, v] of Object.entries(add)) row[f] = (row[f] as number) + (v as number);
    map.set(k, row);
  };
  const kinds = { learning: 0, young: 1, mature: 2 } as const;
  const byCard = new Map<string, typeof logs>();
  for (const l of logs) {
    const lang = l.card.note.lang;
    const kind = kinds[buttonGroup(l.state, l.scheduledDays)];
    bump(reviewDay, { lang, day: day(l.reviewedAt), kind, rating: l.rating }, { reviews: 1, counted: counted.has(l.id) ? 1 : 0, ms: l.durationMs });
    const before = previousState(l);
    if (before && before.state !== State.New && day(l.reviewedAt) > day(before.due)) {
      bump(overdueDay, { lang, day: day(before.due) }, { opened: 1, closed: 0 });
      bump(overdueDay, { lang, day: day(l.reviewedAt) }, { opened: 0, closed: 1 });
    }
    if (l.rating >= 1 && l.rating <= 4) byCard.set(l.cardId, [...(byCard.get(l.cardId) ?? []), l]);
  }
  const cardHistory = [...byCard].map(([cardId, ls]) => ({
    cardId,
    firstAt: sqliteDateText(ls[0]!.reviewedAt),
    firstId: ls[0]!.id,
    firstState: ls[0]!.state,
    days: new Set(ls.map((l) => day(l.reviewedAt))).size,
  }));
  return { reviewDay: sorted([...reviewDay.values()]), overdueDay: sorted([...overdueDay.values()]), cardHistory: sorted(cardHistory) };
}

describe("review aggregates kept by triggers", () => {
  let db: Db;
  let file: string;
  let now: Date;
  beforeAll(async () => {
    ({ db, file } = database());
    await syncNotes(db, notes(), { now: new Date(day0 - DAY) });
    now = await study(db);
  }, 120_000);
  afterAll(async () => {
    await db.$disconnect();
  });

  it("equal a recomputation from the log after a month of grades and undos", async () => {
    const logs = await db.reviewLog.count();
    expect(logs).toBeGreaterThan(200);
    const expected = await recomputed(db, 4, "UTC");
    expect(stored(file)).toEqual(expected);
    // The history did what the aggregates are for: overdue spans, repeated Review-state grades, several languages.
    expect(expected.overdueDay.length).toBeGreaterThan(4);
    expect(expected.reviewDay.some((r) => r.includes('"lang":"zh"'))).toBe(true);
  });

  it("stay equal when rows arrive out of time order and are deleted from the middle", async () => {
    const sql = new Database(file);
    try {
      // A Review-state grade of a card, written before the card's grades of that day (a clock set back, an import).
      const target = sql
        .prepare(`SELECT cardId, reviewedAt, previousCard FROM "ReviewLog" WHERE state = 2 AND rating BETWEEN 1 AND 4 ORDER BY reviewedAt DESC LIMIT 1`)
        .get() as { cardId: string; reviewedAt: string; previousCard: string };
      const earlier = sqliteDateText(new Date(new Date(target.reviewedAt).getTime() - 30 * MIN));
      const insert = sql.prepare(
        `INSERT INTO "ReviewLog" (id, cardId, token, rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays, learningSteps, reviewedAt, durationMs, leechTagged, previousCard)
         VALUES (?, ?, ?, ?, 2, ?, 3, 5, 1, 1, ?, 0, ?, 4000, 0, ?)`,
      );
      insert.run("out-of-order-1", target.cardId, "tok-ooo-1", 1, earlier, 25, earlier, target.previousCard);
      insert.run("out-of-order-2", target.cardId, "tok-ooo-2", 3, earlier, 3, sqliteDateText(new Date(new Date(target.reviewedAt).getTime() - 90 * DAY)), "not json");
      expect(stored(file)).toEqual(await recomputed(db, 4, "UTC"));
      // Deleting rows in the middle of cards' histories (the first grade of a card, a counted Review-state grade).
      const middle = sql.prepare(`SELECT id FROM "ReviewLog" WHERE state = 2 ORDER BY reviewedAt LIMIT 5 OFFSET 10`).all() as { id: string }[];
      const first = sql.prepare(`SELECT firstId AS id FROM "CardHistory" ORDER BY firstAt LIMIT 3`).all() as { id: string }[];
      const del = sql.prepare(`DELETE FROM "ReviewLog" WHERE id = ?`);
      for (const { id } of [...middle, ...first, { id: "out-of-order-1" }]) del.run(id);
    } finally {
      sql.close();
    }
    expect(stored(file)).toEqual(await recomputed(db, 4, "UTC"));
  });

  it("are rebuilt when the day start, the time zone or a note's language changes", async () => {
    expect(await saveSettings(db, { dayStartHour: 0 })).toMatchObject({ ok: true });
    expect(stored(file)).toEqual(await recomputed(db, 0, "UTC"));
    expect(await ensureStudyCalendar(db, 0, "UTC")).toBe(false);

    // A zone with summer time (the history crosses no change; the calendar is written for decades).
    expect(await ensureStudyCalendar(db, 4, "America/New_York")).toBe(true);
    expect(stored(file)).toEqual(await recomputed(db, 4, "America/New_York"));

    await db.note.update({ where: { id: "gen/note-1" }, data: { lang: "zh" } });
    expect(stored(file)).toEqual(await recomputed(db, 4, "America/New_York"));
    await ensureStudyCalendar(db, 4, "UTC");
  });

  it("give the settings page the optimiser's counts of the whole log", async () => {
    await saveSettings(db, { dayStartHour: 4 });
    const settings = await getSettings(db);
    const set = buildTrainingItems(await readReviewHistory(db), { dayStartHour: 4, timeZone: "UTC", enableShortTerm: true });
    expect(await optimizeSummary(db)).toMatchObject({ items: set.items.length, cards: set.cards, incompleteCards: set.incompleteCards, weights: settings.weights });
    expect(set.items.length).toBeGreaterThan(50);
  });

  it("give /stats what lib/stats computes from the whole log and every card", async () => {
    const settings = await getSettings(db);
    const scheduler = schedulerFor(settings);
    for (const at of [now, new Date(now.getTime() + 2 * DAY)]) {
      for (const langs of [["en"], ["zh"], ["en", "zh"]]) {
        const stats = await statsOverview(db, at, langs);
        const logs = (await db.reviewLog.findMany({ where: { card: { note: { lang: { in: langs } } } } })).filter((l) => l.reviewedAt <= at);
        expect(stats.totalReviews).toBe(logs.length);
        expect(stats.heatmap).toEqual(heatmap(logs, at, 4, "UTC", 365));
        expect(stats.daily).toEqual(dailyTotals(logs, at, 4, "UTC", 30));
        expect(stats.retention).toEqual(trueRetention(logs, at, 4, "UTC"));
        expect(stats.buttons).toEqual(buttonCounts(logs));
        const cards = await db.card.findMany({ where: { retired: false, suspended: false, state: { not: State.New }, note: { retired: false, lang: { in: langs } } } });
        expect(stats.studiedCards).toBe(cards.length);
        expect(stats.stability).toEqual(histogram(cards.map((c) => c.stability), STABILITY_EDGES, true));
        expect(stats.difficulty).toEqual(histogram(cards.map((c) => c.difficulty), DIFFICULTY_EDGES));
        expect(stats.retrievability).toEqual(histogram(cards.map((c) => 100 * retrievability(scheduler, stateOf(c), at)), RETRIEVABILITY_EDGES));
      }
    }
    const home = await homeProgress(db, now, ["en", "zh"]);
    const all = await db.card.findMany({ where: { retired: false, suspended: false, note: { retired: false } }, include: { note: { select: { title: true } } } });
    const expected = noteMastery(
      all.map((c) => ({ noteId: c.noteId, studied: c.state !== State.New, retrievability: retrievability(scheduler, stateOf(c), now) })),
      [...new Map(all.map((c) => [c.noteId, { id: c.noteId, title: c.note.title }])).values()],
    );
    expect(home.mastery.map((m) => [m.noteId, m.cards, m.studied])).toEqual(expected.map((m) => [m.noteId, m.cards, m.studied]).slice(0, 10));
    home.mastery.forEach((m, i) => expect(m.mastery).toBeCloseTo(expected[i]!.mastery, 9));
    expect(home.notesWithCards).toBe(expected.length);
  });

  it("give the home page the streak computeStreak gives on the whole log", async () => {
    for (const at of [now, new Date(now.getTime() + 20 * 3_600_000), new Date(now.getTime() + 3 * DAY)]) {
      for (const langs of [["en"], ["zh"], ["en", "zh"]]) {
        const logs = await db.reviewLog.findMany({ where: { card: { note: { lang: { in: langs } } } } });
        const cards = await db.card.findMany({ where: { retired: false, suspended: false, state: { not: State.New }, note: { retired: false, lang: { in: langs } } } });
        const spans: DueSpan[] = [];
        for (const l of logs) {
          const before = previousState(l);
          if (before && before.state !== State.New) spans.push({ due: before.due, doneAt: l.reviewedAt });
        }
        for (const c of cards) spans.push({ due: effectiveDue(c), doneAt: null });
        const expected = computeStreak({ reviewTimes: logs.map((l) => l.reviewedAt), dueSpans: spans, now: at, dayStartHour: 4, timeZone: "UTC" });
        expect((await homeProgress(db, at, langs)).streak).toEqual(expected);
      }
    }
  });
});

describe("the server's start", () => {
  it("rewrites the calendar for the server's zone and the saved day start, and only then", async () => {
    const { db, file } = database();
    try {
      await syncNotes(db, notes(), { now: new Date(day0 - DAY) });
      await study(db, 8, 3);
      await ensureStudyCalendar(db, 4, "Asia/Kolkata");
      await db.settings.upsert({ where: { id: 1 }, create: { id: 1, dayStartHour: 6 }, update: { dayStartHour: 6 } });
      await db.$disconnect();
      startDatabase(`file:${file}`);
      expect(stored(file)).toEqual(await recomputed(db, 6, "UTC"));
      const sql = new Database(file, { readonly: true });
      expect(sql.prepare(`SELECT "dayStartHour", "timeZone" FROM "StudyCalendarKey"`).all()).toEqual([{ dayStartHour: 6, timeZone: "UTC" }]);
      sql.close();
      expect(await ensureStudyCalendar(db, 6, "UTC")).toBe(false);
    } finally {
      await db.$disconnect();
    }
  }, 60_000);
});

describe(`${AGGREGATES}: the backfill`, () => {
  it("builds the aggregates of a log written before they existed", async () => {
    const { db, file } = database(true);
    try {
      await syncNotes(db, notes(), { now: new Date(day0 - DAY) });
      await study(db, 25, 9);
      const url = `file:${file}`;
      expect(migrate(url).applied).toContain(AGGREGATES);
      expect(stored(file)).toEqual(await recomputed(db, 4, "UTC"));
      expect(stored(file).reviewDay.length).toBeGreaterThan(20);
    } finally {
      await db.$disconnect();
    }
  }, 120_000);
});
