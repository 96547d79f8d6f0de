import { defineExercise } from "../../define";
import { en } from "./en";
import * as model from "./model";
import { zh } from "./zh";

/** What fp16 keeps of a small gradient, without and with a loss scale S = 2^k. */
export const fp16LossScaling = defineExercise({
  id: "fp16-loss-scaling",
  params: {},
  maxDraws: 5000,
  model,
  text: { en, zh },
});
