import { batchNormBackward, batchNormForward } from "@/lib/engine/batchnorm";
import type { Rng } from "@/lib/engine/rng";
import { drawVector, round, roundedUniform } from "../../kit/draw";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import { texList, texNum } from "../../kit/tex";
import type { MistakeOf, Solved, StepOf } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * BatchNorm's backward pass for one feature over a mini-batch of m examples,
 * in training mode (ε = 0, stated in the prompt), with g = ∂C/∂y given:
 *   \hat\sigma = \sqrt{\tfrac1m \textstyle\sum_i (x_i-\mu)^2},\quad \hat x_i = \frac{x_i-\mu}{\hat\sigma},\quad y_i = \gamma\hat x_i + \beta,
 *   \frac{\partial C}{\partial x_i} = \frac{\gamma}{m\hat\sigma}\Big(m g_i - \sum_k g_k - \hat x_i \sum_k g_k \hat x_k\Big),
 *   \frac{\partial C}{\partial \gamma} = \sum_i g_i \hat x_i,\qquad \frac{\partial C}{\partial \beta} = \sum_i g_i .
 * mode "dx" asks for the vector ∂C/∂x; mode "dgamma" for ∂C/∂γ (with steps μ, σ̂, ∂C/∂γ).
 */

export const MODES = ["dx", "dgamma"] as const;
export type Mode = (typeof MODES)[number];

/** Batch size by difficulty. */
const SIZES = [3, 4, 5] as const;
/** Significant digits the prompt advises for μ, σ̂, x̂ and the sums, and for each value typed. */
export const INTERMEDIATE_SIG_FIGS = 6;
export const ANSWER_SIG_FIGS = 4;
/** Smallest |entry| asked for: entries near 0 are where a relative tolerance is tight. */
const MIN_ENTRY = 0.05;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
  mode: Mode;
}

export interface Drawn {
  x: number[];
  gamma: number;
  beta: number;
  /** ∂C/∂y, one entry per example. */
  g: number[];
}

export interface Solution extends Solved {
  mode: Mode;
  m: number;
  mean: number;
  variance: number;
  /** σ̂ = √(σ² + ε) with ε = 0. */
  std: number;
  /** Σ(x_i − μ)². */
  sqSum: number;
  xHat: number[];
  /** Σ g_k = ∂C/∂β and Σ g_k x̂_k = ∂C/∂γ. */
  gSum: number;
  gxSum: number;
  /** ∂C/∂x. */
  dx: number[];
  /** Difficulty 1 shows the formulas in the prompt. */
  showFormulas: boolean;
}

export type MistakeId =
  | "constant-stats"
  | "dropped-variance-path"
  | "dropped-mean-path"
  | "forgot-gamma"
  | "unbiased-variance"
  | "divided-by-variance"
  | "dbeta-instead"
  | "used-raw-x"
  | "not-divided-by-sigma"
  | "averaged-over-batch"
  | "times-gamma";

export function draw(rng: Rng, p: Params): Drawn {
  const m = SIZES[p.difficulty - 1] as number;
  const centre = round(rng.uniform(-2, 3), 1);
  const spread = rng.uniform(0.8, 2.5);
  // "+ 0" turns a rounded −0 into 0, so the prompt and the data agree exactly.
  const x = drawVector(m, () => round(centre + spread * rng.uniform(-1, 1), 1) + 0);
  // γ away from 1, so leaving it out is a different answer.
  const gamma = rng.next() < 0.5 ? roundedUniform(rng, 0.4, 0.8, 1) : roundedUniform(rng, 1.2, 2.5, 1);
  const beta = roundedUniform(rng, -1, 1, 1);
  const g = drawVector(m, () => roundedUniform(rng, -1.5, 1.5, 1, 0.1));
  return { x, gamma, beta, g };
}

const sum = (v: readonly number[]): number => v.reduce((s, u) => s + u, 0);
const sig = (v: number, digits: number): number => Number(v.toPrecision(digits));

/**
 * The answer a learner gets who rounds every intermediate (μ, σ̂, each x̂_i, the
 * two sums) to `digits` significant digits: the draw is kept only when that
 * learner, one digit short of the advice, still lands inside half the tolerance.
 */
function roundedLearner(d: Drawn, mode: Mode, digits: number): number[] {
  const m = d.x.length;
  const mu = sig(sum(d.x) / m, digits);
  const sd = sig(Math.sqrt(sum(d.x.map((v) => (v - mu) ** 2)) / m), digits);
  const xHat = d.x.map((v) => sig((v - mu) / sd, digits));
  const gx = sig(sum(d.g.map((v, i) => v * (xHat[i] as number))), digits);
  if (mode === "dgamma") return [gx];
  const gs = sum(d.g);
  return d.g.map((v, i) => (d.gamma / (m * sd)) * (m * v - gs - (xHat[i] as number) * gx));
}

export function solve(d: Drawn, p: Params): Solution | null {
  const m = d.x.length;
  const mean0 = sum(d.x) / m;
  // Nearly constant batches make x̂ blow up (and ε = 0 would divide by zero).
  if (!(Math.sqrt(sum(d.x.map((v) => (v - mean0) ** 2)) / m) > 0.3)) return null;
  const f = batchNormForward(
    d.x.map((v) => [v]),
    [d.gamma],
    [d.beta],
    0,
  );
  const xHat = f.xHat.map((r) => r[0] as number);
  // An example at the mean has x̂ = 0 up to round-off: keep every x̂ clearly non-zero.
  if (xHat.some((v) => Math.abs(v) < 0.05)) return null;
  const b = batchNormBackward(
    d.g.map((v) => [v]),
    f,
  );
  const dx = b.dx.map((r) => r[0] as number);
  const gSum = b.dbeta[0] as number;
  const gxSum = b.dgamma[0] as number;
  const expected = p.mode === "dx" ? dx : gxSum;
  const entries = typeof expected === "number" ? [expected] : expected;
  if (entries.some((v) => !(Math.abs(v) >= MIN_ENTRY))) return null;
  const learner = roundedLearner(d, p.mode, INTERMEDIATE_SIG_FIGS - 1);
  if (entries.some((v, i) => Math.abs((learner[i] as number) - v) > 0.5 * REL_TOL * Math.abs(v))) return null;
  const mean = f.mean[0] as number;
  const variance = f.variance[0] as number;
  return {
    answer: p.mode === "dx" ? { kind: "vector", length: m, tolerance: { rel: REL_TOL } } : { kind: "number", tolerance: { rel: REL_TOL } },
    expected,
    expectedTex: typeof expected === "number" ? texNum(expected, 4) : texList(expected, 4),
    mode: p.mode,
    m,
    mean,
    variance,
    std: Math.sqrt(variance),
    sqSum: variance * m,
    xHat,
    gSum,
    gxSum,
    dx,
    showFormulas: p.difficulty === 1,
  };
}

/** An entry that is 0 up to round-off is fragile to compare: such draws are redrawn. */
const hasZeroEntry = (cands: readonly { value: number | number[] }[]): boolean =>
  cands.some((c) => (typeof c.value === "number" ? [c.value] : c.value).some((v) => Math.abs(v) < 1e-9));

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const { x, gamma, g } = d;
  const { m, mean, std, variance, xHat, gSum, gxSum } = s;
  // The unbiased standard deviation (divide by m − 1) and the x̂ it gives.
  const stdU = Math.sqrt((variance * m) / (m - 1));
  const xU = x.map((v) => (v - mean) / stdU);
  if (s.mode === "dx") {
    const spec: AnswerSpec = { kind: "vector", length: m, tolerance: { rel: REL_TOL } };
    const full = (scale: number, sd: number, xh: readonly number[], gs: number, gx: number) =>
      g.map((v, i) => (scale / (m * sd)) * (m * v - gs - (xh[i] as number) * gx));
    const gxU = sum(g.map((v, i) => v * (xU[i] as number)));
    const cands = [
      { id: "constant-stats" as const, value: g.map((v) => (gamma * v) / std) },
      { id: "dropped-variance-path" as const, value: full(gamma, std, xHat, gSum, 0) },
      { id: "forgot-gamma" as const, value: full(1, std, xHat, gSum, gxSum) },
      { id: "unbiased-variance" as const, value: full(gamma, stdU, xU, gSum, gxU) },
      { id: "dropped-mean-path" as const, value: full(gamma, std, xHat, 0, gxSum), optional: true },
      { id: "divided-by-variance" as const, value: full(gamma, variance, xHat, gSum, gxSum), optional: true },
    ];
    return hasZeroEntry(cands) ? null : resolveMistakes(s.dx, cands, spec, true);
  }
  const spec: AnswerSpec = { kind: "number", tolerance: { rel: REL_TOL } };
  const cands = [
    { id: "dbeta-instead" as const, value: gSum },
    { id: "used-raw-x" as const, value: sum(g.map((v, i) => v * (x[i] as number))) },
    { id: "unbiased-variance" as const, value: sum(g.map((v, i) => v * (xU[i] as number))) },
    { id: "not-divided-by-sigma" as const, value: sum(g.map((v, i) => v * ((x[i] as number) - mean))), optional: true },
    { id: "averaged-over-batch" as const, value: gxSum / m, optional: true },
    { id: "times-gamma" as const, value: gamma * gxSum, optional: true },
  ];
  return hasZeroEntry(cands) ? null : resolveMistakes(gxSum, cands, spec, true);
}

/**
 * Step-by-step mode for ∂C/∂γ: μ, then σ̂ from the learner's own μ, then
 * Σ g_i (x_i − μ)/σ̂ from their own μ and σ̂ (error carried forward). With the
 * true μ and σ̂ the steps return the solution's own values, so the true last
 * step is the answer exactly.
 */
export function steps(d: Drawn, s: Solution): readonly StepOf[] {
  if (s.mode !== "dgamma") return [];
  const m = s.m;
  return [
    { id: "mean", tex: "\\mu = \\frac1m \\sum_i x_i", value: () => s.mean },
    {
      id: "sigma",
      tex: "\\hat\\sigma = \\sqrt{\\frac1m \\sum_i (x_i-\\mu)^2}",
      value: (e) => (e[0] === s.mean ? s.std : Math.sqrt(sum(d.x.map((v) => (v - (e[0] as number)) ** 2)) / m)),
    },
    {
      id: "dgamma",
      tex: "\\frac{\\partial C}{\\partial \\gamma} = \\sum_i g_i\\,\\frac{x_i-\\mu}{\\hat\\sigma}",
      value: (e) =>
        e[0] === s.mean && e[1] === s.std ? s.gxSum : sum(d.g.map((v, i) => (v * ((d.x[i] as number) - (e[0] as number))) / (e[1] as number))),
    },
  ];
}
