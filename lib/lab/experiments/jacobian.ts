import { type ActivationName, createRng, gaussianMatrix, jacobianProduct, type LayerSpec, type Matrix, type NetworkSpec, networkJacobians, singularValues } from "../../engine";
import { CLASSES, PIXELS } from "../digits";
import { layerName } from "./charts";
import { defineExperiment, finiteFacts, range1, SEED_CONTROL, series } from "./define";
import { labSplit } from "./depth";
import { type Control, type ExperimentResult } from "./types";

/**
 * Jacobian spectra: for the training image number `image`, each hidden
 * layer's Jacobian Jˡ = ∂aˡ/∂aˡ⁻¹ = diag(f′(zˡ)) Wˡ and the product
 * J^D ⋯ J¹ = ∂a^D/∂x, with their singular values. Weights as lib/lab's
 * network (nielsen: N(0, 1/n_in), b ~ N(0, 1); xavier; he: b = 0), times `gain`.
 *
 * Charts: "layerSpectra" (x index i, y singular value σᵢ, log, series l=1…);
 * "productSpectrum" (x index, y σᵢ of the product, series "∏"); "topSingular"
 * (x layer l, y σ₁: series "J" for Jˡ alone, "∏" for Jˡ⋯J¹).
 * Facts: sigmaMax and sigmaMin (largest and smallest singular value of the
 * product), layerSigma1 … layerSigmaD (σ₁ of each Jˡ), meanLayerSigma
 * (geometric mean of the σ₁ of the layers).
 */
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

export function jacobianNetwork(s: JacobianSettings): NetworkSpec {
  const rng = createRng(s.seed);
  const widths = [PIXELS, ...new Array<number>(s.depth).fill(s.width), CLASSES];
  const layers: LayerSpec[] = [];
  for (let l = 1; l < widths.length; l++) {
    const nIn = widths[l - 1] as number;
    const nOut = widths[l] as number;
    const sd = s.init === "nielsen" ? 1 / Math.sqrt(nIn) : s.init === "xavier" ? Math.sqrt(2 / (nIn + nOut)) : Math.sqrt(2 / nIn);
    const W = gaussianMatrix(rng, nOut, nIn, sd * s.gain);
    const b = s.init === "nielsen" ? Array.from({ length: nOut }, () => rng.gaussian()) : new Array<number>(nOut).fill(0);
    layers.push({ W, b, activation: l === widths.length - 1 ? "linear" : (s.activation as ActivationName) });
  }
  return { layers, loss: "softmax_ce" };
}

export function jacobianImage(index: number): number[] {
  const { train } = labSplit();
  return Array.from(train.images.subarray(index * PIXELS, (index + 1) * PIXELS));
}

export function runJacobian(s: JacobianSettings): ExperimentResult {
  const spec = jacobianNetwork(s);
  const Js = networkJacobians(spec, jacobianImage(s.image)).slice(0, s.depth);
  const spectra = Js.map((J) => singularValues(J));
  const partial: number[] = [];
  let acc: Matrix | null = null;
  for (const J of Js) {
    acc = acc ? jacobianProduct([acc, J]) : J;
    partial.push(singularValues(acc)[0] as number);
  }
  const product = singularValues(acc as Matrix);
  const top = spectra.map((sv) => sv[0] as number);
  const facts: Record<string, number> = {
    sigmaMax: product[0] as number,
    sigmaMin: product[product.length - 1] as number,
    meanLayerSigma: Math.exp(top.reduce((a, v) => a + Math.log(v), 0) / top.length),
  };
  top.forEach((v, l) => (facts[`layerSigma${l + 1}`] = v));
  const positive = (name: string, ys: number[]) => {
    const xs = range1(ys.length).filter((i) => (ys[i - 1] as number) > 0);
    return series(name, xs, xs.map((i) => ys[i - 1] as number));
  };
  return {
    charts: [
      { id: "layerSpectra", x: { quantity: "index" }, y: { quantity: "singularValue", log: true }, kind: "line", series: spectra.map((sv, l) => positive(layerName(l + 1), sv)) },
      { id: "productSpectrum", x: { quantity: "index" }, y: { quantity: "singularValue", log: true }, kind: "points", series: [positive("∏", product)] },
      { id: "topSingular", x: { quantity: "layer" }, y: { quantity: "singularValue", log: true }, kind: "line", series: [positive("J", top), positive("∏", partial)] },
    ],
    facts: finiteFacts(facts),
  };
}

export const jacobianExperiment = defineExperiment<JacobianSettings>({ id: "jacobian", defaults: JACOBIAN_DEFAULTS, controls: CONTROLS, run: runJacobian });
