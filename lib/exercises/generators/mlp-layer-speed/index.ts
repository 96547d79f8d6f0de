import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { MODES } from "./model";
import { zh } from "./zh";

/** Which hidden layer of a sigmoid MLP learns slowest (‖δ^l‖ backpropagated), or the ratio ‖δ^1‖ / ‖δ^H‖. */
export const mlpLayerSpeed = defineExercise({
  id: "mlp-layer-speed",
  params: { mode: MODES },
  maxDraws: 5000,
  model,
  text: { en, zh },
});
