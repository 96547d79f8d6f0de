import { defineExperiment, SEED_CONTROL } from "./define";
import { type Control, type ExperimentResult } from "./types";

/** ‖∂C/∂h_t‖ against t for a vanilla RNN, W ~ N(0, scale²/H), with and without clipping by global norm. */
export interface RnnSettings {
  steps: number;
  hidden: number;
  scale: number;
  activation: string;
  clip: boolean;
  threshold: number;
  seed: number;
}

export const RNN_DEFAULTS: RnnSettings = { steps: 20, hidden: 16, scale: 1, activation: "tanh", clip: false, threshold: 1, seed: 1 };

const CONTROLS: readonly Control[] = [
  { key: "steps", kind: "int", min: 5, max: 100 },
  { key: "hidden", kind: "int", min: 4, max: 64 },
  { key: "scale", kind: "number", min: 0.1, max: 4, step: 0.05 },
  { key: "activation", kind: "choice", options: ["tanh", "sigmoid", "relu", "linear"] },
  { key: "clip", kind: "flag" },
  { key: "threshold", kind: "number", min: 0.01, max: 100, log: true },
  SEED_CONTROL,
];

export function runRnn(_s: RnnSettings): ExperimentResult {
  return { charts: [], facts: {} };
}

export const rnnExperiment = defineExperiment<RnnSettings>({ id: "rnn", defaults: RNN_DEFAULTS, controls: CONTROLS, run: runRnn });
