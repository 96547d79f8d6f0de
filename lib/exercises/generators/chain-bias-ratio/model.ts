import type { Rng } from "@/lib/engine/rng";
import { chainBiasGradients, type ChainDraw, chainForward, type ChainTrace, drawChainCandidate } from "../../kit/chain";
import { REL_TOL, resolveAllMistakes } from "../../kit/mistakes";
import type { Difficulty } from "../../kit/params";
import { texNum } from "../../kit/tex";
import type { MistakeOf, Solved, StepOf } from "../../define";
import type { ExerciseParams } from "../../types";

/**
 * How much faster layer 3 learns than layer 1 in a sigmoid chain. Both bias
 * gradients share the tail of the chain from σ′(z_3) on:
 *   \frac{\partial C}{\partial b_1} = \sigma'(z_1)\,w_2\sigma'(z_2)\,w_3 \cdot
 *     \underbrace{\sigma'(z_3)\prod_{j=4}^{L} w_j\sigma'(z_j)\,(a_L - y)}_{\partial C/\partial b_3},
 * so
 *   \frac{\partial C/\partial b_3}{\partial C/\partial b_1} = \frac{1}{\sigma'(z_1)\,w_2\,\sigma'(z_2)\,w_3},
 * and since \sigma'(z) = \sigma(z)(1-\sigma(z)) \le \tfrac14, |w_j| \le 1 gives |ratio| ≥ 16.
 * The ratio is signed (sign of w_2 w_3): its size says how many times faster
 * b_3 learns, its sign whether the two gradients point the same way.
 *
 * Difficulty ladder (the answer depends only on layers 1..3, so depth alone
 * would leave the same seed with the same answer): 1 = positive weights in
 * [0.2, 1] (no sign to track); 2 = weights of either sign, |w| ≤ 1; 3 = a
 * deeper chain with |w| up to 2.5 and |w_2| or |w_3| above 1, where the
 * ≥ 16 bound no longer holds.
 */

interface Level {
  L: number;
  wMax: number;
  positiveWeights: boolean;
}
const LEVELS: Record<Difficulty, Level> = {
  1: { L: 4, wMax: 1, positiveWeights: true },
  2: { L: 5, wMax: 1, positiveWeights: false },
  3: { L: 6, wMax: 2.5, positiveWeights: false },
};

/** Keeps every unit out of saturation and the output away from the target (FD-checkable, non-degenerate). */
const MIN_FPRIME = 0.03;
const MIN_RESIDUAL = 0.05;
const MIN_GRAD = 1e-8;

export interface Params extends ExerciseParams {
  difficulty: Difficulty;
}

export type Drawn = ChainDraw;

export interface Solution extends Solved {
  expected: number;
  trace: ChainTrace;
  /** Depth L. */
  L: number;
  /** σ′(z_1), σ′(z_2). */
  s1: number;
  s2: number;
  w2: number;
  w3: number;
  /** The ratio's denominator σ′(z_1) w_2 σ′(z_2) w_3 = (∂C/∂b_1)/(∂C/∂b_3). */
  denominator: number;
}

export type MistakeId = "inverted" | "bound-16" | "bound-16-signed" | "dropped-sign" | "dropped-sigma1" | "off-by-one-layer";


export function draw(rng: Rng, p: Params): Drawn | null {
  const { L, wMax, positiveWeights } = LEVELS[p.difficulty];
  return drawChainCandidate(rng, { activation: "sigmoid", L, wMax, wMin: 0.2, positiveWeights });
}

/** The ratio from σ′(z_1) and σ′(z_2): one expression for solve() and the last step, so both give the same bits. */
const ratioOf = (s1: number, w2: number, s2: number, w3: number): number => 1 / (s1 * w2 * s2 * w3);

export function solve(d: Drawn, p: Params): Solution | null {
  const L = d.w.length;
  const [, w2, w3] = d.w as [number, number, number];
  // Difficulty 3 is about the bound failing: |w_2 w_3| > 1 (the ≥ 16 argument needs |w_2 w_3| ≤ 1).
  if (LEVELS[p.difficulty].wMax > 1 && Math.abs(w2 * w3) <= 1) return null;
  const trace = chainForward(d);
  const { a, fp } = trace;
  if (fp.some((v) => v < MIN_FPRIME)) return null;
  if (Math.abs((a[L] as number) - d.y) < MIN_RESIDUAL) return null;
  const grads = chainBiasGradients(d, trace);
  if (Math.abs(grads[0] as number) < MIN_GRAD) return null;
  const s1 = fp[0] as number;
  const s2 = fp[1] as number;
  const expected = ratioOf(s1, w2, s2, w3);
  if (!Number.isFinite(expected)) return null;
  return {
    answer: { kind: "number", tolerance: { rel: REL_TOL } },
    expected,
    expectedTex: texNum(expected, 4),
    trace,
    L,
    s1,
    s2,
    w2,
    w3,
    denominator: s1 * w2 * s2 * w3,
  };
}

export function mistakes(_d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const { s1, s2, w2, w3, expected } = s;
  const cands: MistakeOf<MistakeId>[] = [
    { id: "inverted", value: s1 * w2 * s2 * w3 },
    // The bound is quoted as a size, so a learner answers 16 whatever the sign of the ratio.
    { id: "bound-16", value: 16 },
    ...(expected < 0
      ? [
          { id: "bound-16-signed" as const, value: -16 },
          { id: "dropped-sign" as const, value: -expected },
        ]
      : []),
    { id: "dropped-sigma1", value: 1 / (w2 * s2 * w3) },
    { id: "off-by-one-layer", value: 1 / (s1 * w2) },
  ];
  return resolveAllMistakes(expected, cands);
}

/**
 * Step by step: the two derivatives the ratio needs, σ′(z_1) and σ′(z_2) (the
 * weights w_2, w_3 are given), then the ratio 1/(σ′(z_1) w_2 σ′(z_2) w_3)
 * from the learner's own two values (error carried forward; the sign comes
 * from w_2 w_3). The factors are asked without their weights because the
 * ratio multiplies in the order σ′(z_1)·w_2·σ′(z_2)·w_3: a step w_2 σ′(z_2)
 * would group the product differently and the true values would miss the
 * expected answer in the last bits.
 */
export function steps(_d: Drawn, s: Solution): StepOf[] {
  const { s1, s2, w2, w3 } = s;
  return [
    { id: "sigma-prime-1", tex: "\\sigma'(z_{1})", value: () => s1 },
    { id: "sigma-prime-2", tex: "\\sigma'(z_{2})", value: () => s2 },
    {
      id: "ratio",
      tex: "\\dfrac{\\partial C/\\partial b_{3}}{\\partial C/\\partial b_{1}} = \\dfrac{1}{\\sigma'(z_{1})\\,w_{2}\\,\\sigma'(z_{2})\\,w_{3}}",
      value: (earlier) => ratioOf(earlier[0] as number, w2, earlier[1] as number, w3),
    },
  ];
}
