import { batchNormForward } from "@/lib/engine/batchnorm";
import { createRng, type Rng } from "@/lib/engine/rng";
import { drawUntil, round, roundedUniform } from "../kit/draw";
import { REL_TOL, resolveMistakes } from "../kit/mistakes";
import { difficultyParam } from "../kit/params";
import { texList, texNum, texTerm } from "../kit/tex";
import type { ExerciseInstance, ExerciseParams, KnownMistake } from "../types";
import type { LegacyGenerator, LegacyMistakeCandidate } from "../legacy";

/**
 * BatchNorm's forward pass for one feature over a mini-batch of m examples,
 * in training mode (statistics from the batch itself):
 *   \mu = \frac1m \sum_i x_i,\qquad \sigma^2 = \frac1m \sum_i (x_i - \mu)^2 \ \text{(biased)},
 *   \hat x_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}},\qquad y_i = \gamma\,\hat x_i + \beta .
 * Here ε = 0 (stated in the prompt), so the learner can work with exact numbers.
 */

/** Batch size by difficulty. */
const SIZES = [4, 6, 8] as const;

export interface BatchnormForwardDraw {
  x: number[];
  gamma: number;
  beta: number;
}

interface Built {
  draw: BatchnormForwardDraw;
  expected: number[];
  mistakes: KnownMistake[];
}

const fmt = (x: number): string => texNum(x, 6);

interface Stats {
  mean: number;
  variance: number;
  std: number;
  xHat: number[];
}

/** Plain statistics, for the mistakes and the worked solution (the answer itself comes from the engine). */
function stats(x: readonly number[]): Stats {
  const m = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / m;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / m;
  const std = Math.sqrt(variance);
  return { mean, variance, std, xHat: x.map((v) => (v - mean) / std) };
}

/**
 * The prompt's rounding advice: intermediate results (μ, σ², σ, x̂_i, γx̂_i) to
 * INTERMEDIATE_SIG_FIGS significant digits, each y_i to ANSWER_SIG_FIGS. Rounding
 * to n significant digits moves a value by at most u = ½·10^(1−n) of itself.
 */
const INTERMEDIATE_SIG_FIGS = 6;
const ANSWER_SIG_FIGS = 4;

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

function buildOnce(rng: Rng, m: number, d: 1 | 2 | 3): Built | null {
  // 1 decimal at difficulties 1–2, 2 decimals at 3; a random centre so the mean is never trivially 0.
  const decimals = d === 3 ? 2 : 1;
  const centre = round(rng.uniform(-3, 5), 1);
  const spread = rng.uniform(0.5, 2.5);
  // "+ 0" turns a rounded −0 into 0, so the prompt and the data agree exactly.
  const x = Array.from({ length: m }, () => round(centre + spread * rng.uniform(-1, 1), decimals) + 0);
  const gamma = roundedUniform(rng, 0.5, 2.5, 1, 0.5);
  const beta = roundedUniform(rng, -1.5, 1.5, 1);
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
  const unbiasedStd = Math.sqrt((s.variance * m) / (m - 1));
  const cands: LegacyMistakeCandidate[] = [
    {
      id: "unbiased-variance",
      value: x.map((v) => (gamma * (v - s.mean)) / unbiasedStd + beta),
      explanation: `Used the unbiased variance $\\frac{1}{m-1}\\sum_i (x_i-\\mu)^2$; BatchNorm normalises with the batch's own (biased) variance, $\\frac1m \\sum_i (x_i-\\mu)^2$.`,
    },
    {
      id: "forgot-gamma-beta",
      value: s.xHat.slice(),
      explanation: `Stopped at $\\hat x_i$: the layer's output is $y_i = \\gamma\\,\\hat x_i + \\beta$ with $\\gamma = ${fmt(gamma)}$, $\\beta = ${fmt(beta)}$.`,
    },
    {
      id: "divided-by-variance",
      value: x.map((v) => (gamma * (v - s.mean)) / s.variance + beta),
      explanation: `Divided by the variance $\\sigma^2$; normalisation divides by the standard deviation $\\sqrt{\\sigma^2 + \\epsilon}$.`,
    },
    {
      id: "forgot-mean",
      value: x.map((v) => (gamma * v) / s.std + beta),
      explanation: `Forgot to subtract the mean: $\\hat x_i = (x_i - \\mu)/\\sigma$ with $\\mu = ${texNum(s.mean, 6)}$.`,
    },
    {
      id: "gamma-beta-swapped",
      value: s.xHat.map((v) => beta * v + gamma),
      optional: true,
      explanation: `Swapped the roles of $\\gamma$ and $\\beta$: $\\gamma$ scales, $\\beta$ shifts, $y_i = \\gamma\\,\\hat x_i + \\beta$.`,
    },
    {
      id: "shift-before-scale",
      value: s.xHat.map((v) => gamma * (v + beta)),
      optional: true,
      explanation: `Computed $\\gamma(\\hat x_i + \\beta)$; the shift comes after the scale, $y_i = \\gamma\\,\\hat x_i + \\beta$.`,
    },
  ];
  const mistakes = resolveMistakes(expected, cands, { kind: "vector", length: expected.length, tolerance: { rel: REL_TOL } }, true);
  return mistakes ? { draw: { x, gamma, beta }, expected, mistakes } : null;
}

function build(seed: number, params: ExerciseParams): { built: Built; d: 1 | 2 | 3 } {
  const d = difficultyParam(params);
  const rng = createRng(seed);
  const built = drawUntil(rng, (r) => buildOnce(r, SIZES[d - 1] as number, d), (x) => x !== null, 1000) as Built;
  return { built, d };
}

/** The raw drawn data of an instance (for tests that recompute the answer independently). */
export function drawBatchnormForward(seed: number, params: ExerciseParams): BatchnormForwardDraw {
  return build(seed, params).built.draw;
}

export const batchnormForward: LegacyGenerator = {
  id: "batchnorm-forward",
  title: "Batch-normalise a small mini-batch",
  params: {},
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, d } = build(seed, params);
    const { draw, expected, mistakes } = built;
    const { x, gamma, beta } = draw;
    const m = x.length;
    const s = stats(x);
    const formulas =
      d === 1
        ? [
            ``,
            `$$`,
            `\\mu = \\frac1m \\sum_{i=1}^m x_i,\\qquad \\sigma^2 = \\frac1m \\sum_{i=1}^m (x_i-\\mu)^2,\\qquad \\hat x_i = \\frac{x_i-\\mu}{\\sqrt{\\sigma^2+\\epsilon}},\\qquad y_i = \\gamma\\,\\hat x_i + \\beta.`,
            `$$`,
          ]
        : [];
    const prompt = [
      `A BatchNorm layer in **training mode** normalises one feature over a mini-batch of $m = ${m}$ examples:`,
      ``,
      `$$`,
      `x = ${texList(x, 6)},\\qquad \\gamma = ${fmt(gamma)},\\qquad \\beta = ${fmt(beta)},\\qquad \\epsilon = 0.`,
      `$$`,
      ``,
      `It uses the batch mean and the biased batch variance (dividing by $m$), as BatchNorm does during training.`,
      ...formulas,
      ``,
      `What are the outputs $y_1, \\dots, y_${m}$? Enter all ${m} values, comma-separated, in the order of the batch. Keep at least ${INTERMEDIATE_SIG_FIGS} significant digits in $\\mu$, $\\sigma$ and the $\\hat x_i$ while you work (an output near 0 is sensitive to their rounding); ${ANSWER_SIG_FIGS} significant digits are enough for each $y_i$ you enter.`,
    ].join("\n");
    const sumTerms = x.map((v, i) => (i === 0 ? fmt(v) : texTerm(v, fmt))).join(" ");
    const rows = x.map(
      (v, i) =>
        `| ${i + 1} | $${fmt(v)}$ | $${texNum(v - s.mean, INTERMEDIATE_SIG_FIGS)}$ | $${texNum((v - s.mean) ** 2, INTERMEDIATE_SIG_FIGS)}$ | $${texNum(s.xHat[i] as number, INTERMEDIATE_SIG_FIGS)}$ | $${texNum(expected[i] as number, ANSWER_SIG_FIGS)}$ |`,
    );
    const sqSum = x.reduce((acc, v) => acc + (v - s.mean) ** 2, 0);
    const solution = [
      `**1. Mean:**`,
      ``,
      `$$`,
      `\\mu = \\frac{1}{${m}}\\bigl(${sumTerms}\\bigr) = ${texNum(s.mean, 6)}.`,
      `$$`,
      ``,
      `**2. Biased variance and standard deviation** (divide by $m = ${m}$; $\\epsilon = 0$):`,
      ``,
      `$$`,
      `\\sigma^2 = \\frac{1}{${m}}\\sum_i (x_i-\\mu)^2 = \\frac{${texNum(sqSum, 6)}}{${m}} = ${texNum(s.variance, 6)},\\qquad \\sqrt{\\sigma^2+\\epsilon} = ${texNum(s.std, 6)}.`,
      `$$`,
      ``,
      `**3. Normalise, then scale and shift:** $\\hat x_i = (x_i-\\mu)/${texNum(s.std, 6)}$, $y_i = ${fmt(gamma)}\\,\\hat x_i ${texTerm(beta, fmt)}$.`,
      ``,
      `| $i$ | $x_i$ | $x_i-\\mu$ | $(x_i-\\mu)^2$ | $\\hat x_i$ | $y_i$ |`,
      `|---|---|---|---|---|---|`,
      ...rows,
      ``,
      `Check: the $\\hat x_i$ have mean 0 and (biased) variance 1, so the $y_i$ have mean $\\beta = ${fmt(beta)}$ and standard deviation $|\\gamma| = ${fmt(Math.abs(gamma))}$.`,
      ``,
      `**Answer:** $${texList(expected, 4)}$`,
    ].join("\n");
    const hint = `Start with the batch statistics: $\\mu = ${texNum(s.mean, 6)}$; the variance divides the sum of squared deviations by $m = ${m}$ (not $m-1$), and $\\hat x_i$ divides by its square root. Then $y_i = \\gamma\\,\\hat x_i + \\beta$.`;
    return {
      generator: "batchnorm-forward",
      seed,
      locale: "en" as const,
      params: { ...params, difficulty: d },
      prompt,
      answer: { kind: "vector", length: m, tolerance: { rel: REL_TOL } },
      expected,
      expectedTex: texList(expected, 4),
      mistakes,
      hint,
      solution,
    };
  },
};
