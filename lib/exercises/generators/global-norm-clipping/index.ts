import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { zh } from "./zh";

/** Clipping by one global norm over several gradient tensors; the answer is the clipped bias gradient. */
export const globalNormClipping = defineExercise({
  id: "global-norm-clipping",
  params: {},
  maxDraws: 2000,
  model,
  text: { en, zh },
});
