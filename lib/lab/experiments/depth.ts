import { defineExperiment, SEED_CONTROL } from "./define";
import { type Control, type ExperimentResult, type Trainer } from "./types";

/**
 * Depth and learning speed (Nielsen, ch. 5): sigmoid nets of `hidden` layers
 * × `width` on the 8×8 digits, W ~ N(0, 1/n_in), b ~ N(0, 1) (network2.py).
 * eta 0 means "per-depth default" (DEPTH_ETA): deep sigmoid nets need a larger
 * step for their slow first layers to move at all.
 */
export interface DepthSettings {
  hidden: number;
  width: number;
  /** 0 = the per-depth default DEPTH_ETA[hidden − 1]. */
  eta: number;
  batch: number;
  epochs: number;
  seed: number;
}

export const DEPTH_DEFAULTS: DepthSettings = { hidden: 4, width: 30, eta: 0, batch: 32, epochs: 5, seed: 1 };

export const DEPTH_CONTROLS: readonly Control[] = [
  { key: "hidden", kind: "int", min: 1, max: 6 },
  { key: "width", kind: "int", min: 8, max: 64 },
  { key: "eta", kind: "number", min: 0, max: 10, step: 0.05 },
  { key: "batch", kind: "int", min: 1, max: 256 },
  { key: "epochs", kind: "int", min: 0, max: 30 },
  SEED_CONTROL,
];

export function runDepth(_s: DepthSettings): ExperimentResult {
  return { charts: [], facts: {} };
}

export function depthTrainer(_s: DepthSettings): Trainer {
  return { step: () => {}, snapshot: () => ({ charts: [], facts: {} }), epoch: 0, steps: 0, stepsPerEpoch: 1 };
}

export const depthExperiment = defineExperiment<DepthSettings>({ id: "depth", defaults: DEPTH_DEFAULTS, controls: DEPTH_CONTROLS, run: runDepth, trainer: depthTrainer });
