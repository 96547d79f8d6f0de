import type { Oracle } from "./types";

/**
 * BatchNorm's training-mode forward pass with ε = 0, the variance written as
 * the mean squared difference over pairs, σ² = (1/m²) Σ_{i<j} (x_i − x_j)²
 * (the same number as (1/m) Σ (x_i − μ)², found without μ), and each mistake
 * as the formula its explanation names.
 */

interface Batch {
  x: readonly number[];
  gamma: number;
  beta: number;
}

function moments(x: readonly number[]) {
  const m = x.length;
  let mean = 0;
  for (const v of x) mean += v / m;
  let pairs = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) pairs += ((x[i] as number) - (x[j] as number)) ** 2;
  const variance = pairs / (m * m);
  return { m, mean, variance, std: Math.sqrt(variance) };
}

export const batchnormForwardOracle: Oracle<Batch> = {
  expected({ x, gamma, beta }) {
    const { mean, std } = moments(x);
    return x.map((v) => gamma * ((v - mean) / std) + beta);
  },
  mistakes({ x, gamma, beta }) {
    const { m, mean, variance, std } = moments(x);
    const xHat = x.map((v) => (v - mean) / std);
    // Bessel's correction: the sum of squares over m − 1 instead of m.
    const unbiasedStd = Math.sqrt((variance * m) / (m - 1));
    return {
      "unbiased-variance": x.map((v) => gamma * ((v - mean) / unbiasedStd) + beta),
      "forgot-gamma-beta": xHat,
      "divided-by-variance": x.map((v) => gamma * ((v - mean) / variance) + beta),
      "forgot-mean": x.map((v) => gamma * (v / std) + beta),
      "gamma-beta-swapped": xHat.map((h) => beta * h + gamma),
      "shift-before-scale": xHat.map((h) => gamma * (h + beta)),
    };
  },
};
