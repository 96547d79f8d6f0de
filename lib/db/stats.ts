import "server-only";
import { LEARN_AHEAD_MS } from "@/lib/srs/limits";
import { buttonCounts, exerciseAccuracy, topMistakes, type ButtonCounts, type GeneratorAccuracy, type MistakeCount } from "@/lib/stats/answers";
import { dailyTotals, heatmap, type DayTotal, type Heatmap } from "@/lib/stats/daily";
import { forecast, type ForecastDay } from "@/lib/stats/forecast";
import { DIFFICULTY_EDGES, histogram, RETRIEVABILITY_EDGES, STABILITY_EDGES, type Bin } from "@/lib/stats/histogram";
import { noteMastery, type NoteMastery } from "@/lib/stats/mastery";
import { trueRetention, type RetentionCounts, type RetentionPeriod } from "@/lib/stats/retention";
import { computeStreak, type DueSpan, type Streak } from "@/lib/stats/streak";
import { schedulerFor } from "@/lib/srs/config";
import { nextDayStart } from "@/lib/srs/day";
import { retrievability } from "@/lib/srs/retrievability";
import { effectiveDue } from "@/lib/srs/queue";
import { State } from "@/lib/srs/schedule";
import type { Db } from "./client";
import { stateOf } from "./cards";
import { ColumnDecodeError, reviewLogPreviousCard } from "./columns";
import { activeCards, currentCards, currentNotes, historyCards } from "./filters";
import { getSettings } from "./settings";

/**
 * The queries behind the home page's progress and the stats page. They load
 * plain rows and leave the arithmetic to lib/stats (pure, unit-tested).
 *
 * Scope: with `langs`, only notes in those languages. The cards' current state
 * (due, forecast, mastery, distributions) counts cards in the content now and
 * not suspended; the history (reviews, attempts) counts every review of the
 * chosen notes' cards, also of cards since removed from the Markdown.
 */

const cardFields = {
  id: true,
  noteId: true,
  due: true,
  buriedUntil: true,
  stability: true,
  difficulty: true,
  elapsedDays: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  state: true,
  lastReview: true,
} as const;

type CardRow = Parameters<typeof stateOf>[0];
type PickedCard = Pick<CardRow, keyof typeof cardFields>;

function stateOfPicked(c: PickedCard) {
  return stateOf(c as CardRow);
}

export interface HomeProgress {
  dayStartHour: number;
  /** Learning cards that come due after the learn-ahead window but before the next study day starts. */
  dueLaterToday: number;
  streak: Streak;
  /** Next 14 study days, today (with anything overdue) first. */
  forecast: ForecastDay[];
  /** Weakest first. */
  mastery: NoteMastery[];
}

export async function homeProgress(db: Db, now: Date, langs?: readonly string[]): Promise<HomeProgress> {
  const settings = await getSettings(db);
  const h = settings.dayStartHour;
  const scheduler = schedulerFor(settings);
  const [cards, notes, logs] = await Promise.all([
    db.card.findMany({ where: activeCards(langs), select: cardFields }),
    db.note.findMany({ where: currentNotes(langs), select: { id: true, title: true } }),
    db.reviewLog.findMany({
      where: { card: currentCards(langs) },
      select: { id: true, cardId: true, reviewedAt: true, previousCard: true },
      orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const studied = cards.filter((c) => c.state !== State.New);
  const end = nextDayStart(now, h, settings.timeZone).getTime();
  // Reviews due at any time today are already in today's queue (and the home page's "due today");
  // what comes later is learning steps beyond the learn-ahead window.
  const dueLaterToday = studied.filter((c) => {
    const t = effectiveDue(c).getTime();
    return (c.state === State.Learning || c.state === State.Relearning) && t > now.getTime() + LEARN_AHEAD_MS && t < end;
  }).length;

  return {
    dayStartHour: h,
    dueLaterToday,
    streak: computeStreak({ reviewTimes: logs.map((l) => l.reviewedAt), dueSpans: dueSpans(cards, logs), now, dayStartHour: h, timeZone: settings.timeZone }),
    forecast: forecast(studied.map(effectiveDue), now, h, settings.timeZone, 14),
    mastery: noteMastery(
      cards.map((c) => ({ noteId: c.noteId, studied: c.state !== State.New, retrievability: retrievability(scheduler, stateOfPicked(c), now) })),
      notes,
    ),
  };
}

/**
 * When each studied card was due and not yet graded: between two grades the
 * card was due at the date it had before the second one (the review log keeps
 * that state); after its last grade, at its current (effective) due date.
 * Cards not in `cards` (suspended, retired) and cards still new are left out.
 */
function dueSpans(cards: readonly PickedCard[], logs: readonly { id: string; cardId: string; reviewedAt: Date; previousCard: string }[]): DueSpan[] {
  const live = new Set(cards.map((c) => c.id));
  const spans: DueSpan[] = [];
  for (const l of logs) {
    if (!live.has(l.cardId)) continue;
    let before;
    try {
      before = reviewLogPreviousCard.decode(l.previousCard, l.id);
    } catch (err) {
      // A log whose previous state cannot be read only loses its span: the streak is still worth showing.
      if (err instanceof ColumnDecodeError) continue;
      throw err;
    }
    if (before.state === State.New) continue;
    spans.push({ due: before.due, doneAt: l.reviewedAt });
  }
  for (const c of cards) if (c.state !== State.New) spans.push({ due: effectiveDue(c), doneAt: null });
  return spans;
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

export async function statsOverview(db: Db, now: Date, langs?: readonly string[]): Promise<StatsOverview> {
  const settings = await getSettings(db);
  const h = settings.dayStartHour;
  const scheduler = schedulerFor(settings);
  const [logs, cards, attempts] = await Promise.all([
    db.reviewLog.findMany({
      where: { card: historyCards(langs) },
      select: { cardId: true, reviewedAt: true, durationMs: true, state: true, scheduledDays: true, rating: true },
    }),
    db.card.findMany({ where: { ...activeCards(langs), state: { not: State.New } }, select: cardFields }),
    db.attempt.findMany({
      where: { card: historyCards(langs) },
      select: { generator: true, verdict: true, mistakeId: true, seed: true, params: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const past = logs.filter((l) => l.reviewedAt.getTime() <= now.getTime());
  return {
    dayStartHour: h,
    totalReviews: past.length,
    heatmap: heatmap(past, now, h, settings.timeZone, 365),
    daily: dailyTotals(past, now, h, settings.timeZone, 30),
    retention: trueRetention(past, now, h, settings.timeZone),
    buttons: buttonCounts(past),
    studiedCards: cards.length,
    stability: histogram(
      cards.map((c) => c.stability),
      STABILITY_EDGES,
      true,
    ),
    difficulty: histogram(
      cards.map((c) => c.difficulty),
      DIFFICULTY_EDGES,
    ),
    retrievability: histogram(
      cards.map((c) => 100 * retrievability(scheduler, stateOfPicked(c), now)),
      RETRIEVABILITY_EDGES,
    ),
    exercises: exerciseAccuracy(attempts),
    mistakes: topMistakes(attempts, 10),
    attempts: attempts.length,
  };
}
