import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { zh } from "./zh";

/** BatchNorm's training-mode forward pass for one feature over a small mini-batch (ε = 0). */
export const batchnormForward = defineExercise({
  id: "batchnorm-forward",
  params: {},
  maxDraws: 1000,
  model,
  text: { en, zh },
});
