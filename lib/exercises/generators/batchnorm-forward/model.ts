import { batchNormForward } from "@/lib/engine/batchnorm";
import type { Rng } from "@/lib/engine/rng";
import { round, roundedUniform } from "../../kit/draw";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import { texList } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * BatchNorm's forward pass for one feature over a mini-batch of m examples,
 * in training mode (statistics from the batch itself):
 *   \mu = \frac1m \sum_i x_i,\qquad \sigma^2 = \frac1m \sum_i (x_i - \mu)^2 \ \text{(biased)},
 *   \hat x_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}},\qquad y_i = \gamma\,\hat x_i + \beta .
 * Here ε = 0 (stated in the prompt), so the learner can work with exact numbers.
 */

/** Batch size by difficulty. */
const SIZES = [4, 6, 8] as const;

/**
 * The prompt's rounding advice: intermediate results (μ, σ², σ, x̂_i, γx̂_i) to
 * INTERMEDIATE_SIG_FIGS significant digits, each y_i to ANSWER_SIG_FIGS. Rounding
 * to n significant digits moves a value by at most u = ½·10^(1−n) of itself.
 */
export const INTERMEDIATE_SIG_FIGS = 6;
export const ANSWER_SIG_FIGS = 4;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
}

export interface Drawn {
  x: number[];
  gamma: number;
  beta: number;
}

export interface Stats {
  mean: number;
  variance: number;
  std: number;
  xHat: number[];
}

export interface Solution extends Solved {
  expected: number[];
  /** Batch size. */
  m: number;
  stats: Stats;
  /** Σ(x_i − μ)², as the solution shows it. */
  sqSum: number;
  /** Difficulty 1 writes out the formulas in the prompt. */
  showFormulas: boolean;
}

export type MistakeId =
  | "unbiased-variance"
  | "forgot-gamma-beta"
  | "divided-by-variance"
  | "forgot-mean"
  | "gamma-beta-swapped"
  | "shift-before-scale";

/** Plain statistics, for the mistakes and the worked solution (the answer itself comes from the engine). */
function stats(x: readonly number[]): Stats {
  const m = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / m;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / m;
  const std = Math.sqrt(variance);
  return { mean, variance, std, xHat: x.map((v) => (v - mean) / std) };
}

/**
 * True when a learner who follows that advice is accepted on every entry, in the
 * worst case: first-order bounds (×1.01 for the higher orders) on how far each
 * rounding can move y_i, against 90 % of the ±REL_TOL·|y_i| acceptance interval.
 * The learner's σ² = (1/m)Σ(x_i − μ̃)² = σ² + (μ − μ̃)² from the rounded μ̃.
 * Near-zero y_i (γx̂_i ≈ −β) are where a relative tolerance is tight; those draws
 * are redrawn rather than checked with a looser tolerance.
 */
function adviceIsSafe(x: readonly number[], gamma: number, s: Stats, y: readonly number[]): boolean {
  const u = 0.5 * 10 ** (1 - INTERMEDIATE_SIG_FIGS);
  const uAnswer = 0.5 * 10 ** (1 - ANSWER_SIG_FIGS);
  const dMu = u * Math.abs(s.mean);
  // Relative error of the learner's σ: half that of σ² (shifted by dMu², then rounded), plus σ's own rounding.
  const relSigma = 0.5 * ((dMu * dMu) / s.variance + u) + u;
  return x.every((_, i) => {
    const xHat = Math.abs(s.xHat[i] as number);
    const dXHat = (dMu / s.std + xHat * relSigma) * (1 + relSigma) + u * (xHat + dMu / s.std);
    const dY = (Math.abs(gamma) * dXHat + u * Math.abs(gamma) * xHat) * 1.01;
    const yi = Math.abs(y[i] as number);
    return dY + uAnswer * (yi + dY) <= 0.9 * REL_TOL * yi;
  });
}


export function draw(rng: Rng, p: Params): Drawn {
  const m = SIZES[p.difficulty - 1] as number;
  // 1 decimal at difficulties 1–2, 2 decimals at 3; a random centre so the mean is never trivially 0.
  const decimals = p.difficulty === 3 ? 2 : 1;
  const centre = round(rng.uniform(-3, 5), 1);
  const spread = rng.uniform(0.5, 2.5);
  // "+ 0" turns a rounded −0 into 0, so the prompt and the data agree exactly.
  const x = Array.from({ length: m }, () => round(centre + spread * rng.uniform(-1, 1), decimals) + 0);
  const gamma = roundedUniform(rng, 0.5, 2.5, 1, 0.5);
  const beta = roundedUniform(rng, -1.5, 1.5, 1);
  return { x, gamma, beta };
}

export function solve(d: Drawn, p: Params): Solution | null {
  const { x, gamma, beta } = d;
  const s = stats(x);
  // Degenerate or nearly constant batches: σ² ≈ 0 makes x̂ blow up (and ε = 0 would divide by zero).
  if (!(s.std > 0.2)) return null;
  // An example sitting at the mean has x̂ = 0 up to round-off (1e-17); keep every x̂ clearly non-zero.
  if (s.xHat.some((v) => Math.abs(v) < 0.02)) return null;
  const { y } = batchNormForward(
    x.map((v) => [v]),
    [gamma],
    [beta],
    0,
  );
  const expected = y.map((row) => row[0] as number);
  // A y_i ≈ 0 would need an absolute tolerance; redraw instead.
  if (expected.some((v) => Math.abs(v) < 0.01)) return null;
  // Every answer that follows the prompt's rounding advice must be accepted: redraw when it might not be.
  if (!adviceIsSafe(x, gamma, s, expected)) return null;
  return {
    answer: { kind: "vector", length: x.length, tolerance: { rel: REL_TOL } },
    expected,
    expectedTex: texList(expected, 4),
    m: x.length,
    stats: s,
    sqSum: x.reduce((acc, v) => acc + (v - s.mean) ** 2, 0),
    showFormulas: p.difficulty === 1,
  };
}

export function mistakes(d: Drawn, sol: Solution): MistakeOf<MistakeId>[] | null {
  const { x, gamma, beta } = d;
  const { m, stats: s, expected } = sol;
  const unbiasedStd = Math.sqrt((s.variance * m) / (m - 1));
  const cands: (MistakeOf<MistakeId> & { optional?: boolean })[] = [
    { id: "unbiased-variance", value: x.map((v) => (gamma * (v - s.mean)) / unbiasedStd + beta) },
    { id: "forgot-gamma-beta", value: s.xHat.slice() },
    { id: "divided-by-variance", value: x.map((v) => (gamma * (v - s.mean)) / s.variance + beta) },
    { id: "forgot-mean", value: x.map((v) => (gamma * v) / s.std + beta) },
    { id: "gamma-beta-swapped", value: s.xHat.map((v) => beta * v + gamma), optional: true },
    { id: "shift-before-scale", value: s.xHat.map((v) => gamma * (v + beta)), optional: true },
  ];
  const spec: AnswerSpec = { kind: "vector", length: expected.length, tolerance: { rel: REL_TOL } };
  return resolveMistakes(expected, cands, spec, true);
}
