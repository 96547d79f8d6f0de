import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { MODES } from "./model";
import { zh } from "./zh";

/** A gradient check: the relative error of backprop's gradient against central differences, and its verdict at a threshold. */
export const gradientCheck = defineExercise({
  id: "gradient-check",
  params: { mode: MODES },
  maxDraws: 5000,
  model,
  text: { en, zh },
});
