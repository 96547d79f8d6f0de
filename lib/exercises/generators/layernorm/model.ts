import { layerNormBackward, layerNormForward } from "@/lib/engine/layernorm";
import type { Rng } from "@/lib/engine/rng";
import { drawVector, round, roundedUniform } from "../../kit/draw";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import { texList } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * LayerNorm over the n features of one example (ε = 0, stated in the prompt):
 *   \mu = \frac1n \sum_i x_i,\quad \sigma^2 = \frac1n \sum_i (x_i-\mu)^2,\quad
 *   \hat x_i = \frac{x_i-\mu}{\sigma},\quad y_i = \gamma_i \hat x_i + \beta_i .
 * mode "forward" asks for y; mode "backward" gives ∂C/∂y = g and asks for
 *   \frac{\partial C}{\partial x_i} = \frac1\sigma\Big(h_i - \bar h - \hat x_i\,\overline{h\hat x}\Big),\quad h_i = \gamma_i g_i .
 */

export const MODES = ["forward", "backward"] as const;
export type Mode = (typeof MODES)[number];

/** Number of features by difficulty. */
const SIZES = [4, 5, 6] as const;
/** Significant digits the prompt advises for μ, σ, x̂ (and h̄, the mean of h x̂) and for each entry typed. */
export const INTERMEDIATE_SIG_FIGS = 6;
export const ANSWER_SIG_FIGS = 4;
/**
 * Smallest |entry| asked for. With 6-digit intermediates of size ≲ 5 a learner's
 * entry is off by ≲ 1e-4, well inside 0.5 % of 0.1; 4-digit answers add 0.05 %.
 */
const MIN_ENTRY = 0.1;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
  mode: Mode;
}

export interface Drawn {
  x: number[];
  gamma: number[];
  beta: number[];
  /** ∂C/∂y (backward mode only; zeros in forward mode are never shown). */
  g: number[];
}

export interface Solution extends Solved {
  expected: number[];
  mode: Mode;
  n: number;
  mean: number;
  variance: number;
  std: number;
  sqSum: number;
  xHat: number[];
  y: number[];
  /** h_i = γ_i g_i, its mean and the mean of h_i x̂_i (backward). */
  h: number[];
  hMean: number;
  hxMean: number;
  /** Difficulty 1 shows the formulas in the prompt. */
  showFormulas: boolean;
}

export type MistakeId =
  | "unbiased-variance"
  | "forgot-gamma-beta"
  | "divided-by-variance"
  | "forgot-mean"
  | "gamma-beta-swapped"
  | "constant-stats"
  | "dropped-variance-path"
  | "dropped-mean-path"
  | "forgot-gamma";

export function draw(rng: Rng, p: Params): Drawn {
  const n = SIZES[p.difficulty - 1] as number;
  const centre = round(rng.uniform(-2, 3), 1);
  const spread = rng.uniform(0.8, 2.5);
  // "+ 0" turns a rounded −0 into 0, so the prompt and the data agree exactly.
  const x = drawVector(n, () => round(centre + spread * rng.uniform(-1, 1), 1) + 0);
  const gamma = drawVector(n, () => roundedUniform(rng, 0.5, 2, 1));
  const beta = drawVector(n, () => roundedUniform(rng, -1, 1, 1));
  const g = p.mode === "backward" ? drawVector(n, () => roundedUniform(rng, -1.5, 1.5, 1, 0.1)) : x.map(() => 0);
  return { x, gamma, beta, g };
}

export function solve(d: Drawn, p: Params): Solution | null {
  const n = d.x.length;
  const mean0 = d.x.reduce((s, v) => s + v, 0) / n;
  // Nearly constant features make x̂ blow up (and ε = 0 would divide by zero).
  const spread = Math.sqrt(d.x.reduce((s, v) => s + (v - mean0) ** 2, 0) / n);
  if (!(spread > 0.3)) return null;
  const f = layerNormForward(d.x, d.gamma, d.beta, 0);
  // A feature at the mean has x̂ ≈ 0 up to round-off: keep every x̂ clearly non-zero.
  if (f.xHat.some((v) => Math.abs(v) < 0.05)) return null;
  const h = d.gamma.map((gm, i) => gm * (d.g[i] as number));
  const hMean = h.reduce((s, v) => s + v, 0) / n;
  const hxMean = h.reduce((s, v, i) => s + v * (f.xHat[i] as number), 0) / n;
  const expected = p.mode === "forward" ? f.y : layerNormBackward(d.g, f);
  if (expected.some((v) => !(Math.abs(v) >= MIN_ENTRY))) return null;
  return {
    answer: { kind: "vector", length: n, tolerance: { rel: REL_TOL } },
    expected,
    expectedTex: texList(expected, 4),
    mode: p.mode,
    n,
    mean: f.mean,
    variance: f.variance,
    std: Math.sqrt(f.variance),
    sqSum: f.variance * n,
    xHat: f.xHat,
    y: f.y,
    h,
    hMean,
    hxMean,
    showFormulas: p.difficulty === 1,
  };
}

/** An entry that is 0 up to round-off (h_i equal to h̄, say) is fragile to compare: such draws are redrawn. */
const hasZeroEntry = (cands: readonly { value: number[] }[]): boolean => cands.some((c) => c.value.some((v) => Math.abs(v) < 1e-9));

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const { x, gamma, beta, g } = d;
  const { n, mean, variance, std, xHat, h, hMean, hxMean, expected } = s;
  const spec: AnswerSpec = { kind: "vector", length: n, tolerance: { rel: REL_TOL } };
  if (s.mode === "forward") {
    const unbiasedStd = Math.sqrt((variance * n) / (n - 1));
    const cands = [
      { id: "unbiased-variance" as const, value: x.map((v, i) => (gamma[i] as number) * ((v - mean) / unbiasedStd) + (beta[i] as number)) },
      { id: "forgot-gamma-beta" as const, value: xHat.slice() },
      { id: "divided-by-variance" as const, value: x.map((v, i) => (gamma[i] as number) * ((v - mean) / variance) + (beta[i] as number)) },
      { id: "forgot-mean" as const, value: x.map((v, i) => (gamma[i] as number) * (v / std) + (beta[i] as number)) },
      { id: "gamma-beta-swapped" as const, value: xHat.map((v, i) => (beta[i] as number) * v + (gamma[i] as number)), optional: true },
    ];
    return hasZeroEntry(cands) ? null : resolveMistakes(expected, cands, spec, true);
  }
  const gMean = g.reduce((t, v) => t + v, 0) / n;
  const gxMean = g.reduce((t, v, i) => t + v * (xHat[i] as number), 0) / n;
  const cands = [
    { id: "constant-stats" as const, value: h.map((v) => v / std) },
    { id: "dropped-variance-path" as const, value: h.map((v) => (v - hMean) / std) },
    { id: "dropped-mean-path" as const, value: h.map((v, i) => (v - (xHat[i] as number) * hxMean) / std) },
    { id: "forgot-gamma" as const, value: g.map((v, i) => (v - gMean - (xHat[i] as number) * gxMean) / std) },
    { id: "divided-by-variance" as const, value: h.map((v, i) => (v - hMean - (xHat[i] as number) * hxMean) / variance), optional: true },
  ];
  return hasZeroEntry(cands) ? null : resolveMistakes(expected, cands, spec, true);
}
