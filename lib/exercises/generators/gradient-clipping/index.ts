import { defineExercise } from "../../define";
import { en } from "./en";
import { draw, mistakes, solve } from "./model";
import { zh } from "./zh";

/** Clipping a gradient by its global norm: one factor c/‖g‖ for every entry. */
export const gradientClipping = defineExercise({
  id: "gradient-clipping",
  params: {},
  maxDraws: 1000,
  draw,
  solve,
  mistakes,
  text: { en, zh },
});
