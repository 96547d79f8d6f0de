import { defineExercise } from "../../define";
import { en } from "./en";
import { draw, mistakes, MODES, solve } from "./model";
import { zh } from "./zh";

/** LayerNorm over one example's features: the forward pass, or ∂C/∂x through μ and σ. */
export const layernorm = defineExercise({
  id: "layernorm",
  params: { mode: MODES },
  maxDraws: 2000,
  draw,
  solve,
  mistakes,
  text: { en, zh },
});
