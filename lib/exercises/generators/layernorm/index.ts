import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { MODES } from "./model";
import { zh } from "./zh";

/** LayerNorm over one example's features: the forward pass, or ∂C/∂x through μ and σ. */
export const layernorm = defineExercise({
  id: "layernorm",
  params: { mode: MODES },
  maxDraws: 2000,
  model,
  text: { en, zh },
});
