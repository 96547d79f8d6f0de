import { createRng, type Rng } from "@/lib/engine/rng";
import { chainBiasGradients, type ChainDraw, chainForward, type ChainTrace, drawChainCandidate } from "../kit/chain";
import { drawUntil } from "../kit/draw";
import { promptShowsAnswer } from "../kit/echo";
import { REL_TOL, resolveAllMistakes } from "../kit/mistakes";
import { difficultyParam } from "../kit/params";
import { texDrawn, texNum } from "../kit/tex";
import type { ExerciseInstance, ExerciseParams, KnownMistake } from "../types";
import type { LegacyGenerator, LegacyMistakeCandidate } from "../legacy";

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
const LEVELS: Record<1 | 2 | 3, Level> = {
  1: { L: 4, wMax: 1, positiveWeights: true },
  2: { L: 5, wMax: 1, positiveWeights: false },
  3: { L: 6, wMax: 2.5, positiveWeights: false },
};

/** Keeps every unit out of saturation and the output away from the target (FD-checkable, non-degenerate). */
const MIN_FPRIME = 0.03;
const MIN_RESIDUAL = 0.05;
const MIN_GRAD = 1e-8;

interface Built {
  draw: ChainDraw;
  trace: ChainTrace;
  expected: number;
  mistakes: KnownMistake[];
  prompt: string;
}

function promptText(d: ChainDraw): string {
  const L = d.w.length;
  const idx = d.w.map((_, i) => `${i + 1}`);
  return [
    `A chain of $L = ${L}$ sigmoid neurons, one per layer:`,
    ``,
    `$$`,
    `a_0 = x, \\qquad z_j = w_j\\,a_{j-1} + b_j, \\qquad a_j = \\sigma(z_j) \\quad (j = 1, \\dots, ${L}), \\qquad C = \\tfrac12\\,(a_{${L}} - y)^2.`,
    `$$`,
    ``,
    `| $j$ | ${idx.join(" | ")} |`,
    `|---|${idx.map(() => "---").join("|")}|`,
    `| $w_j$ | ${d.w.map((v) => `$${texDrawn(v)}$`).join(" | ")} |`,
    `| $b_j$ | ${d.b.map((v) => `$${texDrawn(v)}$`).join(" | ")} |`,
    ``,
    `Input $x = ${texDrawn(d.x)}$, target $y = ${texDrawn(d.y)}$.`,
    ``,
    `Compute the signed ratio $r = \\dfrac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1}$. Its size $|r|$ is how many times faster the third bias learns than the first; its sign says whether the two gradients point the same way ($r < 0$: opposite signs). Give $r$ as a number with its sign (4 significant digits are enough).`,
  ].join("\n");
}

function buildOnce(rng: Rng, level: Level): Built | null {
  const { L, wMax, positiveWeights } = level;
  const draw = drawChainCandidate(rng, { activation: "sigmoid", L, wMax, wMin: 0.2, positiveWeights });
  if (!draw) return null;
  // Difficulty 3 is about the bound failing: |w_2 w_3| > 1 (the ≥ 16 argument needs |w_2 w_3| ≤ 1).
  if (wMax > 1 && Math.abs((draw.w[1] as number) * (draw.w[2] as number)) <= 1) return null;
  const trace = chainForward(draw);
  const { a, fp } = trace;
  if (fp.some((v) => v < MIN_FPRIME)) return null;
  if (Math.abs((a[L] as number) - draw.y) < MIN_RESIDUAL) return null;
  const grads = chainBiasGradients(draw, trace);
  if (Math.abs(grads[0] as number) < MIN_GRAD) return null;
  const s1 = fp[0] as number;
  const s2 = fp[1] as number;
  const [, w2, w3] = draw.w as [number, number, number];
  const expected = 1 / (s1 * w2 * s2 * w3);
  if (!Number.isFinite(expected)) return null;
  const boundHolds = Math.abs(w2 * w3) <= 1;
  const boundWhy = boundHolds
    ? `with $|w_2 w_3| \\le 1$, 16 is only a lower bound on the ratio's size.`
    : `and that bound needs $|w_2 w_3| \\le 1$, which fails here ($|w_2 w_3| = ${texNum(Math.abs(w2 * w3), 4)}$).`;
  const cands: LegacyMistakeCandidate[] = [
    {
      id: "inverted",
      value: s1 * w2 * s2 * w3,
      explanation: `Inverted: that is $(\\partial C/\\partial b_1)/(\\partial C/\\partial b_3)$, how much *slower* layer 1 learns, not how much faster layer 3 learns.`,
    },
    {
      // The bound is quoted as a size, so a learner answers 16 whatever the sign of the ratio.
      id: "bound-16",
      value: 16,
      explanation: `Used the worst case $1/(\\tfrac14\\cdot\\tfrac14) = 16$ from $|w\\sigma'| \\le \\tfrac14$ instead of the actual factors; ${boundWhy}`,
    },
    ...(expected < 0
      ? [
          {
            id: "bound-16-signed",
            value: -16,
            explanation: `Used the worst case $-16$ (the bound $1/(\\tfrac14\\cdot\\tfrac14)$ with the sign of $w_2 w_3$) instead of the actual factors; ${boundWhy}`,
          },
          {
            id: "dropped-sign",
            value: -expected,
            explanation: `Dropped the sign: the size is right, but $w_2 w_3 = ${texDrawn(w2)} \\cdot (${texDrawn(w3)}) < 0$ makes $\\partial C/\\partial b_3$ and $\\partial C/\\partial b_1$ opposite in sign, so the ratio is negative.`,
          },
        ]
      : []),
    {
      id: "dropped-sigma1",
      value: 1 / (w2 * s2 * w3),
      explanation: `Dropped $\\sigma'(z_1)$: $b_1$ reaches the rest of the chain through its own unit, $\\partial a_1/\\partial b_1 = \\sigma'(z_1)$.`,
    },
    {
      id: "off-by-one-layer",
      value: 1 / (s1 * w2),
      explanation: `Went back one layer only: $1/(\\sigma'(z_1)\\,w_2)$ is $(\\partial C/\\partial b_2)/(\\partial C/\\partial b_1)$; from $b_3$ you also cross $\\sigma'(z_2)$ and $w_3$.`,
    },
  ];
  const mistakes = resolveAllMistakes(expected, cands);
  if (!mistakes) return null;
  const prompt = promptText(draw);
  if (promptShowsAnswer(prompt, expected)) return null;
  return { draw, trace, expected, mistakes, prompt };
}

function build(seed: number, params: ExerciseParams) {
  const d = difficultyParam(params);
  const rng = createRng(seed);
  const built = drawUntil(rng, (r) => buildOnce(r, LEVELS[d]), (x) => x !== null, 2000) as Built;
  return { built, d };
}

/** The raw drawn chain of an instance (for tests that recompute the answer independently). */
export function drawChainBiasRatio(seed: number, params: ExerciseParams): ChainDraw {
  return build(seed, params).built.draw;
}

function solutionText(b: Built, expectedTex: string): string {
  const { draw, trace, expected } = b;
  const { z, a, fp } = trace;
  const L = draw.w.length;
  const n5 = (v: number) => texNum(v, 5);
  const [, w2, w3] = draw.w as [number, number, number];
  const s1 = fp[0] as number;
  const s2 = fp[1] as number;
  const p = s1 * w2 * s2 * w3;
  const bound =
    Math.abs(w2) <= 1 && Math.abs(w3) <= 1
      ? `Why it is large: $\\sigma'(z_1) \\le \\tfrac14$, $|w_2\\sigma'(z_2)| \\le \\tfrac14|w_2| \\le \\tfrac14$ and $|w_3| \\le 1$, so the denominator is at most $\\tfrac1{16}$ in size and $|\\text{ratio}| \\ge 16$. The actual factors are smaller than these worst cases, so here the ratio is $${texNum(Math.abs(expected) / 16, 3)}$ times that bound: layer 1 learns far more slowly than layer 3 — the vanishing gradient in numbers.`
      : `The worst-case bound $|\\text{ratio}| \\ge 16$ needs $|w_2 w_3| \\le 1$, which does not hold for this draw ($|w_2 w_3| = ${texNum(Math.abs(w2 * w3), 4)}$): a weight larger than 1 makes up for part of the $\\sigma' \\le \\tfrac14$ loss, so here $|\\text{ratio}| = ${texNum(Math.abs(expected), 4)}$${Math.abs(expected) < 16 ? " is below 16" : ""}.`;
  return [
    `Write both gradients as products along the chain. They share everything from $\\sigma'(z_3)$ to the output:`,
    ``,
    `$$`,
    `\\frac{\\partial C}{\\partial b_1} = \\sigma'(z_1)\\,w_2\\,\\sigma'(z_2)\\,w_3 \\cdot \\underbrace{\\sigma'(z_3)\\prod_{j=4}^{${L}} w_j\\,\\sigma'(z_j)\\,(a_{${L}} - y)}_{\\partial C/\\partial b_3}`,
    `$$`,
    ``,
    `so the common part (including $\\sigma'(z_3)$, the later layers and the target $y$) cancels:`,
    ``,
    `$$`,
    `\\frac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1} = \\frac{1}{\\sigma'(z_1)\\,w_2\\,\\sigma'(z_2)\\,w_3}, \\qquad \\sigma'(z) = \\sigma(z)\\bigl(1 - \\sigma(z)\\bigr).`,
    `$$`,
    ``,
    `Only the first two units are needed:`,
    ``,
    `| $j$ | $z_j = w_j a_{j-1} + b_j$ | $a_j = \\sigma(z_j)$ | $\\sigma'(z_j) = a_j(1-a_j)$ |`,
    `|---|---|---|---|`,
    `| 1 | $${n5(z[0] as number)}$ | $${n5(a[1] as number)}$ | $${n5(s1)}$ |`,
    `| 2 | $${n5(z[1] as number)}$ | $${n5(a[2] as number)}$ | $${n5(s2)}$ |`,
    ``,
    `$$`,
    `\\sigma'(z_1)\\cdot w_2\\,\\sigma'(z_2)\\cdot w_3 = ${n5(s1)} \\cdot (${n5(w2 * s2)}) \\cdot (${texDrawn(w3)}) = ${texNum(p, 5)}, \\qquad \\frac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1} = \\frac{1}{${texNum(p, 5)}} = ${expectedTex}`,
    `$$`,
    ``,
    bound,
    ``,
    `The sign: $\\sigma' > 0$, so the ratio has the sign of $w_2 w_3 = ${texDrawn(w2)} \\cdot ${w3 < 0 ? `(${texDrawn(w3)})` : texDrawn(w3)}$, ${
      expected < 0
        ? "negative: $b_3$ and $b_1$ are pushed in opposite directions by the same error."
        : "positive: $b_3$ and $b_1$ are pushed in the same direction."
    }`,
    ``,
    `**Answer:** $\\dfrac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1} = ${expectedTex}$`,
  ].join("\n");
}

function hintText(b: Built): string {
  const { trace } = b;
  return `Write $\\partial C/\\partial b_1$ and $\\partial C/\\partial b_3$ as chain-rule products and cancel what they share (everything from $\\sigma'(z_3)$ on). Three factors remain: $\\sigma'(z_1)$, $w_2\\sigma'(z_2)$ and $w_3$. Check the first: $z_1 = ${texNum(trace.z[0] as number, 5)}$, $\\sigma'(z_1) = ${texNum(trace.fp[0] as number, 5)}$.`;
}

export const chainBiasRatio: LegacyGenerator = {
  id: "chain-bias-ratio",
  title: "How much faster layer 3 learns than layer 1",
  params: {},
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, d } = build(seed, params);
    const expectedTex = texNum(built.expected, 4);
    return {
      generator: "chain-bias-ratio",
      seed,
      locale: "en" as const,
      params: { ...params, difficulty: d },
      prompt: built.prompt,
      answer: { kind: "number", tolerance: { rel: REL_TOL } },
      expected: built.expected,
      expectedTex,
      mistakes: built.mistakes,
      hint: hintText(built),
      solution: solutionText(built, expectedTex),
    };
  },
};
