import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { zh } from "./zh";

/** (∂C/∂b₃)/(∂C/∂b₁) in a sigmoid chain: how many times faster layer 3 learns than layer 1. */
export const chainBiasRatio = defineExercise({
  id: "chain-bias-ratio",
  params: {},
  maxDraws: 2000,
  model,
  text: { en, zh },
});
