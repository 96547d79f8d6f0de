import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { MODES } from "./model";
import { zh } from "./zh";

export { HE_TANH_CHI, HE_TANH_SETTLED_VAR, standardNormalTanhChi } from "./model";

/** Weight-initialisation variances: Xavier and He for a drawn layer, and which one keeps the per-layer gain at 1. */
export const initVariance = defineExercise({
  id: "init-variance",
  params: { mode: MODES },
  maxDraws: 1000,
  model,
  text: { en, zh },
});
