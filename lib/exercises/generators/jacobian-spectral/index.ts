import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { MODES } from "./model";
import { zh } from "./zh";

/** A layer's Jacobian diag(f′(z)) W, or whether ‖J^K‖ vanishes, explodes or neither (decided by ρ(J), not ‖J‖₂). */
export const jacobianSpectral = defineExercise({
  id: "jacobian-spectral",
  params: { mode: MODES },
  maxDraws: 5000,
  model,
  text: { en, zh },
});
