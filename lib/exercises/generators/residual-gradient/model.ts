import { sigmoid, sigmoidPrime, tanh, tanhPrime } from "@/lib/engine/activations";
import { echoesAnswer } from "../../kit/echo";
import type { Rng } from "@/lib/engine/rng";
import { roundedUniform } from "../../kit/draw";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import { texNum } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * A stack of K scalar residual blocks
 *   x_k = x_{k-1} + w_k\, f(x_{k-1}),\qquad k = 1, \dots, K.
 * Each block's local derivative is the identity path plus the branch:
 *   \frac{\partial x_k}{\partial x_{k-1}} = 1 + w_k\, f'(x_{k-1}),
 * and the chain rule multiplies them:
 *   \frac{\partial x_K}{\partial x_0} = \prod_{k=1}^{K} \bigl(1 + w_k f'(x_{k-1})\bigr).
 * A plain stack with the same weights, p_0 = x_0, p_k = w_k f(p_{k-1}), has its own
 * forward pass and the gradient \prod_k w_k f'(p_{k-1}), a product of small numbers
 * that vanishes with depth. The weights are drawn so every branch slope is small,
 * |w_k f'| ≤ BRANCH_MAX (|w| ≤ 0.6 for tanh, f' ≤ 1; |w| ≤ 2.4 for sigmoid, f' ≤ ¼),
 * at any point: every residual factor then lies in [1 − BRANCH_MAX, 1 + BRANCH_MAX]
 * and every plain factor is at most BRANCH_MAX in size.
 * Derivatives used: \tanh'(x) = 1 - \tanh^2(x), \ \sigma'(x) = \sigma(x)\,(1 - \sigma(x)).
 */

/** Largest branch slope |w_k f'(·)|, guaranteed by the weight ranges below. */
export const BRANCH_MAX = 0.6;
/** Weight ranges [min |w|, max |w|]: max |w| · max f' = BRANCH_MAX. */
const W_RANGE = { tanh: [0.2, BRANCH_MAX], sigmoid: [0.8, 4 * BRANCH_MAX] } as const;

/** Number of blocks by difficulty. */
const BLOCKS = [2, 3, 5] as const;

/** How answers are compared: a number within 0.5 %. */
const NUMBER_SPEC: AnswerSpec = { kind: "number", tolerance: { rel: REL_TOL } };

export type ResidualActivation = "tanh" | "sigmoid";

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
}

export interface Drawn {
  activation: ResidualActivation;
  x0: number;
  /** w_1 … w_K. */
  w: number[];
}

export interface Solution extends Solved {
  expected: number;
  /** Number of blocks. */
  K: number;
  /** x_0 … x_K. */
  xs: number[];
  /** f′(x_{k−1}), k = 1..K. */
  fp: number[];
  /** w_k f′(x_{k−1}), the branch slopes. */
  branch: number[];
  /** 1 + w_k f′(x_{k−1}): the answer is their product, in this order. */
  factors: number[];
  /** The plain stack's states p_0 … p_K. */
  ps: number[];
  /** ∏ w_k f′(p_{k−1}), the plain stack's gradient. */
  plain: number;
}

export type MistakeId =
  | "no-shortcut"
  | "added-not-multiplied"
  | "dropped-f-prime"
  | "identity-only"
  | "f-instead-of-derivative"
  | "derivative-at-output"
  | "one-block-missing";

export const ACT: Record<ResidualActivation, { f: (x: number) => number; fp: (x: number) => number }> = {
  tanh: { f: tanh, fp: tanhPrime },
  sigmoid: { f: sigmoid, fp: sigmoidPrime },
};

/** A product in order, from 1 (solve and the step-by-step mode multiply the same way). */
export const prod = (v: readonly number[]): number => v.reduce((p, x) => p * x, 1);

/** The forward pass: x_0 … x_K. */
function forwardStates(d: Drawn): number[] {
  const f = ACT[d.activation].f;
  const xs = [d.x0];
  for (const wk of d.w) {
    const prev = xs[xs.length - 1] as number;
    xs.push(prev + wk * f(prev));
  }
  return xs;
}

/** The plain stack p_k = w_k f(p_{k-1}) from the same x_0, on its own forward pass: p_0 … p_K. */
function plainStates(d: Drawn): number[] {
  const f = ACT[d.activation].f;
  const ps = [d.x0];
  for (const wk of d.w) ps.push(wk * f(ps[ps.length - 1] as number));
  return ps;
}


export function draw(rng: Rng, p: Params): Drawn {
  const K = BLOCKS[p.difficulty - 1] as number;
  // Difficulty 1 stays with tanh; later, sigmoid too (σ' ≤ 1/4, so its weights are drawn larger).
  const activation: ResidualActivation = p.difficulty === 1 ? "tanh" : rng.pick(["tanh", "sigmoid"] as const);
  const x0 = roundedUniform(rng, -1.5, 1.5, 1);
  const [wMin, wMax] = W_RANGE[activation];
  const w = Array.from({ length: K }, () => roundedUniform(rng, -wMax, wMax, 2, wMin));
  return { activation, x0, w };
}

export function solve(d: Drawn): Solution | null {
  const { w } = d;
  const act = ACT[d.activation];
  const xs = forwardStates(d);
  const fp = w.map((_, k) => act.fp(xs[k] as number));
  // A saturated branch (f' ≈ 0) makes its block a plain identity: the point of the exercise is lost.
  if (fp.some((v) => v < 0.05)) return null;
  const branch = w.map((wk, k) => wk * (fp[k] as number));
  const factors = branch.map((b) => 1 + b);
  // A factor near 0 would make the whole gradient ≈ 0 for a boring reason.
  if (factors.some((f) => Math.abs(f) < 0.1)) return null;
  const expected = prod(factors);
  if (!(Math.abs(expected) >= 1e-3 && Math.abs(expected) < 1e3)) return null;
  const ps = plainStates(d);
  return {
    answer: NUMBER_SPEC,
    expected,
    expectedTex: texNum(expected, 4),
    K: w.length,
    xs,
    fp,
    branch,
    factors,
    ps,
    plain: prod(w.map((wk, k) => wk * act.fp(ps[k] as number))),
  };
}

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const { w } = d;
  const act = ACT[d.activation];
  const { xs, branch, factors, expected } = s;
  const cands: (MistakeOf<MistakeId> & { optional?: boolean })[] = [
    { id: "no-shortcut", value: prod(branch) },
    { id: "added-not-multiplied", value: 1 + branch.reduce((acc, b) => acc + b, 0) },
    { id: "dropped-f-prime", value: prod(w.map((wk) => 1 + wk)) },
    { id: "identity-only", value: 1 },
    { id: "f-instead-of-derivative", value: prod(w.map((wk, k) => 1 + wk * act.f(xs[k] as number))), optional: true },
    { id: "derivative-at-output", value: prod(w.map((wk, k) => 1 + wk * act.fp(xs[k + 1] as number))), optional: true },
    { id: "one-block-missing", value: prod(factors.slice(1)), optional: true },
  ];
  return resolveMistakes(expected, cands, NUMBER_SPEC, true);
}

/** As before the move to defineExercise: no drawn number (x_0, w_k) may already be accepted as the answer. */
export function showsAnswer(_prompt: string, d: Drawn, s: Solution): boolean {
  return echoesAnswer([d.x0, ...d.w], s.expected);
}
