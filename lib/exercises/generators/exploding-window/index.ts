import { defineExercise } from "../../define";
import { en } from "./en";
import { draw, mistakes, MODES, solve } from "./model";
import { zh } from "./zh";

/** The inputs where one sigmoid neuron's backprop factor |w σ′(w x + b)| is at least 1: the window's width, or whether x is inside. */
export const explodingWindowExercise = defineExercise({
  id: "exploding-window",
  params: { mode: MODES },
  maxDraws: 2000,
  draw,
  solve,
  mistakes,
  text: { en, zh },
});
