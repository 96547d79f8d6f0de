import { type ActivationName, createRng, gaussianMatrix, type Matrix, RnnNet, type RnnModelSpec, spectralRadius } from "../../engine";
import { defineExperiment, finiteFacts, SEED_CONTROL, series } from "./define";
import { type Chart, type Control, type ExperimentResult } from "./types";

/**
 * RNN through time: a vanilla RNN h_t = f(W h_{t−1} + U x_t + b), h_0 = 0,
 * t = 1..T, read out once, y = V h_T + c, loss ½(y − 1)² (mse). Drawn from
 * `seed`: W = scale · W₀ with W₀ ~ N(0, 1/H) (so the largest |eigenvalue| of
 * W is about `scale`), U ~ N(0, 1/D), V ~ N(0, 1/H), b = c = 0, and inputs
 * x_t ~ N(0, 1) of size D = 4.
 *
 * Clipping by global norm: the parameter gradient g = (∂C/∂W, ∂C/∂U, ∂C/∂b,
 * ∂C/∂V, ∂C/∂c) is scaled by min(1, threshold/‖g‖); the "clipped" series
 * shows ‖∂C/∂h_t‖ times that factor, which is what the update then carries.
 *
 * Charts: "hGrad" (x step t = 0..T, y gradNorm ‖∂C/∂h_t‖, log; series "raw"
 * and, with clip, "clipped"); "h0VsScale" (x scale 0.1…4, y ‖∂C/∂h₀‖, log,
 * series "T=<steps>"; same W₀, U, V and inputs, only the scale changes, with
 * mark "100" where it first exceeds 100).
 * Facts: h0, hT (‖∂C/∂h₀‖, ‖∂C/∂h_T‖), ratio (h0 ÷ hT), eigMax (largest
 * |eigenvalue| of W), globalNorm, clippedNorm (after clipping if clip is on,
 * else equal to globalNorm), scaleAt100 (first scale on the sweep's grid
 * where ‖∂C/∂h₀‖ > 100; absent when none does).
 */
export interface RnnSettings {
  steps: number;
  hidden: number;
  scale: number;
  activation: string;
  clip: boolean;
  threshold: number;
  seed: number;
}

export const RNN_INPUTS = 4;
/** The sweep's grid: scale = 0.1, 0.15, …, 4. */
export const SWEEP = Array.from({ length: 79 }, (_, i) => Math.round((0.1 + 0.05 * i) * 100) / 100);

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

export interface RnnDraw {
  W0: Matrix;
  U: Matrix;
  V: Matrix;
  inputs: Matrix;
}

export function drawRnn(s: Pick<RnnSettings, "steps" | "hidden" | "seed">): RnnDraw {
  const rng = createRng(s.seed);
  const H = s.hidden;
  return {
    W0: gaussianMatrix(rng, H, H, 1 / Math.sqrt(H)),
    U: gaussianMatrix(rng, H, RNN_INPUTS, 1 / Math.sqrt(RNN_INPUTS)),
    V: gaussianMatrix(rng, 1, H, 1 / Math.sqrt(H)),
    inputs: gaussianMatrix(rng, s.steps, RNN_INPUTS, 1),
  };
}

export function rnnModel(d: RnnDraw, scale: number, activation: string): RnnModelSpec {
  const H = d.W0.length;
  return {
    rnn: { W: d.W0.map((row) => row.map((w) => scale * w)), U: d.U, b: new Array<number>(H).fill(0), activation: activation as ActivationName },
    readout: { V: d.V, c: [0] },
    loss: "mse",
  };
}

export interface RnnGradients {
  /** ‖∂C/∂h_t‖, t = 0..T. */
  norms: number[];
  globalNorm: number;
}

export function rnnGradients(d: RnnDraw, scale: number, activation: string): RnnGradients {
  const net = RnnNet.fromSpec(rnnModel(d, scale, activation));
  const T = d.inputs.length;
  const H = d.W0.length;
  const X = Float64Array.from(d.inputs.flat());
  const r = net.run(X, Float64Array.of(1), T, { checkFinite: false });
  const norms: number[] = [];
  for (let t = 0; t <= T; t++) {
    let s = 0;
    for (let j = 0; j < H; j++) s += (r.hGrad[t * H + j] as number) ** 2;
    norms.push(Math.sqrt(s));
  }
  let g = 0;
  for (const part of [r.dW, r.dU, r.db, r.dV, r.dc]) for (const v of part) g += v * v;
  return { norms, globalNorm: Math.sqrt(g) };
}

export function runRnn(s: RnnSettings): ExperimentResult {
  const d = drawRnn(s);
  const { norms, globalNorm } = rnnGradients(d, s.scale, s.activation);
  const factor = s.clip && globalNorm > s.threshold ? s.threshold / globalNorm : 1;
  const ts = norms.map((_, t) => t);
  const hGrad: Chart = {
    id: "hGrad",
    x: { quantity: "step" },
    y: { quantity: "gradNorm", log: true },
    kind: "line",
    series: [series("raw", ts, norms), ...(s.clip ? [series("clipped", ts, norms.map((v) => v * factor))] : [])],
  };
  const sweep = SWEEP.map((sc) => rnnGradients(d, sc, s.activation).norms[0] as number);
  const at = SWEEP.findIndex((_, i) => (sweep[i] as number) > 100);
  const h0VsScale: Chart = {
    id: "h0VsScale",
    x: { quantity: "scale" },
    y: { quantity: "gradNorm", log: true },
    kind: "line",
    series: [series(`T=${s.steps}`, SWEEP, sweep)],
    marks: at >= 0 ? [{ x: SWEEP[at] as number, y: sweep[at] as number, name: "100" }] : [],
  };
  const W = rnnModel(d, s.scale, s.activation).rnn.W;
  const facts: Record<string, number> = {
    h0: norms[0] as number,
    hT: norms[norms.length - 1] as number,
    ratio: (norms[0] as number) / (norms[norms.length - 1] as number),
    eigMax: spectralRadius(W),
    globalNorm,
    clippedNorm: globalNorm * factor,
  };
  if (at >= 0) facts.scaleAt100 = SWEEP[at] as number;
  return { charts: [hGrad, h0VsScale], facts: finiteFacts(facts) };
}

export const rnnExperiment = defineExperiment<RnnSettings>({ id: "rnn", defaults: RNN_DEFAULTS, controls: CONTROLS, run: runRnn });
