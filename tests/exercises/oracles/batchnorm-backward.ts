import type { ExerciseParams } from "@/lib/exercises/types";
import type { Oracle } from "./types";

/**
 * BatchNorm backward (ε = 0) without the closed form: the forward graph
 * μ → d_k = x_k − μ → v = Σ d_k²/m → σ = √v → x̂_k = d_k/σ → y_k = γ x̂_k + β
 * is differentiated in forward mode, one input x_i at a time (tangents
 * carried node by node), and ∂C/∂x_i = Σ_k g_k ẏ_k. The paths a mistake drops
 * are dropped by freezing that node's tangent (μ̇ = 0, σ̇ = 0), so each mistake
 * is the graph its explanation describes, not the generator's formula.
 */

interface Batch {
  x: readonly number[];
  gamma: number;
  beta: number;
  g: readonly number[];
}

function forward(x: readonly number[]) {
  const m = x.length;
  let mean = 0;
  for (const v of x) mean += v / m;
  const d = x.map((v) => v - mean);
  let variance = 0;
  for (const v of d) variance += (v * v) / m;
  const std = Math.sqrt(variance);
  return { m, mean, d, variance, std, xHat: d.map((v) => v / std) };
}

/** ∂(Σ_k g_k y_k)/∂x_i for every i by tangents; `live` says which statistics pass their tangent on. */
function tangents(b: Batch, gamma: number, live: { mean: boolean; sigma: boolean }): number[] {
  const { m, d, std } = forward(b.x);
  return b.x.map((_, i) => {
    const muDot = live.mean ? 1 / m : 0;
    const dDot = d.map((_, k) => (k === i ? 1 : 0) - muDot);
    let vDot = 0;
    for (let k = 0; k < m; k++) vDot += (2 * (d[k] as number) * (dDot[k] as number)) / m;
    const sigmaDot = live.sigma ? vDot / (2 * std) : 0;
    let out = 0;
    for (let k = 0; k < m; k++) {
      const xHatDot = ((dDot[k] as number) * std - (d[k] as number) * sigmaDot) / (std * std);
      out += (b.g[k] as number) * gamma * xHatDot;
    }
    return out;
  });
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * (b[i] as number), 0);

export const batchnormBackwardOracle: Oracle<Batch> = {
  combos: [{ mode: "dx" }, { mode: "dgamma" }],
  expected(b, params: ExerciseParams) {
    if (params.mode === "dx") return tangents(b, b.gamma, { mean: true, sigma: true });
    // y is linear in γ: ∂C/∂γ = Σ g_k x̂_k.
    return dot(b.g, forward(b.x).xHat);
  },
  mistakes(b, params: ExerciseParams): Record<string, number | number[]> {
    const { m, mean, d, variance, std, xHat } = forward(b.x);
    // Bessel's correction: the sum of squares over m − 1.
    const stdU = Math.sqrt((variance * m) / (m - 1));
    const xU = d.map((v) => v / stdU);
    if (params.mode === "dx") {
      const truth = tangents(b, b.gamma, { mean: true, sigma: true });
      const gSum = b.g.reduce((s, v) => s + v, 0);
      const gxU = dot(b.g, xU);
      return {
        "constant-stats": tangents(b, b.gamma, { mean: false, sigma: false }),
        "dropped-variance-path": tangents(b, b.gamma, { mean: true, sigma: false }),
        "dropped-mean-path": tangents(b, b.gamma, { mean: false, sigma: true }),
        "forgot-gamma": tangents(b, 1, { mean: true, sigma: true }),
        // The textbook formula with the unbiased σ (and the x̂ it gives) plugged in.
        "unbiased-variance": b.g.map((v, i) => (b.gamma / (m * stdU)) * (m * v - gSum - (xU[i] as number) * gxU)),
        // The prefactor γ/(mσ̂) with σ² in place of σ̂: the true gradient times σ̂/σ².
        "divided-by-variance": truth.map((v) => (v * std) / variance),
      };
    }
    const gx = dot(b.g, xHat);
    return {
      "dbeta-instead": b.g.reduce((s, v) => s + v, 0),
      "used-raw-x": dot(b.g, b.x),
      "unbiased-variance": dot(b.g, xU),
      "not-divided-by-sigma": dot(b.g, b.x.map((v) => v - mean)),
      "averaged-over-batch": gx / m,
      "times-gamma": b.gamma * gx,
    };
  },
};
