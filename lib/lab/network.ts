import {
  type ActivationName,
  FeedforwardNet,
  gaussianMatrix,
  gaussianVector,
  heNormal,
  type LayerSpec,
  type Rng,
  xavierNormal,
} from "../engine";
import { CLASSES, PIXELS } from "./digits";
import { LabError } from "./errors";

/**
 * - nielsen: W ~ N(0, 1/n_in), b ~ N(0, 1), network2.py's default, which his chapter 5 measures;
 * - xavier: W ~ N(0, 2/(n_in + n_out)), b = 0;
 * - he: W ~ N(0, 2/n_in), b = 0;
 * - half: W ~ N(0, 4/n_in), b = 0: a sigmoid layer at z ≈ 0 scales a signal
 *   by σ′(0)·2 = ½, so gradients still halve from one layer to the one below
 *   (the first of 4 is ≈ 10× slower than the last) but a 6-layer net is not
 *   buried under Nielsen's ≈ 5× per layer and its N(0, 1) biases.
 */
export type LabInit = "nielsen" | "xavier" | "he" | "half";
export const LAB_INITS: readonly LabInit[] = ["nielsen", "xavier", "he", "half"];

export interface LabNetOptions {
  /** Number of hidden layers, ≥ 1. */
  hidden: number;
  /** Units per hidden layer, ≥ 1. */
  width: number;
  /** Of every hidden layer (default sigmoid). */
  activation?: ActivationName;
  /** Default nielsen. */
  init?: LabInit;
  /** Default 64 (the 8×8 pixels). */
  inputs?: number;
  /** Default 10 (the digit classes). */
  outputs?: number;
}

/**
 * A net for the digits: `hidden` layers of `width` units, then a linear layer
 * of 10 logits under softmax cross-entropy. Nielsen uses sigmoid outputs with
 * cross-entropy; both give the output error δ^L = prediction − target (here
 * p = softmax(z^L)), so the hidden layers see the same kind of signal, and the
 * engine has softmax_ce built in. Every weight is drawn from `rng`.
 */
export function labNetwork(rng: Rng, options: LabNetOptions): FeedforwardNet {
  const { hidden, width } = options;
  if (!(Number.isInteger(hidden) && hidden >= 1)) throw new LabError("hidden", `expected a positive integer, got ${hidden}`);
  if (!(Number.isInteger(width) && width >= 1)) throw new LabError("width", `expected a positive integer, got ${width}`);
  const activation = options.activation ?? "sigmoid";
  const init = options.init ?? "nielsen";
  const widths = [options.inputs ?? PIXELS, ...new Array<number>(hidden).fill(width), options.outputs ?? CLASSES];
  const layers: LayerSpec[] = [];
  for (let l = 1; l < widths.length; l++) {
    const nIn = widths[l - 1] as number;
    const nOut = widths[l] as number;
    const W =
      init === "nielsen"
        ? gaussianMatrix(rng, nOut, nIn, 1 / Math.sqrt(nIn))
        : init === "half"
          ? gaussianMatrix(rng, nOut, nIn, 2 / Math.sqrt(nIn))
          : init === "xavier"
            ? xavierNormal(rng, nIn, nOut)
            : heNormal(rng, nIn, nOut);
    const b = init === "nielsen" ? gaussianVector(rng, nOut, 1) : new Array<number>(nOut).fill(0);
    layers.push({ W, b, activation: l === widths.length - 1 ? "linear" : activation });
  }
  return FeedforwardNet.fromSpec({ layers, loss: "softmax_ce" });
}
