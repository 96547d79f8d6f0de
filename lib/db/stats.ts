import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { LEARN_AHEAD_MS } from "@/lib/srs/limits";
import { accuracyOfCounts, buttonCountsByGroup, mostFrequentMistakes, type ButtonCounts, type ButtonGroup, type GeneratorAccuracy, type MistakeCount } from "@/lib/stats/answers";
import { heatmapByDay, totalsByDay, type DayCount, type DayTotal, type Heatmap } from "@/lib/stats/daily";
import { type ForecastDay } from "@/lib/stats/forecast";
import { binsFromCounts, DIFFICULTY_EDGES, RETRIEVABILITY_EDGES, STABILITY_EDGES, type Bin } from "@/lib/stats/histogram";
import { masteryOfNotes, type NoteMastery } from "@/lib/stats/mastery";
import { RETENTION_PERIOD_DAYS, retentionByDay, type RetentionCounts, type RetentionPeriod } from "@/lib/stats/retention";
import { streakFromDays, type Streak } from "@/lib/stats/streak";
import { indexToKey } from "@/lib/stats/calendar";
import { schedulerFor } from "@/lib/srs/config";
import { dayIndex, dayStartOffset } from "@/lib/srs/day";
import type { Db } from "./client";
import { activeCardsSql, langSql } from "./filters";
import { getSettings } from "./settings";
import { dateSql, dateOf, EFFECTIVE_DUE, msSql, num } from "./sql";
import { ensureStudyCalendar } from "./study-calendar";

/**
 * The queries behind the home page's progress and the stats page. The
 * history comes from the review aggregates (ReviewDay, OverdueDay: one row
 * per study day, kept by triggers as grades are written), the cards' state
 * from SQL that counts and bins in SQLite; the arithmetic on what comes back
 * is lib/stats (pure, unit-tested). No query here reads the whole review log
 * or loads every card.
 *
 * Scope: with `langs`, only notes in those languages. The cards' current state
 * (due, forecast, mastery, distributions) counts cards in the content now and
 * not suspended; the history (reviews, streak days, attempts) counts every
 * review of the chosen notes' cards, also of cards since removed from the
 * Markdown or suspended.
 */

/** At most this many notes in the home page's weakest-notes chart (weakest first). */
export const MASTERY_NOTES_SHOWN = 10;

export interface HomeProgress {
  dayStartHour: number;
  /** Learning cards that come due after the learn-ahead window but before the next study day starts. */
  dueLaterToday: number;
  streak: Streak;
  /** Next 14 study days, today (with anything overdue) first. */
  forecast: ForecastDay[];
  /** The weakest MASTERY_NOTES_SHOWN notes, weakest first. */
  mastery: NoteMastery[];
  /** How many notes have cards (the chart shows the weakest of them). */
  notesWithCards: number;
}

const FORECAST_DAYS = 14;
/** The language column of ReviewDay and OverdueDay. */
const AGGREGATE_LANG = Prisma.sql`"lang"`;

export async function homeProgress(db: Db, now: Date, langs?: readonly string[]): Promise<HomeProgress> {
  const settings = await getSettings(db);
  const h = settings.dayStartHour;
  const z = settings.timeZone;
  await ensureStudyCalendar(db, h, z);
  const today = dayIndex(now, h, z);
  // Starts of the next FORECAST_DAYS study days: boundaries[k] ends day k of the forecast.
  const boundaries = Array.from({ length: FORECAST_DAYS }, (_, k) => dayStartOffset(now, h, z, k + 1));
  const dayOfDue = Prisma.join(
    boundaries.map((b, k) => Prisma.sql`WHEN e < ${dateSql(b)} THEN ${k}`),
    " ",
  );
  const [later, forecastRows, masteryRows, days, overdue, open] = await Promise.all([
    db.$queryRaw<{ n: unknown }[]>`
      SELECT count(*) AS n FROM (
        SELECT ${EFFECTIVE_DUE} AS e FROM "Card" c JOIN "Note" n ON n."id" = c."noteId"
        WHERE ${activeCardsSql(langs)} AND c."state" IN (1, 3) AND c."due" < ${dateSql(boundaries[0]!)}
      ) WHERE e > ${dateSql(new Date(now.getTime() + LEARN_AHEAD_MS))} AND e < ${dateSql(boundaries[0]!)}`,
    db.$queryRaw<{ k: unknown; n: unknown }[]>`
      SELECT CASE ${dayOfDue} END AS k, count(*) AS n FROM (
        SELECT ${EFFECTIVE_DUE} AS e FROM "Card" c JOIN "Note" n ON n."id" = c."noteId"
        WHERE ${activeCardsSql(langs)} AND c."state" IN (1, 2, 3) AND c."due" < ${dateSql(boundaries[FORECAST_DAYS - 1]!)}
      ) WHERE k IS NOT NULL GROUP BY k`,
    // Note by note (CROSS JOIN keeps the notes outside), each a range of the card browser's covering index,
    // in note id order, so that grouping needs no sort of 100,000 rows.
    db.$queryRaw<{ noteId: string; title: string; cards: unknown; studied: unknown; recall: unknown }[]>`
      SELECT n."id" AS "noteId", n."title" AS "title", count(*) AS cards, sum(c."state" <> 0) AS studied,
        sum(${retrievabilitySql(settings, now)}) AS recall
      FROM "Note" n CROSS JOIN "Card" c ON c."noteId" = n."id"
      WHERE ${activeCardsSql(langs)}
      GROUP BY n."id"`,
    db.$queryRaw<{ day: unknown; reviews: unknown }[]>`
      SELECT "day", sum("reviews") AS reviews FROM "ReviewDay" WHERE ${langSql(langs, AGGREGATE_LANG)} AND "day" <= ${today} GROUP BY "day"`,
    db.$queryRaw<{ day: unknown; change: unknown }[]>`
      SELECT "day", sum("opened") - sum("closed") AS change FROM "OverdueDay" WHERE ${langSql(langs, AGGREGATE_LANG)} GROUP BY "day"`,
    // The earliest studied card due by now and not graded since: it keeps today (and the days since it came due) from counting.
    db.$queryRaw<{ e: unknown }[]>`
      SELECT min(${EFFECTIVE_DUE}) AS e FROM "Card" c JOIN "Note" n ON n."id" = c."noteId"
      WHERE ${activeCardsSql(langs)} AND c."state" IN (1, 2, 3) AND c."due" <= ${dateSql(now)}
        AND (c."buriedUntil" IS NULL OR c."buriedUntil" <= ${dateSql(now)})`,
  ]);

  const forecast: ForecastDay[] = Array.from({ length: FORECAST_DAYS }, (_, k) => ({ day: indexToKey(today + k), offset: k, count: 0 }));
  for (const r of forecastRows) forecast[num(r.k)]!.count = num(r.n);
  const openDue = dateOf(open[0]?.e);
  const activity = [
    ...days.map((d) => ({ day: num(d.day), reviews: num(d.reviews), overdueChange: 0 })),
    ...overdue.map((d) => ({ day: num(d.day), reviews: 0, overdueChange: num(d.change) })),
  ];
  const mastery = masteryOfNotes(
    masteryRows.map((r) => ({ noteId: r.noteId, cards: num(r.cards), studied: num(r.studied), recall: num(r.recall) })),
    masteryRows.map((r) => ({ id: r.noteId, title: r.title })),
  );
  return {
    dayStartHour: h,
    dueLaterToday: num(later[0]?.n),
    streak: streakFromDays({ days: activity, today, openSince: openDue ? dayIndex(openDue, h, z) : null }),
    forecast,
    mastery: mastery.slice(0, MASTERY_NOTES_SHOWN),
    notesWithCards: mastery.length,
  };
}

/**
 * A card's retrievability at `now`, in SQL over `"Card" c`: ts-fsrs'
 * get_retrievability (FSRS-6 forgetting curve R = (1 + f·t/S)^(−w₂₀), t in
 * whole days since the last review, results rounded to 8 decimals the way
 * ts-fsrs rounds them), 0 for a card never studied (lib/srs/retrievability).
 */
function retrievabilitySql(settings: Parameters<typeof schedulerFor>[0], now: Date): Prisma.Sql {
  const w = schedulerFor(settings).parameters.w;
  const decay = -w[20]!;
  // As ts-fsrs computes the curve's factor.
  const factor = Math.round((Math.exp(Math.pow(decay, -1) * Math.log(0.9)) - 1) * 1e8) / 1e8;
  // Whole days (ts-fsrs floors them); CAST, since a bound number may arrive as a REAL.
  const days = Prisma.sql`max(0, CAST((${now.getTime()} - ${msSql(Prisma.sql`c."lastReview"`)}) / 86400000 AS INTEGER))`;
  const stability = Prisma.sql`(round(c."stability" * 1e8) / 1e8)`;
  return Prisma.sql`CASE WHEN c."state" <> 0 AND c."stability" > 0
    THEN coalesce(round(pow(1 + ${factor} * ${days} / ${stability}, ${decay}) * 1e8) / 1e8, 0) ELSE 0 END`;
}

/** The bin lib/stats/histogram binIndex puts `x` in, as SQL (NULL for none). */
function binSql(x: Prisma.Sql, edges: readonly number[], openEnd: boolean): Prisma.Sql {
  const last = edges.length - 1;
  const within = edges.slice(1).map((e, i) => Prisma.sql`WHEN ${x} < ${e} THEN ${i}`);
  const beyond = openEnd ? Prisma.sql`${last}` : Prisma.sql`CASE WHEN ${x} = ${edges[last]!} THEN ${last - 1} END`;
  return Prisma.sql`CASE WHEN ${x} IS NULL OR ${x} < ${edges[0]!} THEN NULL ${Prisma.join(within, " ")} ELSE ${beyond} END`;
}

export interface StatsOverview {
  dayStartHour: number;
  totalReviews: number;
  heatmap: Heatmap;
  /** Last 30 study days, oldest first. */
  daily: DayTotal[];
  retention: Record<RetentionPeriod, RetentionCounts>;
  buttons: ButtonCounts;
  studiedCards: number;
  stability: Bin[];
  difficulty: Bin[];
  /** In percent. */
  retrievability: Bin[];
  exercises: GeneratorAccuracy[];
  mistakes: MistakeCount[];
  attempts: number;
}

const HEATMAP_DAYS = 365;
const DAILY_DAYS = 30;
/** ReviewDay.kind → the answer buttons' groups. */
const GROUP_OF_KIND: readonly ButtonGroup[] = ["learning", "young", "mature"];

export async function statsOverview(db: Db, now: Date, langs?: readonly string[]): Promise<StatsOverview> {
  const settings = await getSettings(db);
  const h = settings.dayStartHour;
  await ensureStudyCalendar(db, h, settings.timeZone);
  const today = dayIndex(now, h, settings.timeZone);
  // True retention's periods are unions of these spans of days ago: count each span once.
  const cuts = [...new Set(Object.values(RETENTION_PERIOD_DAYS).flatMap(([lo, hi]) => [lo, hi + 1]))].filter(Number.isFinite).sort((a, b) => b - a);
  const agoCut = Prisma.sql`CASE ${Prisma.join(
    cuts.map((c) => Prisma.sql`WHEN ${today} - "day" >= ${c} THEN ${c}`),
    " ",
  )} END`;
  const history = Prisma.sql`"ReviewDay" WHERE ${langSql(langs, AGGREGATE_LANG)} AND "day" <= ${today}`;
  const R = retrievabilitySql(settings, now);
  const [perDay, kinds, retained, bins, attemptRows, mistakeRows] = await Promise.all([
    db.$queryRaw<{ day: unknown; reviews: unknown; ms: unknown }[]>`
      SELECT "day", sum("reviews") AS reviews, sum("ms") AS ms FROM ${history} AND "day" > ${today - HEATMAP_DAYS} GROUP BY "day"`,
    db.$queryRaw<{ kind: unknown; rating: unknown; reviews: unknown }[]>`
      SELECT "kind", "rating", sum("reviews") AS reviews FROM ${history} GROUP BY "kind", "rating"`,
    db.$queryRaw<{ cut: unknown; kind: unknown; passed: unknown; n: unknown }[]>`
      SELECT ${agoCut} AS cut, "kind", "rating" > 1 AS passed, sum("counted") AS n FROM ${history} AND "kind" > 0 GROUP BY cut, "kind", passed`,
    // LIMIT -1 keeps SQLite from flattening the subquery into the bins' CASE expressions, which would
    // compute each card's retrievability once per bin edge; cards note by note, as for the mastery.
    db.$queryRaw<{ s: unknown; d: unknown; r: unknown; n: unknown }[]>`
      SELECT ${binSql(Prisma.sql`st`, STABILITY_EDGES, true)} AS s, ${binSql(Prisma.sql`df`, DIFFICULTY_EDGES, false)} AS d,
        ${binSql(Prisma.sql`rp`, RETRIEVABILITY_EDGES, false)} AS r, count(*) AS n
      FROM (
        SELECT c."stability" AS st, c."difficulty" AS df, 100 * ${R} AS rp
        FROM "Note" n CROSS JOIN "Card" c ON c."noteId" = n."id"
        WHERE ${activeCardsSql(langs)} AND c."state" IN (1, 2, 3)
        LIMIT -1
      )
      GROUP BY s, d, r`,
    db.$queryRaw<{ generator: string; correct: unknown; n: unknown }[]>`
      SELECT a."generator", sum(a."verdict" = 'correct') AS correct, count(*) AS n
      FROM "Attempt" a JOIN "Card" c ON c."id" = a."cardId" JOIN "Note" n ON n."id" = c."noteId"
      WHERE ${langSql(langs)} GROUP BY a."generator"`,
    // Each recognised mistake with how often it was made and the latest instance it was made on.
    db.$queryRaw<{ generator: string; mistakeId: string; n: unknown; seed: unknown; params: string }[]>`
      SELECT a."generator", a."mistakeId" AS "mistakeId", count(*) AS n, a."seed", a."params", max(a."createdAt") AS latest
      FROM "Attempt" a JOIN "Card" c ON c."id" = a."cardId" JOIN "Note" n ON n."id" = c."noteId"
      WHERE ${langSql(langs)} AND a."mistakeId" IS NOT NULL GROUP BY a."generator", a."mistakeId"`,
  ]);

  const counts: DayCount[] = perDay.map((d) => ({ day: num(d.day), count: num(d.reviews), ms: num(d.ms) }));
  const binCounts = { s: new Map<number, number>(), d: new Map<number, number>(), r: new Map<number, number>() };
  let studiedCards = 0;
  for (const row of bins) {
    const n = num(row.n);
    studiedCards += n;
    for (const key of ["s", "d", "r"] as const) {
      if (row[key] === null) continue;
      const i = num(row[key]);
      binCounts[key].set(i, (binCounts[key].get(i) ?? 0) + n);
    }
  }
  return {
    dayStartHour: h,
    totalReviews: kinds.reduce((s, k) => s + num(k.reviews), 0),
    heatmap: heatmapByDay(counts, today, HEATMAP_DAYS),
    daily: totalsByDay(counts, today, DAILY_DAYS),
    retention: retentionByDay(
      retained.map((r) => ({ day: today - num(r.cut), mature: num(r.kind) === 2, passed: num(r.passed) === 1, count: num(r.n) })),
      today,
    ),
    buttons: buttonCountsByGroup(kinds.map((k) => ({ group: GROUP_OF_KIND[num(k.kind)]!, rating: num(k.rating), count: num(k.reviews) }))),
    studiedCards,
    stability: binsFromCounts(binCounts.s, STABILITY_EDGES, true),
    difficulty: binsFromCounts(binCounts.d, DIFFICULTY_EDGES),
    retrievability: binsFromCounts(binCounts.r, RETRIEVABILITY_EDGES),
    exercises: accuracyOfCounts(attemptRows.map((a) => ({ generator: a.generator, attempts: num(a.n), correct: num(a.correct) }))),
    mistakes: mostFrequentMistakes(
      mistakeRows.map((m) => ({ generator: m.generator, mistakeId: m.mistakeId, count: num(m.n), example: { seed: num(m.seed), params: m.params } })),
      10,
    ),
    attempts: attemptRows.reduce((s, a) => s + num(a.n), 0),
  };
}
