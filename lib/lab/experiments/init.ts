import { type ActivationName, createRng, FeedforwardNet, gaussianMatrix, type LayerSpec, type Matrix, norm2, type Rng } from "../../engine";
import { CLASSES, PIXELS } from "../digits";
import { orthogonalMatrix } from "../weights";
import { perLayerChart } from "./charts";
import { defineExperiment, finiteFacts, SEED_CONTROL } from "./define";
import { labSplit } from "./depth";
import { type Control, type ExperimentResult } from "./types";

export const INIT_SCHEMES = ["normal", "small", "xavier", "he", "orthogonal", "scaled"] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];
/** The standard deviation of the "small" scheme. */
export const SMALL_SD = 0.01;

/**
 * Initialisation across depth, at initialisation (no training): `depth`
 * hidden layers of `width`, then 10 linear outputs under softmax
 * cross-entropy, on the first `batch` training images. For each scheme in
 * `schemes`, every layer (the output too) is drawn from it, biases 0:
 * normal W ~ N(0, 1); small N(0, 0.01²); xavier N(0, 2/(n_in+n_out));
 * he N(0, 2/n_in); orthogonal (orthonormal rows or columns, gain 1);
 * scaled N(0, scale²/n_in). Each scheme draws from its own createRng(seed).
 *
 * Charts (x layer 1…depth, log y, one series per scheme): "actVar"
 * (Var aˡ over images × units), "gradVar" (Var δˡ, δ = ∂C_x/∂zˡ per image),
 * "speeds" (‖∂C/∂bˡ‖ of the batch). A value that overflowed is left out.
 * Facts per scheme s: s.grad1 and s.gradL (‖∂C/∂bˡ‖ at the first and last
 * hidden layer), s.gradSpread (largest ÷ smallest over hidden layers),
 * s.actVarLast, s.gradVar1.
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

export function schemeMatrix(rng: Rng, scheme: InitScheme, nIn: number, nOut: number, scale: number): Matrix {
  switch (scheme) {
    case "normal":
      return gaussianMatrix(rng, nOut, nIn, 1);
    case "small":
      return gaussianMatrix(rng, nOut, nIn, SMALL_SD);
    case "xavier":
      return gaussianMatrix(rng, nOut, nIn, Math.sqrt(2 / (nIn + nOut)));
    case "he":
      return gaussianMatrix(rng, nOut, nIn, Math.sqrt(2 / nIn));
    case "orthogonal":
      return orthogonalMatrix(rng, nOut, nIn);
    case "scaled":
      return gaussianMatrix(rng, nOut, nIn, scale / Math.sqrt(nIn));
  }
}

export function initNetwork(s: InitSettings, scheme: InitScheme): FeedforwardNet {
  const rng = createRng(s.seed);
  const widths = [PIXELS, ...new Array<number>(s.depth).fill(s.width), CLASSES];
  const layers: LayerSpec[] = [];
  for (let l = 1; l < widths.length; l++) {
    const nIn = widths[l - 1] as number;
    const nOut = widths[l] as number;
    layers.push({ W: schemeMatrix(rng, scheme, nIn, nOut, s.scale), b: new Array<number>(nOut).fill(0), activation: l === widths.length - 1 ? "linear" : (s.activation as ActivationName) });
  }
  return FeedforwardNet.fromSpec({ layers, loss: "softmax_ce" });
}

function variance(xs: Float64Array): number {
  let m = 0;
  for (const v of xs) m += v;
  m /= xs.length;
  let s = 0;
  for (const v of xs) s += (v - m) ** 2;
  return s / xs.length;
}

export interface SchemeMeasure {
  scheme: InitScheme;
  actVar: number[];
  gradVar: number[];
  speeds: number[];
}

export function measureScheme(s: InitSettings, scheme: InitScheme): SchemeMeasure {
  const net = initNetwork(s, scheme);
  const { train } = labSplit();
  const r = net.run(train.images, train.targets, s.batch, { inputGrad: false, checkFinite: false });
  const hidden = r.layers.slice(0, -1);
  return { scheme, actVar: hidden.map((l) => variance(l.a)), gradVar: hidden.map((l) => variance(l.delta)), speeds: hidden.map((l) => norm2(l.db)) };
}

export function runInit(s: InitSettings): ExperimentResult {
  const ms = INIT_SCHEMES.filter((x) => s.schemes.includes(x)).map((x) => measureScheme(s, x));
  const facts: Record<string, number> = {};
  for (const m of ms) {
    const L = m.speeds.length;
    facts[`${m.scheme}.grad1`] = m.speeds[0] as number;
    facts[`${m.scheme}.gradL`] = m.speeds[L - 1] as number;
    facts[`${m.scheme}.gradSpread`] = Math.max(...m.speeds) / Math.min(...m.speeds);
    facts[`${m.scheme}.actVarLast`] = m.actVar[L - 1] as number;
    facts[`${m.scheme}.gradVar1`] = m.gradVar[0] as number;
  }
  return {
    charts: [
      perLayerChart("actVar", "variance", ms.map((m) => ({ name: m.scheme, values: m.actVar }))),
      perLayerChart("gradVar", "variance", ms.map((m) => ({ name: m.scheme, values: m.gradVar }))),
      perLayerChart("speeds", "speed", ms.map((m) => ({ name: m.scheme, values: m.speeds }))),
    ],
    facts: finiteFacts(facts),
  };
}

export const initExperiment = defineExperiment<InitSettings>({ id: "init", defaults: INIT_DEFAULTS, controls: CONTROLS, run: runInit });
