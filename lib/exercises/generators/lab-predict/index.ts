import { labHref, type SettingsOf } from "@/lib/lab/experiments";
import { defineExercise } from "../../define";
import { letters } from "../../kit/choices";
import { comparePrediction, type PredictionComparison } from "./compare";
import { LAB_PREDICT_ID } from "./id";
import type { ExerciseInstance } from "../../types";
import { en } from "./en";
import * as model from "./model";
import { QUESTIONS } from "./model";
import { zh } from "./zh";

/** Predictions about the gradient lab: one drawn lab setup per instance, the answer measured by lib/lab. */
export const labPredict = defineExercise({
  id: LAB_PREDICT_ID,
  params: { question: QUESTIONS },
  maxDraws: 200,
  model,
  text: { en, zh },
});

/**
 * The /lab link of an instance's setup ("open this in the lab"), e.g.
 * `/lab?exp=depth&hidden=4&…`; null for an instance of another generator.
 * Recomputed from the instance's seed and params (the draw is deterministic).
 */
export function labUrl(instance: Pick<ExerciseInstance, "generator" | "seed" | "params">): string | null {
  if (instance.generator !== labPredict.id) return null;
  const { d } = labPredict.sample(instance.seed, instance.params);
  return labHref(d.exp, d.settings as unknown as SettingsOf[typeof d.exp]);
}

/**
 * The guess beside the measurement for an instance (see compare.ts); null for
 * an instance of another generator. `guess` is the accepted answer's option
 * letter (the stored attempt's parsed value), or null when none was accepted.
 */
export function labComparison(instance: Pick<ExerciseInstance, "generator" | "seed" | "params">, guess: string | null): PredictionComparison | null {
  if (instance.generator !== labPredict.id) return null;
  const { d, s } = labPredict.sample(instance.seed, instance.params);
  const index = guess === null ? -1 : letters(s.options.length).indexOf(guess);
  return comparePrediction(d, s, index < 0 ? null : index);
}
