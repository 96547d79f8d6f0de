import { defineExercise } from "../../define";
import { en } from "./en";
import { draw, mistakes, MODES, prepare, showsAnswer, solve, steps } from "./model";
import { zh } from "./zh";

/** Which hidden layer of a sigmoid MLP learns slowest (‖δ^l‖ backpropagated), or the ratio ‖δ^1‖ / ‖δ^H‖. */
export const mlpLayerSpeed = defineExercise({
  id: "mlp-layer-speed",
  params: { mode: MODES },
  maxDraws: 5000,
  prepare,
  draw,
  solve,
  mistakes,
  showsAnswer,
  steps,
  text: { en, zh },
});
