import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { MODES } from "./model";
import { zh } from "./zh";

/** The LSTM's cell-state gradient ∏ f_t over T steps, the vanilla RNN's ∏ w tanh′(z_t) beside it, or the steps until f^k falls below τ. */
export const lstmCellState = defineExercise({
  id: "lstm-cell-state",
  params: { mode: MODES },
  maxDraws: 2000,
  model,
  text: { en, zh },
});
