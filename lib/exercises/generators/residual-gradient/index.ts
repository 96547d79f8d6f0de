import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { steps } from "./steps";
import { zh } from "./zh";

/** ∂x_K/∂x_0 through K scalar residual blocks: a product of factors 1 + w_k f′(x_{k−1}) near 1. */
export const residualGradient = defineExercise({
  id: "residual-gradient",
  params: {},
  maxDraws: 1000,
  model: { ...model, steps },
  text: { en, zh },
});
