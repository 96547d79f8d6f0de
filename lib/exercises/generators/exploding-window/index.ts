import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { MODES } from "./model";
import { zh } from "./zh";

/** The inputs where one sigmoid neuron's backprop factor |w σ′(w x + b)| is at least 1: the window's width, or whether x is inside. */
export const explodingWindowExercise = defineExercise({
  id: "exploding-window",
  params: { mode: MODES },
  maxDraws: 2000,
  model,
  text: { en, zh },
});
