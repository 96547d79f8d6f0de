import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { MODES } from "./model";
import { zh } from "./zh";

/** σ′(z) at a point, or the largest backprop factor |w σ′(w x + b)| = |w|/4 of one sigmoid neuron. */
export const sigmoidDerivative = defineExercise({
  id: "sigmoid-derivative",
  params: { mode: MODES },
  maxDraws: 2000,
  model,
  text: { en, zh },
});
