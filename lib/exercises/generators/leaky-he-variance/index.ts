import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { zh } from "./zh";

/** He initialisation adapted to leaky ReLU: Var(w) = 2/((1 + α²) n_in), dense or convolutional fan-in. */
export const leakyHeVarianceExercise = defineExercise({
  id: "leaky-he-variance",
  params: {},
  maxDraws: 2000,
  model,
  text: { en, zh },
});
