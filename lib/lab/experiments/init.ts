import { defineExperiment, SEED_CONTROL } from "./define";
import { type Control, type ExperimentResult } from "./types";

export const INIT_SCHEMES = ["normal", "small", "xavier", "he", "orthogonal", "scaled"] as const;

/**
 * Initialisation across depth: per-layer variance of activations and of
 * back-propagated gradients, for each scheme in `schemes`:
 * normal W ~ N(0, 1); small W ~ N(0, 0.01²); xavier N(0, 2/(n_in+n_out));
 * he N(0, 2/n_in); orthogonal (QR of a Gaussian matrix, gain 1);
 * scaled N(0, scale²/n_in). Biases 0.
 */
export interface InitSettings {
  depth: number;
  width: number;
  activation: string;
  schemes: readonly string[];
  scale: number;
  batch: number;
  seed: number;
}

export const INIT_DEFAULTS: InitSettings = { depth: 30, width: 64, activation: "tanh", schemes: INIT_SCHEMES, scale: 1, batch: 128, seed: 1 };

const CONTROLS: readonly Control[] = [
  { key: "depth", kind: "int", min: 10, max: 50 },
  { key: "width", kind: "int", min: 16, max: 128 },
  { key: "activation", kind: "choice", options: ["tanh", "sigmoid", "relu", "leaky_relu", "linear"] },
  { key: "schemes", kind: "set", options: INIT_SCHEMES },
  { key: "scale", kind: "number", min: 0.1, max: 4, step: 0.05 },
  { key: "batch", kind: "int", min: 16, max: 512 },
  SEED_CONTROL,
];

export function runInit(_s: InitSettings): ExperimentResult {
  return { charts: [], facts: {} };
}

export const initExperiment = defineExperiment<InitSettings>({ id: "init", defaults: INIT_DEFAULTS, controls: CONTROLS, run: runInit });
