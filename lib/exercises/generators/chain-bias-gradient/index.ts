import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { ACTIVATIONS } from "./model";
import { zh } from "./zh";

/** ∂C/∂b₁ in a one-neuron-per-layer chain: the product of w_j f′(z_j) that makes early layers learn slowly. */
export const chainBiasGradient = defineExercise({
  id: "chain-bias-gradient",
  params: { activation: ACTIVATIONS },
  maxDraws: 2000,
  model,
  text: { en, zh },
});
