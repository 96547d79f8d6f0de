import { sigmoid, sigmoidPrime, tanh, tanhPrime } from "@/lib/engine/activations";
import { createRng, type Rng } from "@/lib/engine/rng";
import { drawUntil, roundedUniform } from "../kit/draw";
import { echoesAnswer } from "../kit/echo";
import { REL_TOL, resolveMistakes } from "../kit/mistakes";
import { difficultyParam } from "../kit/params";
import { texNum } from "../kit/tex";
import type { ExerciseInstance, AnswerSpec, ExerciseParams, KnownMistake } from "../types";
import type { LegacyGenerator, LegacyMistakeCandidate } from "../legacy";

/** How answers are compared: a number within 0.5 %. */
const NUMBER_SPEC: AnswerSpec = { kind: "number", tolerance: { rel: REL_TOL } };

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
const BRANCH_MAX = 0.6;
/** Weight ranges [min |w|, max |w|]: max |w| · max f' = BRANCH_MAX. */
const W_RANGE = { tanh: [0.2, BRANCH_MAX], sigmoid: [0.8, 4 * BRANCH_MAX] } as const;

/** Number of blocks by difficulty. */
const BLOCKS = [2, 3, 5] as const;

export type ResidualActivation = "tanh" | "sigmoid";

export interface ResidualGradientDraw {
  activation: ResidualActivation;
  x0: number;
  /** w_1 … w_K. */
  w: number[];
}

interface Built {
  draw: ResidualGradientDraw;
  expected: number;
  mistakes: KnownMistake[];
}

const ACT: Record<ResidualActivation, { f: (x: number) => number; fp: (x: number) => number; tex: string; fpTex: (x: string) => string }> = {
  tanh: { f: tanh, fp: tanhPrime, tex: "\\tanh", fpTex: (x) => `1-\\tanh^2(${x})` },
  sigmoid: { f: sigmoid, fp: sigmoidPrime, tex: "\\sigma", fpTex: (x) => `\\sigma(${x})\\,(1-\\sigma(${x}))` },
};

const fmt = (x: number): string => texNum(x, 6);

/** The forward pass: x_0 … x_K. */
function forwardStates(d: ResidualGradientDraw): number[] {
  const f = ACT[d.activation].f;
  const xs = [d.x0];
  for (const wk of d.w) {
    const prev = xs[xs.length - 1] as number;
    xs.push(prev + wk * f(prev));
  }
  return xs;
}

const prod = (v: readonly number[]): number => v.reduce((p, x) => p * x, 1);

/** The plain stack p_k = w_k f(p_{k-1}) from the same x_0, on its own forward pass: p_0 … p_K. */
function plainStates(d: ResidualGradientDraw): number[] {
  const f = ACT[d.activation].f;
  const ps = [d.x0];
  for (const wk of d.w) ps.push(wk * f(ps[ps.length - 1] as number));
  return ps;
}

function buildOnce(rng: Rng, K: number, d: 1 | 2 | 3): Built | null {
  // Difficulty 1 stays with tanh; later, sigmoid too (σ' ≤ 1/4, so its weights are drawn larger).
  const activation: ResidualActivation = d === 1 ? "tanh" : rng.pick(["tanh", "sigmoid"] as const);
  const x0 = roundedUniform(rng, -1.5, 1.5, 1);
  const [wMin, wMax] = W_RANGE[activation];
  const w = Array.from({ length: K }, () => roundedUniform(rng, -wMax, wMax, 2, wMin));
  const draw: ResidualGradientDraw = { activation, x0, w };
  const act = ACT[activation];
  const xs = forwardStates(draw);
  const fp = w.map((_, k) => act.fp(xs[k] as number));
  // A saturated branch (f' ≈ 0) makes its block a plain identity: the point of the exercise is lost.
  if (fp.some((v) => v < 0.05)) return null;
  const branch = w.map((wk, k) => wk * (fp[k] as number));
  const factors = branch.map((b) => 1 + b);
  // A factor near 0 would make the whole gradient ≈ 0 for a boring reason.
  if (factors.some((f) => Math.abs(f) < 0.1)) return null;
  const expected = prod(factors);
  if (!(Math.abs(expected) >= 1e-3 && Math.abs(expected) < 1e3)) return null;
  if (echoesAnswer([x0, ...w], expected)) return null;
  const f = act.tex;
  const cands: LegacyMistakeCandidate[] = [
    {
      id: "no-shortcut",
      value: prod(branch),
      explanation: `Dropped the shortcut: $\\prod_k w_k ${f}'(x_{k-1})$ keeps only the branches. The identity path adds 1 to every factor: $1 + w_k ${f}'(x_{k-1})$.`,
    },
    {
      id: "added-not-multiplied",
      value: 1 + branch.reduce((s, b) => s + b, 0),
      explanation: `Added the branch terms, $1 + \\sum_k w_k ${f}'(x_{k-1})$; the blocks are composed, so the chain rule *multiplies* the factors $1 + w_k ${f}'(x_{k-1})$.`,
    },
    {
      id: "dropped-f-prime",
      value: prod(w.map((wk) => 1 + wk)),
      explanation: `Dropped $${f}'$: $\\prod_k (1 + w_k)$ treats the branch as linear; its derivative is $w_k\\,${f}'(x_{k-1})$.`,
    },
    {
      id: "identity-only",
      value: 1,
      explanation: `Kept only the shortcut: the identity path gives 1, but each block also adds its branch derivative, $1 + w_k ${f}'(x_{k-1})$, and the factors multiply.`,
    },
    {
      id: "f-instead-of-derivative",
      value: prod(w.map((wk, k) => 1 + wk * act.f(xs[k] as number))),
      optional: true,
      explanation: `Used $${f}(x_{k-1})$ instead of its derivative $${f}'(x_{k-1}) = ${act.fpTex("x_{k-1}")}$.`,
    },
    {
      id: "derivative-at-output",
      value: prod(w.map((wk, k) => 1 + wk * act.fp(xs[k + 1] as number))),
      optional: true,
      explanation: `Evaluated $${f}'$ at the block's output $x_k$; the branch is applied to the block's *input*, so the factor is $1 + w_k ${f}'(x_{k-1})$.`,
    },
    {
      id: "one-block-missing",
      value: prod(factors.slice(1)),
      optional: true,
      explanation: `One block missing: $x_${K}$ depends on $x_0$ through all ${K} blocks, including the first factor $1 + w_1 ${f}'(x_0)$.`,
    },
  ];
  const mistakes = resolveMistakes(expected, cands, NUMBER_SPEC, true);
  return mistakes ? { draw, expected, mistakes } : null;
}

function build(seed: number, params: ExerciseParams): { built: Built; d: 1 | 2 | 3 } {
  const d = difficultyParam(params);
  const rng = createRng(seed);
  const built = drawUntil(rng, (r) => buildOnce(r, BLOCKS[d - 1] as number, d), (x) => x !== null, 1000) as Built;
  return { built, d };
}

/** The raw drawn data of an instance (for tests that recompute the answer independently). */
export function drawResidualGradient(seed: number, params: ExerciseParams): ResidualGradientDraw {
  return build(seed, params).built.draw;
}

export const residualGradient: LegacyGenerator = {
  id: "residual-gradient",
  title: "Gradient through a stack of residual blocks",
  params: {},
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, d } = build(seed, params);
    const { draw, expected, mistakes } = built;
    const { x0, w } = draw;
    const K = w.length;
    const act = ACT[draw.activation];
    const f = act.tex;
    const xs = forwardStates(draw);
    const fp = w.map((_, k) => act.fp(xs[k] as number));
    const branch = w.map((wk, k) => wk * (fp[k] as number));
    const ps = plainStates(draw);
    const plainFactors = w.map((wk, k) => wk * act.fp(ps[k] as number));
    const plain = prod(plainFactors);
    const factors = branch.map((b) => 1 + b);
    const fMin = Math.min(...factors);
    const fMax = Math.max(...factors);
    const ws = w.map((wk, k) => `w_${k + 1} = ${fmt(wk)}`).join(",\\ ");
    const prompt = [
      `A scalar network is a stack of $K = ${K}$ residual blocks, each adding a small ${draw.activation} branch (slope $|w_k\\,${f}'| \\le ${BRANCH_MAX}$) to an identity shortcut:`,
      ``,
      `$$`,
      `x_k = x_{k-1} + w_k\\, ${f}(x_{k-1}), \\qquad k = ${K === 2 ? "1, 2" : `1, \\dots, ${K}`},`,
      `$$`,
      ``,
      `with $x_0 = ${fmt(x0)}$ and $${ws}$.`,
      ``,
      `What is $\\dfrac{\\partial x_{${K}}}{\\partial x_0}$? Give a number (4 significant digits are enough).`,
    ].join("\n");
    let run = 1;
    const rows = w.map((wk, k) => {
      const factor = 1 + (branch[k] as number);
      run *= factor;
      return `| ${k + 1} | $${texNum(xs[k] as number, 5)}$ | $${texNum(fp[k] as number, 5)}$ | $${texNum(branch[k] as number, 5)}$ | $${texNum(factor, 5)}$ | $${texNum(run, 5)}$ |`;
    });
    const solution = [
      `Differentiate one block: the shortcut contributes $1$, the branch $w_k\\,${f}'(x_{k-1})$ with $${f}'(x) = ${act.fpTex("x")}$:`,
      ``,
      `$$`,
      `\\frac{\\partial x_k}{\\partial x_{k-1}} = 1 + w_k\\, ${f}'(x_{k-1}), \\qquad \\frac{\\partial x_{${K}}}{\\partial x_0} = \\prod_{k=1}^{${K}} \\bigl(1 + w_k\\, ${f}'(x_{k-1})\\bigr).`,
      `$$`,
      ``,
      `Run the forward pass to get each block's input $x_{k-1}$, then one factor per block:`,
      ``,
      `| $k$ | $x_{k-1}$ | $${f}'(x_{k-1})$ | $w_k\\,${f}'(x_{k-1})$ | $1 + w_k\\,${f}'(x_{k-1})$ | running product |`,
      `|---|---|---|---|---|---|`,
      ...rows,
      ``,
      `Here every residual factor lies between $${texNum(fMin, 4)}$ and $${texNum(fMax, 4)}$: the branch slope is at most $${BRANCH_MAX}$ in size, and the shortcut adds 1 to it.`,
      ``,
      `For comparison, a **plain** stack with the same weights, $p_0 = x_0$, $p_k = w_k\\,${f}(p_{k-1})$, runs its own forward pass ($${ps
        .slice(1)
        .map((v, k) => `p_${k + 1} = ${texNum(v, 4)}`)
        .join(",\\ ")}$) and has the gradient $\\partial p_{${K}}/\\partial p_0 = \\prod_k w_k\\,${f}'(p_{k-1}) = ${texNum(plain, 4)}$: ${
        Math.abs(plain) < Math.abs(expected)
          ? `each of its factors is a bare branch slope, at most $${BRANCH_MAX}$ in size, so the product is about $${texNum(Math.abs(expected / plain), 3)}$ times smaller than through the residual blocks.`
          : `for this draw it is not smaller, because some residual factors (as low as $${texNum(fMin, 4)}$) shrink the gradient too; the residual factors stay within $${BRANCH_MAX}$ of 1, the plain ones within $${BRANCH_MAX}$ of 0.`
      }`,
      ``,
      `$$`,
      `\\frac{\\partial x_{${K}}}{\\partial x_0} = ${texNum(expected, 4)}`,
      `$$`,
    ].join("\n");
    const hint = `Each block contributes a factor $1 + w_k\\,${f}'(x_{k-1})$, with $${f}'$ evaluated at the block's *input*. Check the first one: $x_0 = ${fmt(x0)}$, so $1 + w_1\\,${f}'(x_0) = ${texNum(1 + (branch[0] as number), 5)}$. Then multiply ${K} such factors.`;
    return {
      generator: "residual-gradient",
      seed,
      locale: "en" as const,
      params: { ...params, difficulty: d },
      prompt,
      answer: { kind: "number", tolerance: { rel: REL_TOL } },
      expected,
      expectedTex: texNum(expected, 4),
      mistakes,
      hint,
      solution,
    };
  },
};
