import type { AnswerValue, ExerciseParams } from "@/lib/exercises/types";

/**
 * An independent recomputation of one generator's answer and of every
 * typical mistake's value, from the drawn numbers alone, written here with
 * plain arithmetic (never calling the generator's model or the engine), so a
 * wrong value in the generator shows up as a difference.
 */
export interface Oracle<D = never> {
  expected(d: D, params: ExerciseParams): AnswerValue;
  /** The value of each mistake the generator may list, by id. */
  mistakes(d: D, params: ExerciseParams): Readonly<Record<string, AnswerValue>>;
  /** Parameter combinations to try (difficulty is added 1..3). Default: one empty combination. */
  combos?: readonly Record<string, string | number | boolean>[];
}
