import "server-only";
import type { FSRS } from "ts-fsrs";
import { isBuried } from "@/lib/srs/queue";
import { retrievability } from "@/lib/srs/retrievability";
import { State, type CardState } from "@/lib/srs/schedule";
import type { Db } from "./client";
import { stateOf } from "./cards";
import { cardExercise, decodeCardState, reviewLogPreviousCard } from "./columns";

/**
 * Card info for the browser (Anki's Card Info): the card, its current FSRS
 * state and forgetting curve, every review with the memory state before and
 * after it, and every exercise attempt.
 */

export interface CardInfoReview {
  id: string;
  reviewedAt: Date;
  /** 1 Again … 4 Easy */
  rating: number;
  /** The card's state when it was graded. */
  stateBefore: State;
  /** Time from the grade to the due date it gave. */
  intervalMs: number;
  stabilityBefore: number;
  stabilityAfter: number;
  difficultyBefore: number;
  difficultyAfter: number;
  durationMs: number;
}

export interface CardInfoAttempt {
  id: string;
  createdAt: Date;
  generator: string;
  seed: number;
  /** Attempt.params as stored (describeMistake rebuilds the instance from it). */
  paramsJson: string;
  input: string;
  verdict: string;
  mistakeId: string | null;
  tryNumber: number;
  durationMs: number;
  context: string;
}

export interface CurvePoint {
  /** Days since the last review. */
  days: number;
  /** Probability of recall then. */
  r: number;
}

export interface CardInfo {
  id: string;
  noteId: string;
  noteTitle: string;
  notePath: string;
  lang: string;
  kind: string;
  front: string;
  back: string;
  generator: string | null;
  retired: boolean;
  suspended: boolean;
  buriedUntil: Date | null;
  buried: boolean;
  leech: boolean;
  createdAt: Date;
  schedule: CardState;
  /** At `now`; null for a card never studied. */
  retrievability: number | null;
  /** The forgetting curve from the last review; empty for a card never studied. */
  curve: CurvePoint[];
  /** Where `now` and the due date fall on the curve (days since the last review). */
  nowDays: number | null;
  dueDays: number | null;
  reviews: CardInfoReview[];
  attempts: CardInfoAttempt[];
}

const DAY_MS = 86_400_000;
const CURVE_POINTS = 48;

/** Whole days from `from` to `to`, as ts-fsrs counts them for retrievability. */
const wholeDays = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));

/**
 * R(t) from the last review over a span that shows both the due date and now
 * (at least a week, at most 100 years).
 */
function forgettingCurve(scheduler: FSRS, s: CardState, now: Date): CurvePoint[] {
  if (s.state === State.New || s.stability <= 0 || !s.lastReview) return [];
  const last = s.lastReview;
  const span = Math.min(36_500, Math.max(7, Math.ceil(1.5 * Math.max(wholeDays(last, s.due), wholeDays(last, now), 1))));
  const points: CurvePoint[] = [];
  for (let i = 0; i <= CURVE_POINTS; i++) {
    const days = Math.round((span * i) / CURVE_POINTS);
    if (points.length && points[points.length - 1]!.days === days) continue;
    points.push({ days, r: retrievability(scheduler, s, new Date(last.getTime() + days * DAY_MS)) });
  }
  return points;
}

export async function cardInfo(db: Db, cardId: string, opts: { now: Date; scheduler: FSRS }): Promise<CardInfo | null> {
  const { now, scheduler } = opts;
  const row = await db.card.findUnique({ where: { id: cardId }, include: { note: { select: { title: true, path: true, lang: true } } } });
  if (!row) return null;
  const [logs, attempts] = await Promise.all([
    db.reviewLog.findMany({
      where: { cardId },
      orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
      select: { id: true, reviewedAt: true, rating: true, state: true, previousCard: true, durationMs: true },
    }),
    db.attempt.findMany({ where: { cardId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  const schedule = stateOf(row);
  const before = logs.map((l) => reviewLogPreviousCard.decode(l.previousCard, l.id));
  // What a grade left is what the next grade found (the current state after the last one).
  const reviews: CardInfoReview[] = logs.map((l, i) => {
    const after = before[i + 1] ?? schedule;
    return {
      id: l.id,
      reviewedAt: l.reviewedAt,
      rating: l.rating,
      stateBefore: decodeCardState("ReviewLog", l.id, l.state),
      intervalMs: Math.max(0, after.due.getTime() - l.reviewedAt.getTime()),
      stabilityBefore: before[i]!.stability,
      stabilityAfter: after.stability,
      difficultyBefore: before[i]!.difficulty,
      difficultyAfter: after.difficulty,
      durationMs: l.durationMs,
    };
  });
  const studied = schedule.state !== State.New && schedule.stability > 0 && schedule.lastReview !== null;
  return {
    id: row.id,
    noteId: row.noteId,
    noteTitle: row.note.title,
    notePath: row.note.path,
    lang: row.note.lang,
    kind: row.kind,
    front: row.front,
    back: row.back,
    generator: row.exercise ? cardExercise.decode(row.exercise, row.id).generator : null,
    retired: row.retired,
    suspended: row.suspended,
    buriedUntil: row.buriedUntil,
    buried: isBuried(row, now),
    leech: row.leech,
    createdAt: row.createdAt,
    schedule,
    retrievability: studied ? retrievability(scheduler, schedule, now) : null,
    curve: forgettingCurve(scheduler, schedule, now),
    nowDays: studied ? wholeDays(schedule.lastReview!, now) : null,
    dueDays: studied ? wholeDays(schedule.lastReview!, schedule.due) : null,
    reviews,
    attempts: attempts.map((a) => ({
      id: a.id,
      createdAt: a.createdAt,
      generator: a.generator,
      seed: a.seed,
      paramsJson: a.params,
      input: a.input,
      verdict: a.verdict,
      mistakeId: a.mistakeId,
      tryNumber: a.tryNumber,
      durationMs: a.durationMs,
      context: a.context,
    })),
  };
}
