import { EngineError } from "./errors";
import { type VectorLike } from "./linalg";
import { parseNumber, parseVector } from "./spec";

/**
 * LayerNorm over the features of one example: the statistics come from that
 * example alone (no batch), so it behaves the same in training and inference
 * and suits sequences of any length and batches of one.
 */

export interface LayerNormForward {
  y: number[];
  mean: number;
  /** Biased variance over the features (divide by n), as LayerNorm uses. */
  variance: number;
  invStd: number;
  xHat: number[];
  gamma: number[];
  eps: number;
}

/**
 * \mu = \frac1n\sum_i x_i,\quad \sigma^2 = \frac1n\sum_i (x_i-\mu)^2,\quad
 * \hat x_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}},\quad y_i = \gamma_i \hat x_i + \beta_i
 */
export function layerNormForward(x: VectorLike, gamma: VectorLike, beta: VectorLike, eps = 1e-5): LayerNormForward {
  parseVector(x, "x");
  const n = x.length;
  parseVector(gamma, "gamma", n, " (one per feature)");
  parseVector(beta, "beta", n, " (one per feature)");
  if (!(parseNumber(eps, "eps") >= 0)) throw new EngineError("eps", `expected eps >= 0, got ${eps}`);
  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  // Two-pass variance: no cancellation between E[x²] and E[x]².
  let variance = 0;
  for (const v of x) variance += (v - mean) * (v - mean);
  variance /= n;
  const invStd = 1 / Math.sqrt(variance + eps);
  if (!Number.isFinite(invStd)) throw new EngineError("x", "all features are equal and eps = 0; normalisation is undefined");
  const xHat = Array.from(x, (v) => (v - mean) * invStd);
  const y = xHat.map((v, i) => (gamma[i] as number) * v + (beta[i] as number));
  return { y, mean, variance, invStd, xHat, gamma: Array.from(gamma), eps };
}

/**
 * With g = ∂C/∂y and h_i = γ_i g_i (the gradient reaching x̂):
 * \frac{\partial C}{\partial x_i} = \frac{1}{\sqrt{\sigma^2+\epsilon}}
 *   \Big(h_i - \frac1n\sum_k h_k - \hat x_i\,\frac1n\sum_k h_k \hat x_k\Big)
 * (the two subtracted terms are the paths through μ and through σ).
 */
export function layerNormBackward(dy: VectorLike, cache: LayerNormForward): number[] {
  const n = cache.xHat.length;
  parseVector(dy, "dy", n, " (one per feature)");
  const h = cache.xHat.map((_, i) => (cache.gamma[i] as number) * (dy[i] as number));
  let meanH = 0;
  let meanHX = 0;
  for (let i = 0; i < n; i++) {
    meanH += (h[i] as number) / n;
    meanHX += ((h[i] as number) * (cache.xHat[i] as number)) / n;
  }
  return h.map((hi, i) => cache.invStd * (hi - meanH - (cache.xHat[i] as number) * meanHX));
}
