import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { zh } from "./zh";

/** Clipping a gradient by its global norm: one factor c/‖g‖ for every entry. */
export const gradientClipping = defineExercise({
  id: "gradient-clipping",
  params: {},
  maxDraws: 1000,
  model,
  text: { en, zh },
});
