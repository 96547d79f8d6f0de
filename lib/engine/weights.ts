import { type ActivationName } from "./activations";
import { heVariance, xavierVariance } from "./closed-forms";
import { EngineError } from "./errors";
import { type Matrix } from "./linalg";
import { type LossName } from "./losses";
import { type Rng } from "./rng";
import { type LayerSpec, type NetworkSpec } from "./spec";

/**
 * Weight samplers. All take the Rng explicitly so an exercise is reproducible
 * from its seed. Shapes follow the engine's convention: nOut rows × nIn
 * columns (z = W a + b).
 */

function dims(rows: number, cols: number): void {
  if (!(Number.isInteger(rows) && rows >= 1)) throw new EngineError("rows", `expected a positive integer, got ${rows}`);
  if (!(Number.isInteger(cols) && cols >= 1)) throw new EngineError("cols", `expected a positive integer, got ${cols}`);
}

export function gaussianVector(rng: Rng, n: number, sd = 1, mean = 0): number[] {
  dims(1, n);
  return Array.from({ length: n }, () => rng.gaussian(mean, sd));
}

export function uniformVector(rng: Rng, n: number, lo: number, hi: number): number[] {
  dims(1, n);
  return Array.from({ length: n }, () => rng.uniform(lo, hi));
}

export function gaussianMatrix(rng: Rng, rows: number, cols: number, sd = 1, mean = 0): Matrix {
  dims(rows, cols);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.gaussian(mean, sd)));
}

export function uniformMatrix(rng: Rng, rows: number, cols: number, lo: number, hi: number): Matrix {
  dims(rows, cols);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.uniform(lo, hi)));
}

/** N(0, 2/(n_in+n_out)). */
export function xavierNormal(rng: Rng, nIn: number, nOut: number): Matrix {
  return gaussianMatrix(rng, nOut, nIn, Math.sqrt(xavierVariance(nIn, nOut)));
}

/**
 * U(−ℓ, ℓ) with \ell = \sqrt{6/(n_\text{in}+n_\text{out})}, since Var U(−ℓ,ℓ) = ℓ²/3
 * equals the Xavier variance.
 */
export function xavierUniform(rng: Rng, nIn: number, nOut: number): Matrix {
  const l = Math.sqrt(3 * xavierVariance(nIn, nOut));
  return uniformMatrix(rng, nOut, nIn, -l, l);
}

/** N(0, 2/n_in). */
export function heNormal(rng: Rng, nIn: number, nOut: number): Matrix {
  return gaussianMatrix(rng, nOut, nIn, Math.sqrt(heVariance(nIn)));
}

/** U(−ℓ, ℓ) with \ell = \sqrt{6/n_\text{in}}. */
export function heUniform(rng: Rng, nIn: number, nOut: number): Matrix {
  const l = Math.sqrt(3 * heVariance(nIn));
  return uniformMatrix(rng, nOut, nIn, -l, l);
}

export type InitScheme = "xavier" | "he" | "gaussian" | "uniform";

export interface RandomNetworkOptions {
  /** [n_in, n_1, …, n_L]. */
  widths: readonly number[];
  /** One activation for every layer, or one per layer. */
  activation: ActivationName | readonly ActivationName[];
  /** Default "xavier". "gaussian"/"uniform" use `scale` as sd / half-width. */
  init?: InitScheme;
  scale?: number;
  /** Standard deviation of the biases (default 0: zero biases). */
  biasScale?: number;
  /** Layers (by index) that are residual; they must be square. */
  residual?: readonly number[];
  loss?: LossName;
}

/** A random network spec for exercises and tests, drawn entirely from `rng`. */
export function randomNetwork(rng: Rng, options: RandomNetworkOptions): NetworkSpec {
  const { widths } = options;
  if (widths.length < 2) throw new EngineError("widths", `expected at least 2 widths (input and output), got ${widths.length}`);
  const init = options.init ?? "xavier";
  const scale = options.scale ?? 1;
  const layers: LayerSpec[] = [];
  for (let l = 1; l < widths.length; l++) {
    const nIn = widths[l - 1] as number;
    const nOut = widths[l] as number;
    const activation = typeof options.activation === "string" ? options.activation : options.activation[l - 1];
    if (activation === undefined) throw new EngineError(`activation[${l - 1}]`, "missing activation for this layer");
    const W =
      init === "xavier"
        ? xavierNormal(rng, nIn, nOut)
        : init === "he"
          ? heNormal(rng, nIn, nOut)
          : init === "gaussian"
            ? gaussianMatrix(rng, nOut, nIn, scale)
            : uniformMatrix(rng, nOut, nIn, -scale, scale);
    const b = options.biasScale ? gaussianVector(rng, nOut, options.biasScale) : new Array<number>(nOut).fill(0);
    const layer: LayerSpec = { W, b, activation };
    if (options.residual?.includes(l - 1)) layer.residual = true;
    layers.push(layer);
  }
  return { layers, loss: options.loss ?? "mse" };
}
