import { createRng, type Rng } from "../rng";
import {
  chainBiasGradients,
  type ChainDraw,
  chainForward,
  type ChainTrace,
  checkedDifficulty,
  drawChainCandidate,
  fmtDrawn,
  promptShowsAnswer,
  resolveAllMistakes,
} from "./chain-common";
import { drawUntil, texNum } from "./format";
import { type MistakeCandidate, REL_TOL } from "./shared-b";
import type { ExerciseGenerator, ExerciseInstance, ExerciseParams, KnownMistake } from "./types";

/**
 * How much faster layer 3 learns than layer 1 in a sigmoid chain. Both bias
 * gradients share the tail of the chain from σ′(z_3) on:
 *   \frac{\partial C}{\partial b_1} = \sigma'(z_1)\,w_2\sigma'(z_2)\,w_3 \cdot
 *     \underbrace{\sigma'(z_3)\prod_{j=4}^{L} w_j\sigma'(z_j)\,(a_L - y)}_{\partial C/\partial b_3},
 * so
 *   \frac{\partial C/\partial b_3}{\partial C/\partial b_1} = \frac{1}{\sigma'(z_1)\,w_2\,\sigma'(z_2)\,w_3},
 * and since \sigma'(z) = \sigma(z)(1-\sigma(z)) \le \tfrac14, |w_j| \le 1 gives |ratio| ≥ 16.
 */

const DEPTHS = [4, 5, 6] as const;

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
    `| $w_j$ | ${d.w.map((v) => `$${fmtDrawn(v)}$`).join(" | ")} |`,
    `| $b_j$ | ${d.b.map((v) => `$${fmtDrawn(v)}$`).join(" | ")} |`,
    ``,
    `Input $x = ${fmtDrawn(d.x)}$, target $y = ${fmtDrawn(d.y)}$.`,
    ``,
    `How many times faster does the third bias learn than the first? Compute the ratio $\\dfrac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1}$ and give it as a number, with its sign (4 significant digits are enough).`,
  ].join("\n");
}

function buildOnce(rng: Rng, L: number): Built | null {
  const draw = drawChainCandidate(rng, { activation: "sigmoid", L, wMax: 1, wMin: 0.2 });
  if (!draw) return null;
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
  const cands: MistakeCandidate[] = [
    {
      id: "inverted",
      value: s1 * w2 * s2 * w3,
      explanation: `Inverted: that is $(\\partial C/\\partial b_1)/(\\partial C/\\partial b_3)$, how much *slower* layer 1 learns, not how much faster layer 3 learns.`,
    },
    {
      id: "bound-16",
      value: 16 * Math.sign(expected),
      explanation: `Used the worst case $1/(\\tfrac14\\cdot\\tfrac14) = 16$ from $|w\\sigma'| \\le \\tfrac14$ instead of the actual factors; with $|w_j| \\le 1$, 16 is only a lower bound on the ratio's size.`,
    },
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
  const d = checkedDifficulty(params);
  const rng = createRng(seed);
  const built = drawUntil(rng, (r) => buildOnce(r, DEPTHS[d - 1] as number), (x) => x !== null, 2000) as Built;
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
      : `The worst-case bound $|\\text{ratio}| \\ge 16$ needs $|w_2|, |w_3| \\le 1$, which does not hold for this draw.`;
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
    `\\sigma'(z_1)\\cdot w_2\\,\\sigma'(z_2)\\cdot w_3 = ${n5(s1)} \\cdot (${n5(w2 * s2)}) \\cdot (${fmtDrawn(w3)}) = ${texNum(p, 5)}, \\qquad \\frac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1} = \\frac{1}{${texNum(p, 5)}} = ${expectedTex}`,
    `$$`,
    ``,
    bound,
    ``,
    `**Answer:** $\\dfrac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1} = ${expectedTex}$`,
  ].join("\n");
}

function hintText(b: Built): string {
  const { trace } = b;
  return `Write $\\partial C/\\partial b_1$ and $\\partial C/\\partial b_3$ as chain-rule products and cancel what they share (everything from $\\sigma'(z_3)$ on). Three factors remain: $\\sigma'(z_1)$, $w_2\\sigma'(z_2)$ and $w_3$. Check the first: $z_1 = ${texNum(trace.z[0] as number, 5)}$, $\\sigma'(z_1) = ${texNum(trace.fp[0] as number, 5)}$.`;
}

export const chainBiasRatio: ExerciseGenerator = {
  id: "chain-bias-ratio",
  title: "How much faster layer 3 learns than layer 1",
  params: {},
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, d } = build(seed, params);
    const expectedTex = texNum(built.expected, 4);
    return {
      generator: "chain-bias-ratio",
      seed,
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
