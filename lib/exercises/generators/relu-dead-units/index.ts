import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { MODES } from "./model";
import { zh } from "./zh";

/** ReLU units inactive for one input, and the zero rows they leave in ∂C/∂W. */
export const reluDeadUnits = defineExercise({
  id: "relu-dead-units",
  params: { mode: MODES },
  maxDraws: 2000,
  model,
  text: { en, zh },
});
