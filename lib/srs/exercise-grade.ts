import { Rating, type Grade } from "ts-fsrs";

/** How a live exercise went, as far as scheduling cares. */
export interface ExerciseOutcome {
  /** The learner ended with a correct answer. */
  correct: boolean;
  /** Wrong or imprecise answers before the correct one. */
  wrongTries: number;
  /** A hint was shown before the correct answer. */
  hintShown: boolean;
  /** The worked solution was revealed before a correct answer. */
  revealed: boolean;
  /** Time from showing the exercise to the correct answer. */
  durationMs: number;
}

/** Right on the first try within this time counts as Easy. */
export const FAST_ANSWER_MS = 20_000;

/**
 * The FSRS grade an auto-graded exercise suggests (the learner may override it):
 * first try right → Good, and Easy when also fast; right after a retry or a
 * hint → Hard; wrong, or the solution revealed → Again.
 */
export function suggestedGrade(o: ExerciseOutcome): Grade {
  if (!o.correct || o.revealed) return Rating.Again;
  if (o.wrongTries > 0 || o.hintShown) return Rating.Hard;
  return o.durationMs <= FAST_ANSWER_MS ? Rating.Easy : Rating.Good;
}
