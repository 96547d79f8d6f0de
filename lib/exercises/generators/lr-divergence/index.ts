import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { MODES } from "./model";
import { zh } from "./zh";

/** Gradient descent on a quadratic: does a step size diverge, or what is the stability limit η* = 2/a_max? */
export const lrDivergence = defineExercise({
  id: "lr-divergence",
  params: { mode: MODES },
  maxDraws: 1000,
  model,
  text: { en, zh },
});
