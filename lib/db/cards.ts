import "server-only";
import type { CardState } from "@/lib/srs/schedule";
import type { Card as CardRow } from "@/lib/generated/prisma/client";
import type { ExerciseSpec } from "@/lib/content/types";
import { cardExercise, decodeCardState, reviewLogPreviousCard } from "./columns";

/** A card as the app sees it: plain data, no Prisma types. */
export interface CardView {
  id: string;
  noteId: string;
  kind: string;
  front: string;
  back: string;
  exercise: ExerciseSpec | null;
  retired: boolean;
  suspended: boolean;
  /** Set while the card is buried (out of reviews until then). */
  buriedUntil: Date | null;
  leech: boolean;
  schedule: CardState;
}

/** The schedule columns of a card row, as stored (state as its number). */
export type ScheduleColumns = Pick<CardRow, "id" | "due" | "stability" | "difficulty" | "elapsedDays" | "scheduledDays" | "learningSteps" | "reps" | "lapses" | "state" | "lastReview">;

export function stateOf(row: ScheduleColumns): CardState {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: decodeCardState("Card", row.id, row.state),
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
    exercise: row.exercise ? cardExercise.decode(row.exercise, row.id) : null,
    retired: row.retired,
    suspended: row.suspended,
    buriedUntil: row.buriedUntil,
    leech: row.leech,
    schedule: stateOf(row),
  };
}

/** CardState as ReviewLog.previousCard stores it (JSON, dates as ISO strings). */
export function serializeState(s: CardState): string {
  return reviewLogPreviousCard.encode(s);
}
