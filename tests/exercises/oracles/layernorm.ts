import type { ExerciseParams } from "@/lib/exercises/types";
import type { Oracle } from "./types";

/**
 * LayerNorm with ε = 0, the variance written as the mean squared difference
 * over pairs, σ² = (1/n²) Σ_{i<j} (x_i − x_j)² (found without μ), and the
 * backward pass through the full Jacobian of x̂,
 *   ∂x̂_k/∂x_i = (δ_ki − 1/n − x̂_k x̂_i / n) / σ,
 * summed against h_k = γ_k g_k (never the engine's closed form). Each mistake
 * is the formula its explanation names.
 */

interface Example {
  x: readonly number[];
  gamma: readonly number[];
  beta: readonly number[];
  g: readonly number[];
}

function moments(x: readonly number[]) {
  const n = x.length;
  let mean = 0;
  for (const v of x) mean += v / n;
  let pairs = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs += ((x[i] as number) - (x[j] as number)) ** 2;
  const variance = pairs / (n * n);
  const std = Math.sqrt(variance);
  return { n, mean, variance, std, xHat: x.map((v) => (v - mean) / std) };
}

/** Σ_k h_k ∂x̂_k/∂x_i, optionally without the μ path (−1/n) or the σ path (−x̂_k x̂_i/n), divided by `div`. */
function throughJacobian(h: readonly number[], xHat: readonly number[], div: number, paths: { mean: boolean; sigma: boolean }): number[] {
  const n = h.length;
  return h.map((_, i) => {
    let sum = 0;
    for (let k = 0; k < n; k++) {
      let j = k === i ? 1 : 0;
      if (paths.mean) j -= 1 / n;
      if (paths.sigma) j -= ((xHat[k] as number) * (xHat[i] as number)) / n;
      sum += (h[k] as number) * j;
    }
    return sum / div;
  });
}

export const layernormOracle: Oracle<Example> = {
  combos: [{ mode: "forward" }, { mode: "backward" }],
  expected({ x, gamma, beta, g }, params: ExerciseParams) {
    const { std, xHat } = moments(x);
    if (params.mode === "forward") return xHat.map((v, i) => (gamma[i] as number) * v + (beta[i] as number));
    const h = g.map((v, i) => (gamma[i] as number) * v);
    return throughJacobian(h, xHat, std, { mean: true, sigma: true });
  },
  mistakes({ x, gamma, beta, g }, params: ExerciseParams): Record<string, number[]> {
    const { n, mean, variance, std, xHat } = moments(x);
    if (params.mode === "forward") {
      const unbiasedStd = Math.sqrt((variance * n) / (n - 1));
      return {
        "unbiased-variance": x.map((v, i) => (gamma[i] as number) * ((v - mean) / unbiasedStd) + (beta[i] as number)),
        "forgot-gamma-beta": xHat,
        "divided-by-variance": x.map((v, i) => (gamma[i] as number) * ((v - mean) / variance) + (beta[i] as number)),
        "forgot-mean": x.map((v, i) => (gamma[i] as number) * (v / std) + (beta[i] as number)),
        "gamma-beta-swapped": xHat.map((v, i) => (beta[i] as number) * v + (gamma[i] as number)),
      };
    }
    const h = g.map((v, i) => (gamma[i] as number) * v);
    return {
      "constant-stats": throughJacobian(h, xHat, std, { mean: false, sigma: false }),
      "dropped-variance-path": throughJacobian(h, xHat, std, { mean: true, sigma: false }),
      "dropped-mean-path": throughJacobian(h, xHat, std, { mean: false, sigma: true }),
      "forgot-gamma": throughJacobian(g, xHat, std, { mean: true, sigma: true }),
      "divided-by-variance": throughJacobian(h, xHat, variance, { mean: true, sigma: true }),
    };
  },
};
