import { defineExperiment, SEED_CONTROL } from "./define";
import { type Control, type ExperimentResult, type Trainer } from "./types";

export const LAB_ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu"] as const;
export type LabActivation = (typeof LAB_ACTIVATIONS)[number];

/** The same net with each activation in `show`, side by side. */
export interface ActivationsSettings {
  hidden: number;
  width: number;
  init: string;
  show: readonly string[];
  /** 0 = the default DEFAULT_ETA. */
  eta: number;
  batch: number;
  epochs: number;
  seed: number;
}

export const ACTIVATIONS_DEFAULTS: ActivationsSettings = { hidden: 5, width: 30, init: "xavier", show: LAB_ACTIVATIONS, eta: 0, batch: 32, epochs: 0, seed: 1 };

const CONTROLS: readonly Control[] = [
  { key: "hidden", kind: "int", min: 1, max: 10 },
  { key: "width", kind: "int", min: 8, max: 64 },
  { key: "init", kind: "choice", options: ["xavier", "he", "nielsen"] },
  { key: "show", kind: "set", options: LAB_ACTIVATIONS },
  { key: "eta", kind: "number", min: 0, max: 10, step: 0.05 },
  { key: "batch", kind: "int", min: 1, max: 256 },
  { key: "epochs", kind: "int", min: 0, max: 30 },
  SEED_CONTROL,
];

export function runActivations(_s: ActivationsSettings): ExperimentResult {
  return { charts: [], facts: {} };
}

export function activationsTrainer(_s: ActivationsSettings): Trainer {
  return { step: () => {}, snapshot: () => ({ charts: [], facts: {} }), epoch: 0, steps: 0, stepsPerEpoch: 1 };
}

export const activationsExperiment = defineExperiment<ActivationsSettings>({
  id: "activations",
  defaults: ACTIVATIONS_DEFAULTS,
  controls: CONTROLS,
  run: runActivations,
  trainer: activationsTrainer,
});
