import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { MODES } from "./model";
import { zh } from "./zh";

/** BatchNorm's training-mode backward pass over a small batch: ∂C/∂x through μ and σ̂, or ∂C/∂γ. */
export const batchnormBackward = defineExercise({
  id: "batchnorm-backward",
  params: { mode: MODES },
  maxDraws: 2000,
  model,
  text: { en, zh },
});
