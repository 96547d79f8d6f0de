import { defineExperiment, SEED_CONTROL } from "./define";
import { type Control, type ExperimentResult, type Trainer } from "./types";

export const REMEDY_VARIANTS = ["plain", "residual", "batchnorm"] as const;

/** Plain vs residual vs BatchNorm nets of the same depth, on the digits. */
export interface RemediesSettings {
  depth: number;
  width: number;
  activation: string;
  variants: readonly string[];
  /** 0 = the default DEFAULT_ETA. */
  eta: number;
  batch: number;
  epochs: number;
  seed: number;
}

export const REMEDIES_DEFAULTS: RemediesSettings = { depth: 20, width: 32, activation: "sigmoid", variants: REMEDY_VARIANTS, eta: 0, batch: 32, epochs: 0, seed: 1 };

const CONTROLS: readonly Control[] = [
  { key: "depth", kind: "int", min: 2, max: 40 },
  { key: "width", kind: "int", min: 8, max: 64 },
  { key: "activation", kind: "choice", options: ["sigmoid", "tanh", "relu"] },
  { key: "variants", kind: "set", options: REMEDY_VARIANTS },
  { key: "eta", kind: "number", min: 0, max: 10, step: 0.05 },
  { key: "batch", kind: "int", min: 2, max: 256 },
  { key: "epochs", kind: "int", min: 0, max: 20 },
  SEED_CONTROL,
];

export function runRemedies(_s: RemediesSettings): ExperimentResult {
  return { charts: [], facts: {} };
}

export function remediesTrainer(_s: RemediesSettings): Trainer {
  return { step: () => {}, snapshot: () => ({ charts: [], facts: {} }), epoch: 0, steps: 0, stepsPerEpoch: 1 };
}

export const remediesExperiment = defineExperiment<RemediesSettings>({
  id: "remedies",
  defaults: REMEDIES_DEFAULTS,
  controls: CONTROLS,
  run: runRemedies,
  trainer: remediesTrainer,
});
