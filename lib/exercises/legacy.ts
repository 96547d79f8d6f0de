import type { MistakeCandidate } from "./kit/mistakes";
import type { ExerciseInstance, ExerciseParams, ParamSchema } from "./types";

/**
 * TEMPORARY while generators move to defineExercise (issue 11): the old,
 * English-only generator shape. Deleted when the last generator has moved.
 */
export type LegacyInstance = ExerciseInstance;
export interface LegacyGenerator {
  id: string;
  title: string;
  params: ParamSchema;
  generate(seed: number, params: ExerciseParams): LegacyInstance;
}
export type LegacyMistakeCandidate = MistakeCandidate & { explanation: string };
