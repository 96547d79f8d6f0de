import { defineExperiment, SEED_CONTROL } from "./define";
import { type Control, type ExperimentResult } from "./types";

/** Singular values of each hidden layer's Jacobian diag(f′(zˡ))Wˡ and of their product, at one training image. */
export interface JacobianSettings {
  depth: number;
  width: number;
  activation: string;
  init: string;
  gain: number;
  image: number;
  seed: number;
}

export const JACOBIAN_DEFAULTS: JacobianSettings = { depth: 6, width: 16, activation: "sigmoid", init: "nielsen", gain: 1, image: 0, seed: 1 };

const CONTROLS: readonly Control[] = [
  { key: "depth", kind: "int", min: 1, max: 20 },
  { key: "width", kind: "int", min: 4, max: 64 },
  { key: "activation", kind: "choice", options: ["sigmoid", "tanh", "relu", "leaky_relu", "linear"] },
  { key: "init", kind: "choice", options: ["nielsen", "xavier", "he"] },
  { key: "gain", kind: "number", min: 0.1, max: 10, log: true },
  { key: "image", kind: "int", min: 0, max: 1499 },
  SEED_CONTROL,
];

export function runJacobian(_s: JacobianSettings): ExperimentResult {
  return { charts: [], facts: {} };
}

export const jacobianExperiment = defineExperiment<JacobianSettings>({ id: "jacobian", defaults: JACOBIAN_DEFAULTS, controls: CONTROLS, run: runJacobian });
