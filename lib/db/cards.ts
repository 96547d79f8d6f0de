import "server-only";
import type { CardState } from "@/lib/srs/schedule";
import type { Card as CardRow } from "@/lib/generated/prisma/client";
import type { QuizSpec } from "@/lib/content/types";

/** A card as the app sees it: plain data, no Prisma types. */
export interface CardView {
  id: string;
  noteId: string;
  kind: string;
  front: string;
  back: string;
  quiz: QuizSpec | null;
  retired: boolean;
  suspended: boolean;
  /** Set while the card is buried (out of reviews until then). */
  buriedUntil: Date | null;
  leech: boolean;
  schedule: CardState;
}

export function stateOf(row: CardRow): CardState {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.lastReview,
  };
}

export function toCardView(row: CardRow): CardView {
  return {
    id: row.id,
    noteId: row.noteId,
    kind: row.kind,
    front: row.front,
    back: row.back,
    quiz: row.quiz ? (JSON.parse(row.quiz) as QuizSpec) : null,
    retired: row.retired,
    suspended: row.suspended,
    buriedUntil: row.buriedUntil,
    leech: row.leech,
    schedule: stateOf(row),
  };
}

/** CardState as JSON with dates as ISO strings (stored in ReviewLog.previousCard). */
export function serializeState(s: CardState): string {
  return JSON.stringify({ ...s, due: s.due.toISOString(), lastReview: s.lastReview?.toISOString() ?? null });
}

export function deserializeState(json: string): CardState {
  const o = JSON.parse(json) as Omit<CardState, "due" | "lastReview"> & { due: string; lastReview: string | null };
  return { ...o, due: new Date(o.due), lastReview: o.lastReview ? new Date(o.lastReview) : null };
}
