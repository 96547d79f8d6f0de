import { defineExercise } from "../../define";
import { echoesAnswer } from "../../kit/echo";
import { en } from "./en";
import { draw, mistakes, solve } from "./model";
import { steps } from "./steps";
import { zh } from "./zh";

/** ∂x_K/∂x_0 through K scalar residual blocks: a product of factors 1 + w_k f′(x_{k−1}) near 1. */
export const residualGradient = defineExercise({
  id: "residual-gradient",
  params: {},
  maxDraws: 1000,
  draw,
  solve,
  mistakes,
  // As before the move: no drawn number (x_0, w_k) may already be accepted as the answer.
  showsAnswer: (_prompt, d, s) => echoesAnswer([d.x0, ...d.w], s.expected),
  steps,
  text: { en, zh },
});
