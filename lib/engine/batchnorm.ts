import { EngineError } from "./errors";
import { type Matrix, type MatrixLike, type VectorLike } from "./linalg";
import { parseMatrix, parseNumber, parseVector } from "./spec";

/**
 * BatchNorm over a small batch (rows = examples, columns = features), in
 * training mode: statistics come from the batch itself, which is exactly why
 * the backward pass couples the examples.
 */

export interface BatchNormForward {
  y: Matrix;
  /** Per feature. */
  mean: number[];
  /** Biased batch variance (divide by B), as BatchNorm uses in training. */
  variance: number[];
  invStd: number[];
  xHat: Matrix;
  gamma: number[];
  eps: number;
}

export interface BatchNormGradients {
  dx: Matrix;
  dgamma: number[];
  dbeta: number[];
}

/**
 * \hat x_{ij} = \frac{x_{ij} - \mu_j}{\sqrt{\sigma_j^2 + \epsilon}},\qquad y_{ij} = \gamma_j \hat x_{ij} + \beta_j
 */
export function batchNormForward(x: MatrixLike, gamma: VectorLike, beta: VectorLike, eps = 1e-5): BatchNormForward {
  parseMatrix(x, "x");
  const B = x.length;
  const N = (x[0] as VectorLike).length;
  parseVector(gamma, "gamma", N, " (one per feature)");
  parseVector(beta, "beta", N, " (one per feature)");
  if (!(parseNumber(eps, "eps") >= 0)) throw new EngineError("eps", `expected eps >= 0, got ${eps}`);
  const mean = new Array<number>(N).fill(0);
  const variance = new Array<number>(N).fill(0);
  for (const row of x) for (let j = 0; j < N; j++) mean[j] = (mean[j] as number) + (row[j] as number);
  for (let j = 0; j < N; j++) mean[j] = (mean[j] as number) / B;
  // Two-pass variance: no cancellation between E[x²] and E[x]².
  for (const row of x) {
    for (let j = 0; j < N; j++) {
      const d = (row[j] as number) - (mean[j] as number);
      variance[j] = (variance[j] as number) + d * d;
    }
  }
  for (let j = 0; j < N; j++) variance[j] = (variance[j] as number) / B;
  const invStd = variance.map((v, j) => {
    const s = 1 / Math.sqrt(v + eps);
    if (!Number.isFinite(s)) throw new EngineError(`x[*][${j}]`, "feature has zero variance and eps = 0; normalisation is undefined");
    return s;
  });
  const xHat = x.map((row) => row.map((v, j) => (v - (mean[j] as number)) * (invStd[j] as number)));
  const y = xHat.map((row) => row.map((v, j) => (gamma[j] as number) * v + (beta[j] as number)));
  return { y, mean, variance, invStd, xHat, gamma: Array.from(gamma), eps };
}

/**
 * With g = ∂C/∂y:
 * \frac{\partial C}{\partial \beta_j} = \sum_i g_{ij},\quad
 * \frac{\partial C}{\partial \gamma_j} = \sum_i g_{ij}\hat x_{ij},\quad
 * \frac{\partial C}{\partial x_{ij}} = \frac{\gamma_j}{B\sqrt{\sigma_j^2+\epsilon}}
 *   \Big(B g_{ij} - \sum_k g_{kj} - \hat x_{ij}\sum_k g_{kj}\hat x_{kj}\Big)
 */
export function batchNormBackward(dy: MatrixLike, cache: BatchNormForward): BatchNormGradients {
  const B = cache.xHat.length;
  const N = cache.mean.length;
  parseMatrix(dy, "dy", { rows: B, rowsWhy: " (the batch size)", cols: N, colsWhy: " (the number of features)" });
  const dbeta = new Array<number>(N).fill(0);
  const dgamma = new Array<number>(N).fill(0);
  for (let i = 0; i < B; i++) {
    const g = dy[i] as VectorLike;
    const xh = cache.xHat[i] as number[];
    for (let j = 0; j < N; j++) {
      dbeta[j] = (dbeta[j] as number) + (g[j] as number);
      dgamma[j] = (dgamma[j] as number) + (g[j] as number) * (xh[j] as number);
    }
  }
  const dx = cache.xHat.map((xh, i) =>
    xh.map((v, j) => {
      const g = (dy[i] as VectorLike)[j] as number;
      const k = ((cache.gamma[j] as number) * (cache.invStd[j] as number)) / B;
      return k * (B * g - (dbeta[j] as number) - v * (dgamma[j] as number));
    }),
  );
  return { dx, dgamma, dbeta };
}
