import { defineExercise } from "../../define";
import { en } from "./en";
import { draw, mistakes, MODES, solve } from "./model";
import { zh } from "./zh";

/** A gradient check: the relative error of backprop's gradient against central differences, and its verdict at a threshold. */
export const gradientCheck = defineExercise({
  id: "gradient-check",
  params: { mode: MODES },
  maxDraws: 5000,
  draw,
  solve,
  mistakes,
  text: { en, zh },
});
