import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { zh } from "./zh";

/** Softmax saturation in attention: the top weight's derivative p(1 − p) for the raw scores and for scores divided by √d_k. */
export const softmaxScaling = defineExercise({
  id: "softmax-scaling",
  params: {},
  maxDraws: 5000,
  model,
  text: { en, zh },
});
