import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { MODES } from "./model";
import { steps } from "./steps";
import { zh } from "./zh";

/** BPTT's repeated factor: ∂h_T/∂h_0 of a scalar RNN, or the spectral radius of a 2×2 recurrent matrix. */
export const rnnBpttFactor = defineExercise({
  id: "rnn-bptt-factor",
  params: { mode: MODES },
  maxDraws: 2000,
  model: { ...model, steps },
  text: { en, zh },
});
